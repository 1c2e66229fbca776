package dev.delp.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.delp.simd.FftKernels;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The real post/pre-processing fused into the row scatter/gather, and the rows in interleaved
 * tile order ({@link RealRows}, session 3), give the same bits as the separate passes on split
 * planes they replace: per kernel (both implementations, vector lanes and scalar tails) and per
 * row pass (partial tiles, the in-place padded stride). The separate passes are themselves checked against the double DFT by
 * {@link MultiDimTest}; bit-identity carries that over.
 */
class FusedRealPassTest {
    @Test
    void fusedKernelsEqualTheTwoSeparateKernels() {
        for (FftKernels k : KernelImpls.fft()) {
            for (int lanes : new int[] {1, 5, 16, 37}) {
                for (int h : new int[] {1, 2, 3, 8, 21}) {
                    float[] cos = new float[h + 1], sin = new float[h + 1];
                    for (int j = 0; j <= h; j++) {
                        cos[j] = (float) Math.cos(Math.PI * j / h);
                        sin[j] = (float) Math.sin(Math.PI * j / h);
                    }
                    int stride = 2 * (h + 1) + 3, off = 7; // rows with a gap, at an odd offset
                    int[] rowIndex = new int[lanes];
                    for (int t = 0; t < lanes; t++) {
                        rowIndex[t] = t * stride;
                    }
                    String what = k.description() + " lanes " + lanes + " h " + h;
                    // forward: post + scatter
                    float[] z = Reference.randomFloats(2 * h * lanes, 31L * h + lanes);
                    float[] x = new float[2 * (h + 1) * lanes];
                    float[] want = Reference.randomFloats(off + lanes * stride, 5), got = want.clone();
                    k.realForwardPost(z, h * lanes, x, (h + 1) * lanes, h, lanes, cos, sin);
                    k.splitToRows(x, (h + 1) * lanes, lanes, h + 1, want, off, rowIndex, 1f);
                    k.realForwardPostToRows(z, h * lanes, h, lanes, cos, sin, got, off, rowIndex);
                    assertArrayEquals(want, got, "forward post to rows, " + what);
                    // inverse: gather + pre
                    float[] rows = Reference.randomFloats(off + lanes * stride, 17L * h + lanes);
                    float[] a = new float[2 * (h + 1) * lanes], zWant = new float[2 * h * lanes];
                    float[] zGot = new float[zWant.length];
                    k.rowsToSplit(rows, off, rowIndex, lanes, h + 1, a, (h + 1) * lanes);
                    k.realInversePre(a, (h + 1) * lanes, zWant, h * lanes, h, lanes, cos, sin);
                    k.rowsToRealInversePre(rows, off, rowIndex, lanes, h, cos, sin, zGot, h * lanes);
                    assertArrayEquals(zWant, zGot, "rows to inverse pre, " + what);
                }
            }
        }
    }

    @Test
    void interleavedRowKernelsEqualSplitOnes() {
        for (FftKernels k : KernelImpls.fft()) {
            for (int lanes : new int[] {1, 5, 8, 16, 37}) {
                for (int h : new int[] {1, 2, 3, 8, 21}) {
                    float[] cos = new float[h + 1], sin = new float[h + 1];
                    for (int j = 0; j <= h; j++) {
                        cos[j] = (float) Math.cos(Math.PI * j / h);
                        sin[j] = (float) Math.sin(Math.PI * j / h);
                    }
                    int stride = 2 * (h + 1) + 3, off = 7;
                    int[] rowIndex = new int[lanes], pairIndex = new int[2 * lanes];
                    for (int t = 0; t < lanes; t++) {
                        rowIndex[t] = t * stride;
                        pairIndex[2 * t] = t * stride;
                        pairIndex[2 * t + 1] = t * stride + 1;
                    }
                    String what = k.description() + " lanes " + lanes + " h " + h;
                    // gather: split planes vs interleaved order, element e of row t
                    float[] rows = Reference.randomFloats(off + lanes * stride, 11L * h + lanes);
                    float[] split = new float[2 * (h + 1) * lanes], ilv = new float[split.length];
                    k.rowsToSplit(rows, off, rowIndex, lanes, h + 1, split, (h + 1) * lanes);
                    k.rowsToInterleaved(rows, off, pairIndex, lanes, h + 1, ilv);
                    assertArrayEquals(split, toSplit(ilv, lanes, h + 1), "rows to interleaved, " + what);
                    // scatter with a scale
                    float[] w1 = Reference.randomFloats(off + lanes * stride, 3), w2 = w1.clone();
                    k.splitToRows(split, (h + 1) * lanes, lanes, h + 1, w1, off, rowIndex, 0.25f);
                    k.interleavedToRows(ilv, lanes, h + 1, w2, off, pairIndex, 0.25f);
                    assertArrayEquals(w1, w2, "interleaved to rows, " + what);
                    // forward post to rows, Z given in both orders
                    float[] z = Reference.randomFloats(2 * h * lanes, 31L * h + lanes);
                    float[] f1 = Reference.randomFloats(off + lanes * stride, 5), f2 = f1.clone();
                    k.realForwardPostToRows(z, h * lanes, h, lanes, cos, sin, f1, off, rowIndex);
                    k.realForwardPostInterleavedToRows(toInterleaved(z, lanes, h), h, lanes, cos, sin, f2, off, pairIndex);
                    assertArrayEquals(f1, f2, "forward post interleaved, " + what);
                    // inverse pre from rows
                    float[] p1 = new float[2 * h * lanes], p2 = new float[p1.length];
                    k.rowsToRealInversePre(rows, off, rowIndex, lanes, h, cos, sin, p1, h * lanes);
                    k.rowsToRealInversePreInterleaved(rows, off, pairIndex, lanes, h, cos, sin, p2);
                    assertArrayEquals(p1, toSplit(p2, lanes, h), "inverse pre interleaved, " + what);
                }
            }
        }
    }

