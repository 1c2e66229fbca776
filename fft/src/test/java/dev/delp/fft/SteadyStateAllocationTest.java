package dev.delp.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.simd.FftKernels;
import dev.delp.simd.Simd;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * Once warmed up, real 2D/3D transforms allocate (almost) nothing per call: under 1 KB (only the
 * small lambdas of the tile loops). Shapes cover radix 2, 3, 4, 5, the generic odd radix (7), the
 * real-row pre/post passes, both transposes, the preserving, destroying and in-place variants.
 *
 * <p>The Vector-API kernels allocate a heap object for every vector op until C2 has compiled the
 * butterfly with all of it inlined; a kernel too big for C2's inlining budget keeps boxing forever
 * (session 1 measured 15 bytes per point at 1000² from the radix-5 kernel). Inside this suite's
 * JVM, after the other tests, C2 sometimes needed more than 10 s to recompile the kernels
 * (deoptimised by other call patterns, re-profiled in C1 where every vector op allocates), so the
 * vector check runs in a fresh JVM ({@link Probe}): it warms the kernels, then measures rounds until
 * one is under the limit, within a deadline. The scalar check runs in-process.
 */
class SteadyStateAllocationTest {
    static final long LIMIT_BYTES = 1024;

    @Test
    void scalarKernelsAllocateNothingPerCall() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return;
        }
        long best = Probe.measure(Simd.scalarFft(), sun, 2);
        assertTrue(best < LIMIT_BYTES, "scalar: a warmed-up transform allocates " + best + " bytes per call");
    }

    @Test
    void vectorKernelsAllocateNothingPerCallInAFreshJvm() throws Exception {
        if (Simd.vectorFft().isEmpty()) {
            return; // the scalar surefire pass: no Vector API in this JVM
        }
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "--add-modules", "jdk.incubator.vector", "-Xmx512m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Probe.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, p.exitValue(), out);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("best (\\d+) bytes per call").matcher(out);
        assertTrue(m.find(), out);
        long best = Long.parseLong(m.group(1));
        assertTrue(out.contains("vector"), "the probe must run the Vector-API kernels: " + out);
        assertTrue(best < LIMIT_BYTES, "a warmed-up transform allocates " + best + " bytes per call: " + out);
    }

    /** Runs in a fresh JVM for the vector check; prints {@code "<kernels>: best N bytes per call"}. */
    static final class Probe {
        public static void main(String[] args) {
            com.sun.management.ThreadMXBean sun =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            FftKernels k = Simd.fftKernels();
            long best = measure(k, sun, 30);
            System.out.println(k.description() + ": best " + best + " bytes per call");
        }

        /**
         * Warms the kernels, then measures rounds of 20 calls until one allocates under the limit per
         * call or {@code deadlineS} seconds have passed; returns the best round's bytes per call.
         */
        static long measure(FftKernels kernels, com.sun.management.ThreadMXBean sun, double deadlineS) {
            ForkJoinPool one = new ForkJoinPool(1); // parallelism 1 runs every tile on this thread
            try {
                RealFft2d p = RealFft2d.of(120, 90, kernels); // rows: 60 = 4·3·5; columns: 90 = 2·3·3·5
                float[] img = Reference.randomFloats(120 * 90, 1), spec = new float[p.spectrumLength()];
                float[] out = new float[img.length];
                float[] padded = new float[p.paddedLength()];
                RealFft3d q = RealFft3d.of(28, 14, 7, kernels); // rows 14 = 2·7, y 14, z 7 (generic odd radix)
                float[] vol = Reference.randomFloats(28 * 14 * 7, 2), vs = new float[q.spectrumLength()];
                float[] vo = new float[vol.length];
                // BlockedStockham paths: 512-point rows in a 64-row tile (16 rows used), 512-point columns
                RealFft2d wide = RealFft2d.of(1024, 16, kernels), tall = RealFft2d.of(64, 512, kernels);
                float[] wi = Reference.randomFloats(1024 * 16, 3), ws = new float[wide.spectrumLength()], wo = new float[wi.length];
                float[] ti = Reference.randomFloats(64 * 512, 4), ts = new float[tall.spectrumLength()], to = new float[ti.length];
                Runnable call = () -> {
                    wide.forward(wi, ws, one);
                    wide.inverse(ws, wo, one);
                    tall.forward(ti, ts, one);
                    tall.inverse(ts, to, one);
                    p.forward(img, spec, one);
                    p.inverseDestroying(spec, out, one);
                    p.forwardInPlace(padded, one);
                    p.inverseInPlace(padded, one);
                    q.forward(vol, vs, one);
                    q.inverse(vs, vo, one);
                };
                long tid = Thread.currentThread().getId();
                long start = System.nanoTime();
                warmKernels(kernels, 6000);
                long best = Long.MAX_VALUE;
                while (best >= LIMIT_BYTES && System.nanoTime() - start < deadlineS * 1e9) {
                    for (int i = 0; i < 200; i++) { // warm-up between measurements
                        call.run();
                    }
                    long before = sun.getThreadAllocatedBytes(tid);
                    for (int i = 0; i < 20; i++) {
                        call.run();
                    }
                    best = Math.min(best, (sun.getThreadAllocatedBytes(tid) - before) / (20 * 10));
                }
                return best;
            } finally {
                one.shutdown();
            }
        }

        /**
         * Calls every batched FFT kernel {@code calls} times on one tile of 32 lanes (two 512-bit
         * vectors): C2 compiles a kernel after about 5000 calls, and until then each call through a
         * whole transform is very slow (every vector op allocates), so this gets there in well under a
         * second.
         */
        static void warmKernels(FftKernels k, int calls) {
            int lanes = 32, r = 7;
            float[] x = Reference.randomFloats(2 * r * lanes, 3), y = new float[x.length];
            float[] tw = Reference.randomFloats(16, 4);
            float[] cos = new float[r], sin = new float[r];
            for (int t = 0; t < r; t++) {
                cos[t] = (float) Math.cos(2 * Math.PI * t / r);
                sin[t] = (float) Math.sin(2 * Math.PI * t / r);
            }
            int im = r * lanes, h = 3;
            float[] rows = Reference.randomFloats(lanes * 8, 5);
            int[] rowIndex = new int[lanes];
            int[] pairIndex = new int[2 * lanes];
            for (int t = 0; t < lanes; t++) {
                rowIndex[t] = 8 * t;
                pairIndex[2 * t] = 8 * t;
                pairIndex[2 * t + 1] = 8 * t + 1;
            }
            for (int c = 0; c < calls; c++) {
                int sign = (c & 1) == 0 ? -1 : 1;
                float[] t = (c & 2) == 0 ? tw : null;
                k.radix2(x, 0, im, lanes, y, 0, im, lanes, lanes, t, 0);
                k.radix3(x, 0, im, lanes, y, 0, im, lanes, lanes, t, 0, sign);
                k.radix4(x, 0, im, lanes, y, 0, im, lanes, lanes, t, 0, sign);
                k.radix5(x, 0, im, lanes, y, 0, im, lanes, lanes, t, 0, sign);
                k.radixOdd(r, cos, sin, x, 0, im, lanes, y, 0, im, lanes, lanes, t, 0, sign);
                k.rotate(x, 0, im, y, 0, im, lanes, 0.6f, 0.8f);
                k.realForwardPost(x, im, y, im, h, lanes, cos, sin);
                k.realInversePre(x, im, y, im, h, lanes, cos, sin);
                k.rowsToSplit(rows, 0, rowIndex, lanes, 4, y, im);
                k.splitToRows(x, im, lanes, 4, rows, 0, rowIndex, 1f);
                // interleaved butterflies (column passes, power-of-two rows): element stride 2·lanes
                int e = 2 * lanes;
                k.radix2Interleaved(x, 0, e, 0, y, 0, e, 0, e, 1, t, 0, 0);
                k.radix3Interleaved(x, 0, e, 0, y, 0, e, 0, e, 1, t, 0, 0, sign);
                k.radix4Interleaved(x, 0, e, 0, y, 0, e, 0, e, 1, t, 0, 0, sign);
                k.radix5Interleaved(x, 0, e, 0, y, 0, e, 0, e, 1, t, 0, 0, sign);
                k.radixOddInterleaved(r, cos, sin, x, 0, e, 0, y, 0, e, 0, e, 1, t, 0, 0, sign);
                k.realForwardPostToRows(x, im, h, lanes, cos, sin, rows, 0, rowIndex);
                k.rowsToRealInversePre(rows, 0, rowIndex, lanes, h, cos, sin, y, im);
                k.rowsToInterleaved(rows, 0, pairIndex, lanes, 3, y);
                k.interleavedToRows(x, lanes, 3, rows, 0, pairIndex, 1f);
                k.realForwardPostInterleavedToRows(x, h, lanes, cos, sin, rows, 0, pairIndex);
                k.rowsToRealInversePreInterleaved(rows, 0, pairIndex, lanes, h, cos, sin, y);
            }
        }
    }
}
