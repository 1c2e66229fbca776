package dev.delp.psf;

/**
 * The Born–Wolf intensity {@code h(v)} of one defocus on a fine uniform grid of the optical radius
 * {@code v = k·NA·r}, with its derivative, interpolated by cubic Hermite splines.
 *
 * <h2>How it is computed</h2>
 * The Born–Wolf amplitude {@code I(v) = ∫₀¹ J₀(vρ) g(ρ) ρ dρ}, {@code g(ρ) = exp(−iuρ²/2)}, is
 * {@code 1/2π} times the 2D Fourier transform of the pupil {@code g} on the unit disc. Integrating
 * the disc first along y (projection–slice theorem):
 * <pre>
 *   I(v) = (2/π) ∫₀^{π/2} cos(v sin θ) · e^{−iu sin²θ/2} · G(cos θ) · cos θ dθ,
 *   G(a) = ∫₀^a e^{−iuy²/2} dy           (x = sin θ removes the √(1−x²) edge singularity)
 * </pre>
 * The θ integrand is analytic, so composite Gauss–Legendre ({@value #ORDER} nodes per panel, one
 * panel per {@value #PHASE_PER_PANEL} rad of the total phase bound {@code v_max + |u|}, so the node
 * count grows with defocus and radius) converges exponentially: against 16-node panels of 3 rad
 * the difference is ≤ 3e-13 of the peak for u = 0..400 (BornWolfTest.quadraturesConverge checks
 * rule and grid together against a 4× finer rule and 8× finer grid, to 1e-6).
 * G is accumulated node to node with 8-point panels sized by the local phase. Because the θ
 * nodes are the same for every v, {@code cos(v_j sin θ_i)} on the uniform grid {@code v_j = j·dv}
 * is advanced by complex rotation, re-anchored with exact cos/sin every {@value #ANCHOR} steps
 * (rounding drift ≤ 256·1e-16). This replaces ~10⁶ Bessel evaluations per defocus by
 * multiply-adds; {@link BornWolf#intensity} evaluates the same integral directly with
 * {@link Bessel#j0}, and the tests check that both agree.
 *
 * <p>Grid: {@code dv = }{@value #DV}, with exact derivatives (dI/dv = −(2/π)∫ sin θ sin(v sin θ)…).
 * h is band-limited to frequency 2 in v (the OTF support), so |h''''| ≤ 16·max h and the cubic
 * Hermite error ≤ dv⁴/384·16·max h ≈ 4e-6 of the peak as a bound; measured 1.5e-7 (Airy test).
 */
final class RadialProfile {
    static final double DV = 0.1;
    static final double PHASE_PER_PANEL = 56.0;
    static final int ORDER = 32;
    static final int ANCHOR = 256;

    private final double vPerUm;
    private final double dv;
    private final double[] h;   // h(j·dv)
    private final double[] dh;  // dh/dv (j·dv)

    private RadialProfile(double vPerUm, double dv, double[] h, double[] dh) {
        this.vPerUm = vPerUm;
        this.dv = dv;
        this.h = h;
        this.dh = dh;
    }

    /** Profile for axial coordinate u covering radii 0..rMaxUm. */
    static RadialProfile compute(double vPerUm, double u, double rMaxUm) {
        return compute(vPerUm, u, rMaxUm, DV, PHASE_PER_PANEL, ORDER);
    }

    static RadialProfile compute(double vPerUm, double u, double rMaxUm, double dv, double phasePerPanel) {
        return compute(vPerUm, u, rMaxUm, dv, phasePerPanel, ORDER);
    }

    /**
     * Terms of the quadrature {@link #compute} would sum: radial samples × θ nodes, both growing with
     * the radius in units of the optical radius (so with the square of the field of view).
     */
    static double work(double vPerUm, double u, double rMaxUm) {
        double samples = Math.ceil(rMaxUm * vPerUm / DV) + 4;
        double panels = Math.max(1, Math.ceil(((samples - 1) * DV + Math.abs(u)) / PHASE_PER_PANEL));
        return samples * panels * ORDER;
    }

