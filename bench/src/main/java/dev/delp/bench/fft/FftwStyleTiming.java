package dev.delp.bench.fft;

import dev.delp.fft.RealFft2d;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ForkJoinPool;

/**
 * Times delp's 2D real forward + inverse transform on one shape exactly as {@code bench/fftw/fftw_bench.c}
 * times FFTW, so the two numbers can be divided: one process per shape, the same input
 * ({@code i % 17 / 17}), batches of back-to-back calls sized to at least 0.2 s, best of 7 batches, as
 * wall-clock and as this thread's CPU time. The one difference is a JIT warm-up (default 3 s, which
 * FFTW, compiled ahead of time, does not need) before the batch size is chosen. No other library runs
 * in the process, unlike {@link CpuTimeCompare}, whose alternation with JTransforms leaves delp's calls
 * on caches the other library has just filled. {@code bench/fftw/alternate.sh} runs this and
 * {@code fftw_bench} in turn, shape by shape, for several rounds.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.delp.bench.fft.FftwStyleTiming W H [warmUpSeconds]}
 * prints {@code r2d WxH 1 delp-wall ms} and {@code r2d WxH 1 delp-cpu ms} ({@code delp-destroying-…} with
 * {@code -Ddelp.bench.inverse=destroying}, which times {@code inverseDestroying} instead of {@code inverse}).
 */
public final class FftwStyleTiming {
    private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();

    private FftwStyleTiming() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: FftwStyleTiming W H [warmUpSeconds]");
            System.exit(2);
        }
        int w = Integer.parseInt(args[0]), h = Integer.parseInt(args[1]);
        double warmUpSeconds = args.length == 3 ? Double.parseDouble(args[2]) : 3;
        if (w < 2 || h < 1 || (long) w * h > 1L << 26 || !(warmUpSeconds >= 0)) {
            System.err.println("shape " + w + "x" + h + " or warm-up " + warmUpSeconds + " s out of range (W >= 2, W*H <= 2^26, warm-up >= 0)");
            System.exit(2);
        }
        RealFft2d fft = RealFft2d.of(w, h);
        float[] in = new float[w * h], out = new float[w * h], spectrum = new float[fft.spectrumLength()];
        for (int i = 0; i < in.length; i++) {
            in[i] = (i % 17) / 17.0f;
        }
        // a pool of parallelism 1 runs every tile on the calling thread (Tiles), so this thread's CPU
        // time is the whole transform's, on any machine (the common pool would add workers on > 2 cores)
        ForkJoinPool oneThread = new ForkJoinPool(1);
        // -Ddelp.bench.inverse=destroying times inverseDestroying (same bits), which may overwrite the
        // spectrum as FFTW's c2r plan in fftw_bench does (FFTW's default for c2r); the default is the
        // preserving inverse, the numbers recorded so far. The output tags say which one ran.
        boolean destroying = "destroying".equals(System.getProperty("delp.bench.inverse", "preserving"));
        Runnable op = destroying ? () -> {
            fft.forward(in, spectrum, oneThread);
            fft.inverseDestroying(spectrum, out, oneThread);
        } : () -> {
            fft.forward(in, spectrum, oneThread);
            fft.inverse(spectrum, out, oneThread);
        };
        long warmEnd = System.nanoTime() + (long) (warmUpSeconds * 1e9);
        while (System.nanoTime() < warmEnd) {
            op.run();
        }
        long reps = 1; // as fftw_bench: double the batch until it takes at least 0.2 s
        for (;;) {
            long t0 = System.nanoTime();
            for (long r = 0; r < reps; r++) {
                op.run();
            }
            if (System.nanoTime() - t0 >= 200_000_000L) {
                break;
            }
            reps *= 2;
        }
        double bestWallMs = Double.MAX_VALUE, bestCpuMs = Double.MAX_VALUE;
        for (int b = 0; b < 7; b++) {
            long t0 = System.nanoTime(), c0 = BEAN.getCurrentThreadCpuTime();
            for (long r = 0; r < reps; r++) {
                op.run();
            }
            bestWallMs = Math.min(bestWallMs, (System.nanoTime() - t0) / 1e6 / reps);
            bestCpuMs = Math.min(bestCpuMs, (BEAN.getCurrentThreadCpuTime() - c0) / 1e6 / reps);
        }
        // the same sanity check as fftw_bench (delp's inverse is normalised: the round trip returns the input)
        Check.close("delp round trip " + w + "x" + h, out, in, in.length, 1e-5);
        oneThread.shutdown();
        String shape = w + "x" + h;
        String tag = destroying ? "delp-destroying" : "delp";
        System.out.printf("r2d %s 1 %s-wall %.5f%n", shape, tag, bestWallMs);
        System.out.printf("r2d %s 1 %s-cpu %.5f%n", shape, tag, bestCpuMs);
    }
}
