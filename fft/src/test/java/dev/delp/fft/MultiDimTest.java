package dev.delp.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.simd.FftKernels;
import dev.delp.simd.Simd;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** 2D and 3D transforms against a separable double-precision DFT, properties, threads, bad input. */
class MultiDimTest {
    // Same reasoning as ComplexFft1dTest: a correct float transform is near 1e-7; errors of
    // indexing or twiddles are of order 1.
    static final double TOL = 2e-6;

    /** Separable double DFT of an interleaved complex volume, axis by axis, exponent sign. */
    static double[] dftNd(double[] x, int[] dims, int sign) {
        double[] cur = x.clone();
        int total = x.length / 2;
        int stride = 1;
        for (int dim : dims) {
            int n = dim;
            double[] line = new double[2 * n];
            for (int start = 0; start < total; start++) {
                if ((start / stride) % n != 0) {
                    continue; // not the first element of a line along this axis
                }
                for (int e = 0; e < n; e++) {
                    line[2 * e] = cur[2 * (start + e * stride)];
                    line[2 * e + 1] = cur[2 * (start + e * stride) + 1];
                }
                double[] y = Reference.dft(line, sign);
                for (int e = 0; e < n; e++) {
                    cur[2 * (start + e * stride)] = y[2 * e];
                    cur[2 * (start + e * stride) + 1] = y[2 * e + 1];
                }
            }
            stride *= n;
        }
        return cur;
    }

    static double[] realToComplex(float[] x) {
        double[] c = new double[2 * x.length];
        for (int i = 0; i < x.length; i++) {
            c[2 * i] = x[i];
        }
        return c;
    }

