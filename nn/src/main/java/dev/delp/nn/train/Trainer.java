package dev.delp.nn.train;

import dev.delp.nn.Exec;
import dev.delp.nn.InputNormalisation;
import dev.delp.nn.Network;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Mini-batch training of a classifier {@link Network} with softmax cross-entropy and Adam.
 * Each step draws a batch from a {@link BatchSource} (raw patches), augments every sample with
 * its own seeded generator, normalises it, runs forward and backward on the caller's pool and
 * updates the weights. Everything random derives from {@link Config#seed()} and the step number,
 * and every reduction has a fixed order, so the same seed gives the same weight bytes for any
 * thread count.
 */
public final class Trainer {

    /** Supplies training batches of raw (un-normalised) single-channel square patches. */
    @FunctionalInterface
    public interface BatchSource {
        /** Fills {@code n} patches into {@code x} and their class labels; must depend only on {@code step}. */
        void fill(long step, float[] x, int[] labels, int n);
    }

    /** Receives progress; may stop training early. */
    public interface ProgressListener {
        /** Called after every epoch; return false to stop. */
        boolean onEpoch(EpochReport report);

        /** Called after every step (default: nothing). */
        default void onStep(long step, double loss, double lr) {
        }
    }

    /** What happened in one epoch. */
    public record EpochReport(int epoch, long steps, double trainLoss, double trainAccuracy,
                              double validationAccuracy, double validationWithinOne, double seconds, double lr) {
    }

    /**
     * Training settings.
     *
     * @param epochs         number of epochs (≥ 1)
     * @param stepsPerEpoch  batches per epoch (≥ 1)
     * @param batchSize      samples per batch (≥ 2, batch-norm needs more than one)
     * @param peakLr         learning rate after warm-up
     * @param warmupSteps    linear warm-up steps
     * @param weightDecay    decoupled weight decay (0 = off)
     * @param labelSmoothing label smoothing in [0, 1)
     * @param augment        whether to apply random symmetries and intensity scaling
     * @param seed           seed of every random choice in training
     */
    public record Config(int epochs, int stepsPerEpoch, int batchSize, double peakLr, long warmupSteps,
                         double weightDecay, double labelSmoothing, boolean augment, long seed) {
        /** Validates ranges. */
        public Config {
            if (epochs < 1 || stepsPerEpoch < 1 || batchSize < 2 || !(peakLr > 0) || warmupSteps < 0
                    || !(weightDecay >= 0) || !(labelSmoothing >= 0 && labelSmoothing < 1)) {
                throw new IllegalArgumentException("training config " + this + " is invalid: need epochs, steps >= 1, "
                        + "batch >= 2, lr > 0, warmup >= 0, decay >= 0, smoothing in [0,1)");
            }
        }

        /** Total steps. */
        public long totalSteps() {
            return (long) epochs * stepsPerEpoch;
        }
    }

    private final Network net;
    private final Config cfg;
    private final InputNormalisation norm;
    private final Exec exec;
    private final Adam adam;
    private final LearningRateSchedule schedule;
    private final SoftmaxCrossEntropy loss;
    private final Augmentation augmentation = new Augmentation(0.5, 2.0);
    private final int side;
    private final int classes;

    /** Trainer for {@code net} (input {@code 1×S×S}, output {@code classes×1×1}) on {@code pool}. */
    public Trainer(Network net, Config cfg, InputNormalisation norm, ForkJoinPool pool) {
        if (net.inputShape().channels() != 1 || net.inputShape().height() != net.inputShape().width()) {
            throw new IllegalArgumentException("trainer needs a 1xSxS input, network has " + net.inputShape());
        }
        this.net = net;
        this.cfg = cfg;
        this.norm = norm;
        this.exec = Exec.on(pool);
        this.adam = new Adam(net.params(), 0.9, 0.999, 1e-8, cfg.weightDecay());
        long total = cfg.totalSteps();
        this.schedule = new LearningRateSchedule(cfg.peakLr(), cfg.peakLr() * 0.01, Math.min(cfg.warmupSteps(), total), total);
        this.loss = new SoftmaxCrossEntropy(cfg.labelSmoothing());
        this.side = net.inputShape().width();
        this.classes = net.outputShape().size();
    }

    /** The network being trained. */
    public Network network() {
        return net;
    }

    /**
     * Runs {@link Config#epochs()} epochs; after each, evaluates on {@code validation} (patches
     * raw, {@code validationLabels}) and reports to {@code listener}.
     */
    public void train(BatchSource source, float[] validation, int[] validationLabels, int validationCount,
                      ProgressListener listener) {
        int b = cfg.batchSize();
        int size = side * side;
        float[] x = new float[b * size];
        int[] labels = new int[b];
        float[] dLogits = new float[b * classes];
        long step = 0;
        for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
            long t0 = System.nanoTime();
            double lossSum = 0;
            long correct = 0;
            double lr = 0;
            for (int i = 0; i < cfg.stepsPerEpoch(); i++, step++) {
                source.fill(step, x, labels, b);
                prepare(x, b, step);
                float[] logits = net.trainForward(x, b, exec, mix(cfg.seed(), step, 0xD0));
                double l = loss.lossAndGradient(logits, labels, b, classes, dLogits);
                correct += countCorrect(logits, labels, b);
                net.backward(dLogits, exec);
                lr = schedule.at(step);
                adam.step(lr);
                lossSum += l;
                listener.onStep(step, l, lr);
            }
            double[] val = evaluate(validation, validationLabels, validationCount);
            double seconds = (System.nanoTime() - t0) / 1e9;
            EpochReport r = new EpochReport(epoch, step, lossSum / cfg.stepsPerEpoch(),
                    (double) correct / ((long) cfg.stepsPerEpoch() * b), val[0], val[1], seconds, lr);
            if (!listener.onEpoch(r)) {
                return;
            }
        }
    }

    private void prepare(float[] x, int n, long step) {
        int size = side * side;
        exec.forChunks(n, Exec.CHUNK, (chunk, from, to) -> {
            float[] scratch = new float[size];
            for (int s = from; s < to; s++) {
                if (cfg.augment()) {
                    augmentation.apply(x, s * size, side, new SplittableRandom(mix(cfg.seed(), step, s)), scratch);
                }
                norm.apply(x, s * size, size);
            }
        });
    }

    /** Top-1 and within-one accuracy of the network on raw patches (normalised here). */
    public double[] evaluate(float[] patches, int[] labels, int n) {
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int size = side * side;
        long hit = 0, near = 0;
        int chunk = 256;
        float[] buf = new float[chunk * size];
        float[] out = new float[chunk * classes];
        for (int from = 0; from < n; from += chunk) {
            int m = Math.min(chunk, n - from);
            System.arraycopy(patches, from * size, buf, 0, m * size);
            for (int s = 0; s < m; s++) {
                norm.apply(buf, s * size, size);
            }
            net.forward(buf, m, out, exec, 8);
            for (int s = 0; s < m; s++) {
                int pred = argmax(out, s * classes, classes);
                int truth = labels[from + s];
                if (pred == truth) {
                    hit++;
                }
                if (pred == truth || (pred < classes - 1 && truth < classes - 1 && Math.abs(pred - truth) == 1)) {
                    near++;
                }
            }
        }
        return new double[] {(double) hit / n, (double) near / n};
    }

    static int argmax(float[] a, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (a[off + i] > a[off + best]) {
                best = i;
            }
        }
        return best;
    }

    private int countCorrect(float[] logits, int[] labels, int n) {
        int c = 0;
        for (int s = 0; s < n; s++) {
            if (argmax(logits, s * classes, classes) == labels[s]) {
                c++;
            }
        }
        return c;
    }

    /** Mixes a seed, a step and an index into one 64-bit seed (SplitMix64 finaliser). */
    public static long mix(long seed, long step, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (step + 1) + 0xBF58476D1CE4E5B9L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
