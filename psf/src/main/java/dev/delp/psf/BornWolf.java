package dev.delp.psf;

/**
 * The scalar Born–Wolf widefield PSF (as in the EPFL PSF Generator; DESIGN.md §4):
 * <pre>
 *   h(r, z) = | ∫₀¹ J₀(k·NA·r·ρ) · exp(−½ i·k·ρ²·z·NA²/n) ρ dρ |²,   k = 2π/λ
 * </pre>
 * Closed forms: {@code h(r,0) = ¼[2J₁(v)/v]²} (Airy, v = k·NA·r) and {@code h(0,z) = ¼ sinc²(u/4)},
 * u = k·NA²·z/n. h is even in z.
 *
 * <p>{@link #intensity} evaluates the integral directly (composite Gauss–Legendre in ρ with
 * {@link Bessel#j0}). Slices compute a fine radial profile once per defocus ({@link RadialProfile},
 * an equivalent projection form of the same integral) and integrate it over every pixel
 * ({@link PixelRaster}). Immutable and thread-safe; no method spawns threads.
 */
public final class BornWolf {
    /** Largest size {@link #autoSize} may choose. */
    public static final int MAX_AUTO_SIZE = 255;
    /** Largest explicit raster size. */
    public static final int MAX_SIZE = 4095;
    /** Energy fraction the automatic size must hold. */
    public static final double AUTO_ENERGY = 0.99;
    /** Largest |defocus| accepted (µm). */
    public static final double MAX_DEFOCUS_UM = 10_000;
    /** Largest radius {@link #intensity} accepts (µm). */
    public static final double MAX_RADIUS_UM = 10_000;

    private final Optics optics;
    private final double vPerUm, uPerUm;

    /** The model for {@code optics}. */
    public BornWolf(Optics optics) {
        if (optics == null) {
            throw new IllegalArgumentException("optics must not be null");
        }
        this.optics = optics;
        this.vPerUm = optics.vPerUm();
        this.uPerUm = optics.uPerUm();
    }

    /** The optics this model computes PSFs for. */
    public Optics optics() {
        return optics;
    }

    /**
     * Un-normalised {@code h(r, z)} (peak ¼ at r = z = 0), by direct quadrature in ρ: composite
     * 16-point Gauss–Legendre with one panel per 6 rad of the integrand's total phase
     * {@code v + |u|}, so the node count grows with defocus and radius (u = 200 → 34+ panels).
     */
    public double intensity(double radiusUm, double defocusUm) {
        checkDefocus(defocusUm);
        if (!(Double.isFinite(radiusUm) && radiusUm >= 0 && radiusUm <= MAX_RADIUS_UM)) {
            throw new IllegalArgumentException("radiusUm must be in [0, " + MAX_RADIUS_UM + "] µm, got " + radiusUm);
        }
        return intensityDirect(radiusUm * vPerUm, defocusUm * uPerUm, 6.0);
    }

    /** Direct ρ-quadrature at optical coordinates (v, u); one 16-node panel per {@code phasePerPanel} rad. */
    static double intensityDirect(double v, double u, double phasePerPanel) {
        int panels = 1 + (int) Math.ceil((v + Math.abs(u)) / phasePerPanel);
        double[][] q = GaussLegendre.composite(0, 1, panels, 16);
        double re = 0, im = 0;
        for (int i = 0; i < q[0].length; i++) {
            double rho = q[0][i];
            double f = q[1][i] * rho * Bessel.j0(v * rho);
            double ph = 0.5 * u * rho * rho;
            re += f * Math.cos(ph);
            im -= f * Math.sin(ph);
        }
        return re * re + im * im;
    }

    /** Pixel-integrated slice of the given odd size at a defocus (µm), normalised to sum 1. */
    public Psf2d slice(double defocusUm, int size) {
        checkDefocus(defocusUm);
        checkSize(size);
        RadialProfile p = profile(defocusUm, PixelRaster.maxRadiusUm(size, optics.pixelSizeUm()));
        return normalise(size, defocusUm, PixelRaster.raster(p, size, optics.pixelSizeUm()));
    }

