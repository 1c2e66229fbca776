package dev.delp.cli.tools;

import dev.delp.engine.awdvd.BornWolfLevels;
import dev.delp.engine.eval.EvalImages;
import dev.delp.engine.eval.IterationLearning;
import dev.delp.engine.image.Image2d;
import dev.delp.psf.Optics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Developer tool: learns the per-level iteration tables of {@code IterationTables} with the engine's
 * {@link IterationLearning} and prints them. Usage: {@code java -cp delp.jar
 * dev.delp.cli.tools.LearnIterationTable <infocus-dir> <exclude-name> <casesPerLevel> <maxIter> <photons,...> <seed> [threads]}.
 * Training images are the directory's TIFFs except the one whose name contains {@code exclude-name}
 * (kept for the evaluation), plus procedural specimens.
 */
public final class LearnIterationTable {
    private LearnIterationTable() {
    }

    public static void main(String[] args) {
        Tools.exit(() -> run(args));
    }

    static void run(String[] args) throws IOException {
        if (args.length < 6 || args.length > 7) {
            throw new IllegalArgumentException("expected <infocus-dir> <exclude-name> <casesPerLevel> <maxIter>"
                    + " <photons,...> <seed> [threads], got " + args.length + " arguments");
        }
        Path dir = Path.of(args[0]);
        String exclude = args[1];
        int cases = positive("casesPerLevel", args[2]);
        int maxIter = positive("maxIter", args[3]);
        double[] budgets;
        try {
            budgets = java.util.Arrays.stream(args[4].split(",")).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("photons '" + args[4] + "' must be comma-separated numbers");
        }
        long seed;
        try {
            seed = Long.parseLong(args[5]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed '" + args[5] + "' is not an integer");
        }
        int threads = args.length > 6 ? positive("threads", args[6]) : 2;
        TrainingImages images = TrainingImages.split(dir, exclude);
        List<Path> files = images.train(); // the image(s) matching exclude-name stay out for the evaluation
        List<Image2d> real = TrainingImages.read(files).stream().map(EvalImages::withoutOffset).toList();
        ForkJoinPool pool = new ForkJoinPool(threads);
        BornWolfLevels psfs = BornWolfLevels.of(Optics.defaults());
        for (double photons : budgets) {
            long t0 = System.nanoTime();
            IterationLearning.Result r = IterationLearning.learn(real, psfs, cases, maxIter, photons, seed, pool,
                    System.out::println);
            System.out.printf(Locale.ROOT, "table (photons %.0f, %d cases/level, images %s): %s  [%.1f s]%n", photons,
                    cases, files.stream().map(p -> p.getFileName().toString()).toList(),
                    java.util.Arrays.toString(r.table()), (System.nanoTime() - t0) / 1e9);
            System.out.printf(Locale.ROOT, "median photon estimate per level (the table's nodes): %s%n",
                    java.util.Arrays.toString(java.util.Arrays.stream(r.medianEstimatedPhotons()).map(Math::rint).toArray()));
            StringBuilder sb = new StringBuilder("curves (mean PSNR / SSIM at k = 0, 1, 2, 3, 5, 10, 15, ...):\n");
            for (int l = 0; l < r.curves().length; l++) {
                sb.append(l).append(':');
                for (int k = 0; k < r.curves()[l].length; k = k < 3 ? k + 1 : k < 5 ? 5 : k + 5) {
                    sb.append(String.format(Locale.ROOT, " %d:%.2f/%.3f", k, r.curves()[l][k], r.ssimCurves()[l][k]));
                }
                sb.append('\n');
            }
            System.out.print(sb);
        }
        pool.shutdown();
    }

    private static int positive(String name, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " '" + value + "' must be a positive integer");
    }
}
