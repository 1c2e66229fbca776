package dev.delp.bench.fft;

import dev.delp.fft.ComplexFft1d;
import dev.delp.fft.RealFft2d;
import dev.delp.fft.RealFft3d;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ForkJoinPool;
import org.jtransforms.fft.FloatFFT_1D;
import org.jtransforms.fft.FloatFFT_2D;
import org.jtransforms.fft.FloatFFT_3D;

/**
 * Single-thread delp vs JTransforms on the JMH shapes, timed in this thread's CPU time rather than
 * wall-clock time, with the two libraries alternating batch by batch in one JVM. On a machine
 * shared with other busy processes, wall-clock JMH scores swing by several times; CPU time does
 * not count the time the thread waits for a core, so the ratio stays meaningful. Each case: 4 s
 * of alternating warm-up, then the best of 15 batches per library. The same result checks as the
 * JMH benchmarks run first. Output lines: {@code kind shape threads impl-cpu ms}. Batch length: see
 * {@link #BATCH_MS}.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.delp.bench.fft.CpuTimeCompare [r2d|r3d|c1d ...]}
 */
public final class CpuTimeCompare {
    private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();

    /**
     * {@code -Ddelp.bench.batchMs=N}: each batch repeats one library's call for at least N ms of
     * CPU time (default 0: about 2·10⁶ samples per batch, a single call at 1024²). With single-call
     * batches every delp call at 1024² starts right after a JTransforms call (or the in-place one)
     * has replaced the caches' contents, while fftw_bench times FFTW in back-to-back batches of at
     * least 0.2 s; N = 100 gives both the same warm, back-to-back conditions.
     */
    private static final double BATCH_MS = Double.parseDouble(System.getProperty("delp.bench.batchMs", "0"));

    private CpuTimeCompare() {
    }

    public static void main(String[] args) {
        Check.jtransformsThreads(1);
        java.util.List<String> kinds = args.length == 0 ? java.util.List.of("r2d", "r3d", "c1d") : java.util.List.of(args);
        ForkJoinPool pool = new ForkJoinPool(1);
        if (kinds.contains("r2d")) {
            for (int s : new int[] {84, 128, 256, 512, 1000, 1024}) {
                real2d(s, pool);
            }
        }
        if (kinds.contains("r3d")) {
            for (int[] s : new int[][] {{64, 64, 64}, {128, 128, 128}, {96, 96, 60}}) {
                real3d(s[0], s[1], s[2], pool);
            }
        }
        if (kinds.contains("c1d")) {
            for (int n : new int[] {64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 1000, 1536, 2310, 4095}) {
                complex1d(n);
            }
        }
        pool.shutdown();
    }

    private static void real2d(int s, ForkJoinPool pool) {
        int n = s * s;
        float[] image = Check.random(n, s), spectrum, out = new float[n];
        RealFft2d plan = RealFft2d.of(s, s);
        spectrum = new float[plan.spectrumLength()];
        FloatFFT_2D jt = new FloatFFT_2D(s, s);
        boolean packed = Integer.bitCount(s) == 1;
        float[] jd = new float[packed ? n : 2 * n];
        Runnable delp = () -> {
            plan.forward(image, spectrum, pool);
            plan.inverse(spectrum, out, pool);
        };
        Runnable jtr = () -> {
            System.arraycopy(image, 0, jd, 0, n);
            if (packed) {
                jt.realForward(jd);
                jt.realInverse(jd, true);
            } else {
                jt.realForwardFull(jd);
                jt.complexInverse(jd, true);
            }
        };
        // in place in FFTW's padded layout (as JTransforms' packed transform is in place and FFTW's
        // c2r overwrites its input): the data are copied into the padded rows inside the timing,
        // as JTransforms copies its input
        float[] padded = new float[plan.paddedLength()];
        int stride = plan.paddedRowLength();
        Runnable inPlace = () -> {
            for (int y = 0; y < s; y++) {
                System.arraycopy(image, y * s, padded, y * stride, s);
            }
            plan.forwardInPlace(padded, pool);
            plan.inverseInPlace(padded, pool);
        };
        compare("r2d", s + "x" + s, n, delp, jtr, inPlace);
        float[] back = new float[n];
        for (int y = 0; y < s; y++) {
            System.arraycopy(padded, y * stride, back, y * s, s);
        }
        Check.close("2D " + s + " delp in-place round trip", back, image, n, 1e-5);
        Check.close("2D " + s + " delp round trip", out, image, n, 1e-5);
        float[] jo = new float[n];
        for (int i = 0; i < n; i++) {
            jo[i] = packed ? jd[i] : jd[2 * i];
        }
        Check.close("2D " + s + " JTransforms round trip", jo, image, n, 1e-5);
    }

