package dev.delp.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.simd.FftKernels;
import dev.delp.simd.Simd;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * {@code inverseDestroying} of {@link RealFft2d} / {@link RealFft3d}: the same bits as the
 * spectrum-preserving {@code inverse} (it runs the same passes over the same tiles, only in place),
 * the same bits for 1 and 2 threads, and no spectrum-sized scratch taken from the plan.
 */
class DestroyingInverseTest {
    private static final int[][] SHAPES_2D = {{1, 1}, {1, 17}, {17, 1}, {2, 3}, {8, 6}, {84, 84}, {97, 130},
        {300, 200}, {1000, 64}, {127, 33}, {4099, 3}, {520, 512}}; // 520x512: inverse copies first (COPY_FIRST_FLOATS)
    private static final int[][] SHAPES_3D = {{1, 1, 1}, {5, 1, 3}, {8, 6, 4}, {9, 7, 5}, {40, 30, 20},
        {33, 17, 13}, {2, 131, 3}};

    /** The spectrum of seeded random data. */
    private static float[] spectrum2d(RealFft2d p, long seed) {
        float[] s = new float[p.spectrumLength()];
        p.forward(Reference.randomFloats(p.width() * p.height(), seed), s);
        return s;
    }

    @Test
    void twoDimensionalMatchesPreservingInverseBitForBit() {
        for (FftKernels k : kernels()) {
            for (int[] sh : SHAPES_2D) {
                RealFft2d p = RealFft2d.of(sh[0], sh[1], k);
                for (float[] spec : new float[][] {spectrum2d(p, 3), Reference.randomFloats(p.spectrumLength(), 4)}) {
                    float[] keep = spec.clone();
                    float[] want = new float[sh[0] * sh[1]], got = want.clone();
                    p.inverse(spec, want);
                    assertArrayEquals(keep, spec, "inverse must keep the spectrum");
                    p.inverseDestroying(spec, got);
                    assertArrayEquals(want, got, sh[0] + "x" + sh[1]);
                }
            }
        }
    }

    @Test
    void threeDimensionalMatchesPreservingInverseBitForBit() {
        for (FftKernels k : kernels()) {
            for (int[] sh : SHAPES_3D) {
                RealFft3d p = RealFft3d.of(sh[0], sh[1], sh[2], k);
                int n = sh[0] * sh[1] * sh[2];
                float[] fromData = new float[p.spectrumLength()];
                p.forward(Reference.randomFloats(n, 5), fromData);
                for (float[] spec : new float[][] {fromData, Reference.randomFloats(p.spectrumLength(), 6)}) {
                    float[] keep = spec.clone();
                    float[] want = new float[n], got = want.clone();
                    p.inverse(spec, want);
                    assertArrayEquals(keep, spec, "inverse must keep the spectrum");
                    p.inverseDestroying(spec, got);
                    assertArrayEquals(want, got, sh[0] + "x" + sh[1] + "x" + sh[2]);
                }
            }
        }
    }

