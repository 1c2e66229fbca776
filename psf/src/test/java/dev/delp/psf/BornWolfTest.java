package dev.delp.psf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Closed forms, convergence, normalisation and symmetry of the Born–Wolf model and its raster. */
class BornWolfTest {
    static final Optics OPT = Optics.defaults();
    static final BornWolf BW = new BornWolf(OPT);
    static final double PEAK = 0.25;                 // h(0, 0) = (∫₀¹ ρ dρ)² = 1/4
    static final double V = OPT.vPerUm(), U = OPT.uPerUm();

    static double airy(double v) {
        if (v == 0) {
            return PEAK;
        }
        double a = Bessel.j1(v) / v;                 // ¼[2J₁(v)/v]² = (J₁(v)/v)²
        return a * a;
    }

    @Test
    void inFocusIsAiryWithin1e5OfPeak() {
        RadialProfile p = BW.profile(0, 40);
        double worstProfile = 0, worstDirect = 0;
        for (double r = 0; r < 39; r += 0.00731) {   // ~5300 radii, off the profile grid
            worstProfile = Math.max(worstProfile, Math.abs(p.at(r) - airy(r * V)));
        }
        for (double r = 0; r < 39; r += 0.0977) {
            worstDirect = Math.max(worstDirect, Math.abs(BW.intensity(r, 0) - airy(r * V)));
        }
        assertTrue(worstProfile / PEAK < 1e-5, "interpolated profile vs Airy " + worstProfile / PEAK);
        assertTrue(worstDirect / PEAK < 1e-5, "direct integral vs Airy " + worstDirect / PEAK);
    }

    @Test
    void onAxisIsSincSquaredWithin1e5RelativeUpToU200() {
        for (double u = 0; u <= 200; u += 0.37) {
            double z = u / U;
            double x = u / 4;
            double sinc = x == 0 ? 1 : Math.sin(x) / x;
            double ref = PEAK * sinc * sinc;
            if (ref < 1e-12) {
                continue;                             // at the exact zeros relative error is undefined
            }
            double direct = BW.intensity(0, z);
            double prof = BW.profile(z, 1).at(0);
            assertEquals(0, (direct - ref) / ref, 1e-5, "direct u=" + u);
            assertEquals(0, (prof - ref) / ref, 1e-5, "profile u=" + u);
            assertEquals(direct, BW.intensity(0, -z), 1e-15, "z symmetry u=" + u);
        }
    }

    @Test
    void projectionProfileAgreesWithDirectBesselQuadrature() {
        // two different evaluations of the same integral (ρ with J₀ vs θ projection with rotation)
        for (double z : new double[] {1, 6, 20, -20, 45 /* u = 141 */, 63.7 /* u = 200 */}) {
            RadialProfile p = BW.profile(z, 45);
            double worst = 0;
            for (double r = 0; r < 44; r += 0.0613) {
                worst = Math.max(worst, Math.abs(p.at(r) - BW.intensity(r, z)));
            }
            assertTrue(worst / PEAK < 1e-7, "z=" + z + " max diff " + worst / PEAK);
        }
    }

    @Test
    void quadraturesConverge() {
        // direct ρ rule: 6 rad per panel (used) vs 1.5 rad per panel (4× the nodes)
        for (double u : new double[] {0, 60, 140, 200}) {
            for (double v : new double[] {0, 3, 40, 300}) {
                double a = BornWolf.intensityDirect(v, u, 6.0), b = BornWolf.intensityDirect(v, u, 1.5);
                assertEquals(b, a, 1e-13 * PEAK, "direct u=" + u + " v=" + v);
            }
        }
        // projection rule: 12 rad per panel (used) vs 3 rad, and grid dv 0.05 (used) vs 0.0125
        for (double u : new double[] {0, 62.8, 200}) {
            RadialProfile used = RadialProfile.compute(V, u, 40);
            RadialProfile fine = RadialProfile.compute(V, u, 40, 0.0125, 3.0);
            double worst = 0;
            for (double r = 0; r < 39; r += 0.0519) {
                worst = Math.max(worst, Math.abs(used.at(r) - fine.at(r)));
            }
            assertTrue(worst / PEAK < 1e-6, "projection u=" + u + " diff " + worst / PEAK);
        }
    }

