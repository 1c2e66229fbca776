package dev.delp.bench.awdvd;

import dev.delp.engine.awdvd.Awdvd;
import dev.delp.engine.awdvd.AwdvdOptions;
import dev.delp.engine.awdvd.AwdvdProgress;
import dev.delp.engine.awdvd.BornWolfLevels;
import dev.delp.engine.awdvd.DefocusMap;
import dev.delp.engine.awdvd.IterationTables;
import dev.delp.engine.awdvd.PatchClassifier;
import dev.delp.engine.awdvd.PatchDeconvolver;
import dev.delp.engine.awdvd.PatchGrid;
import dev.delp.engine.awdvd.RlPatchDeconvolver;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Reflect;
import dev.delp.engine.simulate.ForwardModel;
import dev.delp.engine.simulate.NoiseModel;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.nn.DelpNet;
import dev.delp.nn.TrainedOptics;
import dev.delp.psf.Optics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Timing harness for the AWDVD pipeline (issue 7): a whole {@code N x N} image, case (ii), 30 RL
 * iterations, on a pool of {@code T} threads, against the sum of its parts measured alone in the
 * same run — DelpNet on every patch, and Richardson–Lucy of every patch region (same regions,
 * same per-level PSFs, same pool, no cutting/blending) — plus the interpolated mode on the same
 * image and map. Best of {@code R} runs after one warm-up. The labels are the true levels of a
 * tilted specimen (level 0 at the left edge to 10 at the right) so the RL work is representative
 * whatever the weights; DelpNet still runs on every patch (the shipped weights if present, else
 * the default architecture with seeded random weights — same cost).
 *
 * <p>Usage: {@code AwdvdTiming [size=1024] [threads=2] [repeats=2]}. A result check compares the
 * pipeline's output with a second run (bit-identical) and with the input (must differ).
 *
 * <p>Every phase is timed twice: wall clock, and the process CPU time (all threads; JIT and GC
 * included, which is why there is a warm-up run). On a machine shared with other jobs the wall
 * clock of one phase swings by 2-3x between runs while its CPU time does not, so the CPU-time
 * ratio is the statistic to trust for the overhead; the wall clock is what a user waits.
 */
