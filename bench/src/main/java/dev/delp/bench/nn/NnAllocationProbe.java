package dev.delp.bench.nn;

import dev.delp.bench.StackSampler;
import dev.delp.engine.deconv.RichardsonLucy;
import dev.delp.engine.deconv.RlOptions;
import dev.delp.engine.deconv.RlRun;
import dev.delp.engine.image.Image2d;
import dev.delp.nn.DelpNet;
import dev.delp.nn.InferencePlan;
import dev.delp.simd.Simd;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Detects the Vector API's boxed fallback in DelpNet inference and in Richardson–Lucy iterations in a
 * fresh JVM (as {@code dev.delp.bench.fft.FftAllocationProbe} does for the FFT): for each workload in
 * turn, runs it for a warm-up, then timed batches (as a harness would), then prints the heap bytes the
 * calling thread allocates per call and the best thread CPU time per call. A SIMD kernel that C2
 * compiled without its Vector-API intrinsics (a call chain deeper than {@code MaxInlineLevel}, a unit
 * past {@code NodeCountInliningCutoff}, a vector passed to a method C2 refused to inline) boxes every
 * vector: megabytes per call and a several times slower call for the life of the process
 * (bench/RESULTS.md, nn session 6). Exits with status 1 if a workload allocates more than
 * {@code delp.probe.maxBytes} (default 4096) per call after the warm-up, so a shell loop over fresh
 * JVMs counts the processes that fell back.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector [-XX:MaxInlineLevel=10] -cp benchmarks.jar \
 *     dev.delp.bench.nn.NnAllocationProbe [nn] [rl] [rl-ba]
 * </pre>
 * Workloads: {@code nn} — {@code InferencePlan.logits} of the default DelpNet (shipped weights, else
 * seeded random ones of the same shape) on 64 raw patches, one thread; {@code rl} — one plain
 * Richardson–Lucy iteration of a 256² image with an asymmetric (complex-OTF) PSF on a 1-thread pool;
 * {@code rl-ba} — the same with Biggs–Andrews acceleration. Default: {@code nn rl}. Properties:
 * {@code delp.probe.warmUpS} (default 4, per workload), {@code delp.probe.runS} (default 2),
 * {@code delp.probe.settleS} (default 10: more calls while they still allocate — C1 code and the
 * interpreter allocate too until C2 has compiled them), {@code delp.probe.sample=true} (on fallback,
 * the 10 commonest delp stacks of 200 samples of the calling thread).
 */
public final class NnAllocationProbe {
    private static final com.sun.management.ThreadMXBean BEAN =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private NnAllocationProbe() {
    }

    /** Runs the probe (arguments above). */
    public static void main(String[] args) throws Exception {
        String[] work = args.length == 0 ? new String[] {"nn", "rl"} : args;
        double warmUpS = Double.parseDouble(System.getProperty("delp.probe.warmUpS", "4"));
        double runS = Double.parseDouble(System.getProperty("delp.probe.runS", "2"));
        double settleS = Double.parseDouble(System.getProperty("delp.probe.settleS", "10"));
        long maxBytes = Long.getLong("delp.probe.maxBytes", 4096);
        boolean sample = Boolean.getBoolean("delp.probe.sample");
        ForkJoinPool oneThread = new ForkJoinPool(1);
        boolean failed = false;
        StringBuilder line = new StringBuilder(Simd.kernels().description() + ", java " + System.getProperty("java.version"));
        for (String w : work) {
            Runnable op = workload(w, oneThread);
            long end = System.nanoTime() + (long) (warmUpS * 1e9);
            while (System.nanoTime() < end) {
                op.run();
            }
            // timed batches as a harness would run them (the fallback often appears only when C2
            // compiles the outer frames, after the kernels), then until the calls stop allocating
            // (or settleS passes), then timed batches again for the CPU time per call
            timedBatches(op, runS);
            long bytes = settle(op, maxBytes, settleS);
            double ms = timedBatches(op, runS);
            bytes = Math.max(bytes, settle(op, maxBytes, settleS / 2)); // the state the process stays in
            line.append(String.format("; %s %d B/call %.3f ms", w, bytes, ms));
            if (bytes > maxBytes) {
                failed = true;
                if (sample) {
                    System.out.println(line);
                    StackSampler.sample(op, 8);
                }
            }
        }
        oneThread.shutdown();
        System.out.println(line + (failed ? "; FALLBACK" : "; ok"));
        System.exit(failed ? 1 : 0);
    }

    private static Runnable workload(String w, ForkJoinPool pool) throws java.io.IOException {
        switch (w) {
            case "nn": {
                DelpNet net = BenchInputs.shippedOrRandomNet();
                InferencePlan plan = net.inferencePlan();
                int n = 64;
                float[] raw = BenchInputs.rawPatches(n);
                float[] out = new float[n * plan.outputSize()];
                return () -> plan.logits(raw, 0, n, out, 0);
            }
            case "rl":
            case "rl-ba": {
                int size = 256;
                SplittableRandom rnd = new SplittableRandom(7);
                float[] img = new float[size * size];
                for (int i = 0; i < img.length; i++) {
                    img[i] = (float) (100 + 900 * rnd.nextDouble() * rnd.nextDouble());
                }
                int ps = 15; // an off-centre, elongated Gaussian: no mirror symmetry, so the OTF is complex
                float[] psf = new float[ps * ps];
                for (int y = 0; y < ps; y++) {
                    for (int x = 0; x < ps; x++) {
                        double dx = x - 6.3, dy = y - 7.6;
                        psf[y * ps + x] = (float) Math.exp(-(dx * dx / 6.0 + dy * dy / 2.5 + 0.4 * dx * dy));
                    }
                }
                RlOptions opt = w.equals("rl") ? RlOptions.plain() : RlOptions.biggsAndrews();
                RlRun run = new RichardsonLucy(opt).start(new Image2d(size, size, img), new Image2d(ps, ps, psf), pool);
                return () -> run.iterate(true);
            }
            default:
                throw new IllegalArgumentException("workload " + w + ": expected nn, rl or rl-ba");
        }
    }

    /** Runs batches of 5 calls for {@code seconds}; returns the best thread CPU ms per call. */
    private static double timedBatches(Runnable op, double seconds) {
        double ms = Double.MAX_VALUE;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            long c0 = BEAN.getCurrentThreadCpuTime();
            for (int i = 0; i < 5; i++) {
                op.run();
            }
            ms = Math.min(ms, (BEAN.getCurrentThreadCpuTime() - c0) / 1e6 / 5);
        } while (System.nanoTime() < end);
        return ms;
    }

    /** Bytes per call, measured again after more calls while above {@code maxBytes}, for at most {@code seconds}. */
    private static long settle(Runnable op, long maxBytes, double seconds) {
        long limit = System.nanoTime() + (long) (seconds * 1e9);
        long bytes = bytesPerCall(op);
        while (bytes > maxBytes && System.nanoTime() < limit) {
            for (int i = 0; i < 5; i++) {
                op.run();
            }
            bytes = bytesPerCall(op);
        }
        return bytes;
    }

    private static long bytesPerCall(Runnable op) {
        long a0 = BEAN.getCurrentThreadAllocatedBytes();
        op.run();
        op.run();
        return (BEAN.getCurrentThreadAllocatedBytes() - a0) / 2;
    }
}
