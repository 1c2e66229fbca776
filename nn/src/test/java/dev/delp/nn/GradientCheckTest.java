package dev.delp.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.nn.train.SoftmaxCrossEntropy;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * Backprop of every layer type against central finite differences. Each network puts the layer
 * under test between convolutions, so the checked gradients of the first convolution's weights
 * exercise the layer's input gradient, and its own parameter gradients are checked directly.
 * The loss is {@code Σ r·y} with fixed random r (or softmax cross-entropy), evaluated in double.
 *
 * <p>Tolerance: float forward passes carry relative rounding ~1e-6 of the loss; with step h =
 * 2e-3 the difference quotient's rounding error is ~1e-6·|L|/h ≈ 5e-4·|L| and its truncation
 * error is O(h²); we accept |analytic − numeric| ≤ 3e-2·max(|a|, |n|) + 2e-3·scale, where scale
 * is the largest gradient magnitude of the tensor. Points within h of a ReLU/max-pool kink can
 * legitimately disagree, so up to 2 % of the checked entries may miss (none does in practice
 * for these seeds).
 */
class GradientCheckTest {
    private static final double H = 2e-3;

    @Test
    void conv2dWithStridePaddingDilationAndBias() {
        check("conv2d out=3 k=3 stride=2 pad=1 dilation=2 bias=true\nconv2d out=2 k=2 stride=1 pad=0 dilation=1 bias=true",
                new Shape(2, 9, 8), null);
    }

    @Test
    void conv2dLargePlanesUsesTheDotProductWeightGradient() {
        // 5 samples x 24x24 outputs = 2,880 GEMM columns: above Conv2d.DOT_MIN_WIDE (1,024).
        check("conv2d out=2 k=3 stride=1 pad=1 dilation=1 bias=true\nglobalavgpool\ndense out=2",
                new Shape(1, 24, 24), null);
    }

    @Test
    void spaceToDepth() {
        check("conv2d out=2 k=3 stride=1 pad=1 dilation=1 bias=true\nspace_to_depth block=2\nconv2d out=2 k=3 stride=1 pad=1 dilation=1 bias=true",
                new Shape(1, 8, 6), null);
    }

    @Test
    void batchNormTraining() {
        check("conv2d out=3 k=3 stride=1 pad=1 dilation=1 bias=false\nbatchnorm momentum=0.6 eps=0.001\nconv2d out=2 k=1 stride=1 pad=0 dilation=1 bias=true",
                new Shape(2, 5, 5), null);
    }

    @Test
    void relu() {
        check("conv2d out=3 k=3 stride=1 pad=1 dilation=1 bias=true\nrelu\nconv2d out=2 k=3 stride=1 pad=1 dilation=1 bias=true",
                new Shape(1, 6, 6), null);
    }

    @Test
    void maxPool() {
        check("conv2d out=2 k=3 stride=1 pad=1 dilation=1 bias=true\nmaxpool k=2 stride=2\nconv2d out=2 k=3 stride=1 pad=1 dilation=1 bias=true",
                new Shape(1, 7, 7), null);
    }

    @Test
    void globalAvgPoolAndDense() {
        check("conv2d out=3 k=3 stride=1 pad=1 dilation=1 bias=true\nglobalavgpool\ndense out=4",
                new Shape(2, 5, 4), null);
    }

    @Test
    void dropoutWithFixedMask() {
        check("conv2d out=3 k=3 stride=1 pad=1 dilation=1 bias=true\ndropout rate=0.3\ndense out=3",
                new Shape(1, 4, 4), null);
    }

    @Test
    void softmaxCrossEntropyWithSmoothing() {
        check("conv2d out=2 k=3 stride=1 pad=1 dilation=1 bias=true\nglobalavgpool\ndense out=5",
                new Shape(1, 6, 6), new SoftmaxCrossEntropy(0.1));
    }

    private static void check(String arch, Shape in, SoftmaxCrossEntropy ce) {
        Network net = Architecture.build(in, arch);
        net.initialise(11);
        SplittableRandom rnd = new SplittableRandom(5);
        for (Param p : net.params()) { // non-trivial biases and batch-norm parameters
            if (p.trainable() && !p.decay()) {
                for (int i = 0; i < p.length(); i++) {
                    p.value()[i] += (float) (0.3 * rnd.nextGaussian());
                }
            }
        }
        int n = 5;
        float[] x = new float[n * in.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        int outSize = net.outputShape().size();
        float[] r = new float[n * outSize];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) rnd.nextGaussian();
        }
        int[] labels = new int[n];
        for (int s = 0; s < n; s++) {
            labels[s] = rnd.nextInt(outSize);
        }
        Exec exec = Exec.on(ForkJoinPool.commonPool());
        float[] y = net.trainForward(x, n, exec, 77);
        float[] dy = new float[y.length];
        if (ce == null) {
            System.arraycopy(r, 0, dy, 0, r.length);
        } else {
            ce.lossAndGradient(y, labels, n, outSize, dy);
        }
        net.backward(dy, exec);
        int checked = 0, missed = 0;
        List<Param> params = net.params();
        for (Param p : params) {
            if (!p.trainable()) {
                continue;
            }
            float[] analytic = p.grad().clone();
            double scale = 0;
            for (float g : analytic) {
                scale = Math.max(scale, Math.abs(g));
            }
            assertTrue(scale > 0, p.name() + " has an all-zero gradient");
            for (int i = 0; i < p.length(); i++) {
                float orig = p.value()[i];
                p.value()[i] = (float) (orig + H);
                double lp = loss(net, x, n, r, labels, ce, exec);
                p.value()[i] = (float) (orig - H);
                double lm = loss(net, x, n, r, labels, ce, exec);
                p.value()[i] = orig;
                double numeric = (lp - lm) / (2 * H);
                double a = analytic[i];
                checked++;
                if (Math.abs(a - numeric) > 3e-2 * Math.max(Math.abs(a), Math.abs(numeric)) + 2e-3 * scale) {
                    missed++;
                    System.err.println(p.name() + "[" + i + "] analytic " + a + " numeric " + numeric);
                }
            }
        }
        assertTrue(checked > 0);
        assertTrue(missed <= checked / 50, missed + " of " + checked + " gradient entries disagree");
        // Running statistics of batch-norm moved towards the batch statistics (momentum 0.6).
        for (Param p : params) {
            if (p.name().endsWith("running_var")) {
                boolean moved = false;
                for (float v : p.value()) {
                    moved |= v != 1f;
                }
                assertTrue(moved, "running variance was not updated");
            }
        }
        assertEquals(n * outSize, y.length);
    }

    private static double loss(Network net, float[] x, int n, float[] r, int[] labels, SoftmaxCrossEntropy ce, Exec exec) {
        float[] y = net.trainForward(x, n, exec, 77);
        if (ce != null) {
            return ce.lossAndGradient(y, labels, n, r.length / n, new float[y.length]);
        }
        double l = 0;
        for (int i = 0; i < y.length; i++) {
            l += (double) r[i] * y[i];
        }
        return l;
    }
}
