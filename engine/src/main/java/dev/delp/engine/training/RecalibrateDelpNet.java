package dev.delp.engine.training;

import dev.delp.engine.dataset.DatasetBuilder;
import dev.delp.engine.dataset.DatasetConfig;
import dev.delp.nn.DelpNet;
import dev.delp.nn.Exec;
import dev.delp.psf.Optics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * Post-training "precise batch-norm": re-estimates every batch-norm layer's running statistics
 * as the average over many training batches (fresh blocks of the training sources — never the
 * held-out image), then compares validation accuracy before and after on the same validation
 * sets as {@link TrainDelpNet} and writes the recalibrated weights only if they are better.
 *
 * <p>Usage: {@code RecalibrateDelpNet --weights in.dlpw --out out.dlpw --images DIR --holdout a01
 * --seed S [--batches 150] [--batch 32] [--threads T] [--val-blocks 50]}.
 */
public final class RecalibrateDelpNet {
    private static final Set<String> FLAGS = Set.of("weights", "out", "images", "holdout", "seed", "batches", "batch",
            "threads", "val-blocks", "level10-max-um");
    /** Block index where calibration data starts (far beyond any training run's blocks). */
    static final long CALIBRATION_FIRST_BLOCK = 50_000_000L;

    private RecalibrateDelpNet() {
    }

    public static void main(String[] args) throws IOException {
        Flags f = new Flags(args, FLAGS);
        Path in = Path.of(f.string("weights", "best.dlpw"));
        Path out = Path.of(f.string("out", "recalibrated.dlpw"));
        long seed = f.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int batches = (int) f.integer("batches", 150, 1, 100000);
        int batch = (int) f.integer("batch", 32, 2, 4096);
        int threads = (int) f.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        int valBlocks = (int) f.integer("val-blocks", 50, 1, 100000);
        double level10Max = f.number("level10-max-um", 32, 0, 1000);
        String holdout = f.string("holdout", "a01");
        DelpNet net = DelpNet.load(in);
        var o = net.optics();
        Optics optics = new Optics(o.na(), o.wavelengthNm(), o.immersionIndex(), o.pixelSizeUm(), o.stepUm());
        DatasetConfig cfg = TrainingSources.config(optics, Math.max(level10Max, 10 * optics.stepUm()));
        List<Path> train = new ArrayList<>(), held = new ArrayList<>();
        for (Path p : TrainingSources.listImages(Path.of(f.string("images", ".")))) {
            (p.getFileName().toString().contains(holdout) ? held : train).add(p);
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            DatasetBuilder synth = TrainingSources.synthetic(optics, cfg);
            DatasetBuilder real = TrainingSources.real(TrainingSources.load(train), optics, cfg);
            DatasetBuilder realVal = TrainingSources.real(TrainingSources.load(held), optics, cfg);
            LabelledSet valSynth = LabelledSet.build(synth, seed ^ 0x5EED_0FFL, 0, valBlocks, pool);
            LabelledSet valReal = LabelledSet.build(realVal, seed ^ 0x5EED_0FFL, 0, valBlocks, pool);
            double[] before = accuracy(net, valSynth, valReal, pool);
            int blocksNeeded = (batches * batch + 11) / 12;
            LabelledSet a = LabelledSet.build(real, seed, CALIBRATION_FIRST_BLOCK, blocksNeeded / 2, pool);
            LabelledSet b = LabelledSet.build(synth, seed, CALIBRATION_FIRST_BLOCK, blocksNeeded - blocksNeeded / 2, pool);
            int size = LabelledSet.SIZE;
            int total = a.count() + b.count();
            float[] all = new float[total * size];
            System.arraycopy(a.patches(), 0, all, 0, a.count() * size);
            System.arraycopy(b.patches(), 0, all, a.count() * size, b.count() * size);
            // Interleave real and synthetic by a fixed permutation so each batch mixes both.
            int[] perm = new int[total];
            for (int i = 0; i < total; i++) {
                perm[i] = i;
            }
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
            for (int i = total - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            int usable = Math.min(batches, total / batch);
            net.network().recalibrateBatchNorm(k -> {
                float[] x = new float[batch * size];
                for (int s = 0; s < batch; s++) {
                    System.arraycopy(all, perm[k * batch + s] * size, x, s * size, size);
                    net.normalisation().apply(x, s * size, size);
                }
                return x;
            }, usable, batch, Exec.on(pool));
            double[] after = accuracy(net, valSynth, valReal, pool);
            System.out.printf(Locale.ROOT, "validation top-1 synthetic/real: before %.4f / %.4f, after %d batches %.4f / %.4f%n",
                    before[0], before[1], usable, after[0], after[1]);
            if (after[0] + after[1] > before[0] + before[1]) {
                Map<String, String> prov = new LinkedHashMap<>(net.provenance());
                prov.put("batchnorm_recalibration", "RecalibrateDelpNet " + String.join(" ", args) + " (" + usable
                        + " batches of " + batch + ")");
                prov.put("accuracy.synthetic.top1", String.format(Locale.ROOT, "%.4f", after[0]));
                prov.put("accuracy.real_heldout.top1", String.format(Locale.ROOT, "%.4f", after[1]));
                net.save(out, prov);
                System.out.println("wrote " + out);
            } else {
                System.out.println("no improvement; nothing written");
            }
        } finally {
            pool.shutdown();
        }
    }

    private static double[] accuracy(DelpNet net, LabelledSet synth, LabelledSet real, ForkJoinPool pool) {
        return new double[] {Evaluation.evaluate("s", net, synth, false, pool).top1(),
                Evaluation.evaluate("r", net, real, false, pool).top1()};
    }
}
