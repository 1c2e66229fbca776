package dev.delp.engine.training;

import dev.delp.engine.awdvd.DelpNetClassifier;
import dev.delp.engine.dataset.DatasetBuilder;
import dev.delp.engine.dataset.DatasetConfig;
import dev.delp.engine.dataset.SourceImage;
import dev.delp.nn.DelpNet;
import dev.delp.nn.Exec;
import dev.delp.psf.Optics;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Post-training "precise batch-norm": re-estimates every batch-norm layer's running statistics as
 * the average over many training batches (fresh blocks of the training sources — never the
 * held-out images) and measures validation top-1 before and after on the same validation sets as
 * {@link DelpNetTraining}. The caller keeps the recalibrated weights only if they are better.
 */
public final class BatchNormRecalibration {
    /** Block index where calibration data starts (far beyond any training run's blocks). */
    static final long CALIBRATION_FIRST_BLOCK = 50_000_000L;

    private BatchNormRecalibration() {
    }

    /**
     * Validation top-1 before and after, as {synthetic, real held-out}.
     *
     * @param batches the number of batches actually averaged
     */
    public record Outcome(double[] before, double[] after, int batches) {
        /** Whether the summed top-1 improved. */
        public boolean improved() {
            return after[0] + after[1] > before[0] + before[1];
        }
    }

    /** Recalibrates {@code net}'s batch-norm statistics in place. */
    public static Outcome recalibrate(DelpNet net, List<SourceImage> train, List<SourceImage> heldOut, long seed,
                                      int batches, int batch, int validationBlocks, double level10MaxDefocusUm,
                                      ForkJoinPool pool) {
        if (train.isEmpty() || heldOut.isEmpty()) {
            throw new IllegalArgumentException("recalibration needs training and held-out images, got " + train.size()
                    + " and " + heldOut.size());
        }
        if (batches < 1 || batch < 2 || validationBlocks < 1) {
            throw new IllegalArgumentException("batches ≥ 1, batch ≥ 2 and validation blocks ≥ 1 required, got "
                    + batches + ", " + batch + ", " + validationBlocks);
        }
        Optics optics = DelpNetClassifier.opticsOf(net);
        DatasetConfig cfg = TrainingSources.config(optics, Math.max(level10MaxDefocusUm, 10 * optics.stepUm()));
        DatasetBuilder synth = TrainingSources.synthetic(optics, cfg);
        DatasetBuilder real = TrainingSources.real(train, optics, cfg);
        DatasetBuilder realVal = TrainingSources.real(heldOut, optics, cfg);
        LabelledSet valSynth = LabelledSet.build(synth, seed ^ DelpNetTraining.VALIDATION_SALT, 0, validationBlocks, pool);
        LabelledSet valReal = LabelledSet.build(realVal, seed ^ DelpNetTraining.VALIDATION_SALT, 0, validationBlocks, pool);
        double[] before = accuracy(net, valSynth, valReal, pool);
        int blocksNeeded = (batches * batch + 11) / 12;
        LabelledSet a = LabelledSet.build(real, seed, CALIBRATION_FIRST_BLOCK, blocksNeeded / 2, pool);
        LabelledSet b = LabelledSet.build(synth, seed, CALIBRATION_FIRST_BLOCK, blocksNeeded - blocksNeeded / 2, pool);
        int size = LabelledSet.SIZE;
        int total = a.count() + b.count();
        float[] all = new float[total * size];
        System.arraycopy(a.patches(), 0, all, 0, a.count() * size);
        System.arraycopy(b.patches(), 0, all, a.count() * size, b.count() * size);
        int[] perm = shuffled(total, seed); // each batch mixes real and synthetic patches
        int usable = Math.min(batches, total / batch);
        net.network().recalibrateBatchNorm(k -> {
            float[] x = new float[batch * size];
            for (int s = 0; s < batch; s++) {
                System.arraycopy(all, perm[k * batch + s] * size, x, s * size, size);
                net.normalisation().apply(x, s * size, size);
            }
            return x;
        }, usable, batch, Exec.on(pool));
        return new Outcome(before, accuracy(net, valSynth, valReal, pool), usable);
    }

    private static int[] shuffled(int n, long seed) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    private static double[] accuracy(DelpNet net, LabelledSet synth, LabelledSet real, ForkJoinPool pool) {
        return new double[] {Evaluation.evaluate("s", net, synth, false, pool).top1(),
                Evaluation.evaluate("r", net, real, false, pool).top1()};
    }
}
