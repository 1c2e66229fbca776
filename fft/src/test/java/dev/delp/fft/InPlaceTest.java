package dev.delp.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.simd.FftKernels;
import dev.delp.simd.Simd;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * In-place real transforms in FFTW's padded layout ({@code forwardInPlace} / {@code inverseInPlace}):
 * bit-identical to the out-of-place {@code forward} / {@code inverse} (they run the same passes over
 * the same tiles, only the real rows are read/written at stride {@code 2·(w/2+1)}), independent of
 * the thread count, no image-sized scratch, and size checks that name the sizes.
 */
class InPlaceTest {
    private static final int[][] SHAPES_2D = {{1, 1}, {2, 1}, {1, 2}, {3, 3}, {2, 5}, {84, 84}, {97, 97},
        {97, 130}, {280, 384}, {127, 33}, {4099, 3}};
    private static final int[][] SHAPES_3D = {{1, 1, 1}, {2, 2, 2}, {3, 3, 3}, {5, 1, 3}, {84, 84, 3},
        {97, 13, 7}, {33, 17, 13}, {280, 384, 12}};

    /** Copies a compact {@code rows x w} image into padded rows; the padding gets NaN (must be ignored). */
    private static float[] pad(float[] x, int w, int rows, int stride) {
        float[] p = new float[rows * stride];
        java.util.Arrays.fill(p, Float.NaN);
        for (int y = 0; y < rows; y++) {
            System.arraycopy(x, y * w, p, y * stride, w);
        }
        return p;
    }

    private static float[] unpad(float[] p, int w, int rows, int stride) {
        float[] x = new float[w * rows];
        for (int y = 0; y < rows; y++) {
            System.arraycopy(p, y * stride, x, y * w, w);
        }
        return x;
    }

    @Test
    void twoDimensionalMatchesOutOfPlaceBitForBit() {
        for (FftKernels k : kernels()) {
            for (int[] sh : SHAPES_2D) {
                int w = sh[0], h = sh[1];
                RealFft2d p = RealFft2d.of(w, h, k);
                assertEquals(2 * (w / 2 + 1), p.paddedRowLength());
                assertEquals(h * p.paddedRowLength(), p.paddedLength());
                float[] x = Reference.randomFloats(w * h, 31 + w);
                float[] spec = new float[p.spectrumLength()];
                p.forward(x, spec);
                float[] data = pad(x, w, h, p.paddedRowLength());
                p.forwardInPlace(data);
                assertArrayEquals(spec, data, "forward " + w + "x" + h + " " + k.description());

                float[] back = new float[w * h];
                p.inverse(spec, back);
                p.inverseInPlace(data);
                assertArrayEquals(back, unpad(data, w, h, p.paddedRowLength()), "inverse " + w + "x" + h);
                // and the round trip is the identity to float accuracy (as in MultiDimTest)
                assertTrue(Reference.relRms(back, x) <= 1e-6, w + "x" + h + " round trip " + Reference.relRms(back, x));
            }
        }
    }

    @Test
    void threeDimensionalMatchesOutOfPlaceBitForBit() {
        for (FftKernels k : kernels()) {
            for (int[] sh : SHAPES_3D) {
                int w = sh[0], h = sh[1], d = sh[2], rows = h * d;
                RealFft3d p = RealFft3d.of(w, h, d, k);
                assertEquals(rows * p.paddedRowLength(), p.paddedLength());
                float[] x = Reference.randomFloats(w * rows, 7 + d);
                float[] spec = new float[p.spectrumLength()];
                p.forward(x, spec);
                float[] data = pad(x, w, rows, p.paddedRowLength());
                p.forwardInPlace(data);
                assertArrayEquals(spec, data, "forward " + w + "x" + h + "x" + d + " " + k.description());

                float[] back = new float[w * rows];
                p.inverse(spec, back);
                p.inverseInPlace(data);
                assertArrayEquals(back, unpad(data, w, rows, p.paddedRowLength()), "inverse " + w + "x" + h + "x" + d);
                assertTrue(Reference.relRms(back, x) <= 1e-6, "round trip " + Reference.relRms(back, x));
            }
        }
    }

