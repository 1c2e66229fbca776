package dev.delp.engine.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.nn.DelpNet;
import dev.delp.nn.Exec;
import dev.delp.nn.Param;
import dev.delp.nn.TrainedOptics;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link NetworkWidening} on a random 16/32/64/64 net and the shipped weights: same logits, expected shapes, clear errors. */
class NetworkWideningTest {
    private static final int N = 12;
    private static final int SIZE = DelpNet.PATCH * DelpNet.PATCH;
    /** The session-1..7 architecture (16/32/64/64), spelled out so the test does not follow the shipped widths. */
    private static final String NARROW = String.join("\n",
            "space_to_depth block=2",
            "conv2d out=16 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "maxpool k=2 stride=2",
            "conv2d out=32 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "maxpool k=2 stride=2",
            "conv2d out=64 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "maxpool k=2 stride=2",
            "conv2d out=64 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "globalavgpool", "dropout rate=0.2", "dense out=12");
    private static DelpNet narrow;
    private static DelpNet shipped;
    private static float[] patches;

    @BeforeAll
    static void load() throws IOException {
        narrow = DelpNet.create(NARROW, TrainedOptics.DEFAULT, 17);
        // Batch-norm and bias values away from their defaults, so that copying each of them matters.
        SplittableRandom r = new SplittableRandom(18);
        for (Param p : narrow.network().params()) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                if (p.name().endsWith(".gamma")) {
                    v[i] = (float) (0.5 + r.nextDouble());
                } else if (p.name().endsWith(".running_var")) {
                    v[i] = (float) (0.2 + 2 * r.nextDouble());
                } else if (!p.decay()) { // beta, running mean, dense bias
                    v[i] = (float) (0.5 * r.nextGaussian());
                }
            }
        }
        shipped = DelpNet.loadDefault();
        patches = patches(N, 11);
    }

    /** Each convolution of {@code net} 8 channels wider. */
    private static int[] plus8(DelpNet net) {
        int[] w = NetworkWidening.convolutionWidths(net);
        for (int i = 0; i < w.length; i++) {
            w[i] += 8;
        }
        return w;
    }

    /** Blurry blobs of random brightness on an offset of 100 plus Poisson-like noise: classifier-like input. */
    private static float[] patches(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[n * SIZE];
        for (int s = 0; s < n; s++) {
            int blobs = 1 + r.nextInt(6);
            double[][] b = new double[blobs][];
            for (int k = 0; k < blobs; k++) {
                b[k] = new double[] {r.nextDouble(84), r.nextDouble(84), 2 + r.nextDouble(15), 100 + r.nextDouble(3000)};
            }
            for (int y = 0; y < 84; y++) {
                for (int x = 0; x < 84; x++) {
                    double v = 100;
                    for (double[] q : b) {
                        double d2 = (x - q[0]) * (x - q[0]) + (y - q[1]) * (y - q[1]);
                        v += q[3] * Math.exp(-d2 / (2 * q[2] * q[2]));
                    }
                    p[s * SIZE + y * 84 + x] = (float) (v + Math.sqrt(v) * r.nextGaussian());
                }
            }
        }
        return p;
    }

    /** Logits through the layer-by-layer network (no softmax), {@code N} rows of 12. */
    private static float[] logits(DelpNet net) {
        float[] x = patches.clone();
        for (int s = 0; s < N; s++) {
            net.normalisation().apply(x, s * SIZE, SIZE);
        }
        float[] out = new float[N * 12];
        net.network().forward(x, N, out, Exec.on(null), 4);
        return out;
    }

    private static float[] fusedLogits(DelpNet net) {
        float[] out = new float[N * 12];
        net.inferencePlan().refreshIfChanged(); // the random narrow net's tensors were set after its plan was folded
        net.inferencePlan().logits(patches, 0, N, out, 0);
        return out;
    }

    /**
     * The widened net's logits equal the original's within 1e-5 of the patch's largest |logit|.
     * Every old channel's pre-activation is the same sum plus exact zeros (0 · finite = 0, and
     * adding 0 changes nothing), but the GEMM / Winograd reduction over in·9 terms is blocked and
     * vectorised differently when the in-channel count changes, so the float summation order (not
     * the terms) differs: each conv output then moves by a few ulps of the sum of |terms|
     * (≤ ~√576 · 6e-8 ≈ 1.4e-6 relative as a random walk over the largest reduction, K = 64·9),
     * through four layers and the batch-norm scaling, well under 1e-5. Measured when this test was
     * written: 0 (bit-identical) on both paths with both the vector and the scalar kernels; the
     * tolerance only keeps a future re-blocking of the kernels from failing a correct widening. The
     * maximum seen is printed.
     */
    @Test
    void widenedNetComputesTheSameLogits() {
        sameLogits(narrow, NetworkWidening.widen(narrow, new int[] {24, 48, 96, 96}, 5), "random narrow net");
        sameLogits(shipped, NetworkWidening.widen(shipped, plus8(shipped), 5), "shipped weights");
    }

    private static void sameLogits(DelpNet old, DelpNet wide, String what) {
        for (boolean fused : new boolean[] {false, true}) {
            float[] a = fused ? fusedLogits(old) : logits(old);
            float[] b = fused ? fusedLogits(wide) : logits(wide);
            double worst = 0;
            for (int s = 0; s < N; s++) {
                double scale = 0;
                for (int c = 0; c < 12; c++) {
                    scale = Math.max(scale, Math.abs(a[s * 12 + c]));
                }
                assertTrue(scale > 0.1, "patch " + s + " logits all near zero: the comparison would be vacuous");
                for (int c = 0; c < 12; c++) {
                    double rel = Math.abs(a[s * 12 + c] - b[s * 12 + c]) / scale;
                    worst = Math.max(worst, rel);
                    assertTrue(rel <= 1e-5, what + ", " + (fused ? "fused" : "layer-by-layer") + " patch " + s + " class " + c + ": "
                            + a[s * 12 + c] + " vs " + b[s * 12 + c]);
                }
            }
            System.out.printf("NetworkWideningTest %s, %s: largest logit difference %.2e of the patch's max |logit|%n",
                    what, fused ? "fused plan" : "layer by layer", worst);
        }
        // The same classes through the public API.
        assertArrayEquals(old.classify(patches, N, null), wide.classify(patches, N, null), what);
    }

    @Test
    void shapesParameterCountAndInitialisation() {
        int[] widths = {24, 48, 96, 96};
        DelpNet wide = NetworkWidening.widen(narrow, widths, 5);
        assertArrayEquals(new int[] {16, 32, 64, 64}, NetworkWidening.convolutionWidths(narrow));
        assertArrayEquals(widths, NetworkWidening.convolutionWidths(wide));
        // conv 3x3 without bias + batch-norm gamma/beta per channel; space-to-depth gives 4 inputs; dense 12 x last + 12.
        long expected = 0;
        int in = 4;
        for (int w : widths) {
            expected += (long) w * in * 9 + 2L * w;
            in = w;
        }
        expected += 12L * in + 12;
        assertEquals(137_340, expected);
        assertEquals(expected, wide.parameterCount());
        assertEquals(narrow.optics(), wide.optics());
        assertEquals(narrow.normalisation(), wide.normalisation());
        assertEquals(narrow.provenance(), wide.provenance());

        Map<String, Param> oldP = narrow.network().paramsByName();
        Map<String, Param> newP = wide.network().paramsByName();
        assertEquals(oldP.keySet(), newP.keySet());
        for (Map.Entry<String, Param> e : oldP.entrySet()) {
            Param o = e.getValue(), n = newP.get(e.getKey());
            int[] od = o.dims(), nd = n.dims();
            int oldRow = o.length() / od[0], newRow = n.length() / nd[0];
            String name = e.getKey();
            for (int r = 0; r < nd[0]; r++) {
                for (int j = 0; j < newRow; j++) {
                    float v = n.value()[r * newRow + j];
                    String at = name + " [" + r + "][" + j + "]";
                    if (r < od[0] && j < oldRow) {
                        assertEquals(o.value()[r * oldRow + j], v, 0f, at + " copied");
                    } else if (name.endsWith(".gamma") || name.endsWith(".running_var")) {
                        assertEquals(1f, v, 0f, at);
                    } else if (r < od[0] || !n.decay()) {
                        assertEquals(0f, v, 0f, at + " (into an old output, or a bias/beta/mean)");
                    }
                }
            }
            if (n.decay() && nd[0] > od[0]) { // new rows: He-normal, std sqrt(2 / fan-in) over all inputs
                double sum2 = 0;
                int count = 0;
                for (int i = od[0] * newRow; i < n.length(); i++) {
                    sum2 += (double) n.value()[i] * n.value()[i];
                    count++;
                }
                double std = Math.sqrt(sum2 / count), he = Math.sqrt(2.0 / newRow);
                // count >= 8 rows x 36 values: the sample std of >= 288 normals is within 20 % with overwhelming odds
                assertEquals(he, std, 0.2 * he, name + " new rows' std");
            }
        }
        // Seeded: same seed same bytes, another seed other new weights.
        assertArrayEquals(wide.network().params().get(0).value(),
                NetworkWidening.widen(narrow, widths, 5).network().params().get(0).value());
        assertTrue(!Arrays.equals(wide.network().params().get(0).value(),
                NetworkWidening.widen(narrow, widths, 6).network().params().get(0).value()));
        // Equal widths are allowed and give back the same network.
        DelpNet same = NetworkWidening.widen(narrow, new int[] {16, 32, 64, 64}, 5);
        for (Param p : narrow.network().params()) {
            assertArrayEquals(p.value(), same.network().paramsByName().get(p.name()).value(), p.name());
        }
    }

    /**
     * Training starts from the zeros: the new rows' own gradients are exactly zero (their outputs
     * only ever meet zero weights), while the zero weights from new channels into old outputs get
     * non-zero gradients, so the first optimiser step makes the new channels matter.
     */
    @Test
    void gradientsReachTheZeroWeights() {
        DelpNet wide = NetworkWidening.widen(narrow, new int[] {24, 48, 96, 96}, 5);
        float[] x = patches.clone();
        for (int s = 0; s < N; s++) {
            wide.normalisation().apply(x, s * SIZE, SIZE);
        }
        float[] out = wide.network().trainForward(x, N, Exec.on(null), 1);
        float[] d = new float[out.length];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        wide.network().backward(d, Exec.on(null));
        Param conv2 = wide.network().paramsByName().get(findConv(wide, 1) + ".weight"); // [48][24][3][3]
        int row = 24 * 9;
        double cross = 0, newRows = 0;
        for (int o = 0; o < 48; o++) {
            for (int j = 0; j < row; j++) {
                double g = Math.abs(conv2.grad()[o * row + j]);
                if (o >= 32) {
                    newRows += g;
                } else if (j >= 16 * 9) {
                    cross += g;
                }
            }
        }
        assertEquals(0, newRows, 0, "gradient of the new output rows of conv 1");
        assertTrue(cross > 1e-6, "gradient of the zero weights from new channels into old outputs: " + cross);
    }

    private static String findConv(DelpNet net, int which) {
        int k = 0;
        for (int i = 0; i < net.network().layers().size(); i++) {
            if (net.network().layers().get(i) instanceof dev.delp.nn.Conv2d && k++ == which) {
                return Integer.toString(i);
            }
        }
        throw new AssertionError("no conv " + which);
    }

    @Test
    void badWidthsGiveClearErrors() {
        IllegalArgumentException fewer = assertThrows(IllegalArgumentException.class,
                () -> NetworkWidening.widen(narrow, new int[] {24, 24, 96, 96}, 1));
        assertEquals("width 24 of convolution 1 must be within [32, 4096] (the old width up to 4096); old widths"
                + " [16, 32, 64, 64], asked [24, 24, 96, 96]", fewer.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> NetworkWidening.widen(narrow, new int[] {24, 48, 96}, 1));
        assertEquals("widths [24, 48, 96] give 3 convolution widths, the network has 4 convolutions [16, 32, 64, 64]",
                count.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetworkWidening.widen(narrow, new int[] {24, 48, 96, 96, 96}, 1));
    }
}
