package dev.delp.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.simd.Simd;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused inference plan stays on the Vector API's intrinsics with C2's inlining depth cut from
 * JDK 17's default 15 to 9 ({@code -XX:MaxInlineLevel=9}, in a fresh JVM): a margin of six levels for
 * the depth at which user code calls delp. Session 6 (bench/RESULTS.md, nn): a SIMD kernel that C2
 * inlined into a caller (convGemm into the plan's loops, reluMax2x2 into the pooling, the element-wise
 * kernels into engine lambdas) could carry the Vector API's internal call chains past the limit, or be
 * inlined only when C2 had not compiled it on its own yet, and then ran the boxed fallback (megabytes
 * per batch); every kernel is now a compilation root of its own ({@code KernelRootsTest} in delp-fft).
 * The child runs DelpNet's default architecture with seeded weights (the shipped weights are not on
 * this module's classpath; the code path is the same) on 64 patches per call for 4 s, then measures
 * the bytes allocated per call until one round is clean or 30 s pass (a busy machine may still be
 * compiling: C1 code allocates too). No Vector API (the scalar surefire pass): nothing to check.
 */
class InferenceInliningTest {
    static final long LIMIT_BYTES = 1024;

    @Test
    void planStaysIntrinsifiedAtInliningDepthNine() throws Exception {
        if (Simd.vector().isEmpty()) {
            return; // the scalar surefire pass: no Vector API in this JVM
        }
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "--add-modules", "jdk.incubator.vector", "-Xmx512m",
                "-XX:+UseSerialGC", "-XX:MaxInlineLevel=9", "-cp", System.getProperty("java.class.path"),
                Probe.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, p.exitValue(), out);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("last (\\d+) bytes per call").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(out.contains("vector"), "the probe must run the Vector-API kernels: " + out);
        long bytes = Long.parseLong(m.group(1));
        assertTrue(bytes < LIMIT_BYTES, "at MaxInlineLevel=9 a warmed-up plan allocates " + bytes
                + " bytes per 64-patch call (the Vector API's boxed fallback): " + out);
    }

    /** Runs in the child JVM; prints {@code "<kernels>: last N bytes per call"}. */
    static final class Probe {
        public static void main(String[] args) {
            com.sun.management.ThreadMXBean sun =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            InferencePlan plan = DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, 17).inferencePlan();
            int n = 64;
            float[] raw = new float[n * DelpNet.PATCH * DelpNet.PATCH];
            SplittableRandom r = new SplittableRandom(5);
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (float) (100 + 900 * r.nextDouble() * r.nextDouble());
            }
            float[] out = new float[n * plan.outputSize()];
            long tid = Thread.currentThread().getId();
            long start = System.nanoTime();
            while (System.nanoTime() - start < 4e9) { // kernels first, then the plan's loops get compiled
                plan.logits(raw, 0, n, out, 0);
            }
            long last = Long.MAX_VALUE;
            while (last >= LIMIT_BYTES && System.nanoTime() - start < 30e9) {
                long before = sun.getThreadAllocatedBytes(tid);
                for (int i = 0; i < 10; i++) {
                    plan.logits(raw, 0, n, out, 0);
                }
                last = (sun.getThreadAllocatedBytes(tid) - before) / 10;
                if (last >= LIMIT_BYTES) {
                    for (int i = 0; i < 20; i++) { // still compiling, or the fallback: run on and look again
                        plan.logits(raw, 0, n, out, 0);
                    }
                }
            }
            System.out.println(Simd.kernels().description() + ": last " + last + " bytes per call");
        }
    }
}
