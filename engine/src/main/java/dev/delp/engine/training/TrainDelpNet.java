package dev.delp.engine.training;

import dev.delp.engine.dataset.DatasetBuilder;
import dev.delp.engine.dataset.DatasetConfig;
import dev.delp.engine.dataset.SourceImage;
import dev.delp.nn.DelpNet;
import dev.delp.nn.TrainedOptics;
import dev.delp.nn.train.Trainer;
import dev.delp.psf.Optics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Trains DelpNet on simulated defocus: a pool of labelled patches from real in-focus images (all
 * but the held-out ones) and procedural specimens, part of which is re-simulated every epoch;
 * batches are drawn from the pool, augmented (8 symmetries, intensity) and normalised by the
 * {@link Trainer}. After each epoch: validation on the held-out real image and on unseen
 * specimens, a progress line, {@code last.dlpw} and, when the mean validation top-1 improves,
 * {@code best.dlpw} in the output folder.
 *
 * <p>Usage: {@code TrainDelpNet --out DIR [--images DIR --holdout a01] [--seed S] [--epochs E]
 * [--steps N] [--batch B] [--lr LR] [--threads T] [--pool P] [--refresh F] [--real-fraction R]
 * [--val-blocks V] [--level10-max-um U] [--weight-decay W] [--smoothing S] [--init w.dlpw]}
 */
public final class TrainDelpNet {
    private static final Set<String> FLAGS = Set.of("out", "images", "holdout", "seed", "epochs", "steps", "batch",
            "lr", "threads", "pool", "refresh", "real-fraction", "val-blocks", "level10-max-um", "weight-decay",
            "smoothing", "init", "warmup");

    private TrainDelpNet() {
    }