    /** Slice at {@link #autoSize(double)}. */
    public Psf2d slice(double defocusUm) {
        checkDefocus(defocusUm);
        Auto a = auto(defocusUm);
        return normalise(a.size, defocusUm, PixelRaster.raster(a.profile, a.size, optics.pixelSizeUm()));
    }

    /**
     * Smallest odd size whose square holds ≥ 99 % of the PSF's total energy. The total is known in
     * closed form (Parseval: ∫h d²v = π for every z), and the energy in a square of half-width L
     * is {@code ∫ h(r)·r·(2π − 8·acos(L/r)⁺) dr} over the radial profile.
     *
     * @throws PsfTooWideException if more than {@value #MAX_AUTO_SIZE} pixels would be needed
     */
    public int autoSize(double defocusUm) {
        checkDefocus(defocusUm);
        return auto(defocusUm).size;
    }

    /**
     * A 3D stack of slices at {@code zMinUm, zMinUm + zStepUm, …} up to {@code zMaxUm} (depth =
     * round((zMax − zMin)/zStep) + 1), pixel-integrated laterally, normalised so the stack sums to 1.
     */
    public Psf3d stack(double zMinUm, double zMaxUm, double zStepUm, int size) {
        checkDefocus(zMinUm);
        checkDefocus(zMaxUm);
        checkSize(size);
        if (!(Double.isFinite(zStepUm) && zStepUm > 0)) {
            throw new IllegalArgumentException("zStepUm must be finite and > 0, got " + zStepUm);
        }
        if (zMaxUm < zMinUm) {
            throw new IllegalArgumentException("zMaxUm " + zMaxUm + " must be >= zMinUm " + zMinUm);
        }
        double planes = Math.rint((zMaxUm - zMinUm) / zStepUm) + 1;
        if (planes > 4096 || planes * size * size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("stack " + size + "x" + size + "x" + (long) planes
                    + " too large (at most 4096 planes and 2^31 voxels)");
        }
        int depth = (int) planes, plane = size * size;
        double[] raw = new double[plane * depth];
        double rMax = PixelRaster.maxRadiusUm(size, optics.pixelSizeUm());
        for (int z = 0; z < depth; z++) {
            double zUm = zMinUm + z * zStepUm;
            double[] r = PixelRaster.raster(profile(zUm, rMax), size, optics.pixelSizeUm());
            System.arraycopy(r, 0, raw, z * plane, plane);
        }
        double sum = 0;
        for (double v : raw) {
            sum += v;
        }
        float[] out = new float[raw.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (raw[i] / sum);
        }
        return new Psf3d(size, depth, zMinUm, zStepUm, out);
    }

    /** Most quadrature terms one profile may take (~2 min on the 2-core development VM; realistic PSFs stay below 1e10). */
    static final double MAX_WORK = 1e11;

