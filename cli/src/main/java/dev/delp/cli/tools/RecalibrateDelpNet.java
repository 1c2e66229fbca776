package dev.delp.cli.tools;

import dev.delp.engine.training.BatchNormRecalibration;
import dev.delp.nn.DelpNet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * Developer tool: "precise batch-norm" ({@link BatchNormRecalibration}) of a weights file; writes the
 * recalibrated weights only if validation top-1 improves.
 *
 * <p>Usage: {@code java -cp delp.jar dev.delp.cli.tools.RecalibrateDelpNet --weights in.dlpw --out out.dlpw
 * --images DIR --holdout a01 --seed S [--batches 150] [--batch 32] [--threads T] [--val-blocks 50]}.
 */
public final class RecalibrateDelpNet {
    private static final Set<String> FLAGS = Set.of("weights", "out", "images", "holdout", "seed", "batches", "batch",
            "threads", "val-blocks", "level10-max-um");

    private RecalibrateDelpNet() {
    }

    public static void main(String[] args) {
        Tools.exit(() -> run(args));
    }

    static void run(String[] args) throws IOException {
        Flags f = new Flags(args, FLAGS);
        Path in = Path.of(f.string("weights", "best.dlpw"));
        Path out = Path.of(f.string("out", "recalibrated.dlpw"));
        long seed = f.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int batches = (int) f.integer("batches", 150, 1, 100000);
        int batch = (int) f.integer("batch", 32, 2, 4096);
        int threads = (int) f.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        int valBlocks = (int) f.integer("val-blocks", 50, 1, 100000);
        double level10Max = f.number("level10-max-um", 32, 0, 1000);
        TrainingImages images = TrainingImages.split(Path.of(f.string("images", ".")), f.string("holdout", "a01"));
        DelpNet net = DelpNet.load(in);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            BatchNormRecalibration.Outcome r = BatchNormRecalibration.recalibrate(net, TrainingImages.load(images.train()),
                    TrainingImages.load(images.heldOut()), seed, batches, batch, valBlocks, level10Max, pool);
            System.out.printf(Locale.ROOT, "validation top-1 synthetic/real: before %.4f / %.4f, after %d batches %.4f / %.4f%n",
                    r.before()[0], r.before()[1], r.batches(), r.after()[0], r.after()[1]);
            if (r.improved()) {
                Map<String, String> prov = new LinkedHashMap<>(net.provenance());
                prov.put("batchnorm_recalibration", "RecalibrateDelpNet " + String.join(" ", args) + " (" + r.batches()
                        + " batches of " + batch + ")");
                prov.put("accuracy.synthetic.top1", String.format(Locale.ROOT, "%.4f", r.after()[0]));
                prov.put("accuracy.real_heldout.top1", String.format(Locale.ROOT, "%.4f", r.after()[1]));
                TrainDelpNet.save(net, prov, out);
                System.out.println("wrote " + out);
            } else {
                System.out.println("no improvement; nothing written");
            }
        } finally {
            pool.shutdown();
        }
    }
}
