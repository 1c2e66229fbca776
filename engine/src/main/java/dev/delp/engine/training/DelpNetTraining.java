package dev.delp.engine.training;

import dev.delp.engine.awdvd.DelpNetClassifier;
import dev.delp.engine.dataset.DatasetBuilder;
import dev.delp.engine.dataset.DatasetConfig;
import dev.delp.engine.dataset.SourceImage;
import dev.delp.nn.DelpNet;
import dev.delp.nn.train.Trainer;
import dev.delp.psf.Optics;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * Trains DelpNet on simulated defocus: a pool of labelled patches from real in-focus images (all
 * but the held-out ones) and procedural specimens, part of which is re-simulated every epoch;
 * batches are drawn from the pool, augmented (8 symmetries, intensity) and normalised by the
 * {@link Trainer}. After each epoch the network is validated on the held-out real images and on
 * specimens of unseen seeds, and the caller's {@link Listener} receives a progress line and a
 * checkpoint (flagged {@code best} when the mean validation top-1 improved). Files are the caller's
 * business (the {@code delp train} command and {@code dev.delp.cli.tools.TrainDelpNet} write them).
 */
public final class DelpNetTraining {
    /** Seed salt of the validation sets (training blocks use the raw seed). */
    static final long VALIDATION_SALT = 0x5EED_0FFL;

    private DelpNetTraining() {
    }

    /**
     * What to train and how.
     *
     * @param seed          seed of every random choice
     * @param epochs        epochs (≥ 1)
     * @param stepsPerEpoch optimiser steps per epoch
     * @param batch         patches per step
     * @param learningRate  peak Adam learning rate
     * @param warmupSteps   linear warm-up steps of the learning rate
     * @param weightDecay   decoupled weight decay (AdamW), 0 for plain Adam
     * @param labelSmoothing label smoothing in [0, 1)
     * @param poolPatches   training pool size (rounded down to a multiple of 12, one block per class)
     * @param refreshFraction fraction of the pool re-simulated after every epoch
     * @param realFraction  fraction of the pool drawn from real images (0 when there are none)
     * @param validationBlocks validation blocks of 12 patches per set
     * @param level10MaxDefocusUm largest defocus simulated for level 10 (µm)
     */
    public record Settings(long seed, int epochs, int stepsPerEpoch, int batch, double learningRate, long warmupSteps,
                           double weightDecay, double labelSmoothing, int poolPatches, double refreshFraction,
                           double realFraction, int validationBlocks, double level10MaxDefocusUm) {
        public Settings {
            if (epochs < 1 || stepsPerEpoch < 1 || batch < 2 || poolPatches < 12 || validationBlocks < 1) {
                throw new IllegalArgumentException("training needs epochs ≥ 1, steps ≥ 1, batch ≥ 2, pool ≥ 12 and"
                        + " validation blocks ≥ 1; got " + epochs + ", " + stepsPerEpoch + ", " + batch + ", " + poolPatches
                        + ", " + validationBlocks);
            }
            if (!(refreshFraction >= 0 && refreshFraction <= 1) || !(realFraction >= 0 && realFraction <= 1)) {
                throw new IllegalArgumentException("refresh and real fractions must be within [0, 1], got "
                        + refreshFraction + " and " + realFraction);
            }
        }
    }

    /** Receives progress and checkpoints; may stop nothing (training always runs all epochs). */
    public interface Listener {
        /** One progress line (no trailing newline). */
        void log(String line);

        /**
         * The network after an epoch with its provenance; {@code best} when its mean validation
         * top-1 is the best so far. The listener saves it (e.g. {@link DelpNet#save}).
         */
        void checkpoint(DelpNet net, Map<String, String> provenance, boolean best) throws IOException;
    }