    @Test
    void pixelIntegrationMatchesBruteForceAiryPixelMeans() {
        // z = 0: raw pixel means of the raster vs the Airy closed form averaged over each pixel
        // with a 40×40 Gauss–Legendre rule (independent of the profile and of the 12-node rule)
        int size = 15;
        double p = OPT.pixelSizeUm();
        double[] raw = PixelRaster.raster(BW.profile(0, PixelRaster.maxRadiusUm(size, p)), size, p);
        double[][] gl = GaussLegendre.rule(40);
        double worst = 0;
        for (int dy = -7; dy <= 7; dy++) {
            for (int dx = -7; dx <= 7; dx++) {
                double acc = 0;
                for (int a = 0; a < 40; a++) {
                    for (int b = 0; b < 40; b++) {
                        double x = (dx + 0.5 * gl[0][b]) * p, y = (dy + 0.5 * gl[0][a]) * p;
                        acc += 0.25 * gl[1][a] * gl[1][b] * airy(V * Math.hypot(x, y));
                    }
                }
                worst = Math.max(worst, Math.abs(acc - raw[(dx + 7) + size * (dy + 7)]));
            }
        }
        assertTrue(worst / PEAK < 1e-6, "pixel means vs brute force " + worst / PEAK);
        // and 12 nodes per axis agrees with 24 at a strongly defocused level too
        RadialProfile prof = BW.profile(20, PixelRaster.maxRadiusUm(41, p));
        double[] r12 = PixelRaster.raster(prof, 41, p, 12), r24 = PixelRaster.raster(prof, 41, p, 24);
        for (int i = 0; i < r12.length; i++) {
            assertEquals(r24[i], r12[i], 1e-8 * PEAK);
        }
    }

