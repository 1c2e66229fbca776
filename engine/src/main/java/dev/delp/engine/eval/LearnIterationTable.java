package dev.delp.engine.eval;

import dev.delp.engine.awdvd.BornWolfLevels;
import dev.delp.engine.image.Image2d;
import dev.delp.psf.Optics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Learns the per-level iteration table (tooling; prints the table for {@code IterationTables}).
 * Usage: {@code LearnIterationTable <infocus-dir> <exclude-name> <casesPerLevel> <maxIter> <photons,...> <seed> [threads]}.
 * Training images are the directory's TIFFs except the one whose name contains {@code exclude-name}
 * (kept for the evaluation), plus procedural specimens.
 */
public final class LearnIterationTable {
    private LearnIterationTable() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String exclude = args[1];
        int cases = Integer.parseInt(args[2]);
        int maxIter = Integer.parseInt(args[3]);
        double[] budgets = java.util.Arrays.stream(args[4].split(",")).mapToDouble(Double::parseDouble).toArray();
        long seed = Long.parseLong(args[5]);
        int threads = args.length > 6 ? Integer.parseInt(args[6]) : 2;
        List<Path> files = new ArrayList<>();
        for (Path p : EvalImages.tiffs(dir)) {
            if (!p.getFileName().toString().contains(exclude)) {
                files.add(p);
            }
        }
        List<Image2d> real = EvalImages.truths(files);
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
}
