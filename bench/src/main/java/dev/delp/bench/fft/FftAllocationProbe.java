package dev.delp.bench.fft;

import dev.delp.bench.StackSampler;
import dev.delp.fft.RealFft2d;
import dev.delp.fft.RealFft3d;
import dev.delp.simd.Simd;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ForkJoinPool;

/**
 * Detects the Vector API's boxed fallback in a fresh JVM: for each shape in turn (as a user's process
 * would meet them), warms the real forward + preserving inverse up, then prints the heap bytes the
 * calling thread allocates per call and the thread CPU time per call. A kernel that C2 compiled
 * without its Vector API intrinsics (a call chain deeper than {@code MaxInlineLevel}, a unit past
 * {@code NodeCountInliningCutoff}) boxes every vector: megabytes per call and a 2–4× slower
 * transform, for the life of the process (bench/RESULTS.md, FFT session 5, lead; session 6).
 * Exits with status 1 if any shape allocates more than {@code delp.probe.maxBytes} (default 4096)
 * per call after the warm-up, so a shell loop over fresh JVMs can count the processes that fell back.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector [-XX:MaxInlineLevel=10] -cp benchmarks.jar \
 *     dev.delp.bench.fft.FftAllocationProbe 1024 84 1000x1000 64x64x64
 * </pre>
 * Shapes: {@code N} (N×N), {@code WxH}, {@code WxHxD}. Per shape: {@code delp.probe.warmUpS} seconds
 * of calls (default 3), then {@code delp.probe.runS} (default 3) of timed batches of 5 calls, then up
 * to {@code delp.probe.settleS} (default 10) more while the calls still allocate (C1-compiled or
 * interpreted kernels allocate too until C2 has compiled them; a busy machine may need seconds more).
 * Printed per shape: bytes per call, thread CPU ms per call after all that, the best timed batch, and
 * how long the settling took. {@code delp.probe.sample=true}: when a shape allocates, print the
 * hottest delp stacks of 200 samples of the calling thread (where the fallback runs).
 */
public final class FftAllocationProbe {
    private static final com.sun.management.ThreadMXBean BEAN =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private FftAllocationProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            System.err.println("usage: FftAllocationProbe SHAPE... (SHAPE: N, WxH or WxHxD)");
            System.exit(2);
        }
        double warmUpS = Double.parseDouble(System.getProperty("delp.probe.warmUpS", "3"));
        double runS = Double.parseDouble(System.getProperty("delp.probe.runS", "3"));
        double settleS = Double.parseDouble(System.getProperty("delp.probe.settleS", "10"));
        long maxBytes = Long.getLong("delp.probe.maxBytes", 4096);
        boolean sample = Boolean.getBoolean("delp.probe.sample");
        ForkJoinPool oneThread = new ForkJoinPool(1); // tiles run on the calling thread
        boolean failed = false;
        StringBuilder line = new StringBuilder(Simd.describe() + ", java " + System.getProperty("java.version"));
        for (String s : args) {
            int[] shape = parse(s);
            Runnable op = transform(shape, oneThread);
            long end = System.nanoTime() + (long) (warmUpS * 1e9);
            while (System.nanoTime() < end) {
                op.run();
            }
            // then timed batches for runS seconds, as a timing harness would run them: the fallback
            // usually appears only when C2 compiles the outer frames (the harness's loop, the plan's
            // forward/inverse) and inlines a kernel into them, after the kernels' own compilations
            double ms = Double.MAX_VALUE;
            end = System.nanoTime() + (long) (runS * 1e9);
            while (System.nanoTime() < end) {
                long c0 = BEAN.getCurrentThreadCpuTime();
                for (int i = 0; i < 5; i++) {
                    op.run();
                }
                ms = Math.min(ms, (BEAN.getCurrentThreadCpuTime() - c0) / 1e6 / 5);
            }
            long settleStart = System.nanoTime(), limit = settleStart + (long) (settleS * 1e9);
            long bytes = bytesPerCall(op);
            while (bytes > maxBytes && System.nanoTime() < limit) {
                for (int i = 0; i < 5; i++) {
                    op.run();
                }
                bytes = bytesPerCall(op);
            }
            double settledS = (System.nanoTime() - settleStart) / 1e9;
            // the time of the calls as they run now (the best batch above may predate the last compilations)
            long c0 = BEAN.getCurrentThreadCpuTime();
            op.run();
            op.run();
            double nowMs = (BEAN.getCurrentThreadCpuTime() - c0) / 1e6 / 2;
            line.append(String.format("; %s %d B/call %.4f ms (best batch %.4f ms%s)", s, bytes, nowMs,
                    ms == Double.MAX_VALUE ? Double.NaN : ms, settledS > 0.01 ? String.format(", settled after +%.1f s", settledS) : ""));
            if (bytes > maxBytes) {
                failed = true;
                if (sample) {
                    System.out.println(line);
                    StackSampler.sample(op, 12);
                }
            }
        }
        oneThread.shutdown();
        System.out.println(line + (failed ? "; FALLBACK" : "; ok"));
        System.exit(failed ? 1 : 0);
    }

    private static int[] parse(String s) {
        String[] p = s.split("x");
        int[] shape = new int[p.length == 1 ? 2 : p.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Integer.parseInt(p[Math.min(i, p.length - 1)]);
        }
        if (shape.length > 3 || shape[0] < 2 || java.util.Arrays.stream(shape).anyMatch(v -> v < 1)) {
            throw new IllegalArgumentException("shape " + s + ": expected N, WxH or WxHxD with W >= 2, H, D >= 1");
        }
        return shape;
    }

    private static long bytesPerCall(Runnable op) {
        long a0 = BEAN.getCurrentThreadAllocatedBytes();
        op.run();
        op.run();
        return (BEAN.getCurrentThreadAllocatedBytes() - a0) / 2;
    }

    /** Forward + preserving inverse, input {@code i % 17 / 17} (as FftwStyleTiming). */
    private static Runnable transform(int[] shape, ForkJoinPool pool) {
        int n = java.util.Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        float[] in = new float[n], out = new float[n];
        for (int i = 0; i < n; i++) {
            in[i] = (i % 17) / 17.0f;
        }
        if (shape.length == 3) {
            RealFft3d fft = RealFft3d.of(shape[0], shape[1], shape[2]);
            float[] spec = new float[fft.spectrumLength()];
            return () -> {
                fft.forward(in, spec, pool);
                fft.inverse(spec, out, pool);
            };
        }
        RealFft2d fft = RealFft2d.of(shape[0], shape[1]);
        float[] spec = new float[fft.spectrumLength()];
        return () -> {
            fft.forward(in, spec, pool);
            fft.inverse(spec, out, pool);
        };
    }
}
