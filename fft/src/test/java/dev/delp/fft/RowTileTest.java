package dev.delp.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.simd.Simd;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The row tile heights of {@link RealRows#tileFor} (16 rows at width 256, 64 at 512 and 1024):
 * same results as 32-row tiles, correct, thread-independent.
 */
class RowTileTest {
    @Test
    void width256UsesSixteenRowTilesWidths512And1024SixtyFourOthersThePassDefault() {
        assertEquals(16, RealRows.tileFor(128));
        assertEquals(64, RealRows.tileFor(256));
        assertEquals(64, RealRows.tileFor(512));
        assertEquals(LinePass.tileFor(64), RealRows.tileFor(64));
        assertEquals(LinePass.tileFor(500), RealRows.tileFor(500));
        assertEquals(LinePass.tileFor(4096), RealRows.tileFor(4096));
    }

    @Test
    void aPaddedLastTileGivesTheBitsOfUnpaddedTiles() {
        // RealRows pads a last tile that does not fill whole vectors by repeating its first row
        // (tileRows); tiles of 4 rows are never padded (4 is not a multiple of the vector's rows)
        // and run mostly in the scalar tails, which round as the vector lanes do: same bits.
        // Width 84: split planes (radix 7), 84 rows = 32 + 32 + 20; width 128: interleaved, 37 = 32 + 5.
        ForkJoinPool pool = ForkJoinPool.commonPool();
        for (int[] s : new int[][] {{84, 84}, {128, 37}, {84, 5}}) {
            int w = s[0], rows = s[1], hw = w / 2 + 1;
            String what = w + "x" + rows;
            float[] x = Reference.randomFloats(w * rows, w + rows);
            RealRows padded = new RealRows(w, Simd.fftKernels()), plain = new RealRows(w, Simd.fftKernels(), 4);
            float[] sp = new float[2 * hw * rows], sq = sp.clone();
            padded.forward(x, sp, rows, pool);
            plain.forward(x, sq, rows, pool);
            assertArrayEquals(sq, sp, "forward rows, " + what);
            float[] bp = new float[w * rows], bq = bp.clone();
            padded.inverse(sp, bp, rows, 1.0, pool);
            plain.inverse(sq, bq, rows, 1.0, pool);
            assertArrayEquals(bq, bp, "inverse rows, " + what);
            // in place, padded stride: the repeated row is read before the tile is written
            float[] io = new float[2 * hw * rows];
            for (int y = 0; y < rows; y++) {
                System.arraycopy(x, y * w, io, 2 * hw * y, w);
            }
            padded.forward(io, 2 * hw, io, rows, pool);
            assertArrayEquals(sq, io, "forward rows in place, " + what);
        }
    }

    @Test
    void sixteenAndThirtyTwoRowTilesGiveIdenticalBits() {
        // 64 rows: every tile is full at both heights (multiples of the 16-float vector), so each row
        // goes through the same lane-wise operations and the bits must not depend on the tiling
        int w = 256, rows = 64, hw = w / 2 + 1;
        float[] x = Reference.randomFloats(w * rows, 256);
        ForkJoinPool pool = ForkJoinPool.commonPool();
        RealRows r16 = new RealRows(w, Simd.fftKernels(), 16), r32 = new RealRows(w, Simd.fftKernels(), 32);
        float[] s16 = new float[2 * hw * rows], s32 = s16.clone();
        r16.forward(x, s16, rows, pool);
        r32.forward(x, s32, rows, pool);
        assertArrayEquals(s32, s16, "forward rows, 16 vs 32 rows per tile");
        float[] b16 = new float[w * rows], b32 = b16.clone();
        r16.inverse(s16, b16, rows, 1.0, pool);
        r32.inverse(s32, b32, rows, 1.0, pool);
        assertArrayEquals(b32, b16, "inverse rows, 16 vs 32 rows per tile");
    }

    @Test
    void sixtyFourAndThirtyTwoRowTilesGiveIdenticalBitsAtWidths512And1024() {
        // blocked (BlockedStockham) at 64 rows, blocked or plain at 32: the same butterflies either way
        ForkJoinPool pool = ForkJoinPool.commonPool();
        for (int w : new int[] {512, 1024}) {
            int rows = 128, hw = w / 2 + 1;
            float[] x = Reference.randomFloats(w * rows, w + 1);
            RealRows r64 = new RealRows(w, Simd.fftKernels(), 64), r32 = new RealRows(w, Simd.fftKernels(), 32);
            float[] s64 = new float[2 * hw * rows], s32 = s64.clone();
            r64.forward(x, s64, rows, pool);
            r32.forward(x, s32, rows, pool);
            assertArrayEquals(s32, s64, "forward rows, 64 vs 32 rows per tile, width " + w);
            float[] b64 = new float[w * rows], b32 = b64.clone();
            r64.inverse(s64, b64, rows, 1.0, pool);
            r32.inverse(s32, b32, rows, 1.0, pool);
            assertArrayEquals(b32, b64, "inverse rows, 64 vs 32 rows per tile, width " + w);
        }
    }

    @Test
    void width512With64RowTilesMatchesSeparableReferenceAndIsThreadIndependent() {
        assertMatchesReferenceAndThreadIndependent(512, 72); // one full 64-row tile and a partial one of 8
    }

    @Test
    void width256MatchesSeparableReferenceAndIsThreadIndependent() {
        assertMatchesReferenceAndThreadIndependent(256, 40); // two full 16-row tiles and a partial one of 8
    }

    /** Forward against the double-precision DFT, round trip, and 1 vs 2 threads bit-identical both ways. */
    private static void assertMatchesReferenceAndThreadIndependent(int w, int h) {
        float[] x = Reference.randomFloats(w * h, h);
        RealFft2d plan = RealFft2d.of(w, h);
        float[] spec = new float[plan.spectrumLength()];
        ForkJoinPool one = new ForkJoinPool(1), two = new ForkJoinPool(2);
        String shape = w + "x" + h;
        try {
            plan.forward(x, spec, one);
            double[] want = MultiDimTest.half(MultiDimTest.dftNd(MultiDimTest.realToComplex(x), new int[] {w, h}, -1), w, h);
            double e = Reference.relRms(spec, want);
            assertTrue(e <= MultiDimTest.TOL, shape + " forward rel RMS " + e); // tolerance: see MultiDimTest.TOL
            float[] spec2 = new float[spec.length];
            plan.forward(x, spec2, two);
            assertArrayEquals(spec, spec2, shape + " forward, 1 vs 2 threads");
            float[] back = new float[w * h], back2 = new float[w * h];
            plan.inverse(spec, back, one);
            plan.inverse(spec, back2, two);
            assertArrayEquals(back, back2, shape + " inverse, 1 vs 2 threads");
            double r = Reference.relRms(back, x);
            assertTrue(r <= 1e-6, shape + " round trip rel RMS " + r);
        } finally {
            one.shutdown();
            two.shutdown();
        }
    }
}