    private static void real3d(int w, int h, int d, ForkJoinPool pool) {
        int n = w * h * d;
        float[] volume = Check.random(n, n), out = new float[n];
        RealFft3d plan = RealFft3d.of(w, h, d);
        float[] spectrum = new float[plan.spectrumLength()];
        FloatFFT_3D jt = new FloatFFT_3D(d, h, w);
        boolean packed = Integer.bitCount(w) == 1 && Integer.bitCount(h) == 1 && Integer.bitCount(d) == 1;
        float[] jd = new float[packed ? n : 2 * n];
        Runnable delp = () -> {
            plan.forward(volume, spectrum, pool);
            plan.inverse(spectrum, out, pool);
        };
        Runnable jtr = () -> {
            System.arraycopy(volume, 0, jd, 0, n);
            if (packed) {
                jt.realForward(jd);
                jt.realInverse(jd, true);
            } else {
                jt.realForwardFull(jd);
                jt.complexInverse(jd, true);
            }
        };
        compare("r3d", w + "x" + h + "x" + d, n, delp, jtr);
        Check.close("3D delp round trip", out, volume, n, 1e-5);
    }

    private static void complex1d(int n) {
        float[] input = Check.random(2 * n, n), a = input.clone(), b = input.clone();
        ComplexFft1d plan = ComplexFft1d.of(n);
        FloatFFT_1D jt = new FloatFFT_1D(n);
        float[] x = input.clone(), y = input.clone();
        plan.forward(x, 0);
        jt.complexForward(y);
        Check.close("1D " + n + " delp vs JTransforms", x, y, 2 * n, 1e-5);
        Runnable delp = () -> {
            plan.forward(a, 0);
            plan.inverse(a, 0);
        };
        Runnable jtr = () -> {
            jt.complexForward(b);
            jt.complexInverse(b, true);
        };
        compare("c1d", String.valueOf(n), 2 * n, delp, jtr);
        // repeated float round trips drift (1/n is not exact): only gross breakage is checked here,
        // the accuracy check is the forward comparison above
        Check.close("1D " + n + " delp after timed round trips", a, input, 2 * n, 0.5);
    }

    private static void compare(String kind, String shape, int size, Runnable delp, Runnable jt) {
        compare(kind, shape, size, delp, jt, null);
    }

    /** As above, with an optional third runnable (delp in place), alternated with the other two. */
    private static void compare(String kind, String shape, int size, Runnable delp, Runnable jt, Runnable delpInPlace) {
        long warmEnd = System.nanoTime() + 4_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            delp.run();
            jt.run();
            if (delpInPlace != null) {
                delpInPlace.run();
            }
        }
        int reps = Math.max(1, 2_000_000 / size);
        if (BATCH_MS > 0) { // back-to-back batches of at least BATCH_MS per library, as fftw_bench times FFTW
            long c0 = BEAN.getCurrentThreadCpuTime();
            delp.run();
            double callMs = Math.max(1e-3, (BEAN.getCurrentThreadCpuTime() - c0) / 1e6);
            reps = Math.max(reps, (int) Math.ceil(BATCH_MS / callMs));
        }
        double bestDelp = Double.MAX_VALUE, bestJt = Double.MAX_VALUE, bestInPlace = Double.MAX_VALUE;
        for (int r = 0; r < 15; r++) {
            long t0 = BEAN.getCurrentThreadCpuTime();
            for (int q = 0; q < reps; q++) {
                delp.run();
            }
            long t1 = BEAN.getCurrentThreadCpuTime();
            for (int q = 0; q < reps; q++) {
                jt.run();
            }
            long t2 = BEAN.getCurrentThreadCpuTime();
            bestDelp = Math.min(bestDelp, (t1 - t0) / 1e6 / reps);
            bestJt = Math.min(bestJt, (t2 - t1) / 1e6 / reps);
            if (delpInPlace != null) {
                for (int q = 0; q < reps; q++) {
                    delpInPlace.run();
                }
                bestInPlace = Math.min(bestInPlace, (BEAN.getCurrentThreadCpuTime() - t2) / 1e6 / reps);
            }
        }
        System.out.printf("%s %s 1 delp-cpu %.5f%n", kind, shape, bestDelp);
        System.out.printf("%s %s 1 jtransforms-cpu %.5f%n", kind, shape, bestJt);
        if (delpInPlace != null) {
            System.out.printf("%s %s 1 delpinplace-cpu %.5f%n", kind, shape, bestInPlace);
        }
        System.out.flush();
    }
}