    /** The half spectrum (width/2+1 bins per row) cut out of a full complex spectrum. */
    static double[] half(double[] full, int width, int rows) {
        int hw = width / 2 + 1;
        double[] h = new double[2 * hw * rows];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < hw; k++) {
                h[2 * (k + hw * r)] = full[2 * (k + width * r)];
                h[2 * (k + hw * r) + 1] = full[2 * (k + width * r) + 1];
            }
        }
        return h;
    }

    static final int[][] SHAPES_2D = {
        {1, 1}, {2, 3}, {3, 2}, {35, 22}, {84, 84}, {17, 32}, {64, 45}, {3, 97}, {97, 3}, {111, 20}, {33, 31},
        {128, 100}, {40, 74}, {1, 50}, {50, 1}};

    @Test
    void realFft2dMatchesSeparableReference() {
        for (int[] s : SHAPES_2D) {
            int w = s[0], h = s[1];
            float[] x = Reference.randomFloats(w * h, 31L * w + h);
            RealFft2d plan = RealFft2d.of(w, h);
            float[] spec = new float[plan.spectrumLength()];
            plan.forward(x, spec);
            double[] want = half(dftNd(realToComplex(x), new int[] {w, h}, -1), w, h);
            double e = Reference.relRms(spec, want);
            assertTrue(e <= TOL, w + "x" + h + " forward rel RMS " + e);
            float[] specCopy = spec.clone();
            float[] back = new float[w * h];
            plan.inverse(spec, back);
            assertArrayEquals(specCopy, spec, "inverse must leave the spectrum unchanged");
            double r = Reference.relRms(back, x);
            assertTrue(r <= 1e-6, w + "x" + h + " round trip rel RMS " + r);
        }
    }

    @Test
    void realFft3dMatchesSeparableReference() {
        int[][] shapes = {{6, 5, 4}, {8, 8, 8}, {7, 9, 5}, {16, 12, 10}, {37, 4, 3}, {1, 1, 1}, {2, 1, 3}, {40, 3, 34}};
        for (int[] s : shapes) {
            int w = s[0], h = s[1], d = s[2];
            float[] x = Reference.randomFloats(w * h * d, 7L * w + 11L * h + d);
            RealFft3d plan = RealFft3d.of(w, h, d);
            float[] spec = new float[plan.spectrumLength()];
            plan.forward(x, spec);
            double[] want = half(dftNd(realToComplex(x), s, -1), w, h * d);
            double e = Reference.relRms(spec, want);
            assertTrue(e <= TOL, w + "x" + h + "x" + d + " forward rel RMS " + e);
            float[] specCopy = spec.clone();
            float[] back = new float[x.length];
            plan.inverse(spec, back);
            assertArrayEquals(specCopy, spec);
            assertTrue(Reference.relRms(back, x) <= 1e-6, w + "x" + h + "x" + d);
        }
    }

    @Test
    void complexFft2dAnd3dMatchSeparableReference() {
        for (int[] s : new int[][] {{5, 7}, {16, 16}, {84, 41}, {1, 9}, {50, 37}}) {
            float[] x = Reference.randomFloats(2 * s[0] * s[1], s[0] * 100L + s[1]);
            float[] y = x.clone();
            ComplexFft2d plan = ComplexFft2d.of(s[0], s[1]);
            plan.forward(y);
            assertTrue(Reference.relRms(y, dftNd(Reference.toDouble(x), s, -1)) <= TOL, s[0] + "x" + s[1]);
            plan.inverse(y);
            assertTrue(Reference.relRms(y, x) <= 1e-6);
        }
        for (int[] s : new int[][] {{4, 6, 5}, {9, 8, 7}, {33, 2, 35}}) {
            float[] x = Reference.randomFloats(2 * s[0] * s[1] * s[2], s[0] * 1000L + s[1] * 10L + s[2]);
            float[] y = x.clone();
            ComplexFft3d plan = ComplexFft3d.of(s[0], s[1], s[2]);
            plan.forward(y);
            assertTrue(Reference.relRms(y, dftNd(Reference.toDouble(x), s, -1)) <= TOL);
            plan.inverse(y);
            assertTrue(Reference.relRms(y, x) <= 1e-6);
        }
    }

    @Test
    void parsevalHoldsForRealFft2d() {
        for (int[] s : new int[][] {{64, 48}, {35, 22}}) {
            int w = s[0], h = s[1], hw = w / 2 + 1;
            float[] x = Reference.randomFloats(w * h, 3);
            RealFft2d plan = RealFft2d.of(w, h);
            float[] spec = new float[plan.spectrumLength()];
            plan.forward(x, spec);
            double energy = 0, spectral = 0;
            for (float v : x) {
                energy += (double) v * v;
            }
            for (int ky = 0; ky < h; ky++) {
                for (int kx = 0; kx < hw; kx++) {
                    // bins 0 and w/2 (even w) appear once in the full spectrum, the others twice
                    int weight = kx == 0 || (w % 2 == 0 && kx == w / 2) ? 1 : 2;
                    double re = spec[2 * (kx + hw * ky)], im = spec[2 * (kx + hw * ky) + 1];
                    spectral += weight * (re * re + im * im);
                }
            }
            spectral /= (double) w * h;
            assertTrue(Math.abs(spectral - energy) <= 1e-5 * energy, "Parseval " + spectral + " vs " + energy);
        }
    }

    @Test
    void linearityAndShiftTheorem() {
        int w = 60, h = 42, hw = w / 2 + 1;
        RealFft2d plan = RealFft2d.of(w, h);
        float[] x = Reference.randomFloats(w * h, 1), y = Reference.randomFloats(w * h, 2);
        float a = 0.75f, b = -1.5f;
        float[] combo = new float[w * h];
        for (int i = 0; i < combo.length; i++) {
            combo[i] = a * x[i] + b * y[i];
        }
        float[] sx = new float[plan.spectrumLength()], sy = sx.clone(), sc = sx.clone();
        plan.forward(x, sx);
        plan.forward(y, sy);
        plan.forward(combo, sc);
        double[] want = new double[sc.length];
        for (int i = 0; i < want.length; i++) {
            want[i] = (double) a * sx[i] + (double) b * sy[i];
        }
        assertTrue(Reference.relRms(sc, want) <= TOL, "linearity");

        int dx = 7, dy = 5; // circular shift: x'(i, j) = x(i - dx, j - dy)
        float[] shifted = new float[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                shifted[((i + dx) % w) + w * ((j + dy) % h)] = x[i + w * j];
            }
        }
        float[] ss = new float[plan.spectrumLength()];
        plan.forward(shifted, ss);
        double[] rotated = new double[ss.length];
        for (int ky = 0; ky < h; ky++) {
            for (int kx = 0; kx < hw; kx++) {
                double ang = -2 * Math.PI * ((double) kx * dx / w + (double) ky * dy / h);
                double c = Math.cos(ang), s = Math.sin(ang);
                int k = 2 * (kx + hw * ky);
                rotated[k] = sx[k] * c - sx[k + 1] * s;
                rotated[k + 1] = sx[k] * s + sx[k + 1] * c;
            }
        }
        assertTrue(Reference.relRms(ss, rotated) <= TOL, "shift theorem");
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalBits() {
        ForkJoinPool one = new ForkJoinPool(1), two = new ForkJoinPool(2);
        try {
            for (int[] s : new int[][] {{300, 200}, {1000, 64}, {97, 130}}) {
                RealFft2d plan = RealFft2d.of(s[0], s[1]);
                float[] x = Reference.randomFloats(s[0] * s[1], 9);
                float[] a = new float[plan.spectrumLength()], b = a.clone();
                plan.forward(x, a, one);
                plan.forward(x, b, two);
                assertArrayEquals(a, b, "forward " + s[0] + "x" + s[1]);
                float[] ra = new float[x.length], rb = ra.clone();
                plan.inverse(a, ra, one);
                plan.inverse(a, rb, two);
                assertArrayEquals(ra, rb, "inverse " + s[0] + "x" + s[1]);
            }
            RealFft3d p3 = RealFft3d.of(40, 30, 20);
            float[] v = Reference.randomFloats(40 * 30 * 20, 4);
            float[] a = new float[p3.spectrumLength()], b = a.clone();
            p3.forward(v, a, one);
            p3.forward(v, b, two);
            assertArrayEquals(a, b);
            float[] c = Reference.randomFloats(2 * 70 * 50, 5), d = c.clone();
            ComplexFft2d.of(70, 50).forward(c, one);
            ComplexFft2d.of(70, 50).forward(d, two);
            assertArrayEquals(c, d);
            float[] e = Reference.randomFloats(2 * 20 * 36 * 18, 6), f = e.clone();
            ComplexFft3d.of(20, 36, 18).forward(e, one);
            ComplexFft3d.of(20, 36, 18).forward(f, two);
            assertArrayEquals(e, f);
        } finally {
            one.shutdown();
            two.shutdown();
        }
    }

    @Test
    void scalarAndVectorPathsAgree() {
        FftKernels scalar = Simd.scalarFft();
        FftKernels vector = Simd.vectorFft().orElse(Simd.fftKernels()); // scalar pass: compares scalar to itself
        for (int n : new int[] {1, 3, 7, 13, 84, 207, 1000, 4099}) {
            for (int[] s : new int[][] {{n, 40}, {40, n}}) {
                float[] x = Reference.randomFloats(s[0] * s[1], n);
                RealFft2d ps = RealFft2d.of(s[0], s[1], scalar), pv = RealFft2d.of(s[0], s[1], vector);
                float[] a = new float[ps.spectrumLength()], b = a.clone();
                ps.forward(x, a);
                pv.forward(x, b);
                double e = Reference.relRms(b, a);
                // both are float transforms within ~1e-7 of exact, so they agree to well under 1e-6
                assertTrue(e <= 1e-6, s[0] + "x" + s[1] + " scalar vs vector " + e);
            }
        }
    }

    @Test
    void repeatedTransformsAllocateNoArrays() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return;
        }
        ForkJoinPool one = new ForkJoinPool(1); // parallelism 1 runs tiles on this thread, where we can count
        try {
            // Scalar butterflies: Vector-API code allocates box objects until C2 compiles it, which
            // says nothing about the plan's own buffers (in steady state the vector path is GC-free too).
            RealFft2d plan = RealFft2d.of(256, 256, Simd.scalarFft());
            float[] x = Reference.randomFloats(256 * 256, 1), spec = new float[plan.spectrumLength()], out = x.clone();
            for (int i = 0; i < 3; i++) { // fill the workspace pools
                plan.forward(x, spec, one);
                plan.inverse(spec, out, one);
            }
            long tid = Thread.currentThread().getId();
            long before = sun.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 10; i++) {
                plan.forward(x, spec, one);
                plan.inverse(spec, out, one);
            }
            long perCall = (sun.getThreadAllocatedBytes(tid) - before) / 20;
            // a spectrum is 263 KB; a few small lambda objects per call are all that may remain
            assertTrue(perCall < 2048, "allocated " + perCall + " bytes per transform");
        } finally {
            one.shutdown();
        }
    }

    @Test
    void badShapesAndArraysNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RealFft2d.of(0, 5));
        assertTrue(e.getMessage().contains("width = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RealFft3d.of(4, -3, 2));
        assertTrue(e.getMessage().contains("height = -3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RealFft2d.of(1 << 20, 1 << 20));
        assertTrue(e.getMessage().contains("1048576x1048576"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ComplexFft3d.of(1024, 1024, 1025));
        assertTrue(e.getMessage().contains("1024x1024x1025"), e.getMessage());
        RealFft2d p = RealFft2d.of(8, 6);
        e = assertThrows(IllegalArgumentException.class, () -> p.forward(new float[47], new float[p.spectrumLength()]));
        assertTrue(e.getMessage().contains("needs 48") && e.getMessage().contains("47"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.forward(new float[48], new float[59]));
        assertTrue(e.getMessage().contains("spectrum") && e.getMessage().contains("60"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.inverse(new float[60], new float[10]));
        assertTrue(e.getMessage().contains("out"), e.getMessage());
        float[] same = new float[100];
        e = assertThrows(IllegalArgumentException.class, () -> p.forward(same, same));
        assertTrue(e.getMessage().contains("different"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ComplexFft2d.of(4, 4).forward(new float[31]));
        assertTrue(e.getMessage().contains("31"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RealFft1d.of(10).forward(new float[10], 1, new float[12], 0));
        assertTrue(e.getMessage().contains("offset 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.forward(new float[48], new float[60], null));
        assertTrue(e.getMessage().contains("pool"), e.getMessage());
    }
}