    @Test
    void oneDimensionalMatchesOutOfPlaceBitForBit() {
        for (int n : new int[] {1, 2, 3, 84, 97, 1000, 1009}) {
            RealFft1d p = RealFft1d.of(n);
            float[] x = Reference.randomFloats(n, n);
            float[] spec = new float[p.spectrumLength()];
            p.forward(x, 0, spec, 0);
            float[] data = new float[3 + p.paddedLength()];
            java.util.Arrays.fill(data, Float.NaN);
            System.arraycopy(x, 0, data, 3, n);
            p.forwardInPlace(data, 3);
            assertArrayEquals(spec, java.util.Arrays.copyOfRange(data, 3, data.length), "forward n=" + n);
            float[] back = new float[n];
            p.inverse(spec, 0, back, 0);
            p.inverseInPlace(data, 3);
            assertArrayEquals(back, java.util.Arrays.copyOfRange(data, 3, 3 + n), "inverse n=" + n);
        }
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalBits() {
        ForkJoinPool one = new ForkJoinPool(1), two = new ForkJoinPool(2);
        try {
            RealFft2d p = RealFft2d.of(300, 200);
            float[] a = pad(Reference.randomFloats(300 * 200, 5), 300, 200, p.paddedRowLength()), b = a.clone();
            p.forwardInPlace(a, one);
            p.forwardInPlace(b, two);
            assertArrayEquals(a, b, "2d forward");
            p.inverseInPlace(a, one);
            p.inverseInPlace(b, two);
            assertArrayEquals(unpad(a, 300, 200, p.paddedRowLength()), unpad(b, 300, 200, p.paddedRowLength()));

            RealFft3d q = RealFft3d.of(97, 40, 12);
            float[] c = pad(Reference.randomFloats(97 * 480, 6), 97, 480, q.paddedRowLength()), e = c.clone();
            q.forwardInPlace(c, one);
            q.forwardInPlace(e, two);
            assertArrayEquals(c, e, "3d forward");
            q.inverseInPlace(c, one);
            q.inverseInPlace(e, two);
            assertArrayEquals(unpad(c, 97, 480, q.paddedRowLength()), unpad(e, 97, 480, q.paddedRowLength()));
        } finally {
            one.shutdown();
            two.shutdown();
        }
    }

    @Test
    void allocatesNothingImageSized() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return;
        }
        ForkJoinPool one = new ForkJoinPool(1); // parallelism 1 runs the tiles on this thread
        long tid = Thread.currentThread().getId();
        try {
            // Scalar butterflies (the Vector API may box until C2 has compiled it). The first call on
            // a fresh plan fills its tile pools (a few tiles, far less than the image); the volume
            // here is 1.1 MB, so "nothing volume-sized" means well under 1/8 of it, and the steady
            // state must be (almost) nothing per call.
            RealFft3d p = RealFft3d.of(96, 64, 40, Simd.scalarFft());
            float[] data = pad(Reference.randomFloats(96 * 64 * 40, 3), 96, 64 * 40, p.paddedRowLength());
            long volumeBytes = 4L * p.paddedLength();
            long before = sun.getThreadAllocatedBytes(tid);
            p.forwardInPlace(data, one);
            p.inverseInPlace(data, one);
            long first = sun.getThreadAllocatedBytes(tid) - before;
            assertTrue(first < volumeBytes / 8, "first in-place round trip allocated " + first + " of "
                    + volumeBytes + " bytes");
            before = sun.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 5; i++) {
                p.forwardInPlace(data, one);
                p.inverseInPlace(data, one);
            }
            long perCall = (sun.getThreadAllocatedBytes(tid) - before) / 10;
            assertTrue(perCall < 1024, "3d in-place transform allocated " + perCall + " bytes per call");

            RealFft2d q = RealFft2d.of(280, 384, Simd.scalarFft());
            float[] img = pad(Reference.randomFloats(280 * 384, 4), 280, 384, q.paddedRowLength());
            q.forwardInPlace(img, one);
            q.inverseInPlace(img, one);
            before = sun.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 5; i++) {
                q.forwardInPlace(img, one);
                q.inverseInPlace(img, one);
            }
            perCall = (sun.getThreadAllocatedBytes(tid) - before) / 10;
            assertTrue(perCall < 1024, "2d in-place transform allocated " + perCall + " bytes per call");
        } finally {
            one.shutdown();
        }
    }

    @Test
    void shortArraysNameTheSizes() {
        RealFft2d p = RealFft2d.of(8, 6); // padded rows of 10 floats, 60 in all
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.forwardInPlace(new float[59]));
        assertTrue(e.getMessage().contains("8x6") && e.getMessage().contains("60") && e.getMessage().contains("59")
                && e.getMessage().contains("10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.inverseInPlace(new float[48]));
        assertTrue(e.getMessage().contains("60") && e.getMessage().contains("48"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.forwardInPlace(null));

        RealFft3d q = RealFft3d.of(5, 3, 2); // rows of 6 floats, 36 in all
        e = assertThrows(IllegalArgumentException.class, () -> q.inverseInPlace(new float[35]));
        assertTrue(e.getMessage().contains("5x3x2") && e.getMessage().contains("36") && e.getMessage().contains("35"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> q.forwardInPlace(new float[30]));
        assertTrue(e.getMessage().contains("36") && e.getMessage().contains("30"), e.getMessage());

        RealFft1d r = RealFft1d.of(7); // 8 floats
        e = assertThrows(IllegalArgumentException.class, () -> r.forwardInPlace(new float[9], 2));
        assertTrue(e.getMessage().contains("8") && e.getMessage().contains("9"), e.getMessage());
    }

    private static FftKernels[] kernels() {
        FftKernels active = Simd.fftKernels();
        return active.getClass() == Simd.scalarFft().getClass() ? new FftKernels[] {active}
                : new FftKernels[] {Simd.scalarFft(), active};
    }
}
