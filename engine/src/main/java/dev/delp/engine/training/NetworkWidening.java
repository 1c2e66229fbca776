package dev.delp.engine.training;

import dev.delp.nn.BatchNorm2d;
import dev.delp.nn.Conv2d;
import dev.delp.nn.Dense;
import dev.delp.nn.DelpNet;
import dev.delp.nn.GlobalAvgPool;
import dev.delp.nn.Dropout;
import dev.delp.nn.Layer;
import dev.delp.nn.MaxPool2d;
import dev.delp.nn.Param;
import dev.delp.nn.Relu;
import dev.delp.nn.SpaceToDepth;
import dev.delp.nn.WeightsFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Function-preserving widening of a trained DelpNet (in the spirit of Net2WiderNet, Chen et al.
 * 2016, with zero instead of copied outgoing weights): the architecture with each convolution's
 * {@code out=} replaced by a larger width, every old tensor copied into the top-left block of the
 * new one, and
 * <ul>
 *   <li>the new output channels of a convolution: He-normal weights (std √(2/fan-in) over all its
 *       input channels, seeded), zero bias;</li>
 *   <li>their batch-norm: γ = 1, β = 0, running mean 0, running variance 1;</li>
 *   <li>the weights from new channels into the next convolution's old outputs, and into the
 *       dense layer after global average pooling: zero.</li>
 * </ul>
 * The new channels are therefore multiplied by zero wherever they meet an old channel, and the
 * widened network computes the same logits as the old one up to float summation order; training
 * then grows the zero weights from their non-zero gradients (the new channels' activations times
 * the old outputs' gradients).
 */
public final class NetworkWidening {
    private NetworkWidening() {
    }

    /** The convolutions' output channel counts of {@code net}, in order. */
    public static int[] convolutionWidths(DelpNet net) {
        List<Integer> w = new ArrayList<>();
        for (Layer l : net.network().layers()) {
            if (l instanceof Conv2d) {
                w.add(l.outputShape().channels());
            }
        }
        return w.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * {@code net} widened to {@code widths} output channels per convolution (in order), new
     * weights drawn with {@code seed}. The input normalisation, optics and provenance are kept.
     *
     * @throws IllegalArgumentException if {@code widths} has not one entry per convolution, an
     *         entry is smaller than the old width, or the architecture has a layer between the
     *         convolutions that is not channel-wise (only batch-norm, ReLU, max-pool, dropout,
     *         global average pool, and space-to-depth before the first convolution are)
     */
    public static DelpNet widen(DelpNet net, int[] widths, long seed) {
        List<Layer> old = net.network().layers();
        int[] oldWidths = convolutionWidths(net);
        if (widths.length != oldWidths.length) {
            throw new IllegalArgumentException("widths " + Arrays.toString(widths) + " give " + widths.length
                    + " convolution widths, the network has " + oldWidths.length + " convolutions "
                    + Arrays.toString(oldWidths));
        }
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] < oldWidths[i] || widths[i] > 4096) {
                throw new IllegalArgumentException("width " + widths[i] + " of convolution " + i + " must be within ["
                        + oldWidths[i] + ", 4096] (the old width up to 4096); old widths " + Arrays.toString(oldWidths)
                        + ", asked " + Arrays.toString(widths));
            }
        }
        checkChannelWise(old);

        // New architecture: the old layer lines with conv out= replaced.
        WeightsFile f = net.toWeightsFile(null);
        Map<String, String> header = new LinkedHashMap<>(f.header());
        int conv = 0;
        for (int i = 0; i < old.size(); i++) {
            String spec = old.get(i).spec();
            if (old.get(i) instanceof Conv2d) {
                if (!spec.matches("conv2d(\\s.*)?\\sout=\\d+(\\s.*)?")) {
                    throw new IllegalStateException("conv2d layer " + i + " spec '" + spec + "' has no out= option");
                }
                spec = spec.replaceFirst("(\\s)out=\\d+", "$1out=" + widths[conv++]);
            }
            header.put("layer." + i, spec);
        }
        // Bind the new architecture to learn the new tensor shapes (zero-filled).
        WeightsFile shapes = DelpNet.create(architecture(header, old.size()), net.optics(), 0).toWeightsFile(Map.of());
        Map<String, WeightsFile.Tensor> newByName = new LinkedHashMap<>();
        for (WeightsFile.Tensor t : shapes.tensors()) {
            newByName.put(t.name(), t);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<WeightsFile.Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < old.size(); i++) {
            Layer layer = old.get(i);
            for (Param p : layer.params()) {
                WeightsFile.Tensor target = newByName.get(p.name());
                if (target == null) {
                    throw new IllegalStateException("tensor " + p.name() + " missing from the widened architecture");
                }
                float[] v = new float[target.data().length];
                int[] nd = target.dims(), od = p.dims();
                if (layer instanceof Conv2d || layer instanceof Dense) {
                    fillWeightLike(p, od, nd, v, rnd);
                } else if (layer instanceof BatchNorm2d) {
                    float fill = p.name().endsWith(".gamma") || p.name().endsWith(".running_var") ? 1f : 0f;
                    Arrays.fill(v, fill);
                    System.arraycopy(p.value(), 0, v, 0, p.length());
                } else {
                    throw new IllegalStateException("layer " + i + " (" + layer.spec() + ") has tensor " + p.name()
                            + "; widening knows conv2d, batchnorm and dense tensors only");
                }
                tensors.add(new WeightsFile.Tensor(p.name(), nd, v));
            }
        }
        return DelpNet.fromWeightsFile(new WeightsFile(header, tensors));
    }

    /**
     * A conv weight {@code [out][in][k][k]}, dense weight {@code [out][in]} or a bias {@code [out]}
     * grown from {@code od} to {@code nd}: old values in the top-left block, new output rows
     * He-normal over the whole new row (weights) or zero (biases), new inputs of old rows zero.
     */
    private static void fillWeightLike(Param p, int[] od, int[] nd, float[] v, SplittableRandom rnd) {
        if (od.length != nd.length) {
            throw new IllegalStateException("tensor " + p.name() + " changes rank " + Arrays.toString(od) + " -> "
                    + Arrays.toString(nd));
        }
        int oldOut = od[0], newOut = nd[0];
        int oldRow = p.length() / oldOut, newRow = v.length / newOut;
        for (int d = 2; d < nd.length; d++) { // kernel dimensions must not change
            if (od[d] != nd[d]) {
                throw new IllegalStateException("tensor " + p.name() + " changes a kernel dimension "
                        + Arrays.toString(od) + " -> " + Arrays.toString(nd));
            }
        }
        float[] src = p.value();
        for (int o = 0; o < oldOut; o++) { // old rows: old inputs copied, new inputs stay 0
            System.arraycopy(src, o * oldRow, v, o * newRow, oldRow);
        }
        if (p.decay()) { // weights: new rows He-normal over all inputs, as Network.initialise
            double std = Math.sqrt(2.0 / newRow);
            for (int i = oldOut * newRow; i < v.length; i++) {
                v[i] = (float) (rnd.nextGaussian() * std);
            }
        } // biases: new rows 0
    }

    private static void checkChannelWise(List<Layer> layers) {
        boolean seenConv = false;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            boolean ok = l instanceof Conv2d || l instanceof BatchNorm2d || l instanceof GlobalAvgPool
                    || (l instanceof Dense && i == layers.size() - 1)
                    || (l instanceof SpaceToDepth && !seenConv)
                    || l instanceof Relu || l instanceof MaxPool2d || l instanceof Dropout;
            if (!ok) {
                throw new IllegalArgumentException("cannot widen: layer " + i + " '" + l.spec() + "' is not channel-wise"
                        + " (widening supports [space_to_depth] conv2d/batchnorm/relu/maxpool/dropout/globalavgpool and a"
                        + " final dense)");
            }
            if (l instanceof Dense && !(i > 0 && precededByGlobalPool(layers, i))) {
                throw new IllegalArgumentException("cannot widen: the dense layer " + i + " must follow global average"
                        + " pooling (its inputs must be the last convolution's channels)");
            }
            seenConv |= l instanceof Conv2d;
        }
    }

    private static boolean precededByGlobalPool(List<Layer> layers, int dense) {
        for (int j = dense - 1; j >= 0; j--) {
            Layer l = layers.get(j);
            if (l instanceof GlobalAvgPool) {
                return true;
            }
            if (!(l instanceof Dropout)) {
                return false;
            }
        }
        return false;
    }

    private static String architecture(Map<String, String> header, int layers) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < layers; i++) {
            sb.append(header.get("layer." + i)).append('\n');
        }
        return sb.toString();
    }
}
