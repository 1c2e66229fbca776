package dev.delp.psf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.fft.ComplexFft2d;
import org.junit.jupiter.api.Test;

/**
 * An independent model of the same microscope: Fourier optics on a Cartesian grid with the float
 * FFT of {@code delp-fft}, no Bessel functions, no radial profile, no Gauss–Legendre pixel rule.
 *
 * <p>The coherent transfer function is the pupil disc |f| ≤ f_c = NA/λ with the paraxial defocus
 * phase that matches Born–Wolf: with ρ = |f|/f_c, ½·k·ρ²·z·NA²/n = π·λ·z·|f|²/n. The amplitude
 * is a(x) = ∫ P(f) e^{2πi f·x} d²f = 2π f_c² · I(v), so |a|² ∝ h.
 *
 * <p>Discretisation, chosen so every step is exact or has a known correction:
 * <ul>
 *   <li>Pupil samples are <em>cell averages</em> over df×df cells (separable 1D averages inside
 *       the disc, exact chord integration on edge cells). Cell averaging is convolution with a
 *       box, so the inverse DFT is exactly the L-periodisation of a(x)·S(x)S(y), S(x) =
 *       sinc(x/L); S is divided out at the end and the periodic copies decay like r^{-5/2}.</li>
 *   <li>|a·S|² is a trig polynomial of frequency ≤ 2f_c + df < 1/(2δ) with δ = pixel/3, so its
 *       samples determine it exactly; the pixel mean is applied exactly as the product of
 *       sinc(f·pixel) filters in frequency space, then sampled at pixel centres.</li>
 * </ul>
 * Error budget (of the peak): periodisation ≲ 3e-5 (|a| at 200 µm ≈ 4e-5 of its peak times S),
 * S divided at pixel centres instead of inside the pixel mean ≲ (π·pixel/L)²/12 ≈ 1e-6, edge-cell
 * quadrature ≲ 1e-5, float FFT (1e-6 relative RMS per transform, three transforms, 10⁶ points)
 * ≲ 1e-5. The sum is below 1e-4, so the stated 1e-3 bound of the issue has a 10× margin, and
 * the test also asserts the tighter 2e-4.
 */
class FourierOpticsTest {
    static final Optics OPT = Optics.defaults();
    static final int N = 1024, OS = 3, SIZE = 65;

    static double sinc(double t) {
        return t == 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
    }

