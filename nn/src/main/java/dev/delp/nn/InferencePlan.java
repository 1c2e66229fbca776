package dev.delp.nn;

import dev.delp.simd.FloatKernels;
import dev.delp.simd.Simd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Inference-only compiled copy of a {@link Network}: batch-norm folded into the preceding
 * convolution's weights and bias, ReLU fused into the convolution's output write, 2×2 max-pool
 * fused into the re-layout for the next convolution, space-to-depth and the input normalisation
 * fused into the input packing, dropout dropped. The trainer keeps using the unfused layers; this
 * is a separate copy, refreshed when the network's tensors change ({@link #refreshIfChanged}).
 *
 * <p>Supported networks ({@link #supports}): {@code [space_to_depth]}, then one or more blocks
 * {@code conv2d k=3 stride=1 pad=1 dilation=1 [batchnorm]} followed by any of {@code relu},
 * {@code maxpool k=2 stride=2}, {@code dropout} (at most one ReLU and one pool per block), then
 * {@code globalavgpool [dropout] dense [dropout]}. This covers {@link DelpNet#DEFAULT_ARCHITECTURE}; other
 * architectures use the generic layer path.
 *
 * <p>Layout: up to {@link #GROUP} patches are processed together. Each channel of a convolution's
 * input holds the patches side by side: image row {@code y} of every patch, each preceded by one
 * zero column (the previous patch's right border), forms one long row, and a zero row sits above
 * and below, so a 3×3 tap is a constant offset and the convolution is
 * {@link FloatKernels#convGemm} reading B rows straight from the activations
 * ({@link ConvAlgorithm#DIRECT}, no im2col copy; the outputs at the border columns, 1 in
 * {@code w + 1}, are computed and discarded), or the same kernel over an explicit im2col matrix
 * ({@link ConvAlgorithm#IM2COL}, no discarded outputs, one copy). Every patch's result depends
 * only on that patch, the same way in either algorithm's arithmetic order (bias, then the
 * products in ascending input channel, ky, kx): results do not depend on batch or thread split.
 *
 * <p>Buffers live in a per-thread {@link Workspace} (2.4 MB for DelpNet, allocated once per thread
 * and plan): no allocation per batch after warm-up.
 */
public final class InferencePlan {
    /** Patches per workspace pass. */
    public static final int GROUP = 8;

    /** How the 3×3 convolutions are computed. */
    public enum ConvAlgorithm {
        /** {@link FloatKernels#convGemm} with B rows read in place from the zero-bordered activations. */
        DIRECT,
        /** An explicit im2col matrix of the useful output positions, then the same kernel. */
        IM2COL,
        /** Per layer: direct where at least half of its computed outputs are useful, else im2col (measured: direct won on all four DelpNet layers, even 5×5 with 69 % useful). */
        AUTO
    }

    private final FloatKernels kernels;
    private final Network network;
    private final InputNormalisation normalisation;
    private final int block;       // space-to-depth block (1 = none)
    private final Stage[] stages;
    private final Dense dense;
    private final float[] denseW;
    private final float[] denseB;
    private final List<Param> sources;
    private final float[][] snapshot;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(this::newWorkspace);

    /** One fused conv block. */
    private static final class Stage {
        final Conv2d conv;
        final BatchNorm2d bn;  // or null
        final boolean relu;
        final boolean pool;
        final boolean direct;
        final int inC, outC, h, w;   // input channels, output channels, plane size (same in and out)
        final int rowLen, chStride; // zero-bordered input layout: GROUP·(w + 1) floats per row
        final int ld;               // row length of the output matrix (and of the im2col matrix)
        final int[] tapRows;        // direct B row offsets (input channel, ky, kx)
        final int[] colRows;        // im2col B row offsets (p·ld), or null
        final float[] a;            // folded weights, row panels
        final float[] bias;         // folded bias

        Stage(Conv2d conv, BatchNorm2d bn, boolean relu, boolean pool, ConvAlgorithm algorithm) {
            this.conv = conv;
            this.bn = bn;
            this.relu = relu;
            this.pool = pool;
            Shape in = conv.inputShape();
            inC = in.channels();
            outC = conv.outChannels();
            h = in.height();
            w = in.width();
            rowLen = GROUP * (w + 1);
            chStride = roundUp((h + 2) * rowLen + 1, 16);
            int useful = h * w;
            direct = algorithm == ConvAlgorithm.DIRECT
                    || (algorithm == ConvAlgorithm.AUTO && 2L * w >= w + 1); // useful share of a row: w / (w + 1)
            int nMax = direct ? h * rowLen : GROUP * useful;
            ld = roundUp(nMax, 64); // row slack for whole vectors past n (any vector width up to 64 floats)
            tapRows = new int[inC * 9];
            for (int c = 0, p = 0; c < inC; c++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        tapRows[p++] = c * chStride + ky * rowLen + kx;
                    }
                }
            }
            if (direct) {
                colRows = null;
            } else {
                colRows = new int[inC * 9];
                for (int p = 0; p < colRows.length; p++) {
                    colRows[p] = p * ld;
                }
            }
            a = new float[outC * inC * 9];
            bias = new float[outC];
        }

        /** Output position of (patch, y, x) in a row of the output matrix. */
        int outIndex(int s, int y, int x) {
            return direct ? y * rowLen + s * (w + 1) + x : (s * h + y) * w + x;
        }

        /** Index of input pixel (channel c, patch s, row y, column 0) in the bordered layout. */
        int inIndex(int c, int s, int y) {
            return c * chStride + (y + 1) * rowLen + s * (w + 1) + 1;
        }

        int inputFloats() {
            return inC * chStride + 64;
        }

        /** Folds batch-norm into the conv weights and bias (in double), packs the panels. */
        void fold() {
            int k = inC * 9;
            float[] w0 = conv.weight().value();
            float[] b0 = conv.bias() == null ? null : conv.bias().value();
            double[] affine = bn == null ? null : bn.inferenceAffine();
            float[] rowMajor = new float[outC * k];
            for (int o = 0; o < outC; o++) {
                double scale = affine == null ? 1 : affine[o];
                double shift = affine == null ? 0 : affine[outC + o];
                for (int p = 0; p < k; p++) {
                    rowMajor[o * k + p] = (float) (w0[o * k + p] * scale);
                }
                bias[o] = (float) ((b0 == null ? 0 : b0[o]) * scale + shift);
            }
            float[] packed = FloatKernels.packRowPanels(rowMajor, outC, k);
            System.arraycopy(packed, 0, a, 0, a.length);
        }
    }

    /** Per-thread buffers; one per (plan, thread). */
    static final class Workspace {
        final float[][] in;     // zero-bordered input of each stage
        final float[][] out;    // output matrix of each stage
        final float[] col;      // im2col matrix (largest im2col stage), or empty
        final float[] features; // GROUP × channels of the last stage after the global average
        final float[] pooled;   // 2×2 maxima of one channel of an output matrix (pooling)

        Workspace(InferencePlan plan) {
            int ns = plan.stages.length;
            in = new float[ns][];
            out = new float[ns][];
            int colMax = 0;
            for (int i = 0; i < ns; i++) {
                Stage st = plan.stages[i];
                in[i] = new float[st.inputFloats()];
                out[i] = new float[st.outC * st.ld + 128]; // slack: whole-vector reads past the last row
                if (!st.direct) {
                    colMax = Math.max(colMax, st.inC * 9 * st.ld + 64);
                }
            }
            col = new float[colMax];
            features = new float[GROUP * plan.stages[ns - 1].outC];
            int widest = 0;
            for (Stage st : plan.stages) {
                widest = Math.max(widest, st.ld);
            }
            pooled = new float[widest + 64];
        }
    }

    private InferencePlan(Network network, InputNormalisation normalisation, int block, List<Stage> stages, Dense dense,
                          FloatKernels kernels) {
        this.kernels = kernels;
        this.network = network;
        this.normalisation = normalisation;
        this.block = block;
        this.stages = stages.toArray(new Stage[0]);
        this.dense = dense;
        this.denseW = new float[dense.weight().length()];
        this.denseB = new float[dense.bias().length()];
        this.sources = network.params();
        this.snapshot = new float[sources.size()][];
        refresh();
    }

    /** Whether {@link #compile} accepts {@code network} (see the class comment for the pattern). */
    public static boolean supports(Network network) {
        return parse(network, ConvAlgorithm.AUTO, InputNormalisation.ZSCORE, Simd.kernels()) != null;
    }

    /**
     * The fused inference copy of {@code network} with input normalisation {@code normalisation}.
     *
     * @throws IllegalArgumentException if the network does not match the supported pattern
     */
    public static InferencePlan compile(Network network, InputNormalisation normalisation, ConvAlgorithm algorithm) {
        return compile(network, normalisation, algorithm, Simd.kernels());
    }

    /** As {@link #compile(Network, InputNormalisation, ConvAlgorithm)} with explicit kernels (tests: scalar vs vector). */
    static InferencePlan compile(Network network, InputNormalisation normalisation, ConvAlgorithm algorithm,
                                 FloatKernels kernels) {
        InferencePlan plan = parse(network, algorithm, normalisation, kernels);
        if (plan == null) {
            throw new IllegalArgumentException("architecture not supported by the fused inference plan (need"
                    + " [space_to_depth] (conv2d k=3 stride=1 pad=1 dilation=1 [batchnorm] [relu|maxpool k=2 stride=2"
                    + "|dropout]*)+ globalavgpool [dropout] dense):\n" + network.architecture());
        }
        return plan;
    }

    private static InferencePlan parse(Network net, ConvAlgorithm algorithm, InputNormalisation norm, FloatKernels kernels) {
        List<Layer> ls = net.layers();
        int i = 0;
        int block = 1;
        if (i < ls.size() && ls.get(i) instanceof SpaceToDepth s2d) {
            block = s2d.block();
            i++;
        }
        List<Stage> stages = new ArrayList<>();
        while (i < ls.size() && ls.get(i) instanceof Conv2d conv) {
            if (conv.kernel() != 3 || conv.stride() != 1 || conv.pad() != 1 || conv.dilation() != 1) {
                return null;
            }
            i++;
            BatchNorm2d bn = null;
            if (i < ls.size() && ls.get(i) instanceof BatchNorm2d b) {
                bn = b;
                i++;
            }
            boolean relu = false, pool = false;
            while (i < ls.size()) {
                Layer l = ls.get(i);
                if (l instanceof Relu && !relu) {
                    relu = true; // relu and 2×2 max commute, so the order of the two does not matter
                } else if (l instanceof MaxPool2d mp && !pool && mp.kernel() == 2 && mp.stride() == 2) {
                    pool = true;
                } else if (!(l instanceof Dropout)) {
                    break;
                }
                i++;
            }
            stages.add(new Stage(conv, bn, relu, pool, algorithm));
        }
        if (stages.isEmpty() || i >= ls.size() || !(ls.get(i) instanceof GlobalAvgPool)) {
            return null;
        }
        i++;
        while (i < ls.size() && ls.get(i) instanceof Dropout) {
            i++;
        }
        if (i >= ls.size() || !(ls.get(i) instanceof Dense dense)) {
            return null;
        }
        i++;
        while (i < ls.size() && ls.get(i) instanceof Dropout) {
            i++;
        }
        if (i != ls.size()) {
            return null;
        }
        return new InferencePlan(net, norm, block, stages, dense, kernels);
    }

    /** Which algorithm each convolution uses ({@code true} = direct), in order. */
    public boolean[] directPerLayer() {
        boolean[] d = new boolean[stages.length];
        for (int i = 0; i < stages.length; i++) {
            d[i] = stages[i].direct;
        }
        return d;
    }

    /**
     * Re-folds the weights if any tensor of the network changed since the last fold (exact
     * comparison against a snapshot; a few µs per call). Returns whether it re-folded.
     */
    public synchronized boolean refreshIfChanged() {
        for (int t = 0; t < sources.size(); t++) {
            if (!Arrays.equals(snapshot[t], sources.get(t).value())) {
                refresh();
                return true;
            }
        }
        return false;
    }

    private void refresh() {
        for (int t = 0; t < sources.size(); t++) {
            snapshot[t] = sources.get(t).value().clone();
        }
        for (Stage st : stages) {
            st.fold();
        }
        System.arraycopy(dense.weight().value(), 0, denseW, 0, denseW.length);
        System.arraycopy(dense.bias().value(), 0, denseB, 0, denseB.length);
    }

    private Workspace newWorkspace() {
        return new Workspace(this);
    }

    /**
     * Floats of one per-thread workspace (every buffer a batch pass needs; allocated once per
     * thread that runs this plan, independent of how many samples are processed).
     */
    public long workspaceFloats() {
        Workspace ws = workspaces.get();
        long n = ws.col.length + ws.features.length + ws.pooled.length;
        for (int i = 0; i < stages.length; i++) {
            n += ws.in[i].length + ws.out[i].length;
        }
        return n;
    }

    /** Output features (logits) per sample. */
    public int outputSize() {
        return denseB.length;
    }

    /**
     * Logits of {@code n} raw samples (each {@code network.inputShape().size()} floats, back to
     * back from {@code rawOff}), written to {@code out} from {@code outOff}; any {@code n}, in
     * passes of {@link #GROUP} on the calling thread. The raw input is not modified.
     */
    public void logits(float[] raw, int rawOff, int n, float[] out, int outOff) {
        int size = network.inputShape().size();
        if (n < 0 || rawOff < 0 || (long) rawOff + (long) n * size > raw.length
                || outOff < 0 || (long) outOff + (long) n * outputSize() > out.length) {
            throw new IllegalArgumentException(n + " samples of " + size + " floats from " + rawOff + " (array "
                    + raw.length + ") -> " + outputSize() + " logits each from " + outOff + " (array " + out.length
                    + ") do not fit");
        }
        Workspace ws = workspaces.get();
        for (int s0 = 0; s0 < n; s0 += GROUP) {
            int m = Math.min(GROUP, n - s0);
            group(raw, rawOff + s0 * size, m, out, outOff + s0 * outputSize(), ws);
        }
    }

    private void group(float[] raw, int rawOff, int m, float[] out, int outOff, Workspace ws) {
        FloatKernels kr = kernels;
        packInput(raw, rawOff, m, ws);
        for (int i = 0; i < stages.length; i++) {
            Stage st = stages[i];
            float[] x = ws.in[i], y = ws.out[i];
            int k = st.inC * 9;
            // ReLU in the GEMM tile, unless a 2×2 pool into the next stage follows: then reluMax2x2
            // applies it at a quarter of the cost (relu and max commute).
            boolean relu = st.relu && !(st.pool && i + 1 < stages.length);
            if (st.direct) {
                int n = (st.h - 1) * st.rowLen + (m - 1) * (st.w + 1) + st.w;
                kr.convGemm(st.outC, n, k, st.a, st.bias, x, 0, st.tapRows, y, 0, st.ld, relu);
            } else {
                im2col(st, x, m, ws.col);
                kr.convGemm(st.outC, m * st.h * st.w, k, st.a, st.bias, ws.col, 0, st.colRows, y, 0, st.ld, relu);
            }
            if (i + 1 < stages.length) {
                relayout(kr, st, y, m, stages[i + 1], ws.in[i + 1], ws.pooled);
            }
        }
        head(stages[stages.length - 1], ws.out[stages.length - 1], m, ws, out, outOff);
    }

    /** Normalises each raw sample, applies space-to-depth and writes the first stage's bordered layout. */
    private void packInput(float[] raw, int rawOff, int m, Workspace ws) {
        Shape in0 = network.inputShape();
        int size = in0.size(), c0 = in0.channels(), h0 = in0.height(), w0 = in0.width();
        Stage st = stages[0];
        float[] x = ws.in[0];
        for (int s = 0; s < m; s++) {
            int base = rawOff + s * size;
            long mi = normalisation.meanAndInverseFast(raw, base, size); // then (x − mean)·inverse, as apply()
            float mean = InputNormalisation.mean(mi), inv = InputNormalisation.inverse(mi);
            for (int c = 0; c < c0; c++) {
                for (int dy = 0; dy < block; dy++) {
                    for (int dx = 0; dx < block; dx++) {
                        int oc = (c * block + dy) * block + dx; // SpaceToDepth's channel order
                        int dst = st.inIndex(oc, s, 0);
                        int src = base + c * h0 * w0 + dy * w0 + dx;
                        for (int yy = 0; yy < st.h; yy++, dst += st.rowLen, src += block * w0) {
                            for (int xx = 0; xx < st.w; xx++) {
                                x[dst + xx] = (raw[src + xx * block] - mean) * inv;
                            }
                        }
                    }
                }
            }
        }
    }

    /** col[p][(s·h + y)·w + x] = tap p of output (y, x) of patch s, copied row by row from the bordered input. */
    private static void im2col(Stage st, float[] x, int m, float[] col) {
        int k = st.inC * 9;
        for (int p = 0; p < k; p++) {
            int base = st.tapRows[p];
            int dst = p * st.ld;
            for (int s = 0; s < m; s++) {
                int src = base + s * (st.w + 1);
                for (int y = 0; y < st.h; y++, src += st.rowLen, dst += st.w) {
                    System.arraycopy(x, src, col, dst, st.w);
                }
            }
        }
    }

    /** Output matrix of {@code st} (after its fused ReLU) → the next stage's bordered input, 2×2 max-pooled if asked. */
    private static void relayout(FloatKernels kr, Stage st, float[] y, int m, Stage next, float[] x, float[] pooled) {
        int pw = next.w;
        int rowStride = st.outIndex(0, 1, 0);
        // one kernel call per channel over all m planes (odd rows and columns computed and ignored):
        // whole vectors up to the last needed top-left corner
        int all = roundUp(st.outIndex(m - 1, 2 * next.h - 2, 2 * pw - 2) + 1, 16);
        for (int c = 0; c < st.outC; c++) {
            if (st.pool && st.relu) { // the ReLU was left to this step (see group)
                kr.reluMax2x2(y, c * st.ld, rowStride, pooled, all);
            }
            for (int s = 0; s < m; s++) {
                int dst = next.inIndex(c, s, 0);
                if (st.pool && st.relu) {
                    for (int yy = 0; yy < next.h; yy++, dst += next.rowLen) {
                        int src = st.outIndex(s, 2 * yy, 0);
                        for (int xx = 0; xx < pw; xx++) {
                            x[dst + xx] = pooled[src + 2 * xx];
                        }
                    }
                } else if (st.pool) {
                    for (int yy = 0; yy < next.h; yy++, dst += next.rowLen) {
                        int r0 = c * st.ld + st.outIndex(s, 2 * yy, 0), r1 = r0 + rowStride;
                        for (int xx = 0; xx < pw; xx++) {
                            x[dst + xx] = Math.max(Math.max(y[r0 + 2 * xx], y[r0 + 2 * xx + 1]),
                                    Math.max(y[r1 + 2 * xx], y[r1 + 2 * xx + 1]));
                        }
                    }
                } else {
                    for (int yy = 0; yy < next.h; yy++, dst += next.rowLen) {
                        System.arraycopy(y, c * st.ld + st.outIndex(s, yy, 0), x, dst, pw);
                    }
                }
            }
        }
    }

    /** Optional 2×2 pool, global average (double sum in row-major order, as {@link GlobalAvgPool}), dense. */
    private void head(Stage st, float[] y, int m, Workspace ws, float[] out, int outOff) {
        int ph = st.pool ? st.h / 2 : st.h, pw = st.pool ? st.w / 2 : st.w;
        int c = st.outC;
        for (int s = 0; s < m; s++) {
            for (int ch = 0; ch < c; ch++) {
                double sum = 0;
                for (int yy = 0; yy < ph; yy++) {
                    if (st.pool) {
                        int r0 = ch * st.ld + st.outIndex(s, 2 * yy, 0), r1 = ch * st.ld + st.outIndex(s, 2 * yy + 1, 0);
                        for (int xx = 0; xx < pw; xx++) {
                            sum += Math.max(Math.max(y[r0 + 2 * xx], y[r0 + 2 * xx + 1]),
                                    Math.max(y[r1 + 2 * xx], y[r1 + 2 * xx + 1]));
                        }
                    } else {
                        int r = ch * st.ld + st.outIndex(s, yy, 0);
                        for (int xx = 0; xx < pw; xx++) {
                            sum += y[r + xx];
                        }
                    }
                }
                ws.features[s * c + ch] = (float) (sum / (ph * pw));
            }
        }
        int nOut = denseB.length;
        for (int s = 0; s < m; s++) { // as Dense: bias, then fused multiply-adds in ascending input
            for (int o = 0; o < nOut; o++) {
                float acc = denseB[o];
                for (int f = 0; f < c; f++) {
                    acc = Math.fma(denseW[o * c + f], ws.features[s * c + f], acc);
                }
                out[outOff + s * nOut + o] = acc;
            }
        }
    }

    private static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }
}