    public static void main(String[] args) throws IOException {
        Flags f = new Flags(args, FLAGS);
        Path out = Path.of(f.string("out", "delpnet-run"));
        Files.createDirectories(out);
        long seed = f.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int epochs = (int) f.integer("epochs", 20, 1, 100000);
        int steps = (int) f.integer("steps", 500, 1, 10_000_000);
        int batch = (int) f.integer("batch", 32, 2, 4096);
        double lr = f.number("lr", 2e-3, 1e-7, 1);
        int threads = (int) f.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        int poolSize = (int) (f.integer("pool", 24000, 12, 10_000_000) / 12 * 12);
        double refresh = f.number("refresh", 0.25, 0, 1);
        double realFraction = f.number("real-fraction", 0.5, 0, 1);
        int valBlocks = (int) f.integer("val-blocks", 50, 1, 100000);
        double level10Max = f.number("level10-max-um", 32, 0, 1000);
        double weightDecay = f.number("weight-decay", 1e-2, 0, 10);
        double smoothing = f.number("smoothing", 0, 0, 0.99);
        long warmup = f.integer("warmup", 300, 0, Long.MAX_VALUE);
        String holdout = f.string("holdout", "a01");
        Optics optics = Optics.defaults();
        DatasetConfig cfg = TrainingSources.config(optics, Math.max(level10Max, 10 * optics.stepUm()));

        ForkJoinPool pool = new ForkJoinPool(threads);
        DatasetBuilder synth = TrainingSources.synthetic(optics, cfg);
        DatasetBuilder real = null;
        DatasetBuilder realVal = null;
        String imagesInfo = "none";
        if (f.string("images", null) != null) {
            List<Path> files = TrainingSources.listImages(Path.of(f.string("images", null)));
            List<Path> train = new ArrayList<>(), held = new ArrayList<>();
            for (Path p : files) {
                (p.getFileName().toString().contains(holdout) ? held : train).add(p);
            }
            if (train.isEmpty() || held.isEmpty()) {
                throw new IllegalArgumentException("--holdout " + holdout + " must match some but not all of " + files);
            }
            real = TrainingSources.real(TrainingSources.load(train), optics, cfg);
            realVal = TrainingSources.real(TrainingSources.load(held), optics, cfg);
            imagesInfo = "train " + names(train) + "; held out " + names(held);
        } else {
            realFraction = 0;
        }
        log(out, String.format(Locale.ROOT, "delpnet training: seed %d, %d epochs x %d steps x %d, lr %.4g, threads %d,"
                + " pool %d (refresh %.2f, real %.2f), level10 to %.0f um, images: %s", seed, epochs, steps, batch, lr,
                threads, poolSize, refresh, realFraction, level10Max, imagesInfo));

        // Validation: held-out image and specimens from seeds never used for training.
        long t0 = System.nanoTime();
        LabelledSet valSynth = LabelledSet.build(synth, seed ^ 0x5EED_0FFL, 0, valBlocks, pool);
        LabelledSet valReal = realVal == null ? null : LabelledSet.build(realVal, seed ^ 0x5EED_0FFL, 0, valBlocks, pool);
        // Training pool.
        PatchPool patches = new PatchPool(poolSize, real, synth, realFraction, seed);
        patches.fill(pool);
        log(out, String.format(Locale.ROOT, "data: pool %d patches, validation %d synthetic + %d real, %.1f s",
                poolSize, valSynth.count(), valReal == null ? 0 : valReal.count(), (System.nanoTime() - t0) / 1e9));

        final String dataInfo = imagesInfo;
        TrainedOptics trained = new TrainedOptics(optics.numericalAperture(), optics.wavelengthNm(),
                optics.immersionIndex(), optics.pixelSizeUm(), optics.stepUm());
        DelpNet net = f.string("init", null) != null ? DelpNet.load(Path.of(f.string("init", null)))
                : DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, trained, seed);
        final Map<String, String> initProvenance = f.string("init", null) == null ? null : net.provenance();
        log(out, String.format(Locale.ROOT, "network: %,d parameters, %.2f MFLOP per patch", net.parameterCount(),
                net.flopsPerPatch() / 1e6));
        Trainer.Config tc = new Trainer.Config(epochs, steps, batch, lr, warmup, weightDecay, smoothing, true, seed);
        Trainer trainer = new Trainer(net.network(), tc, net.normalisation(), pool);
        long start = System.nanoTime();
        double[] best = {-1};
        String command = "TrainDelpNet " + String.join(" ", args);
        trainer.train(patches::fill, valSynth.patches(), valSynth.labels(), valSynth.count(), new Trainer.ProgressListener() {
            @Override
            public boolean onEpoch(Trainer.EpochReport r) {
                try {
                    double[] realAcc = valReal == null ? new double[] {Double.NaN, Double.NaN}
                            : trainer.evaluate(valReal.patches(), valReal.labels(), valReal.count());
                    double score = valReal == null ? r.validationAccuracy() : (r.validationAccuracy() + realAcc[0]) / 2;
                    double wall = (System.nanoTime() - start) / 1e9;
                    log(out, String.format(Locale.ROOT, "epoch %3d step %7d loss %.4f train-acc %.4f | synth top1 %.4f"
                            + " within1 %.4f | real top1 %.4f within1 %.4f | lr %.2e | %.0f s epoch, %.0f s total",
                            r.epoch(), r.steps(), r.trainLoss(), r.trainAccuracy(), r.validationAccuracy(),
                            r.validationWithinOne(), realAcc[0], realAcc[1], r.lr(), r.seconds(), wall));
                    Map<String, String> prov = new LinkedHashMap<>();
                    prov.put("command", command);
                    if (initProvenance != null) { // fine-tuned: keep how the starting weights were made
                        for (Map.Entry<String, String> e : initProvenance.entrySet()) {
                            if (e.getKey().equals("command") || e.getKey().equals("seed") || e.getKey().equals("wall_seconds")
                                    || e.getKey().equals("epochs") || e.getKey().equals("date")) {
                                prov.put("init." + e.getKey(), e.getValue());
                            }
                        }
                    }
                    prov.put("seed", Long.toString(seed));
                    prov.put("date", Instant.now().toString());
                    prov.put("data", "BBBC006 in-focus (" + dataInfo + ") + procedural specimens "
                            + TrainingSources.SPECIMEN_SIDE + "px; Born-Wolf blur, Poisson " + cfg.photonsMin() + ".."
                            + cfg.photonsMax() + " photons, offset " + cfg.offsetCounts() + ", read noise "
                            + cfg.readNoiseCounts() + "; level 10 = " + 10 * cfg.stepUm() + ".." + cfg.level10MaxDefocusUm() + " um");
                    prov.put("epochs", r.epoch() + "/" + epochs);
                    prov.put("steps", Long.toString(r.steps()));
                    prov.put("batch", Integer.toString(batch));
                    prov.put("wall_seconds", String.format(Locale.ROOT, "%.0f", wall));
                    prov.put("threads", Integer.toString(threads));
                    prov.put("accuracy.synthetic.top1", String.format(Locale.ROOT, "%.4f", r.validationAccuracy()));
                    prov.put("accuracy.synthetic.within_one", String.format(Locale.ROOT, "%.4f", r.validationWithinOne()));
                    prov.put("accuracy.real_heldout.top1", String.format(Locale.ROOT, "%.4f", realAcc[0]));
                    prov.put("accuracy.real_heldout.within_one", String.format(Locale.ROOT, "%.4f", realAcc[1]));
                    prov.put("accuracy.validation_patches", valSynth.count() + " synthetic + "
                            + (valReal == null ? 0 : valReal.count()) + " real");
                    net.save(out.resolve("last.dlpw"), prov);
                    if (score > best[0]) {
                        best[0] = score;
                        net.save(out.resolve("best.dlpw"), prov);
                        log(out, String.format(Locale.ROOT, "  new best %.4f -> best.dlpw", score));
                    }
                    if (r.epoch() < epochs) {
                        long t = System.nanoTime();
                        patches.refresh(refresh, pool);
                        log(out, String.format(Locale.ROOT, "  refreshed %.0f%% of the pool in %.1f s", 100 * refresh,
                                (System.nanoTime() - t) / 1e9));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return true;
            }
        });
        pool.shutdown();
    }

    private static String names(List<Path> ps) {
        List<String> n = new ArrayList<>();
        for (Path p : ps) {
            n.add(p.getFileName().toString());
        }
        return String.join(",", n);
    }

    static void log(Path dir, String line) {
        String stamped = Instant.now().toString().substring(11, 19) + " " + line;
        System.out.println(stamped);
        try {
            Files.writeString(dir.resolve("train.log"), stamped + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The training pool: a mix of real and synthetic blocks, refreshed in a rotating window. */
    static final class PatchPool {
        private final LabelledSet set;
        private final DatasetBuilder real;
        private final DatasetBuilder synth;
        private final double realFraction;
        private final long seed;
        private long nextRealBlock;
        private long nextSynthBlock;
        private int cursor;

        PatchPool(int size, DatasetBuilder real, DatasetBuilder synth, double realFraction, long seed) {
            this.set = new LabelledSet(new float[size * LabelledSet.SIZE], new int[size], new double[size], size);
            this.real = real;
            this.synth = synth;
            this.realFraction = real == null ? 0 : realFraction;
            this.seed = seed;
        }

        void fill(ForkJoinPool pool) {
            cursor = 0;
            refresh(1.0, pool);
        }

        /** Replaces {@code fraction} of the pool (blocks of 12) starting at the rotating cursor. */
        void refresh(double fraction, ForkJoinPool pool) {
            int blocks = (int) Math.round(fraction * set.count() / 12.0);
            int realBlocks = (int) Math.round(blocks * realFraction);
            List<LabelledSet> parts = new ArrayList<>();
            if (realBlocks > 0) {
                parts.add(LabelledSet.build(real, seed, nextRealBlock, realBlocks, pool));
                nextRealBlock += realBlocks;
            }
            if (blocks - realBlocks > 0) {
                parts.add(LabelledSet.build(synth, seed, nextSynthBlock, blocks - realBlocks, pool));
                nextSynthBlock += blocks - realBlocks;
            }
            for (LabelledSet p : parts) {
                for (int done = 0; done < p.count(); ) {
                    int n = Math.min(p.count() - done, set.count() - cursor);
                    LabelledSet slice = new LabelledSet(
                            java.util.Arrays.copyOfRange(p.patches(), done * LabelledSet.SIZE, (done + n) * LabelledSet.SIZE),
                            java.util.Arrays.copyOfRange(p.labels(), done, done + n),
                            java.util.Arrays.copyOfRange(p.defocusUm(), done, done + n), n);
                    set.overwrite(cursor, slice);
                    cursor = (cursor + n) % set.count();
                    done += n;
                }
            }
        }

        /** Batch for {@code step}: uniformly drawn pool entries (seeded by step). */
        void fill(long step, float[] x, int[] labels, int n) {
            SplittableRandom rnd = new SplittableRandom(Trainer.mix(seed, step, 0xBA7C));
            for (int i = 0; i < n; i++) {
                int k = rnd.nextInt(set.count());
                System.arraycopy(set.patches(), k * LabelledSet.SIZE, x, i * LabelledSet.SIZE, LabelledSet.SIZE);
                labels[i] = set.labels()[k];
            }
        }
    }
}