    static RadialProfile compute(double vPerUm, double u, double rMaxUm, double dv, double phasePerPanel, int order) {
        u = Math.abs(u);                              // h(v, −u) = h(v, u): I(−u) = conj I(u)
        int samples = (int) Math.ceil(rMaxUm * vPerUm / dv) + 4;
        double vMax = (samples - 1) * dv;
        int panels = Math.max(1, (int) Math.ceil((vMax + u) / phasePerPanel));
        double[][] q = GaussLegendre.composite(0, 0.5 * Math.PI, panels, order);
        double[] theta = q[0], w = q[1];
        int n = theta.length;

        // G(cos θ_i), accumulated from a = 0 (θ = π/2) upward.
        double[] gRe = new double[n], gIm = new double[n];
        double[][] g8 = GaussLegendre.rule(8);
        double accRe = 0, accIm = 0, aPrev = 0;
        for (int i = n - 1; i >= 0; i--) {
            double a = Math.cos(theta[i]);
            double len = a - aPrev;
            int sub = 1 + (int) (u * a * len / 2);    // ≤ 2 rad of phase per 8-point panel
            double hs = len / sub;
            for (int p = 0; p < sub; p++) {
                double mid = aPrev + (p + 0.5) * hs;
                for (int k = 0; k < 8; k++) {
                    double y = mid + 0.5 * hs * g8[0][k];
                    double ph = 0.5 * u * y * y;
                    double wk = 0.5 * hs * g8[1][k];
                    accRe += wk * Math.cos(ph);
                    accIm -= wk * Math.sin(ph);
                }
            }
            gRe[i] = accRe;
            gIm[i] = accIm;
            aPrev = a;
        }

        // Node weights W_i = (2/π) w_i cos θ_i e^{−iu s²/2} G(cos θ_i); D_i = −s_i W_i for dI/dv.
        double[] wr = new double[n], wi = new double[n], dr = new double[n], di = new double[n];
        double[] s = new double[n], cd = new double[n], sd = new double[n];
        for (int i = 0; i < n; i++) {
            double si = Math.sin(theta[i]);
            double f = 2 / Math.PI * w[i] * Math.cos(theta[i]);
            double ph = 0.5 * u * si * si;
            double er = Math.cos(ph), ei = -Math.sin(ph);
            wr[i] = f * (er * gRe[i] - ei * gIm[i]);
            wi[i] = f * (er * gIm[i] + ei * gRe[i]);
            dr[i] = -si * wr[i];
            di[i] = -si * wi[i];
            s[i] = si;
            cd[i] = Math.cos(dv * si);
            sd[i] = Math.sin(dv * si);
        }

        double[] h = new double[samples], dh = new double[samples];
        double[] c = new double[n], sn = new double[n];
        for (int j0 = 0; j0 < samples; j0 += ANCHOR) {
            double v0 = j0 * dv;
            for (int i = 0; i < n; i++) {
                c[i] = Math.cos(v0 * s[i]);
                sn[i] = Math.sin(v0 * s[i]);
            }
            int j1 = Math.min(samples, j0 + ANCHOR);
            int j = j0;
            for (; j + 1 < j1; j += 2) {            // two radii per pass over the nodes
                double reI0 = 0, imI0 = 0, reD0 = 0, imD0 = 0, reI1 = 0, imI1 = 0, reD1 = 0, imD1 = 0;
                for (int i = 0; i < n; i++) {
                    double c0 = c[i], s0 = sn[i], cdi = cd[i], sdi = sd[i];
                    double wri = wr[i], wii = wi[i], dri = dr[i], dii = di[i];
                    reI0 += wri * c0;
                    imI0 += wii * c0;
                    reD0 += dri * s0;
                    imD0 += dii * s0;
                    double c1 = c0 * cdi - s0 * sdi, s1 = s0 * cdi + c0 * sdi;
                    reI1 += wri * c1;
                    imI1 += wii * c1;
                    reD1 += dri * s1;
                    imD1 += dii * s1;
                    c[i] = c1 * cdi - s1 * sdi;
                    sn[i] = s1 * cdi + c1 * sdi;
                }
                h[j] = reI0 * reI0 + imI0 * imI0;
                dh[j] = 2 * (reI0 * reD0 + imI0 * imD0);
                h[j + 1] = reI1 * reI1 + imI1 * imI1;
                dh[j + 1] = 2 * (reI1 * reD1 + imI1 * imD1);
            }
            for (; j < j1; j++) {                   // odd remainder of the block
                double reI = 0, imI = 0, reD = 0, imD = 0;
                for (int i = 0; i < n; i++) {
                    double ci = c[i], si = sn[i];
                    reI += wr[i] * ci;
                    imI += wi[i] * ci;
                    reD += dr[i] * si;
                    imD += di[i] * si;
                    c[i] = ci * cd[i] - si * sd[i];
                    sn[i] = si * cd[i] + ci * sd[i];
                }
                h[j] = reI * reI + imI * imI;
                dh[j] = 2 * (reI * reD + imI * imD);
            }
        }
        return new RadialProfile(vPerUm, dv, h, dh);
    }

    /** Largest radius (µm) this profile can interpolate. */
    double rMaxUm() {
        return (h.length - 2) * dv / vPerUm;
    }

    /** h at radius {@code rUm} (cubic Hermite). */
    double at(double rUm) {
        double t = rUm * vPerUm / dv;
        int j = (int) t;
        if (j >= h.length - 1) {
            throw new IllegalStateException("radius " + rUm + " µm beyond profile " + rMaxUm() + " µm");
        }
        double f = t - j, f2 = f * f, f3 = f2 * f;
        double h00 = 2 * f3 - 3 * f2 + 1, h10 = f3 - 2 * f2 + f, h01 = -2 * f3 + 3 * f2, h11 = f3 - f2;
        return h00 * h[j] + h01 * h[j + 1] + dv * (h10 * dh[j] + h11 * dh[j + 1]);
    }

    /** Raw sample {@code h(j·dv)}. */
    double sample(int j) {
        return h[j];
    }

    int samples() {
        return h.length;
    }

    double dv() {
        return dv;
    }

    double vPerUm() {
        return vPerUm;
    }
}
