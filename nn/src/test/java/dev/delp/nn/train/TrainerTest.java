package dev.delp.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.nn.Architecture;
import dev.delp.nn.InputNormalisation;
import dev.delp.nn.Network;
import dev.delp.nn.Param;
import dev.delp.nn.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The trainer learns a small blur-width task, and is bit-reproducible across thread counts. */
class TrainerTest {
    private static final int SIDE = 16;
    private static final String ARCH = String.join("\n",
            "space_to_depth block=2",
            "conv2d out=8 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "maxpool k=2 stride=2",
            "conv2d out=8 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "globalavgpool", "dropout rate=0.1", "dense out=3");

    /**
     * Class k: a few Gaussian spots of width σ = 0.6, 1.6, 3.0 px at random places and brightness,
     * plus Gaussian noise — a miniature of the defocus task (width of the blur, not brightness).
     */
    static void sample(SplittableRandom rnd, float[] x, int off, int label) {
        double sigma = new double[] {0.6, 1.6, 3.0}[label];
        double amp = 0.5 + 2 * rnd.nextDouble();
        for (int i = 0; i < SIDE * SIDE; i++) {
            x[off + i] = (float) (0.05 * rnd.nextGaussian() + 0.2);
        }
        for (int spot = 0; spot < 3; spot++) {
            double cx = rnd.nextDouble() * SIDE, cy = rnd.nextDouble() * SIDE;
            for (int y = 0; y < SIDE; y++) {
                for (int xx = 0; xx < SIDE; xx++) {
                    double r2 = (xx - cx) * (xx - cx) + (y - cy) * (y - cy);
                    x[off + y * SIDE + xx] += (float) (amp * Math.exp(-r2 / (2 * sigma * sigma)));
                }
            }
        }
    }

    static Trainer.BatchSource source(long seed) {
        return (step, x, labels, n) -> {
            SplittableRandom rnd = new SplittableRandom(Trainer.mix(seed, step, 1));
            for (int s = 0; s < n; s++) {
                labels[s] = rnd.nextInt(3);
                sample(rnd, x, s * SIDE * SIDE, labels[s]);
            }
        };
    }

    private static List<float[]> train(int threads, int epochs, int steps, double[] lastAccuracy) {
        Network net = Architecture.build(new Shape(1, SIDE, SIDE), ARCH);
        net.initialise(42);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            Trainer.Config cfg = new Trainer.Config(epochs, steps, 24, 5e-3, 10, 1e-3, 0.0, true, 7);
            Trainer t = new Trainer(net, cfg, InputNormalisation.ZSCORE, pool);
            int nVal = 300;
            float[] val = new float[nVal * SIDE * SIDE];
            int[] valLabels = new int[nVal];
            SplittableRandom rnd = new SplittableRandom(99);
            for (int s = 0; s < nVal; s++) {
                valLabels[s] = s % 3;
                sample(rnd, val, s * SIDE * SIDE, valLabels[s]);
            }
            t.train(source(5), val, valLabels, nVal, r -> {
                lastAccuracy[0] = r.validationAccuracy();
                assertTrue(Double.isFinite(r.trainLoss()));
                return true;
            });
        } finally {
            pool.shutdown();
        }
        List<float[]> weights = new ArrayList<>();
        for (Param p : net.params()) {
            weights.add(p.value().clone());
        }
        return weights;
    }

    @Test
    void learnsBlurWidth() {
        double[] acc = {0};
        train(2, 3, 60, acc);
        // Chance is 1/3; the widths differ by ~2x, which the net separates easily.
        assertTrue(acc[0] > 0.9, "validation accuracy " + acc[0]);
    }

    @Test
    void sameSeedSameWeightBytesForAnyThreadCount() {
        double[] acc = {0};
        List<float[]> one = train(1, 1, 6, acc);
        List<float[]> two = train(2, 1, 6, acc);
        List<float[]> three = train(3, 1, 6, acc);
        assertEquals(one.size(), two.size());
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), two.get(i), "tensor " + i);
            assertArrayEquals(one.get(i), three.get(i), "tensor " + i);
        }
    }

    @Test
    void adamMatchesHandComputedFirstStep() {
        Network net = Architecture.build(new Shape(1, 1, 1), "dense out=1");
        Param w = net.params().get(0), b = net.params().get(1);
        w.value()[0] = 1f;
        w.grad()[0] = 0.5f;
        b.grad()[0] = -2f;
        new Adam(net.params(), 0.9, 0.999, 1e-8, 0.1).step(0.01);
        // First step: m̂ = g, v̂ = g², so the update is lr·sign(g) (+ lr·decay·w for weights).
        assertEquals(1 - 0.01 * (1 + 0.1), w.value()[0], 1e-6);
        assertEquals(0.01, b.value()[0], 1e-6);
    }

    @Test
    void augmentationSymmetriesArePermutations() {
        float[] p = new float[9];
        for (int i = 0; i < 9; i++) {
            p[i] = i;
        }
        float[] scratch = new float[9];
        float[] t = p.clone();
        Augmentation.transform(t, 0, 3, 4, 1f, scratch); // transpose
        assertArrayEquals(new float[] {0, 3, 6, 1, 4, 7, 2, 5, 8}, t);
        t = p.clone();
        Augmentation.transform(t, 0, 3, 1, 2f, scratch); // mirror x, scale 2
        assertArrayEquals(new float[] {4, 2, 0, 10, 8, 6, 16, 14, 12}, t);
    }

    @Test
    void cosineScheduleWarmsUpAndDecays() {
        LearningRateSchedule s = new LearningRateSchedule(1.0, 0.01, 10, 110);
        assertEquals(0.1, s.at(0), 1e-12);
        assertEquals(1.0, s.at(9), 1e-12);
        assertEquals(1.0, s.at(10), 1e-12);
        assertEquals(0.505, s.at(60), 1e-12);
        assertEquals(0.01, s.at(110), 1e-12);
    }
}