    /** Interleaved tile order (element e, lane t at 2(e·lanes + t)) to split planes (re at e·lanes + t, im len·lanes on). */
    static float[] toSplit(float[] ilv, int lanes, int len) {
        float[] s = new float[2 * len * lanes];
        for (int i = 0; i < len * lanes; i++) {
            s[i] = ilv[2 * i];
            s[len * lanes + i] = ilv[2 * i + 1];
        }
        return s;
    }

    static float[] toInterleaved(float[] split, int lanes, int len) {
        float[] v = new float[2 * len * lanes];
        for (int i = 0; i < len * lanes; i++) {
            v[2 * i] = split[i];
            v[2 * i + 1] = split[len * lanes + i];
        }
        return v;
    }

    @Test
    void fusedRowPassesEqualSeparateOnes() {
        ForkJoinPool pool = ForkJoinPool.commonPool();
        for (FftKernels k : KernelImpls.fft()) {
            // widths: tiny, the 84-pixel patch, an odd half-length (2·45); 4, 128, 256 (16-row tiles)
            // and 512 run in interleaved tile order (half-lengths of radices 4 and 2); 1024 and 2048
            // also blocked (BlockedStockham: 128 and 256 KiB tiles)
            for (int w : new int[] {2, 4, 84, 90, 128, 256, 512, 1024, 2048}) {
                int rows = 53, hw = w / 2 + 1; // 53 rows: full tiles and a partial one
                int tile = RealRows.tileFor(w / 2);
                RealRows sep = new RealRows(w, k, tile, false), fused = new RealRows(w, k, tile, true);
                String what = k.description() + " width " + w;
                float[] x = Reference.randomFloats(w * rows, w);
                float[] s1 = new float[2 * hw * rows], s2 = new float[s1.length];
                sep.forward(x, s1, rows, pool);
                fused.forward(x, s2, rows, pool);
                assertArrayEquals(s1, s2, "forward, " + what);
                float[] b1 = new float[w * rows], b2 = new float[b1.length];
                sep.inverse(s1, b1, rows, 0.5, pool);
                fused.inverse(s1, b2, rows, 0.5, pool);
                assertArrayEquals(b1, b2, "inverse, " + what);
                // in place: padded rows of 2·hw floats
                float[] p1 = new float[2 * hw * rows];
                for (int y = 0; y < rows; y++) {
                    System.arraycopy(x, y * w, p1, y * 2 * hw, w);
                }
                float[] p2 = p1.clone();
                sep.forward(p1, 2 * hw, p1, rows, pool);
                fused.forward(p2, 2 * hw, p2, rows, pool);
                assertArrayEquals(p1, p2, "forward in place, " + what);
                sep.inverse(p1, p1, 2 * hw, rows, 1.0, pool);
                fused.inverse(p2, p2, 2 * hw, rows, 1.0, pool);
                assertArrayEquals(p1, p2, "inverse in place, " + what);
            }
        }
    }
}