public final class AwdvdTiming {
    private AwdvdTiming() {
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        ForkJoinPool pool = new ForkJoinPool(threads);
        DelpNet net;
        String netName;
        try {
            net = DelpNet.loadDefault();
            netName = "shipped weights";
        } catch (Exception e) {
            net = DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, 1);
            netName = "random weights (" + e.getMessage() + ")";
        }
        BornWolfLevels psfs = BornWolfLevels.of(Optics.defaults());
        for (int l = 0; l < PatchClassifier.LEVELS; l++) {
            psfs.psf(l);
        }
        Image2d truth = new SpecimenGenerator().generate(size, size, 7);
        Image2d image = new ForwardModel().simulate(truth, psfs.psf(5), NoiseModel.poisson(1000), 3, pool);
        PatchGrid grid = PatchGrid.of(size, size, 42);
        int[] labels = new int[grid.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) Math.round(10.0 * (grid.patchX(i) + 41.5) / (size - 1));
        }
        DefocusMap truthMap = DefocusMap.ofLabels(grid, labels);
        DelpNet network = net;
        // DelpNet runs on every patch (its cost is measured); the map it returns is the true one.
        PatchClassifier timedTruth = (patches, p, n, pl) -> {
            network.probabilities(patches, n, pl);
            float[][] out = new float[n][PatchClassifier.CLASSES];
            return out; // replaced below: classify() is called by the pipeline, labels come from the map
        };
        RlPatchDeconvolver rl = new RlPatchDeconvolver(psfs);
        Awdvd awdvd = new Awdvd(timedTruth, psfs, rl, IterationTables.defaultPolicy());
        AwdvdOptions options = AwdvdOptions.defaults().withIterations(30);
        // The pipeline with RL replaced by a copy (same margins, so the same cutting, noise estimates
        // and blending): its time minus classification is the pipeline's overhead, measured directly.
        PatchDeconvolver noRl = new PatchDeconvolver() {
            @Override
            public int margin(int level) {
                return rl.margin(level);
            }

            @Override
            public float[] deconvolve(float[] region, int width, int height, int level, int iterations,
                    ForkJoinPool pl) {
                return region.clone();
            }
        };
        Awdvd withoutRl = new Awdvd(timedTruth, psfs, noRl, IterationTables.defaultPolicy());

        System.out.printf(Locale.ROOT, "AWDVD timing: %dx%d, %d patches (stride 42), 30 iterations, %d threads, DelpNet %s, %s%n",
                size, size, grid.count(), threads, netName, dev.delp.simd.Simd.describe());
        float[] packed = new float[grid.count() * 84 * 84];
        double tClassify = Double.MAX_VALUE, tRl = Double.MAX_VALUE, tWhole = Double.MAX_VALUE, tInterp = Double.MAX_VALUE;
        float[] first = null;
        double[] ratios = new double[repeats], interpRatios = new double[repeats];
        double[] cpuRatios = new double[repeats], cpuInterpRatios = new double[repeats];
        double[] cpuWhole = new double[repeats], directOverhead = new double[repeats];
        for (int rep = 0; rep <= repeats; rep++) {
            // part 1: classification alone (patch cutting included, as the pipeline does it)
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            for (int i = 0; i < grid.count(); i++) {
                cut(image, grid.patchX(i), grid.patchY(i), 84, packed, i * 84 * 84);
            }
            network.probabilities(packed, grid.count(), pool);
            double c = (System.nanoTime() - t0) / 1e9;
            double cc = (cpuNanos() - cpu0) / 1e9;
            // part 2: RL of every patch region alone
            t0 = System.nanoTime();
            cpu0 = cpuNanos();
            List<RecursiveAction> tasks = new ArrayList<>();
            for (int i = 0; i < grid.count(); i++) {
                int k = i;
                tasks.add(new RecursiveAction() {
                    @Override
                    protected void compute() {
                        int m = rl.margin(labels[k]);
                        int s = 84 + 2 * m;
                        float[] region = new float[s * s];
                        cut(image, grid.patchX(k) - m, grid.patchY(k) - m, s, region, 0);
                        rl.deconvolve(region, s, s, labels[k], 30, pool);
                    }
                });
            }
            pool.invoke(new RecursiveAction() {
                @Override
                protected void compute() {
                    invokeAll(tasks);
                }
            });
            double r = (System.nanoTime() - t0) / 1e9;
            double cr = (cpuNanos() - cpu0) / 1e9;
            // whole pipeline: classify (DelpNet on every patch) + deconvolve with the map + blend
            t0 = System.nanoTime();
            cpu0 = cpuNanos();
            awdvd.classify(image, 42, pool, AwdvdProgress.NONE);
            float[] out = awdvd.deconvolve(image, truthMap, options, pool, AwdvdProgress.NONE).image().data();
            double w = (System.nanoTime() - t0) / 1e9;
            double cw = (cpuNanos() - cpu0) / 1e9;
            // interpolated mode on the same map (classification included)
            t0 = System.nanoTime();
            cpu0 = cpuNanos();
            awdvd.classify(image, 42, pool, AwdvdProgress.NONE);
            awdvd.deconvolve(image, truthMap, options.withMode(AwdvdOptions.Mode.INTERPOLATED), pool, AwdvdProgress.NONE);
            double ip = (System.nanoTime() - t0) / 1e9;
            double cip = (cpuNanos() - cpu0) / 1e9;
            // the pipeline without RL (classification, cutting, noise estimates, blending)
            cpu0 = cpuNanos();
            withoutRl.classify(image, 42, pool, AwdvdProgress.NONE);
            withoutRl.deconvolve(image, truthMap, options, pool, AwdvdProgress.NONE);
            double cnr = (cpuNanos() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "run %d%s: classify %.2f s, patch RL %.2f s, sum %.2f s | pipeline %.2f s (ratio %.3f)"
                    + " | interpolated %.2f s%n", rep, rep == 0 ? " (warm-up)" : "", c, r, c + r, w, w / (c + r), ip);
            System.out.printf(Locale.ROOT, "      CPU: classify %.2f s, patch RL %.2f s, sum %.2f s | pipeline %.2f s (ratio %.3f)"
                    + " | interpolated %.2f s (%.3fx case ii) | pipeline without RL %.2f s: overhead %.1f %%%n", cc, cr,
                    cc + cr, cw, cw / (cc + cr), cip, cip / cw, cnr, 100 * (cnr - cc) / (cc + cr));
            if (rep == 0) {
                first = out;
                continue;
            }
            if (!java.util.Arrays.equals(first, out)) {
                throw new IllegalStateException("result check: pipeline output differs between runs");
            }
            ratios[rep - 1] = w / (c + r);
            interpRatios[rep - 1] = ip / w;
            cpuRatios[rep - 1] = cw / (cc + cr);
            cpuInterpRatios[rep - 1] = cip / cw;
            cpuWhole[rep - 1] = cw;
            directOverhead[rep - 1] = (cnr - cc) / (cc + cr);
            tClassify = Math.min(tClassify, c);
            tRl = Math.min(tRl, r);
            tWhole = Math.min(tWhole, w);
            tInterp = Math.min(tInterp, ip);
        }
        if (java.util.Arrays.equals(first, image.data())) {
            throw new IllegalStateException("result check: pipeline returned its input");
        }
        System.out.printf(Locale.ROOT, "best: classify %.2f s + patch RL %.2f s = %.2f s; pipeline %.2f s; overhead %.1f %%;"
                + " interpolated %.2f s (%.2fx case ii)%n", tClassify, tRl, tClassify + tRl, tWhole,
                100 * (tWhole / (tClassify + tRl) - 1), tInterp, tInterp / tWhole);
        // On a shared machine the load changes between runs; the ratio measured within one run
        // (parts, then pipeline, back to back) is the fairer statistic.
        java.util.Arrays.sort(ratios);
        java.util.Arrays.sort(interpRatios);
        System.out.printf(Locale.ROOT, "median of per-run ratios: pipeline / (classify + patch RL) = %.3f (overhead %.1f %%),"
                + " interpolated / case ii = %.3f, over %d runs%n", median(ratios), 100 * (median(ratios) - 1),
                median(interpRatios), repeats);
        java.util.Arrays.sort(cpuRatios);
        java.util.Arrays.sort(cpuInterpRatios);
        java.util.Arrays.sort(cpuWhole);
        java.util.Arrays.sort(directOverhead);
        System.out.printf(Locale.ROOT, "CPU time, median of per-run ratios: pipeline / (classify + patch RL) = %.3f"
                + " (overhead %.1f %%, range %.3f..%.3f), interpolated / case ii = %.3f; pipeline CPU median %.2f s"
                + " (%.2f s per thread)%n", median(cpuRatios), 100 * (median(cpuRatios) - 1), cpuRatios[0],
                cpuRatios[repeats - 1], median(cpuInterpRatios), median(cpuWhole), median(cpuWhole) / threads);
        System.out.printf(Locale.ROOT, "direct overhead (pipeline without RL minus classification, CPU) / parts: median %.1f %%"
                + " (range %.1f..%.1f %%)%n", 100 * median(directOverhead), 100 * directOverhead[0],
                100 * directOverhead[repeats - 1]);
        pool.shutdown();
    }

    /** CPU time of the whole process (all threads), or wall-clock nanos if the JVM cannot tell. */
    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long t = sun.getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        return System.nanoTime();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private static void cut(Image2d image, int x0, int y0, int n, float[] out, int off) {
        float[] d = image.data();
        int w = image.width(), h = image.height();
        for (int y = 0; y < n; y++) {
            int row = w * Reflect.index(y0 + y, h);
            for (int x = 0; x < n; x++) {
                out[off + x + n * y] = d[row + Reflect.index(x0 + x, w)];
            }
        }
    }
}
