package dev.delp.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link FloatKernels#convGemm}: double reference, scalar vs vector bits, direct 3×3 convolution, bad input. */
class ConvGemmKernelTest {

    private static List<FloatKernels> implementations() {
        List<FloatKernels> list = new ArrayList<>();
        list.add(Simd.scalar());
        Simd.vector().ifPresent(list::add);
        list.add(Simd.kernels());
        return list;
    }

    @Test
    void packRowPanelsLayout() {
        int m = 11, k = 3; // one full panel of 8 rows, one of 3
        float[] a = new float[m * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        float[] p = FloatKernels.packRowPanels(a, m, k);
        // full panel: (i, p) at p*8 + i
        assertEquals(a[5 * k + 2], p[2 * 8 + 5]);
        // last panel (rows 8..10, r = 3): (i, p) at 8*k + p*3 + (i - 8)
        assertEquals(a[9 * k + 2], p[8 * k + 2 * 3 + 1]);
        float[] sorted = p.clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(a, sorted, "a permutation");
    }

    @Test
    void handComputedCase() {
        // A 2x3, B rows at offsets {0, 4, 1} of b, bias {1, -100}; second row ends below 0 -> relu 0
        float[] a = FloatKernels.packRowPanels(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        float[] b = {1, 2, 3, 4, 5, 6, 7};
        int[] rows = {0, 4, 1};
        for (FloatKernels kr : implementations()) {
            float[] c = new float[2 * 2];
            kr.convGemm(2, 2, 3, a, new float[] {1, -100}, b, 0, rows, c, 0, 2, false);
            // row 0: 1 + 1*b[j] + 2*b[4+j] + 3*b[1+j]: j=0 -> 1+1+10+6 = 18, j=1 -> 1+2+12+9 = 24
            // row 1: -100 + 4*b[j] + 5*b[4+j] + 6*b[1+j]: j=0 -> -100+4+25+12 = -59, j=1 -> -100+8+30+18 = -44
            assertArrayEquals(new float[] {18, 24, -59, -44}, c, kr.description());
            kr.convGemm(2, 2, 3, a, new float[] {1, -100}, b, 0, rows, c, 0, 2, true);
            assertArrayEquals(new float[] {18, 24, 0, 0}, c, kr.description());
        }
    }

    @Test
    void matchesDoubleReferenceAndScalarBits() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int m : new int[] {1, 3, 8, 11, 16, 24, 64}) {
            for (int n : new int[] {1, 5, 15, 16, 17, 47, 48, 49, 100, 207}) {
                for (int k : new int[] {0, 1, 9, 36, 144}) {
                    for (boolean slack : new boolean[] {false, true}) {
                        check(rnd, m, n, k, slack, rnd.nextBoolean());
                    }
                }
            }
        }
    }