    @Test
    void pixelRuleAdaptsToCoarsePixels() {
        assertEquals(12, PixelRaster.nodesFor(OPT.pixelSizeUm(), 2 * OPT.numericalAperture() / 0.5));
        // 2 µm pixels (3× coarser than the default): ω = 12.6 → 32 nodes; compare with 64
        Optics coarse = new Optics(0.5, 500, 1.0, 2.0, 2.0);
        BornWolf bw = new BornWolf(coarse);
        int nodes = PixelRaster.nodesFor(2.0, 2.0);
        assertEquals(32, nodes);
        for (double z : new double[] {0, 20}) {
            RadialProfile prof = bw.profile(z, PixelRaster.maxRadiusUm(21, 2.0));
            double[] a = PixelRaster.raster(prof, 21, 2.0), b = PixelRaster.raster(prof, 21, 2.0, 64);
            double peak = 0, worst = 0;
            for (int i = 0; i < a.length; i++) {
                peak = Math.max(peak, b[i]);
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            assertTrue(worst / peak < 1e-7, "z=" + z + " " + worst / peak);
        }
    }

    @Test
    void slicesSumToOneAndAreCentredAndSymmetric() {
        for (double z : new double[] {0, 0.7, 2, 9, 20, -13}) {
            for (int size : new int[] {1, 3, 33, 65}) {
                Psf2d s = BW.slice(z, size);
                assertEquals(1.0, s.sum(), 1e-6, "z=" + z + " size " + size);
                int c = size / 2;
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        float v = s.get(x, y);
                        assertTrue(v >= 0);
                        assertEquals(v, s.get(y, x), 0, "x<->y");
                        assertEquals(v, s.get(size - 1 - x, y), 0, "x<->-x");
                        assertEquals(v, s.get(x, size - 1 - y), 0, "y<->-y");
                    }
                }
                if (Math.abs(z) < 1) {
                    for (int i = 0; i < size * size; i++) {
                        assertTrue(s.values()[i] <= s.get(c, c), "peak at the centre");
                    }
                }
                assertArrayEquals(s.values(), BW.slice(-z, size).values(), "z<->-z");
            }
        }
        // the direct path uses the signed phase; |I(u)| = |I(−u)| up to rounding
        for (double r : new double[] {0, 0.4, 3, 11}) {
            assertEquals(BW.intensity(r, 7.3), BW.intensity(r, -7.3), 1e-16);
        }
    }

    @Test
    void secondMomentGrowsMonotonicallyWithDefocus() {
        int size = 129;
        double prev = -1;
        for (int step = 0; step <= 24; step++) {
            double z = step * step / 12.0;             // 0 .. 48 µm, finer near focus
            float[] v = BW.slice(z, size).values();
            float[] m = BW.slice(-z, size).values();
            double mom = 0, momNeg = 0;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double r2 = (x - 64) * (x - 64) + (y - 64) * (y - 64);
                    mom += v[x + size * y] * r2;
                    momNeg += m[x + size * y] * r2;
                }
            }
            assertEquals(mom, momNeg, 0, "z<->-z");
            assertTrue(mom > prev, "second moment at z=" + z + " is " + mom + ", not above " + prev);
            prev = mom;
        }
    }

    @Test
    void autoSizeHolds99PercentAndIsMinimal() {
        double p = OPT.pixelSizeUm();
        double total = Math.PI / (V * V) / (p * p);   // ∫h over the plane in pixel² (Parseval)
        for (int level = 0; level <= 10; level += 2) {
            double z = OPT.defocusUmOfLevel(level);
            int s = BW.autoSize(z);
            assertEquals(1, s & 1);
            // independent check: crop a big raw raster (pixel means × 1 px² = pixel integrals)
            int big = s + 40;
            double[] raw = PixelRaster.raster(BW.profile(z, PixelRaster.maxRadiusUm(big, p)), big, p);
            assertTrue(crop(raw, big, s) / total >= 0.99, "level " + level + " size " + s);
            // the 1D energy integral behind autoSize agrees with the 2D pixel sum
            double frac = BornWolf.squareFraction(BW.profile(z, PixelRaster.maxRadiusUm(s, p)), 0.5 * s * p, total * p * p);
            assertEquals(crop(raw, big, s) / total, frac, 1e-6, "level " + level);
            assertTrue(crop(raw, big, s - 2) / total < 0.99, "level " + level + " size " + (s - 2) + " suffices");
            Psf2d auto = BW.slice(z);
            assertEquals(s, auto.size());
            assertEquals(BW.slice(z, s), auto);
        }
        PsfTooWideException e = assertThrows(PsfTooWideException.class, () -> BW.autoSize(300));
        assertTrue(e.getMessage().contains("300.0") && e.getMessage().contains("255"), e.getMessage());
        assertEquals(300, e.defocusUm());
        assertEquals(BW.optics().pixelSizeUm(), e.pixelSizeUm());
        assertEquals(BornWolf.MAX_AUTO_SIZE, e.maxSize());
        assertEquals(BornWolf.AUTO_ENERGY, e.energy());
        assertThrows(PsfTooWideException.class, () -> BW.slice(300)); // slice(z) sizes itself the same way
    }

    @Test
    void fastAcosMatchesMathAcos() {
        for (double x = Math.sqrt(0.5) - 1e-9; x <= 1; x += 1e-5) {
            assertEquals(Math.acos(x), BornWolf.acosNearOne(x), 1e-13, "x=" + x);
        }
        assertEquals(0.0, BornWolf.acosNearOne(1.0), 0);
    }

    private static double crop(double[] raw, int big, int s) {
        int off = (big - s) / 2;
        double sum = 0;
        for (int y = off; y < off + s; y++) {
            for (int x = off; x < off + s; x++) {
                sum += raw[x + big * y];
            }
        }
        return sum;
    }

    @Test
    void stackPlanesAreScaledSlicesAndSumToOne() {
        Psf3d st = BW.stack(-4, 4, 2, 21);
        assertEquals(5, st.depth());
        assertEquals(21, st.size());
        assertEquals(2.0, st.zStepUm());
        float[] v = st.values();
        double sum = 0;
        for (float f : v) {
            sum += f;
        }
        assertEquals(1.0, sum, 1e-6);
        for (int z = 0; z < 5; z++) {
            Psf2d s = BW.slice(-4 + 2 * z, 21);
            double planeSum = 0;
            for (int i = 0; i < 441; i++) {
                planeSum += v[z * 441 + i];
            }
            for (int i = 0; i < 441; i++) {
                assertEquals(s.values()[i], v[z * 441 + i] / planeSum, 2e-7);
            }
        }
        for (int i = 0; i < 441; i++) {
            assertEquals(v[i], v[4 * 441 + i], 0, "plane -4 equals plane +4");
        }
        assertThrows(IllegalArgumentException.class, () -> BW.stack(2, 1, 1, 21));
        assertThrows(IllegalArgumentException.class, () -> BW.stack(0, 1, 0, 21));
        assertThrows(IllegalArgumentException.class, () -> BW.stack(0, 1, 0.5, 20));
    }

    @Test
    void badArgumentsNameTheValue() {
        for (int bad : new int[] {0, -1, 2, 64, 4097}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BW.slice(1, bad));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 1e6}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BW.slice(bad, 5));
            assertTrue(e.getMessage().contains("defocusUm"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> BW.intensity(-1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BW.intensity(2e4, 0));
        assertTrue(e.getMessage().contains("radiusUm") && e.getMessage().contains("20000.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BornWolf(null));
    }

    /** A raster spanning centimetres of 100 µm pixels ran for hours; it is refused before any work. */
    @Test
    void anAbsurdFieldOfViewIsRefusedQuickly() {
        BornWolf bw = new BornWolf(new Optics(0.5, 500, 1.0, 100, 2));
        long t0 = System.nanoTime();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bw.slice(200, 4095));
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "refused before computing");
        assertTrue(e.getMessage().startsWith("a PSF reaching 289560 µm from its centre (100.0 µm pixels, 200.0 µm defocus) "
                + "needs "), e.getMessage());
        assertTrue(e.getMessage().endsWith("quadrature terms, more than the 1e+11 delp computes (minutes); use a smaller "
                + "size or pixel size"), e.getMessage());
        // realistic optics keep far below the limit: 4095 px of 0.65 µm at the largest defocus accepted
        Optics d = Optics.defaults();
        assertTrue(RadialProfile.work(d.vPerUm(), 10_000 * d.uPerUm(), PixelRaster.maxRadiusUm(4095, 0.65))
                < BornWolf.MAX_WORK / 10);
    }
}