    /**
     * @throws IllegalArgumentException if the profile would take more than {@link #MAX_WORK} terms
     *         ({@code --size 4095 --pixel-um 100} ran for hours without a word)
     */
    RadialProfile profile(double defocusUm, double rMaxUm) {
        double work = RadialProfile.work(vPerUm, defocusUm * uPerUm, rMaxUm);
        if (work > MAX_WORK) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "a PSF reaching %.0f µm from its centre (%s µm pixels, %s µm defocus) needs %.1e quadrature terms, "
                            + "more than the %.0e delp computes (minutes); use a smaller size or pixel size",
                    rMaxUm, optics.pixelSizeUm(), defocusUm, work, MAX_WORK));
        }
        return RadialProfile.compute(vPerUm, defocusUm * uPerUm, rMaxUm);
    }

    private record Auto(int size, RadialProfile profile) {
    }

    private Auto auto(double defocusUm) {
        double p = optics.pixelSizeUm();
        double na = optics.numericalAperture(), n = optics.immersionIndex();
        // first guess: geometric shadow radius |z|·tan(α) plus the Airy tail (99 % at v ≈ 64)
        double rGuess = Math.abs(defocusUm) * na / Math.sqrt(n * n - na * na) + 64 / vPerUm + 2 * p;
        double total = Math.PI / (vPerUm * vPerUm);       // ∫ h d²r in µm² (Parseval)
        while (true) {
            int maxSize = Math.min(MAX_AUTO_SIZE, 2 * (int) Math.floor(rGuess / p) + 1);
            RadialProfile prof = profile(defocusUm, PixelRaster.maxRadiusUm(maxSize, p));
            if (squareFraction(prof, 0.5 * maxSize * p, total) >= AUTO_ENERGY) {
                int lo = 1, hi = maxSize;                   // odd sizes; fraction is monotone in size
                while (lo < hi) {
                    int mid = ((lo + hi) / 2) | 1;
                    if (mid >= hi) {
                        mid = hi - 2;
                    }
                    if (squareFraction(prof, 0.5 * mid * p, total) >= AUTO_ENERGY) {
                        hi = mid;
                    } else {
                        lo = mid + 2;
                    }
                }
                return new Auto(hi, prof);
            }
            if (maxSize >= MAX_AUTO_SIZE) {
                throw new PsfTooWideException(defocusUm, p, MAX_AUTO_SIZE, AUTO_ENERGY);
            }
            rGuess *= 1.5;
        }
    }

    /**
     * Fraction of the total energy inside the square of half-width {@code halfUm}: trapezoid on the
     * profile samples plus the Euler–Maclaurin end correction dr²/12·f'(0), f = 2πr·h, f'(0) = 2πh(0)
     * (without it the rule is biased by 4e-4 at dv = 0.1; with it, within 1e-7 of a dv = 0.01 sum).
     */
    static double squareFraction(RadialProfile prof, double halfUm, double total) {
        double dr = prof.dv() / prof.vPerUm();
        double rEnd = halfUm * Math.sqrt(2);
        int jEnd = Math.min(prof.samples() - 1, (int) Math.ceil(rEnd / dr));
        double acc = 0;
        for (int j = 1; j <= jEnd; j++) {
            double r = j * dr;
            acc += (j == jEnd ? 0.5 : 1.0) * arc(prof.sample(j), r, halfUm);
        }
        return (acc * dr + dr * dr / 12 * 2 * Math.PI * prof.sample(0)) / total;
    }

    private static double arc(double h, double r, double half) {
        if (r <= half) {
            return h * 2 * Math.PI * r;
        }
        double a = 2 * Math.PI - 8 * acosNearOne(half / r);
        return a > 0 ? h * r * a : 0;
    }

    private static final double[] ACOS_SERIES = new double[14];

    static {
        // asin(y) = Σ c_k y^{2k+1}, c_k = (2k)!/(4^k (k!)² (2k+1))
        double binom = 1;
        for (int k = 0; k < ACOS_SERIES.length; k++) {
            ACOS_SERIES[k] = binom / (2 * k + 1);
            binom *= (2.0 * k + 1) / (2.0 * k + 2);
        }
    }

    /**
     * acos(x) for x in [1/√2, 1] as √(2ε)·Σ c_k (ε/2)^k, ε = 1 − x (from acos(1−ε) = 2·asin√(ε/2));
     * ε/2 ≤ 0.147, so 14 terms leave &lt; 1e-13. About 10× cheaper than {@link Math#acos}.
     */
    static double acosNearOne(double x) {
        double e = 1 - x, q = 0.5 * e, sum = 0;
        for (int k = ACOS_SERIES.length - 1; k >= 0; k--) {
            sum = sum * q + ACOS_SERIES[k];
        }
        return Math.sqrt(2 * e) * sum;
    }

    private static Psf2d normalise(int size, double defocusUm, double[] raw) {
        double sum = 0;
        for (double v : raw) {
            sum += v;
        }
        float[] out = new float[raw.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (raw[i] / sum);
        }
        return new Psf2d(size, defocusUm, out);
    }

    static void checkSize(int size) {
        if (size < 1 || size > MAX_SIZE || (size & 1) == 0) {
            throw new IllegalArgumentException("PSF size must be odd and in [1, " + MAX_SIZE + "], got " + size);
        }
    }

    static void checkDefocus(double defocusUm) {
        if (!(Double.isFinite(defocusUm) && Math.abs(defocusUm) <= MAX_DEFOCUS_UM)) {
            throw new IllegalArgumentException("defocusUm must be finite and in [-" + MAX_DEFOCUS_UM + ", "
                    + MAX_DEFOCUS_UM + "] µm, got " + defocusUm);
        }
    }
}