    @Test
    void roundTripRecoversTheInput() {
        // Independent of the bit-for-bit check: forward then destroying inverse is the identity to
        // float accuracy (same bound as MultiDimTest's round trips, ~1e-7 per pass).
        float[] x = Reference.randomFloats(96 * 70 * 9, 8);
        RealFft3d p = RealFft3d.of(96, 70, 9);
        float[] s = new float[p.spectrumLength()], back = new float[x.length];
        p.forward(x, s);
        p.inverseDestroying(s, back);
        assertTrue(Reference.relRms(back, x) <= 1e-6, "3d round trip " + Reference.relRms(back, x));
        RealFft2d q = RealFft2d.of(210, 77);
        float[] y = Reference.randomFloats(210 * 77, 9), t = new float[q.spectrumLength()], yb = new float[y.length];
        q.forward(y, t);
        q.inverseDestroying(t, yb);
        assertTrue(Reference.relRms(yb, y) <= 1e-6, "2d round trip " + Reference.relRms(yb, y));
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalBits() {
        ForkJoinPool one = new ForkJoinPool(1), two = new ForkJoinPool(2);
        try {
            for (int[] sh : new int[][] {{300, 200}, {1000, 64}, {97, 130}}) {
                RealFft2d p = RealFft2d.of(sh[0], sh[1]);
                float[] a = spectrum2d(p, 11), b = a.clone();
                float[] ra = new float[sh[0] * sh[1]], rb = ra.clone();
                p.inverseDestroying(a, ra, one);
                p.inverseDestroying(b, rb, two);
                assertArrayEquals(ra, rb, sh[0] + "x" + sh[1]);
                assertArrayEquals(a, b, "the overwritten spectra too");
            }
            RealFft3d p3 = RealFft3d.of(40, 30, 20);
            float[] a = Reference.randomFloats(p3.spectrumLength(), 12), b = a.clone();
            float[] ra = new float[40 * 30 * 20], rb = ra.clone();
            p3.inverseDestroying(a, ra, one);
            p3.inverseDestroying(b, rb, two);
            assertArrayEquals(ra, rb);
        } finally {
            one.shutdown();
            two.shutdown();
        }
    }

    @Test
    void takesNoSpectrumSizedScratch() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return;
        }
        ForkJoinPool one = new ForkJoinPool(1); // parallelism 1 runs the tiles on this thread
        long tid = Thread.currentThread().getId();
        try {
            // Scalar butterflies (the Vector API boxes until C2 compiles it). A fresh plan whose tile
            // pools were filled by forward transforms (the row and column passes are shared): the
            // first destroying inverse must allocate far less than one spectrum (263 KB here),
            // while the first preserving inverse must allocate at least one (this proves the probe
            // can see it).
            RealFft2d p = RealFft2d.of(256, 256, Simd.scalarFft());
            float[] x = Reference.randomFloats(256 * 256, 1), spec = new float[p.spectrumLength()], out = x.clone();
            for (int i = 0; i < 3; i++) {
                p.forward(x, spec, one);
            }
            long spectrumBytes = 4L * p.spectrumLength();
            long before = sun.getThreadAllocatedBytes(tid);
            p.inverseDestroying(spec, out, one);
            long destroying = sun.getThreadAllocatedBytes(tid) - before;
            assertTrue(destroying < spectrumBytes / 8, "destroying inverse allocated " + destroying + " bytes");
            p.forward(x, spec, one);
            before = sun.getThreadAllocatedBytes(tid);
            p.inverse(spec, out, one);
            long preserving = sun.getThreadAllocatedBytes(tid) - before;
            assertTrue(preserving >= spectrumBytes, "preserving inverse allocated only " + preserving + " bytes");
            // steady state: nothing per call
            before = sun.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 10; i++) {
                p.forward(x, spec, one);
                p.inverseDestroying(spec, out, one);
            }
            long perCall = (sun.getThreadAllocatedBytes(tid) - before) / 20;
            assertTrue(perCall < 2048, "allocated " + perCall + " bytes per transform");

            RealFft3d p3 = RealFft3d.of(64, 48, 20, Simd.scalarFft());
            float[] v = Reference.randomFloats(64 * 48 * 20, 2), s3 = new float[p3.spectrumLength()], o3 = v.clone();
            for (int i = 0; i < 3; i++) {
                p3.forward(v, s3, one);
            }
            before = sun.getThreadAllocatedBytes(tid);
            p3.inverseDestroying(s3, o3, one);
            long d3 = sun.getThreadAllocatedBytes(tid) - before;
            assertTrue(d3 < 4L * p3.spectrumLength() / 8, "3d destroying inverse allocated " + d3 + " bytes");
        } finally {
            one.shutdown();
        }
    }

    @Test
    void badArraysNameTheValue() {
        RealFft2d p = RealFft2d.of(8, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.inverseDestroying(new float[59], new float[48]));
        assertTrue(e.getMessage().contains("spectrum") && e.getMessage().contains("60"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.inverseDestroying(new float[60], new float[47]));
        assertTrue(e.getMessage().contains("out") && e.getMessage().contains("48"), e.getMessage());
        float[] same = new float[100];
        assertThrows(IllegalArgumentException.class, () -> p.inverseDestroying(same, same));
        RealFft3d q = RealFft3d.of(4, 3, 2);
        e = assertThrows(IllegalArgumentException.class, () -> q.inverseDestroying(new float[36], new float[23]));
        assertTrue(e.getMessage().contains("out") && e.getMessage().contains("24"), e.getMessage());
    }

    private static FftKernels[] kernels() {
        FftKernels active = Simd.fftKernels();
        return active.getClass() == Simd.scalarFft().getClass() ? new FftKernels[] {active} : new FftKernels[] {Simd.scalarFft(), active};
    }
}
