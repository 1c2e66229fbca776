package dev.delp.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.delp.simd.FftKernels;
import dev.delp.simd.Simd;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The real post/pre-processing fused into the row scatter/gather ({@link RealRows}, session 3)
 * gives the same bits as the separate passes it replaces: per kernel (both implementations,
 * vector lanes and scalar tails) and per row pass (odd and even tile counts, partial tiles, the
 * in-place padded stride). The separate passes are themselves checked against the double DFT by
 * {@link MultiDimTest}; bit-identity carries that over.
 */
class FusedRealPassTest {
    static List<FftKernels> impls() {
        List<FftKernels> list = new ArrayList<>();
        list.add(Simd.scalarFft());
        Simd.vectorFft().ifPresent(list::add);
        return list;
    }

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    @Test
    void fusedKernelsEqualTheTwoSeparateKernels() {
        for (FftKernels k : impls()) {
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
                    float[] z = random(2 * h * lanes, 31L * h + lanes);
                    float[] x = new float[2 * (h + 1) * lanes];
                    float[] want = random(off + lanes * stride, 5), got = want.clone();
                    k.realForwardPost(z, h * lanes, x, (h + 1) * lanes, h, lanes, cos, sin);
                    k.splitToRows(x, (h + 1) * lanes, lanes, h + 1, want, off, rowIndex, 1f);
                    k.realForwardPostToRows(z, h * lanes, h, lanes, cos, sin, got, off, rowIndex);
                    assertArrayEquals(want, got, "forward post to rows, " + what);
                    // inverse: gather + pre
                    float[] rows = random(off + lanes * stride, 17L * h + lanes);
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
    void fusedRowPassesEqualSeparateOnes() {
        ForkJoinPool pool = ForkJoinPool.commonPool();
        for (FftKernels k : impls()) {
            // widths: tiny, the 84-pixel patch, width 256 (16-row tiles), an odd half-length (2·45)
            for (int w : new int[] {2, 4, 84, 90, 256}) {
                int rows = 53, hw = w / 2 + 1; // 53 rows: full tiles and a partial one
                int tile = RealRows.tileFor(w / 2);
                RealRows sep = new RealRows(w, k, tile, false), fused = new RealRows(w, k, tile, true);
                String what = k.description() + " width " + w;
                float[] x = random(w * rows, w);
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
