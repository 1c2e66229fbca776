package dev.delp.bench.engine;

import dev.delp.engine.deconv.RichardsonLucy;
import dev.delp.engine.deconv.RlOptions;
import dev.delp.engine.deconv.RlRun;
import dev.delp.fft.RealFft2d;
import dev.delp.fft.RealFft3d;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Load-robust companion of {@link RlBench} for a shared, oversubscribed machine: one JVM runs delp's
 * plain RL iteration, the JTransforms baseline iteration and the four-FFT floor in rotating order,
 * round after round, and reports per-round ratios (median) and best times. Slowly varying load
 * from other processes then hits the three alike within a round. Same problems and result check as
 * RlBench (the two RL implementations must agree after 2 iterations, 1e-4 relative RMS).
 *
 * <pre>java -Xmx6g -XX:+UseParallelGC --add-modules jdk.incubator.vector \
 *     -cp benchmarks.jar dev.delp.bench.engine.RlRatio [rounds2d] [rounds3d]</pre>
 */
public final class RlRatio {
    public static void main(String[] args) {
        int rounds2d = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int rounds3d = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.println("| shape | threads | delp plain best ms | JTransforms best ms | FFT floor best ms "
                + "| baseline / delp (median of rounds) | delp / FFT floor (median) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String shape : new String[] {"2d", "3d"}) {
            for (int threads : new int[] {1, 2}) {
                run(shape, threads, shape.equals("2d") ? rounds2d : rounds3d);
            }
        }
    }

    private static void run(String shape, int threads, int rounds) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(threads);
        RlBench.Problem p = shape.equals("2d") ? RlBench.Problem.twoD() : RlBench.Problem.threeD();
        RichardsonLucy rl = new RichardsonLucy(RlOptions.plain());
        RlRun run = p.psf2d != null ? rl.start(p.image2d, p.psf2d, pool) : rl.start(p.stack3d, p.psf3d, pool);
        int[] w = run.workShape();
        float[] img = p.psf2d != null ? p.image2d.data() : p.stack3d.data();
        float[] psf = p.psf2d != null ? p.psf2d.data() : p.psf3d.data();
        JtRichardsonLucy jt = p.psf2d != null
                ? new JtRichardsonLucy(img, 1024, 1024, 1, psf, 65, 65, 1, w[0], w[1], w[2])
                : new JtRichardsonLucy(img, 256, 256, 64, psf, 65, 65, 33, w[0], w[1], w[2]);
        run.iterate(false);
        run.iterate(false);
        jt.iterate();
        jt.iterate();
        RlBench.close("delp vs JTransforms, " + shape, p.psf2d != null ? run.image().data() : run.stack().data(),
                jt.image(), 1e-4);
        Runnable floor = floor(w, pool);
        Runnable[] tasks = {() -> run.iterate(false), jt::iterate, floor};
        for (Runnable t : tasks) { // warm-up
            t.run();
            t.run();
        }
        double[][] ms = new double[3][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 3; k++) {
                int t = (r + k) % 3; // rotate the order each round
                long t0 = System.nanoTime();
                tasks[t].run();
                ms[t][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double[] speedup = new double[rounds];
        double[] overFloor = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            speedup[r] = ms[1][r] / ms[0][r];
            overFloor[r] = ms[0][r] / ms[2][r];
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.2f | %.2f |%n", shape, threads, min(ms[0]),
                min(ms[1]), min(ms[2]), median(speedup), median(overFloor));
        pool.shutdown();
    }

    /** The four in-place real FFTs of one RL iteration (RL runs them on one padded volume). */
    private static Runnable floor(int[] w, ForkJoinPool pool) {
        if (w[2] == 1) {
            RealFft2d f = RealFft2d.of(w[0], w[1]);
            float[] data = new float[f.paddedLength()];
            Arrays.fill(data, 1f);
            return () -> {
                f.forwardInPlace(data, pool);
                f.inverseInPlace(data, pool);
                f.forwardInPlace(data, pool);
                f.inverseInPlace(data, pool);
            };
        }
        RealFft3d f = RealFft3d.of(w[0], w[1], w[2]);
        float[] data = new float[f.paddedLength()];
        Arrays.fill(data, 1f);
        return () -> {
            f.forwardInPlace(data, pool);
            f.inverseInPlace(data, pool);
            f.forwardInPlace(data, pool);
            f.inverseInPlace(data, pool);
        };
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElse(Double.NaN);
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
