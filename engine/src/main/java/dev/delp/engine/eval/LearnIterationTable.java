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
 * Usage: {@code LearnIterationTable <infocus-dir> <exclude-name> <casesPerLevel> <maxIter> <photons> <seed> [threads]}.
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
        double photons = Double.parseDouble(args[4]);
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
        long t0 = System.nanoTime();
        IterationLearning.Result r = IterationLearning.learn(real, BornWolfLevels.of(Optics.defaults()), cases, maxIter,
                photons, seed, pool, System.out::println);
        System.out.printf(Locale.ROOT, "table (photons %.0f, %d cases/level, images %s): %s  [%.1f s]%n", photons, cases,
                files.stream().map(p -> p.getFileName().toString()).toList(), java.util.Arrays.toString(r.table()),
                (System.nanoTime() - t0) / 1e9);
        pool.shutdown();
    }
}
