package dev.delp.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.simd.Simd;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The 16-row tiles of width 256 ({@link RealRows#tileFor}): same results as 32-row tiles, correct, thread-independent. */
class RowTileTest {
    @Test
    void width256UsesSixteenRowTilesOthersThePassDefault() {
        assertEquals(16, RealRows.tileFor(128));
        assertEquals(LinePass.tileFor(64), RealRows.tileFor(64));
        assertEquals(LinePass.tileFor(256), RealRows.tileFor(256));
        assertEquals(LinePass.tileFor(4096), RealRows.tileFor(4096));
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
    void width256MatchesSeparableReferenceAndIsThreadIndependent() {
        // 40 rows: two full 16-row tiles and a partial one of 8
        int w = 256, h = 40;
        float[] x = Reference.randomFloats(w * h, 40);
        RealFft2d plan = RealFft2d.of(w, h);
        float[] spec = new float[plan.spectrumLength()];
        ForkJoinPool one = new ForkJoinPool(1), two = new ForkJoinPool(2);
        try {
            plan.forward(x, spec, one);
            double[] want = MultiDimTest.half(MultiDimTest.dftNd(MultiDimTest.realToComplex(x), new int[] {w, h}, -1), w, h);
            double e = Reference.relRms(spec, want);
            assertTrue(e <= MultiDimTest.TOL, "256x40 forward rel RMS " + e); // tolerance: see MultiDimTest.TOL
            float[] spec2 = new float[spec.length];
            plan.forward(x, spec2, two);
            assertArrayEquals(spec, spec2, "forward, 1 vs 2 threads");
            float[] back = new float[w * h], back2 = new float[w * h];
            plan.inverse(spec, back, one);
            plan.inverse(spec, back2, two);
            assertArrayEquals(back, back2, "inverse, 1 vs 2 threads");
            double r = Reference.relRms(back, x);
            assertTrue(r <= 1e-6, "256x40 round trip rel RMS " + r);
        } finally {
            one.shutdown();
            two.shutdown();
        }
    }
}
