package dev.delp.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.simd.Simd;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The Vector-API kernels stay intrinsified with C2's inlining depth cut from JDK 17's default 15 to 9
 * ({@code -XX:MaxInlineLevel=9}, in a fresh JVM): a margin of six levels for the depth at which user
 * code calls delp. Session 6 (bench/RESULTS.md, FFT): the index-map gathers of the row transposes
 * reach their VectorSupport intrinsic through about ten JDK frames; when C2 inlined such a kernel into
 * a tile lambda, those frames passed the limit and the kernel ran the Vector API's boxed fallback
 * (121 MB per 1024² call in ~1–2 % of default JVMs; in every JVM at {@code MaxInlineLevel=10}). The
 * kernels are now compiled as units of their own (above FreqInlineSize) and call no delp helper,
 * so the deepest chain starts at depth 1 whatever calls them. With the code before that change this
 * test fails (84²: ~190 KB per call, 512x64: MBs).
 *
 * <p>The fallback appears only once C2 compiles the outer frames (the tile lambdas, the plan's
 * forward / inverse) after the kernels, so the child runs the calls for a few seconds before it
 * measures, then measures until one round is clean or a deadline passes (a busy machine may still
 * be compiling: C1 code allocates too).
 */
class ShallowInliningTest {
    static final long LIMIT_BYTES = 1024;

    @Test
    void kernelsStayIntrinsifiedAtInliningDepthNine() throws Exception {
        if (Simd.vectorFft().isEmpty()) {
            return; // the scalar surefire pass: no Vector API in this JVM
        }
        // A second fresh JVM only when the first allocates: the depth defect this test guards falls
        // back in every process, while a rare fallback of another cause (the node budget, bench/RESULTS.md
        // FFT session 6) must not fail CI at random; both are counted over many JVMs by
        // FftAllocationProbe.
        String first = runProbe();
        if (bytesPerCall(first) < LIMIT_BYTES) {
            return;
        }
        String second = runProbe();
        long bytes = bytesPerCall(second);
        assertTrue(bytes < LIMIT_BYTES, "at MaxInlineLevel=9 a warmed-up transform allocates " + bytes
                + " bytes per call in two fresh JVMs (the Vector API's boxed fallback): " + first + " / " + second);
    }

    private static String runProbe() throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "--add-modules", "jdk.incubator.vector", "-Xmx512m",
                "-XX:+UseSerialGC", "-XX:MaxInlineLevel=9", "-cp", System.getProperty("java.class.path"),
                Probe.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("vector"), "the probe must run the Vector-API kernels: " + out);
        return out;
    }

    private static long bytesPerCall(String probeOutput) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("last (\\d+) bytes per call").matcher(probeOutput);
        assertTrue(m.find(), probeOutput);
        return Long.parseLong(m.group(1));
    }

    /** Runs in the child JVM; prints {@code "<kernels>: last N bytes per call"}. */
    static final class Probe {
        public static void main(String[] args) {
            com.sun.management.ThreadMXBean sun =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            ForkJoinPool one = new ForkJoinPool(1); // parallelism 1: every tile on this thread
            // 84²: split-plane rows (rowsToSplit / splitToRows gathers, radix 2·3·7), interleaved columns;
            // 512x64: interleaved blocked rows (rowsToInterleaved / interleavedToRows, radix 4 and 2);
            // 64x512: blocked 512-point columns
            RealFft2d a = RealFft2d.of(84, 84), b = RealFft2d.of(512, 64), c = RealFft2d.of(64, 512);
            float[] ai = Reference.randomFloats(84 * 84, 1), as = new float[a.spectrumLength()], ao = new float[ai.length];
            float[] bi = Reference.randomFloats(512 * 64, 2), bs = new float[b.spectrumLength()], bo = new float[bi.length];
            float[] ci = Reference.randomFloats(64 * 512, 3), cs = new float[c.spectrumLength()], co = new float[ci.length];
            Runnable call = () -> {
                a.forward(ai, as, one);
                a.inverse(as, ao, one);
                b.forward(bi, bs, one);
                b.inverse(bs, bo, one);
                c.forward(ci, cs, one);
                c.inverse(cs, co, one);
            };
            long tid = Thread.currentThread().getId();
            long start = System.nanoTime();
            while (System.nanoTime() - start < 5e9) { // kernels first, then the outer frames get compiled
                call.run();
            }
            long last = Long.MAX_VALUE;
            while (last >= LIMIT_BYTES && System.nanoTime() - start < 30e9) {
                long before = sun.getThreadAllocatedBytes(tid);
                for (int i = 0; i < 10; i++) {
                    call.run();
                }
                last = (sun.getThreadAllocatedBytes(tid) - before) / 10;
                if (last >= LIMIT_BYTES) {
                    for (int i = 0; i < 50; i++) { // still compiling, or the fallback: run on and look again
                        call.run();
                    }
                }
            }
            one.shutdown();
            System.out.println(Simd.fftKernels().description() + ": last " + last + " bytes per call");
        }
    }
}