    /** Normalised SIZE×SIZE raster of the Fourier-optics model at defocus zUm. */
    static double[] fourierRaster(double zUm) {
        double lambdaUm = OPT.wavelengthNm() * 1e-3, p = OPT.pixelSizeUm();
        double delta = p / OS, len = N * delta, df = 1 / len, fc = OPT.numericalAperture() / lambdaUm;
        double alpha = Math.PI * lambdaUm * zUm / OPT.immersionIndex();    // phase = −α|f|²
        double[][] g8 = GaussLegendre.rule(8), g16 = GaussLegendre.rule(16);
        // 1D cell averages of e^{−iαf²}
        double[] aRe = new double[N], aIm = new double[N];
        for (int k = 0; k < N; k++) {
            double f0 = freq(k) * df;
            for (int q = 0; q < 8; q++) {
                double f = f0 + 0.5 * df * g8[0][q];
                aRe[k] += 0.5 * g8[1][q] * Math.cos(alpha * f * f);
                aIm[k] -= 0.5 * g8[1][q] * Math.sin(alpha * f * f);
            }
        }
        float[] field = new float[2 * N * N];
        for (int ky = 0; ky < N; ky++) {
            double fy = freq(ky) * df;
            for (int kx = 0; kx < N; kx++) {
                double fx = freq(kx) * df;
                double nx = Math.max(0, Math.abs(fx) - 0.5 * df), ny = Math.max(0, Math.abs(fy) - 0.5 * df);
                double mx = Math.abs(fx) + 0.5 * df, my = Math.abs(fy) + 0.5 * df;
                double re, im;
                if (mx * mx + my * my <= fc * fc) {                    // cell inside the disc
                    re = aRe[kx] * aRe[ky] - aIm[kx] * aIm[ky];
                    im = aRe[kx] * aIm[ky] + aIm[kx] * aRe[ky];
                } else if (nx * nx + ny * ny >= fc * fc) {             // outside
                    continue;
                } else {                                               // edge: chord integration
                    re = 0;
                    im = 0;
                    for (int q = 0; q < 16; q++) {
                        double x = fx + 0.5 * df * g16[0][q];
                        if (Math.abs(x) >= fc) {
                            continue;
                        }
                        double h = Math.sqrt(fc * fc - x * x);
                        double y0 = Math.max(fy - 0.5 * df, -h), y1 = Math.min(fy + 0.5 * df, h);
                        if (y1 <= y0) {
                            continue;
                        }
                        double cr = 0, ci = 0;
                        for (int s = 0; s < 8; s++) {
                            double y = 0.5 * (y0 + y1) + 0.5 * (y1 - y0) * g8[0][s];
                            double w = 0.5 * (y1 - y0) * g8[1][s];
                            cr += w * Math.cos(alpha * y * y);
                            ci -= w * Math.sin(alpha * y * y);
                        }
                        double ex = Math.cos(alpha * x * x), ey = -Math.sin(alpha * x * x);
                        double wx = 0.5 * g16[1][q] / df;             // ∫dx/df, ∫dy/df
                        re += wx * (cr * ex - ci * ey);
                        im += wx * (cr * ey + ci * ex);
                    }
                }
                field[2 * (kx + N * ky)] = (float) re;
                field[2 * (kx + N * ky) + 1] = (float) im;
            }
        }
        ComplexFft2d fft = ComplexFft2d.of(N, N);
        fft.inverse(field);                                            // a·S, periodised
        for (int i = 0; i < N * N; i++) {
            double r = field[2 * i], m = field[2 * i + 1];
            field[2 * i] = (float) (r * r + m * m);
            field[2 * i + 1] = 0;
        }
        fft.forward(field);
        for (int ky = 0; ky < N; ky++) {                               // pixel mean = box filter
            double by = sinc(freq(ky) * df * p);
            for (int kx = 0; kx < N; kx++) {
                double b = by * sinc(freq(kx) * df * p);
                field[2 * (kx + N * ky)] *= (float) b;
                field[2 * (kx + N * ky) + 1] *= (float) b;
            }
        }
        fft.inverse(field);
        int c = SIZE / 2;
        double[] out = new double[SIZE * SIZE];
        double sum = 0;
        for (int y = -c; y <= c; y++) {
            for (int x = -c; x <= c; x++) {
                int ix = Math.floorMod(OS * x, N), iy = Math.floorMod(OS * y, N);
                double s = sinc(x * p / len) * sinc(y * p / len);
                double v = field[2 * (ix + N * iy)] / (s * s);
                out[(x + c) + SIZE * (y + c)] = v;
                sum += v;
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    private static int freq(int k) {
        return k < N / 2 ? k : k - N;
    }

    @Test
    void agreesWithBornWolfRasterWithin1e3OfPeak() {
        BornWolf bw = new BornWolf(OPT);
        StringBuilder report = new StringBuilder();
        for (double z : new double[] {0, 3.1, 10, 20}) {
            double[] ref = fourierRaster(z);
            float[] bwv = bw.slice(z, SIZE).values();
            double peak = 0, worst = 0;
            for (int i = 0; i < ref.length; i++) {
                peak = Math.max(peak, bwv[i]);
                worst = Math.max(worst, Math.abs(bwv[i] - ref[i]));
            }
            report.append(String.format("z=%.1f µm: max|diff|/peak = %.2e; ", z, worst / peak));
            assertTrue(worst / peak < 1e-3, report.toString());
            assertTrue(worst / peak < 2e-4, report.toString());
        }
        System.out.println("FourierOpticsTest: " + report);
    }
}
