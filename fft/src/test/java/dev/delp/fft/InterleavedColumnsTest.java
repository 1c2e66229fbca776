package dev.delp.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.simd.FftKernels;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * Side-by-side lines (columns) transformed on interleaved values ({@code LinePass.interleavedTile},
 * session 3) give the same bits as the split-plane path with its gather and scatter: the
 * interleaved butterflies round every product and sum exactly as the split ones (see
 * {@code VectorFftKernels}), so bit-identity is the test; the split path is checked against the
 * double DFT by {@link MultiDimTest}. Per kernel too, against the split kernels on the same data.
 */
class InterleavedColumnsTest {
    @Test
    void interleavedKernelsEqualSplitKernels() {
        float[] tw = Reference.randomFloats(2 * 12, 3);
        for (FftKernels k : KernelImpls.fft()) {
            for (int lanes : new int[] {1, 7, 8, 16, 37}) {
                for (int radix : new int[] {2, 3, 4, 5, 7, 11}) {
                    float[] cos = new float[radix], sin = new float[radix];
                    for (int t = 0; t < radix; t++) {
                        cos[t] = (float) Math.cos(2 * Math.PI * t / radix);
                        sin[t] = (float) Math.sin(2 * Math.PI * t / radix);
                    }
                    for (int sign : new int[] {-1, 1}) {
                        for (float[] t : new float[][] {null, tw}) {
                            // split: r inputs of `lanes` values, planes r·lanes apart
                            float[] xs = Reference.randomFloats(2 * radix * lanes, lanes * 10L + radix), ys = new float[xs.length];
                            int im = radix * lanes;
                            // interleaved copy: input k at k·is, is = 2·lanes + 6 (a gap), two runs (count 2)
                            int is = 2 * lanes + 6, xq = radix * is + 4, os = 2 * lanes + 2, yq = radix * os + 10;
                            float[] xi = new float[2 * xq + 8], yi = new float[2 * yq + 8];
                            for (int q = 0; q < 2; q++) {
                                for (int j = 0; j < radix; j++) {
                                    for (int c = 0; c < lanes; c++) {
                                        xi[q * xq + j * is + 2 * c] = xs[j * lanes + c];
                                        xi[q * xq + j * is + 2 * c + 1] = xs[im + j * lanes + c];
                                    }
                                }
                            }
                            int len = 2 * lanes;
                            switch (radix) {
                                case 2 -> {
                                    k.radix2(xs, 0, im, lanes, ys, 0, im, lanes, lanes, t, 2);
                                    k.radix2Interleaved(xi, 0, is, xq, yi, 0, os, yq, len, 2, t, 2, 0);
                                }
                                case 3 -> {
                                    k.radix3(xs, 0, im, lanes, ys, 0, im, lanes, lanes, t, 2, sign);
                                    k.radix3Interleaved(xi, 0, is, xq, yi, 0, os, yq, len, 2, t, 2, 0, sign);
                                }
                                case 4 -> {
                                    k.radix4(xs, 0, im, lanes, ys, 0, im, lanes, lanes, t, 2, sign);
                                    k.radix4Interleaved(xi, 0, is, xq, yi, 0, os, yq, len, 2, t, 2, 0, sign);
                                }
                                case 5 -> {
                                    k.radix5(xs, 0, im, lanes, ys, 0, im, lanes, lanes, t, 2, sign);
                                    k.radix5Interleaved(xi, 0, is, xq, yi, 0, os, yq, len, 2, t, 2, 0, sign);
                                }
                                default -> {
                                    k.radixOdd(radix, cos, sin, xs, 0, im, lanes, ys, 0, im, lanes, lanes, t, 2, sign);
                                    k.radixOddInterleaved(radix, cos, sin, xi, 0, is, xq, yi, 0, os, yq, len, 2, t, 2, 0, sign);
                                }
                            }
                            for (int q = 0; q < 2; q++) {
                                for (int j = 0; j < radix; j++) {
                                    for (int c = 0; c < lanes; c++) {
                                        String what = k.description() + " radix " + radix + " lanes " + lanes
                                                + " sign " + sign + " run " + q + " output " + j + " lane " + c;
                                        assertTrue(Float.compare(ys[j * lanes + c], yi[q * yq + j * os + 2 * c]) == 0, what);
                                        assertTrue(Float.compare(ys[im + j * lanes + c], yi[q * yq + j * os + 2 * c + 1]) == 0, what);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void mixedRadixPlansOfTwoStagesOrMoreRunInterleaved() {
        assertTrue(LinePass.interleavable(ComplexFft1d.of(8).plan()));
        assertTrue(LinePass.interleavable(ComplexFft1d.of(512).plan()));
        assertTrue(LinePass.interleavable(ComplexFft1d.of(84).plan()));
        assertTrue(LinePass.interleavable(ComplexFft1d.of(1000).plan()));
        assertFalse(LinePass.interleavable(ComplexFft1d.of(4).plan())); // one stage: would read and write the data in place
        assertFalse(LinePass.interleavable(ComplexFft1d.of(7).plan()));
        assertFalse(LinePass.interleavable(ComplexFft1d.of(1031).plan())); // Bluestein
    }

    @Test
    void interleavedColumnPassesEqualSplitOnes() {
        ForkJoinPool one = new ForkJoinPool(1), two = new ForkJoinPool(2);
        try {
            for (FftKernels k : KernelImpls.fft()) {
                // radices 2, 4; 4·3·7; 2·3·5·7; 4·2·5·5·5; 512, 1024 and 2048 blocked (BlockedStockham)
                for (int len : new int[] {8, 32, 84, 128, 210, 512, 1000, 1024, 2048}) {
                    // 70 columns: two full 32-column tiles and a partial one of 6; 43: one tile of 32 + 11
                    // merged (LinePass.maxMergeFor); 33: 32 and a one-column tile (LinePass.singleLine);
                    // 1: one column only; in place and out of place
                    for (int cols : new int[] {70, 43, 33, 1}) {
                        LinePass split = new LinePass(len, k, false), ilv = new LinePass(len, k, true);
                        for (int sign : new int[] {-1, 1}) {
                            String what = k.description() + " length " + len + " columns " + cols + " sign " + sign;
                            float[] x = Reference.randomFloats(2 * len * cols, len + sign);
                            float[] a = x.clone(), b = x.clone();
                            split.run(a, a, 1, 0, cols, 1, cols, sign, 1f, one);
                            ilv.run(b, b, 1, 0, cols, 1, cols, sign, 1f, one);
                            assertArrayEquals(a, b, "in place, " + what);
                            float[] c = new float[x.length];
                            ilv.run(x, c, 1, 0, cols, 1, cols, sign, 1f, two);
                            assertArrayEquals(a, c, "out of place on two threads, " + what);
                            // 3D-like geometry: 3 groups of the columns, group stride len·cols + 5 complex
                            int outer = 3, gs = len * cols + 5;
                            float[] y = Reference.randomFloats(2 * outer * gs, len * 7L), ya = y.clone(), yb = y.clone();
                            split.run(ya, ya, outer, gs, cols, 1, cols, sign, 1f, one);
                            ilv.run(yb, yb, outer, gs, cols, 1, cols, sign, 1f, two);
                            assertArrayEquals(ya, yb, "grouped, " + what);
                        }
                    }
                }
            }
        } finally {
            one.shutdown();
            two.shutdown();
        }
    }
}