    private static void check(SplittableRandom rnd, int m, int n, int k, boolean slack, boolean relu) {
        int bOff = 3;
        int[] rows = new int[k];
        int span = 2 * n + 5;
        for (int p = 0; p < k; p++) {
            rows[p] = rnd.nextInt(span - n + 1); // rows overlap, as the taps of a convolution do
        }
        float[] b = random(rnd, bOff + span + (slack ? 64 : 0));
        float[] aRow = random(rnd, m * k);
        float[] a = FloatKernels.packRowPanels(aRow, m, k);
        float[] bias = random(rnd, m);
        int ldc = n + (slack ? 64 : 0), cOff = 2;
        float[] c0 = random(rnd, cOff + m * ldc);
        float[] scalarOut = null;
        for (FloatKernels kr : implementations()) {
            float[] c = c0.clone();
            kr.convGemm(m, n, k, a, bias, b, bOff, rows, c, cOff, ldc, relu);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double ref = bias[i];
                    double mag = Math.abs(ref);
                    for (int p = 0; p < k; p++) {
                        double t = (double) aRow[i * k + p] * b[bOff + rows[p] + j];
                        ref += t;
                        mag += Math.abs(t);
                    }
                    if (relu) {
                        ref = Math.max(ref, 0);
                    }
                    // k fused multiply-adds in float each round once: |err| <= (k + 1)·2^-24·Σ|terms|
                    // (1.2e-7 > 2^-24 per step); relu only shrinks the error.
                    double tol = (k + 1) * 1.2e-7 * mag + 1e-30;
                    float got = c[cOff + i * ldc + j];
                    assertTrue(Math.abs(got - ref) <= tol, kr.description() + " m=" + m + " n=" + n + " k=" + k
                            + " (" + i + "," + j + "): " + got + " vs " + ref);
                }
            }
            if (!slack) { // without row padding nothing outside [0, n) of a row may change
                for (int i = 0; i < m; i++) {
                    for (int j = n; j < ldc; j++) {
                        assertEquals(c0[cOff + i * ldc + j], c[cOff + i * ldc + j]);
                    }
                }
                assertEquals(c0[0], c[0]);
                assertEquals(c0[1], c[1]);
            }
            float[] useful = new float[m * n];
            for (int i = 0; i < m; i++) {
                System.arraycopy(c, cOff + i * ldc, useful, i * n, n);
            }
            if (scalarOut == null) {
                scalarOut = useful;
            } else { // same order of fused operations: identical values
                assertArrayEquals(scalarOut, useful, kr.description() + " m=" + m + " n=" + n + " k=" + k);
            }
        }
    }

    /**
     * {@link FloatKernels#convGemmStrided} equals {@code convGemm} with {@code bRows[p] = p·ldb} bit for
     * bit (that one is checked against a double reference above), on every implementation, for 3-, 2-
     * and 1-vector column remainders, scalar tails with and without slack, and partial row panels; without
     * slack nothing outside the n columns of C changes.
     */
    @Test
    void stridedEqualsIndirectBitForBit() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int m : new int[] {1, 3, 8, 11, 16, 64, 128}) {
            for (int n : new int[] {1, 5, 16, 17, 31, 32, 33, 47, 48, 49, 72, 80, 100, 176, 207}) {
                for (int k : new int[] {0, 1, 9, 32, 128}) {
                    for (boolean slack : new boolean[] {false, true}) {
                        boolean relu = rnd.nextBoolean();
                        int bOff = 5, ldb = n + rnd.nextInt(3) + (slack ? 64 : 0);
                        float[] b = random(rnd, bOff + Math.max(k - 1, 0) * ldb + n + (slack ? 64 : 0));
                        int aOff = rnd.nextInt(3) * 8 * k; // rows of a larger packed matrix (whole panels before)
                        float[] packed = FloatKernels.packRowPanels(random(rnd, m * k), m, k);
                        float[] a = random(rnd, aOff + m * k);
                        System.arraycopy(packed, 0, a, aOff, m * k);
                        float[] bias = random(rnd, m);
                        int ldc = n + (slack ? 64 : 0), cOff = 2;
                        float[] c0 = random(rnd, cOff + m * ldc);
                        int[] rows = new int[k];
                        for (int p = 0; p < k; p++) {
                            rows[p] = p * ldb;
                        }
                        float[] want = c0.clone();
                        Simd.scalar().convGemm(m, n, k, packed, bias, b, bOff, rows, want, cOff, ldc, relu);
                        for (FloatKernels kr : implementations()) {
                            float[] c = c0.clone();
                            kr.convGemmStrided(m, n, k, a, aOff, bias, b, bOff, ldb, c, cOff, ldc, relu);
                            for (int i = 0; i < m; i++) {
                                for (int j = 0; j < (slack ? n : ldc); j++) {
                                    int at = cOff + i * ldc + j;
                                    if (Float.floatToRawIntBits(want[at]) != Float.floatToRawIntBits(c[at])) {
                                        throw new AssertionError(kr.description() + " m=" + m + " n=" + n + " k=" + k
                                                + " slack=" + slack + " (" + i + "," + j + "): " + c[at] + " vs " + want[at]);
                                    }
                                }
                            }
                            assertEquals(c0[0], c[0]);
                            assertEquals(c0[1], c[1]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void stridedBadArgumentsNameTheProblem() {
        for (FloatKernels kr : implementations()) {
            float[] a = new float[4], b = new float[10], c = new float[10];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kr.convGemmStrided(2, 4, 2, a, 0, new float[2], b, 0, 7, c, 0, 4, false));
            assertTrue(e.getMessage().contains("ldb 7") && e.getMessage().contains("length 10"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> kr.convGemmStrided(2, 4, 3, a, 0, new float[2], b, 0, 1, c, 0, 4, false)); // A too short
            assertThrows(IllegalArgumentException.class,
                    () -> kr.convGemmStrided(2, 6, 2, a, 0, new float[2], b, 0, 1, c, 0, 4, false)); // ldc < n
            assertThrows(IllegalArgumentException.class,
                    () -> kr.convGemmStrided(2, 4, 2, a, 0, new float[2], b, 0, -1, c, 0, 4, false));
            assertThrows(IllegalArgumentException.class,
                    () -> kr.convGemmStrided(2, 4, 1, a, 3, new float[2], b, 0, 1, c, 0, 4, false)); // A past its end
            assertThrows(IllegalArgumentException.class,
                    () -> kr.convGemmStrided(-1, 4, 2, a, 0, new float[2], b, 0, 1, c, 0, 4, false));
        }
    }

    /** A 3×3 same-padded convolution of one plane through zero-padded rows equals the direct loop nest. */
    @Test
    void directThreeByThreeConvolution() {
        SplittableRandom rnd = new SplittableRandom(5);
        int h = 7, w = 9, ic = 3, oc = 10, wp = w + 1; // rows share one zero column
        int plane = (h + 2) * wp + 2;
        float[] x = new float[ic * plane + 64];
        float[][][] img = new float[ic][h][w];
        for (int c = 0; c < ic; c++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    img[c][y][xx] = (float) rnd.nextGaussian();
                    x[c * plane + (y + 1) * wp + 1 + xx] = img[c][y][xx];
                }
            }
        }
        float[] wRow = random(rnd, oc * ic * 9);
        int[] rows = new int[ic * 9];
        for (int c = 0, p = 0; c < ic; c++) {
            for (int ky = 0; ky < 3; ky++) {
                for (int kx = 0; kx < 3; kx++) {
                    rows[p++] = c * plane + ky * wp + kx;
                }
            }
        }
        int n = (h - 1) * wp + w;
        for (FloatKernels kr : implementations()) {
            float[] out = new float[oc * (n + 64)];
            kr.convGemm(oc, n, ic * 9, FloatKernels.packRowPanels(wRow, oc, ic * 9), new float[oc], x, 0, rows,
                    out, 0, n + 64, false);
            for (int o = 0; o < oc; o++) {
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        double ref = 0, mag = 0;
                        for (int c = 0; c < ic; c++) {
                            for (int ky = 0; ky < 3; ky++) {
                                for (int kx = 0; kx < 3; kx++) {
                                    int iy = y + ky - 1, ix = xx + kx - 1;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                        double t = (double) wRow[(o * ic + c) * 9 + ky * 3 + kx] * img[c][iy][ix];
                                        ref += t;
                                        mag += Math.abs(t);
                                    }
                                }
                            }
                        }
                        float got = out[o * (n + 64) + y * wp + xx];
                        assertEquals(ref, got, 28 * 1.2e-7 * mag + 1e-30, kr.description()); // k + 1 = 28 roundings
                    }
                }
            }
        }
    }

    @Test
    void badArgumentsNameTheProblem() {
        for (FloatKernels kr : implementations()) {
            float[] a = new float[4], b = new float[10], c = new float[10];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kr.convGemm(2, 4, 2, a, new float[2], b, 0, new int[] {0, 7}, c, 0, 4, false));
            assertTrue(e.getMessage().contains("B row 1"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> kr.convGemm(2, 4, 3, a, new float[2], b, 0, new int[] {0, 1, 2}, c, 0, 4, false));
            assertThrows(IllegalArgumentException.class,
                    () -> kr.convGemm(2, 6, 2, a, new float[2], b, 0, new int[] {0, 1}, c, 0, 4, false));
            assertThrows(IllegalArgumentException.class,
                    () -> kr.convGemm(-1, 4, 2, a, new float[2], b, 0, new int[] {0, 1}, c, 0, 4, false));
        }
    }

    @Test
    void reluMax2x2MatchesMathMaxAndScalarBits() {
        SplittableRandom rnd = new SplittableRandom(21);
        for (int n : new int[] {0, 1, 15, 16, 17, 41, 100}) {
            int stride = n + 3;
            float[] x = random(rnd, 2 + stride + n + 1 + 12);
            x[4] = -0.0f; // -0.0 < +0.0 in Math.max; the relu gives +0.0
            x[5] = 0.0f;
            x[6] = Float.POSITIVE_INFINITY;
            x[stride + 9] = -Float.MAX_VALUE;
            x[stride + 10] = -Float.MIN_VALUE;
            float[] first = null;
            for (FloatKernels kr : implementations()) {
                float[] out = new float[n + 2];
                out[n] = 7f;
                kr.reluMax2x2(x, 2, stride, out, n);
                for (int i = 0; i < n; i++) {
                    int a = 2 + i, b = a + stride;
                    float ref = Math.max(0f, Math.max(Math.max(x[a], x[a + 1]), Math.max(x[b], x[b + 1])));
                    assertEquals(Float.floatToRawIntBits(ref), Float.floatToRawIntBits(out[i]), kr.description() + " i=" + i);
                }
                assertEquals(7f, out[n], "nothing written past n");
                if (first == null) {
                    first = out;
                } else {
                    assertArrayEquals(first, out);
                }
            }
        }
        for (FloatKernels kr : implementations()) {
            assertThrows(IllegalArgumentException.class, () -> kr.reluMax2x2(new float[10], 0, 5, new float[8], 5));
            assertThrows(IllegalArgumentException.class, () -> kr.reluMax2x2(new float[40], 0, 5, new float[3], 5));
        }
    }

    /**
     * {@code reluMax2x2Strided} = {@code Math.max} of the four (as reluMax2x2's check) for column strides
     * 1, 7 and 96 and output offsets, every implementation bit for bit; with column stride 1 and
     * offset 0 it is {@code reluMax2x2}; nothing written outside {@code out[outOff, outOff + n)}.
     */
    @Test
    void reluMax2x2StridedMatchesMathMaxAndReluMax2x2() {
        SplittableRandom rnd = new SplittableRandom(22);
        for (int n : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 41, 88, 100}) {
            for (int cs : new int[] {1, 7, 96}) {
                int stride = n + cs + 5, outOff = 3;
                float[] x = random(rnd, 2 + stride + cs + n + 9);
                x[4] = -0.0f;
                x[5] = 0.0f;
                x[6] = Float.POSITIVE_INFINITY;
                x[stride + 9] = -Float.MAX_VALUE;
                float[] first = null;
                for (FloatKernels kr : implementations()) {
                    float[] out = new float[outOff + n + 2];
                    out[outOff - 1] = 5f;
                    out[outOff + n] = 7f;
                    kr.reluMax2x2Strided(x, 2, cs, stride, out, outOff, n);
                    for (int i = 0; i < n; i++) {
                        int a = 2 + i, b = a + stride;
                        float ref = Math.max(0f, Math.max(Math.max(x[a], x[a + cs]), Math.max(x[b], x[b + cs])));
                        assertEquals(Float.floatToRawIntBits(ref), Float.floatToRawIntBits(out[outOff + i]),
                                kr.description() + " n=" + n + " cs=" + cs + " i=" + i);
                    }
                    assertEquals(5f, out[outOff - 1], "nothing written before outOff");
                    assertEquals(7f, out[outOff + n], "nothing written past n");
                    if (cs == 1) {
                        float[] plain = new float[n + 2];
                        kr.reluMax2x2(x, 2, stride, plain, n);
                        assertArrayEquals(java.util.Arrays.copyOfRange(plain, 0, n),
                                java.util.Arrays.copyOfRange(out, outOff, outOff + n));
                    }
                    if (first == null) {
                        first = out;
                    } else {
                        assertArrayEquals(first, out);
                    }
                }
            }
        }
        for (FloatKernels kr : implementations()) {
            assertThrows(IllegalArgumentException.class,
                    () -> kr.reluMax2x2Strided(new float[20], 0, 6, 10, new float[8], 0, 5)); // x too short
            assertThrows(IllegalArgumentException.class,
                    () -> kr.reluMax2x2Strided(new float[40], 0, 6, 10, new float[8], 4, 5)); // out too short
            assertThrows(IllegalArgumentException.class,
                    () -> kr.reluMax2x2Strided(new float[40], 0, -1, 10, new float[8], 0, 5));
        }
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }
}
