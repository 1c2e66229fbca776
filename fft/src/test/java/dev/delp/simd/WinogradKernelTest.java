package dev.delp.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatKernels#winogradInput}, {@link FloatKernels#winogradOutput} and
 * {@link FloatKernels#winogradKernel} (F(2×2, 3×3)) against the Lavin–Gray matrices in double, the 3×3
 * correlation they stand for, scalar vs vector bits, and bad input.
 */
class WinogradKernelTest {
    private static final double U = Math.ulp(1f) / 2; // 2^-24, one float rounding

    private static final double[][] BT = {{1, 0, -1, 0}, {0, 1, 1, 0}, {0, -1, 1, 0}, {0, 1, 0, -1}};
    private static final double[][] AT = {{1, 1, 1, 0}, {0, 1, -1, -1}};
    /** Output tile side, input tile side. */
    private static final int R = 2, ALPHA = 4;

    private static List<FloatKernels> implementations() {
        List<FloatKernels> list = new ArrayList<>();
        list.add(Simd.scalar());
        Simd.vector().ifPresent(list::add);
        return list;
    }

    /** A plane of 4 rows and 2·(n + 1) columns in the phased layout: tile j starts at column 2·j. */
    private static final class Phased {
        final int r = R, n, rs, ps, off = 3;
        final double[][] plane;
        final float[] x;

        Phased(int n, SplittableRandom rnd) {
            this.n = n;
            int alpha = ALPHA, cols = r * (n + 1);
            rs = n + 5;          // distance between phase rows
            ps = 2 * rs + 7;     // distance between phase planes
            plane = new double[alpha][cols];
            x = new float[off + r * r * ps + 64];
            for (int y = 0; y < alpha; y++) {
                for (int c = 0; c < cols; c++) {
                    float v = (float) rnd.nextGaussian();
                    plane[y][c] = v;
                    x[off + (y / r) * rs + ((y % r) * r + c % r) * ps + c / r] = v;
                }
            }
        }

        double d(int j, int i, int k) {
            return plane[i][r * j + k];
        }
    }

    @Test
    void inputTransformMatchesMatricesAndScalarBits() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[][] bt = BT;
        int r = R, alpha = ALPHA;
        for (int n : new int[] {1, 7, 16, 33, 100}) {
            Phased p = new Phased(n, rnd);
            int vs = n + 3, vOff = 2;
            float[] first = null;
            for (FloatKernels kr : implementations()) {
                float[] v = new float[vOff + alpha * alpha * vs];
                kr.winogradInput(p.x, p.off, p.rs, p.ps, v, vOff, vs, n);
                for (int j = 0; j < n; j++) {
                    for (int a = 0; a < alpha; a++) {
                        for (int b = 0; b < alpha; b++) {
                            double ref = 0, mag = 0;
                            for (int i = 0; i < alpha; i++) {
                                for (int k = 0; k < alpha; k++) {
                                    double t = bt[a][i] * bt[b][k] * p.d(j, i, k);
                                    ref += t;
                                    mag += Math.abs(t);
                                }
                            }
                            // every term passes at most 2 roundings per pass (column, row): <= 4u·Σ|terms|
                            double got = v[vOff + (a * alpha + b) * vs + j];
                            assertTrue(Math.abs(got - ref) <= 5 * U * mag + 1e-30, kr.description()
                                    + " n=" + n + " tile " + j + " xi " + (a * alpha + b) + ": " + got + " vs " + ref);
                        }
                    }
                }
                if (first == null) {
                    first = v;
                } else {
                    assertArrayEquals(first, v, kr.description() + " n=" + n); // same operations
                }
            }
        }
    }

    @Test
    void outputTransformMatchesMatricesPoolReluAndScalarBits() {
        SplittableRandom rnd = new SplittableRandom(4);
        double[][] at = AT;
        int r = R, alpha = ALPHA;
        for (int n : new int[] {1, 9, 16, 40}) {
            for (int mode = 0; mode < 4; mode++) {
                boolean pool = (mode & 1) != 0, relu = (mode & 2) != 0;
                int xs = n + 1, off = 5, os = n + 2, oOff = 1;
                float[] m0 = new float[off + alpha * alpha * xs];
                for (int i = 0; i < m0.length; i++) {
                    m0[i] = (float) rnd.nextGaussian();
                }
                float bias = (float) rnd.nextGaussian();
                int planes = pool ? r * r / 4 : r * r;
                float[] first = null;
                for (FloatKernels kr : implementations()) {
                    float[] mm = m0.clone();
                    float[] out = new float[oOff + planes * os];
                    kr.winogradOutput(mm, off, xs, bias, relu, pool, out, oOff, os, n);
                    for (int j = 0; j < n; j++) {
                        double[][] y = new double[r][r], mag = new double[r][r];
                        for (int a = 0; a < r; a++) {
                            for (int b = 0; b < r; b++) {
                                y[a][b] = bias;
                                mag[a][b] = Math.abs(bias);
                                for (int i = 0; i < alpha; i++) {
                                    for (int k = 0; k < alpha; k++) {
                                        double t = at[a][i] * at[b][k] * m0[off + (i * alpha + k) * xs + j];
                                        y[a][b] += t;
                                        mag[a][b] += Math.abs(t);
                                    }
                                }
                            }
                        }
                        int side = pool ? r / 2 : r;
                        for (int a = 0; a < side; a++) {
                            for (int b = 0; b < side; b++) {
                                double ref, tol;
                                if (pool) {
                                    ref = Double.NEGATIVE_INFINITY;
                                    tol = 0;
                                    for (int u = 0; u < 2; u++) {
                                        for (int w = 0; w < 2; w++) {
                                            ref = Math.max(ref, y[2 * a + u][2 * b + w]);
                                            tol = Math.max(tol, mag[2 * a + u][2 * b + w]);
                                        }
                                    }
                                } else {
                                    ref = y[a][b];
                                    tol = mag[a][b];
                                }
                                if (relu) {
                                    ref = Math.max(ref, 0);
                                }
                                // at most 3 roundings per pass plus the bias: <= 7u·Σ|terms|
                                double got = out[oOff + (a * side + b) * os + j];
                                assertTrue(Math.abs(got - ref) <= 8 * U * tol + 1e-30, kr.description()
                                        + " pool=" + pool + " relu=" + relu + " tile " + j + ": " + got + " vs " + ref);
                            }
                        }
                    }
                    if (first == null) {
                        first = out;
                    } else {
                        assertArrayEquals(first, out, kr.description());
                    }
                }
            }
        }
    }

    /** Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A through the float kernels = the 3×3 correlation of each tile, in double. */
    @Test
    void transformsComputeTheThreeByThreeCorrelation() {
        SplittableRandom rnd = new SplittableRandom(5);
        int r = R, alpha = ALPHA, n = 21;
        double[] g = new double[9];
        for (int t = 0; t < 9; t++) {
            g[t] = rnd.nextGaussian();
        }
        double[] u = FloatKernels.winogradKernel(g, 0);
        Phased p = new Phased(n, rnd);
        for (FloatKernels kr : implementations()) {
            float[] v = new float[alpha * alpha * n];
            kr.winogradInput(p.x, p.off, p.rs, p.ps, v, 0, n, n);
            for (int e = 0; e < alpha * alpha; e++) {
                for (int j = 0; j < n; j++) {
                    v[e * n + j] *= (float) u[e];
                }
            }
            float[] out = new float[r * r * n];
            kr.winogradOutput(v, 0, n, 0f, false, false, out, 0, n, n);
            double worst = 0;
            for (int j = 0; j < n; j++) {
                for (int a = 0; a < r; a++) {
                    for (int b = 0; b < r; b++) {
                        double ref = 0, mag = 0;
                        for (int ky = 0; ky < 3; ky++) {
                            for (int kx = 0; kx < 3; kx++) {
                                double t = g[ky * 3 + kx] * p.d(j, a + ky, b + kx);
                                ref += t;
                                mag += Math.abs(t);
                            }
                        }
                        double err = Math.abs(out[(a * r + b) * n + j] - ref) / mag;
                        worst = Math.max(worst, err);
                    }
                }
            }
            // a handful of roundings, amplified at most ~4x by the transforms
            double bound = 64 * U;
            assertTrue(worst <= bound, kr.description() + ": relative error " + worst);
            System.out.printf("F(%dx%d,3x3) correlation, %s: max error / sum|terms| = %.3g%n", r, r, kr.description(), worst);
        }
    }

    @Test
    void badArgumentsNameTheProblem() {
        for (FloatKernels kr : implementations()) {
            float[] x = new float[100], v = new float[100];
            // a tile's farthest input: off + rowStride + 3·phaseStride + 1 (+ n tiles); 100 fits, 101 not
            kr.winogradInput(x, 0, 10, 28, v, 0, 6, 5);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kr.winogradInput(x, 0, 10, 28, v, 0, 6, 6));
            assertTrue(e.getMessage().contains("needs x[.., 101)"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> kr.winogradInput(x, 0, 1, 1, v, 0, 5, 6)); // vStride < n
            // output: 16 rows of M; one output plane pooled, four without
            kr.winogradOutput(x, 0, 6, 0f, true, true, v, 94, 6, 6);
            e = assertThrows(IllegalArgumentException.class, () -> kr.winogradOutput(x, 0, 6, 0f, true, true, v, 95, 6, 6));
            assertTrue(e.getMessage().contains("out[.., 101)"), e.getMessage());
            kr.winogradOutput(x, 0, 6, 0f, true, false, v, 76, 6, 6);
            e = assertThrows(IllegalArgumentException.class, () -> kr.winogradOutput(x, 0, 6, 0f, true, false, v, 77, 6, 6));
            assertTrue(e.getMessage().contains("out[.., 101)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> kr.winogradOutput(x, 5, 6, 0f, true, true, v, 0, 6, 6));
            assertTrue(e.getMessage().contains("m[.., 101)"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> FloatKernels.winogradKernel(new double[8], 0));
        }
    }
}
