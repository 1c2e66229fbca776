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
            float[] sq = assertSameBits(plain, padded, x, rows, pool, what);
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
        int w = 256, rows = 64;
        float[] x = Reference.randomFloats(w * rows, 256);
        ForkJoinPool pool = ForkJoinPool.commonPool();
        RealRows r16 = new RealRows(w, Simd.fftKernels(), 16), r32 = new RealRows(w, Simd.fftKernels(), 32);
        assertSameBits(r32, r16, x, rows, pool, "16 vs 32 rows per tile");
    }

    @Test
    void sixtyFourAndThirtyTwoRowTilesGiveIdenticalBitsAtWidths512And1024() {
        // blocked (BlockedStockham) at 64 rows, blocked or plain at 32: the same butterflies either way
        ForkJoinPool pool = ForkJoinPool.commonPool();
        for (int w : new int[] {512, 1024}) {
            int rows = 128;
            float[] x = Reference.randomFloats(w * rows, w + 1);
            RealRows r64 = new RealRows(w, Simd.fftKernels(), 64), r32 = new RealRows(w, Simd.fftKernels(), 32);
            assertSameBits(r32, r64, x, rows, pool, "64 vs 32 rows per tile, width " + w);
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

    /**
     * Forward and inverse of {@code rows} rows of {@code x} through {@code expected} and {@code actual}
     * (same width, other tiling) must give the same bits; returns {@code expected}'s spectra.
     */
    private static float[] assertSameBits(RealRows expected, RealRows actual, float[] x, int rows, ForkJoinPool pool,
                                          String what) {
        int w = expected.width, hw = w / 2 + 1;
        float[] se = new float[2 * hw * rows], sa = se.clone();
        expected.forward(x, se, rows, pool);
        actual.forward(x, sa, rows, pool);
        assertArrayEquals(se, sa, "forward rows, " + what);
        float[] be = new float[w * rows], ba = be.clone();
        expected.inverse(se, be, rows, 1.0, pool);
        actual.inverse(sa, ba, rows, 1.0, pool);
        assertArrayEquals(be, ba, "inverse rows, " + what);
        return se;
    }
}