    /**
     * Trains {@code net} in place.
     *
     * @param net       the network to train (fresh from {@link DelpNet#create} or loaded to fine-tune)
     * @param fineTuned whether {@code net} was loaded: its provenance is kept under {@code init.*}
     * @param train     real in-focus training images (may be empty: then only procedural specimens)
     * @param heldOut   real held-out images for validation (may be empty)
     * @param dataInfo  how the real images were chosen, for the provenance (e.g. file names)
     * @param command   the command line that started the run, for the provenance
     */
    public static void train(Settings s, DelpNet net, boolean fineTuned, List<SourceImage> train, List<SourceImage> heldOut,
                             String dataInfo, String command, ForkJoinPool pool, Listener listener) throws IOException {
        Optics optics = DelpNetClassifier.opticsOf(net);
        DatasetConfig cfg = TrainingSources.config(optics, Math.max(s.level10MaxDefocusUm(), 10 * optics.stepUm()));
        DatasetBuilder synth = TrainingSources.synthetic(optics, cfg);
        DatasetBuilder real = train.isEmpty() ? null : TrainingSources.real(train, optics, cfg);
        DatasetBuilder realVal = heldOut.isEmpty() ? null : TrainingSources.real(heldOut, optics, cfg);
        double realFraction = real == null ? 0 : s.realFraction();
        int poolSize = s.poolPatches() / 12 * 12;
        listener.log(String.format(Locale.ROOT, "delpnet training: seed %d, %d epochs x %d steps x %d, lr %.4g, threads %d,"
                + " pool %d (refresh %.2f, real %.2f), level10 to %.0f um, images: %s", s.seed(), s.epochs(),
                s.stepsPerEpoch(), s.batch(), s.learningRate(), pool.getParallelism(), poolSize, s.refreshFraction(),
                realFraction, cfg.level10MaxDefocusUm(), dataInfo));

        long t0 = System.nanoTime();
        LabelledSet valSynth = LabelledSet.build(synth, s.seed() ^ VALIDATION_SALT, 0, s.validationBlocks(), pool);
        LabelledSet valReal = realVal == null ? null
                : LabelledSet.build(realVal, s.seed() ^ VALIDATION_SALT, 0, s.validationBlocks(), pool);
        PatchPool patches = new PatchPool(poolSize, real, synth, realFraction, s.seed());
        patches.fill(pool);
        listener.log(String.format(Locale.ROOT, "data: pool %d patches, validation %d synthetic + %d real, %.1f s",
                poolSize, valSynth.count(), valReal == null ? 0 : valReal.count(), (System.nanoTime() - t0) / 1e9));
        listener.log(String.format(Locale.ROOT, "network: %,d parameters, %.2f MFLOP per patch", net.parameterCount(),
                net.flopsPerPatch() / 1e6));

        Map<String, String> initProvenance = fineTuned ? net.provenance() : null;
        Trainer.Config tc = new Trainer.Config(s.epochs(), s.stepsPerEpoch(), s.batch(), s.learningRate(), s.warmupSteps(),
                s.weightDecay(), s.labelSmoothing(), true, s.seed());
        Trainer trainer = new Trainer(net.network(), tc, net.normalisation(), pool);
        long start = System.nanoTime();
        double[] best = {-1};
        IOException[] failure = {null};
        trainer.train(patches::fill, valSynth.patches(), valSynth.labels(), valSynth.count(), r -> {
            double[] realAcc = valReal == null ? new double[] {Double.NaN, Double.NaN}
                    : trainer.evaluate(valReal.patches(), valReal.labels(), valReal.count());
            double score = Double.isNaN(realAcc[0]) ? r.validationAccuracy() : (r.validationAccuracy() + realAcc[0]) / 2;
            double wall = (System.nanoTime() - start) / 1e9;
            listener.log(String.format(Locale.ROOT, "epoch %3d step %7d loss %.4f train-acc %.4f | synth top1 %.4f"
                    + " within1 %.4f | real top1 %.4f within1 %.4f | lr %.2e | %.0f s epoch, %.0f s total",
                    r.epoch(), r.steps(), r.trainLoss(), r.trainAccuracy(), r.validationAccuracy(),
                    r.validationWithinOne(), realAcc[0], realAcc[1], r.lr(), r.seconds(), wall));
            Map<String, String> prov = provenance(s, cfg, command, initProvenance, dataInfo, r, realAcc, wall,
                    pool.getParallelism(), valSynth.count() + " synthetic + " + (valReal == null ? 0 : valReal.count()) + " real");
            boolean improved = score > best[0];
            if (improved) {
                best[0] = score;
                listener.log(String.format(Locale.ROOT, "  new best %.4f", score));
            }
            try {
                listener.checkpoint(net, prov, improved);
            } catch (IOException e) {
                failure[0] = e;
                return false;
            }
            if (r.epoch() < s.epochs()) {
                long t = System.nanoTime();
                patches.refresh(s.refreshFraction(), pool);
                listener.log(String.format(Locale.ROOT, "  refreshed %.0f%% of the pool in %.1f s", 100 * s.refreshFraction(),
                        (System.nanoTime() - t) / 1e9));
            }
            return true;
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static Map<String, String> provenance(Settings s, DatasetConfig cfg, String command,
                                                  Map<String, String> initProvenance, String dataInfo,
                                                  Trainer.EpochReport r, double[] realAcc, double wall, int threads,
                                                  String validationPatches) {
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("command", command);
        if (initProvenance != null) { // fine-tuned: keep how the starting weights were made
            for (String key : List.of("command", "seed", "wall_seconds", "epochs", "date")) {
                if (initProvenance.containsKey(key)) {
                    prov.put("init." + key, initProvenance.get(key));
                }
            }
        }
        prov.put("seed", Long.toString(s.seed()));
        prov.put("date", Instant.now().toString());
        prov.put("data", "BBBC006 in-focus (" + dataInfo + ") + procedural specimens "
                + TrainingSources.SPECIMEN_SIDE + "px; Born-Wolf blur, Poisson " + cfg.photonsMin() + ".."
                + cfg.photonsMax() + " photons, offset " + cfg.offsetCounts() + ", read noise "
                + cfg.readNoiseCounts() + "; level 10 = " + 10 * cfg.stepUm() + ".." + cfg.level10MaxDefocusUm() + " um");
        prov.put("epochs", r.epoch() + "/" + s.epochs());
        prov.put("steps", Long.toString(r.steps()));
        prov.put("batch", Integer.toString(s.batch()));
        prov.put("wall_seconds", String.format(Locale.ROOT, "%.0f", wall));
        prov.put("threads", Integer.toString(threads));
        prov.put("accuracy.synthetic.top1", String.format(Locale.ROOT, "%.4f", r.validationAccuracy()));
        prov.put("accuracy.synthetic.within_one", String.format(Locale.ROOT, "%.4f", r.validationWithinOne()));
        prov.put("accuracy.real_heldout.top1", String.format(Locale.ROOT, "%.4f", realAcc[0]));
        prov.put("accuracy.real_heldout.within_one", String.format(Locale.ROOT, "%.4f", realAcc[1]));
        prov.put("accuracy.validation_patches", validationPatches);
        return prov;
    }
}
