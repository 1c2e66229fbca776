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
 * <p>Layout: up to {@link #groupSize()} patches ({@link #GROUP}, or {@link #WIDE_GROUP} for wide
 * networks) are processed together. Each channel of a convolution's
 * input holds the patches side by side: image row {@code y} of every patch, each preceded by one
 * zero column (the previous patch's right border; {@code pitch} floats per patch row, {@code w + 1}
 * or, for a layer pooled into F(2×2), 4 × that layer's tile slots), forms one long row, and a zero
 * row sits above and below, so a 3×3 tap is a constant offset and the convolution is
 * {@link FloatKernels#convGemm} reading B rows straight from the activations
 * ({@link ConvAlgorithm#DIRECT}, no im2col copy; the outputs at the border columns, 1 in
 * {@code w + 1}, are computed and discarded), or the same kernel over an explicit im2col matrix
 * ({@link ConvAlgorithm#IM2COL}, no discarded outputs, one copy). Every patch's result depends
 * only on that patch, the same way in either algorithm's arithmetic order (bias, then the
 * products in ascending input channel, ky, kx): results do not depend on batch or thread split.
 *
 * <p>{@link ConvAlgorithm#WINOGRAD_2X2} layers keep their input as 2×2 phase planes of the
 * zero-padded plane instead (pixel (y, x) of the padded plane in plane (y mod 2, x mod 2), row y / 2,
 * column x / 2, the patches' tile slots side by side), so the
 * Winograd input transform reads whole vectors of consecutive tiles; see {@code winograd(...)}.
 * {@link ConvAlgorithm#AUTO} picks per layer ({@link #resolveAuto}). A direct layer followed by a
 * 2×2 pool runs in bands of two output rows, pooled while still in L1 ({@code directBanded}).
 * {@code -Ddelp.nn.profile=true} times every phase ({@link #profileNanos()}).
 *
 * <p>Buffers live in a per-thread {@link Workspace} (2.2 MB for DelpNet with AUTO, allocated once per thread
 * and plan): no allocation per batch after warm-up.
 */
public final class InferencePlan {
    /** Patches per workspace pass of a plan (see {@link #groupSize()}): the default. */
    public static final int GROUP = 8;

    /**
     * Patches per workspace pass of a wide network, one with a convolution of at least
     * {@link #WIDE_WEIGHTS_PER_TAP} weights per tap (DelpNet 32/64/128/128: 64·128 and 128·128): the
     * Winograd weights of its late layers (up to 1 MB per layer) are read once per pass, and the 5²
     * and 10² layers have few tiles per patch, so 16 patches per pass were ≈ 4.5 % faster (1 and 2
     * threads) while the default net (at most 64·64) gained nothing (bench/RESULTS.md, nn session 8).
     */
    public static final int WIDE_GROUP = 16;

    /** Input × output channels of a convolution from which a net counts as wide (see {@link #WIDE_GROUP}). */
    static final int WIDE_WEIGHTS_PER_TAP = 64 * 128;

    /** How the 3×3 convolutions are computed. */
    public enum ConvAlgorithm {
        /** {@link FloatKernels#convGemm} with B rows read in place from the zero-bordered activations. */
        DIRECT,
        /** An explicit im2col matrix of the useful output positions, then the same kernel. */
        IM2COL,
        /**
         * Winograd F(2×2, 3×3): 4×4 input tiles transformed ({@link FloatKernels#winogradInput}),
         * 16 products {@code M_ξ = U_ξ · V_ξ} as {@link FloatKernels#convGemm} over the tiles of
         * all patches of the pass, output transform with bias, ReLU and 2×2 max-pool fused
         * ({@link FloatKernels#winogradOutput}): 16 instead of 36 multiplications per 2×2 outputs.
         */
        WINOGRAD_2X2,
        /** Per layer, the measured winner for its shape (see {@link #resolveAuto}). */
        AUTO
    }

    /**
     * The algorithm {@link ConvAlgorithm#AUTO} picks for a 3×3 layer of {@code inC → outC}
     * channels on an {@code h×w} plane: Winograd F(2×2, 3×3) when there are at least 8 input
     * channels and the plane is at least 4×4, else direct. Measured on DelpNet's four layers
     * (bench/RESULTS.md "nn (issue 6)", session 3: per-phase timings and
     * {@code DelpNetLayerAlgorithmBench}): with 4 input channels (the 42² layer after
     * space-to-depth) the 16 per-ξ products have k = 4 and are bound by their stores, so the
     * transforms cost more than the 2.25× fewer multiplications save; on 10² (32 → 64) Winograd
     * was clearly faster; on 21² and 5² the two were within the noise of the shared machine and
     * F(2×2) is kept for its fewer multiplications. F(4×4, 3×3) was not faster than F(2×2) on any
     * layer beyond noise (sessions 3 and 12) and has ~10× its float error; it was removed in session 12.
     */
    public static ConvAlgorithm resolveAuto(int inC, int outC, int h, int w) {
        return inC >= 8 && Math.min(h, w) >= 4 ? ConvAlgorithm.WINOGRAD_2X2 : ConvAlgorithm.DIRECT;
    }

    private final FloatKernels kernels;
    private final Network network;
    private final InputNormalisation normalisation;
    private final int block;       // space-to-depth block (1 = none)
    private final int groupSize;   // patches per workspace pass (see groupSize())
    private final Stage[] stages;
    private final Dense dense;
    private final float[] denseW;
    private final float[] denseB;
    private final List<Param> sources;
    private final float[][] snapshot;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(this::newWorkspace);
    // packGathered (null if the first layer is not a column-phase one after a 2×2 space-to-depth): per column phase q of the first layer, the raw offset (from the
    // patch row's start, before the 2q + dx of the run) of each of the groupSize · pitch/4 positions of
    // a run (patch s, column i: x = 4i + q), and the positions that are zero padding (x ≥ w)
    private final int[][] packMap;
    private final int[][] packZero;

    /** Target GEMM columns (tiles) per Winograd block: V and M of a block stay in L2. */
    static final int WINOGRAD_BLOCK_COLUMNS = 192;

    /** One fused conv block. */
    private static final class Stage {
        final Conv2d conv;
        final BatchNorm2d bn;  // or null
        final boolean relu;
        final boolean pool;
        final ConvAlgorithm algorithm; // resolved (never AUTO)
        final boolean direct;
        final int groupSize;          // patches side by side (the plan's)
        final int inC, outC, h, w;   // input channels, output channels, plane size (same in and out)
        // Winograd F(2×2) only (r = 2; 0 otherwise): input as r×r phase planes of the zero-padded plane
        final int r, alpha, xi;       // output tile size, input tile size, α²
        final int th, tw, slot;       // tiles per column and per row; tile slots per patch row (tw + 1)
        final int lr, ps;             // tile-row length in a phase plane (groupSize·slot), phase-plane stride
        final int chX;                // channel stride of the phased input (r² planes)
        final int blockRows, ldV;     // tile rows per GEMM block, row length of V and M
        final int vXi, mXi;           // ξ strides of V and M: 64 bytes past a multiple of 4 KiB, so the
                                      // α² rows a transform touches fall in different L1 sets
        final float[][] uw;           // per ξ: Winograd weights U_ξ (outC × inC) in row panels
        final float[] zeroBias;
        boolean kernelPool;           // 2×2 max-pool inside the output transform (set by link)
        int side, outH, outW;         // outputs per tile side in the written planes, written plane size
        int[] destRow, destCol;       // destination offset of output row y / column x within a patch
        int destPatch, destChStride;  // destination offset between patches, between channels
        int destPs;                   // the next stage's phase-plane stride when it is F(2×2) and this
                                      // stage writes one output per tile (split2 applies), else 0
        boolean gapInWinograd;        // last stage, one block, no pool: the global average is taken
                                      // straight from the output planes (no scatter, see winograd)
        int[] gapAt;                  // gapInWinograd: plane index of output (y, x) of patch 0, row-major
        int[][] scatterSrc, scatterDst; // per block of tile rows, all groupSize patches: the copies of
                                        // scatter() in its order (plane index → offset from the channel
                                        // base), one flat loop instead of many short strided ones
        final int pitch;            // direct layout: floats per patch row, w + 1 (one zero column before
                                    // each patch row) or, column phases, 4 × the next stage's slots
        final int rowLen, chStride; // zero-bordered input layout: groupSize·pitch floats per row
        final int ld;               // row length of the output matrix (and of the im2col matrix)
        final int bandLd;           // direct: row length of a two-output-row band (see directBanded)
        final int[] tapRows;        // direct B row offsets (input channel, ky, kx)
        // Column-phase layout (seg > 0; a banded first stage pooled into F(2×2) with pitch = 4 × the next
        // stage's slots): each input row holds six runs seg floats apart; run q + 1 the columns
        // x ≡ q (mod 4) of all patches (column x of patch s at 1 + s·pitch/4 + x/4, zeros around),
        // run 0 a copy of run 4 one further right and run 5 a copy of run 1 one further left. Output
        // column n = q·seg + i (phase q, x = 4·(i − s·pitch/4) + q) then reads tap kx at row offset
        // kx·seg + 1 + n for every q: the output row's four phases are one product, in the band as
        // four runs, and the 2×2 pool of phases (0, 1) and (2, 3) is element-wise and lands on the
        // next stage's column phases 1 and 0 as they are (reluMax2x2Strided, directBandedPhased).
        final int seg;
        final int[] colRows;        // im2col B row offsets (p·ld), or null
        final float[] a;            // folded weights, row panels
        final float[] bias;         // folded bias

        Stage(Conv2d conv, BatchNorm2d bn, boolean relu, boolean pool, ConvAlgorithm requested, int groupSize) {
            this(conv, bn, relu, pool, requested, 0, groupSize);
        }

        /**
         * {@code phasedPitch}: 0 for the plain layout (pitch {@code w + 1}), else the column-phase
         * layout with this many floats per patch row (a multiple of 4, at least {@code w + 1}; see
         * {@link #seg}); {@code groupSize}: patches side by side.
         */
        Stage(Conv2d conv, BatchNorm2d bn, boolean relu, boolean pool, ConvAlgorithm requested, int phasedPitch,
              int groupSize) {
            this.groupSize = groupSize;
            this.conv = conv;
            this.bn = bn;
            this.relu = relu;
            this.pool = pool;
            Shape in = conv.inputShape();
            inC = in.channels();
            outC = conv.outChannels();
            h = in.height();
            w = in.width();
            boolean columnPhases = phasedPitch > 0;
            pitch = Math.max(w + 1, phasedPitch);
            // column phases: a zero before and after each run; 4·seg a multiple of 16 (whole vectors)
            seg = columnPhases ? roundUp(groupSize * pitch / 4 + 2, 4) : 0;
            rowLen = columnPhases ? 6 * seg : groupSize * pitch;
            chStride = roundUp((h + 2) * rowLen + (columnPhases ? 2 * seg : 1), 16);
            int useful = h * w;
            algorithm = requested == ConvAlgorithm.AUTO ? resolveAuto(inC, outC, h, w) : requested;
            direct = algorithm == ConvAlgorithm.DIRECT;
            if (algorithm == ConvAlgorithm.WINOGRAD_2X2) {
                r = 2;
                alpha = r + 2;
                xi = alpha * alpha;
                th = (h + r - 1) / r;
                tw = (w + r - 1) / r;
                // A tile reads slots tx and tx + 1. With an odd width, the last tile's second
                // slot would hold padded columns w + 1 (zero) and w + 2 (outside), so it may be the
                // next patch's slot 0 instead (its left zero padding and its x = 0, which only the
                // output column w − the last tile's second output, discarded − depends on: the
                // transforms never mix column 3 of a tile into output column 0), one slot fewer.
                slot = w % 2 == 1 ? tw : tw + 1;
                lr = groupSize * slot;
                ps = roundUp((th + 1) * lr + 16, 16); // a tile reads phase rows ty and ty + 1
                chX = r * r * ps;
                blockRows = Math.max(1, Math.min(th, WINOGRAD_BLOCK_COLUMNS / lr));
                ldV = roundUp(blockRows * lr, 16);
                vXi = roundUp(inC * ldV, 1024) + 16;
                mXi = roundUp(outC * ldV, 1024) + 16;
                uw = new float[xi][outC * inC];
                zeroBias = new float[outC];
            } else {
                r = alpha = xi = th = tw = slot = lr = ps = chX = blockRows = ldV = vXi = mXi = 0;
                uw = null;
                zeroBias = null;
            }
            int nMax = direct ? h * rowLen : groupSize * useful;
            ld = roundUp(nMax, 64); // row slack for whole vectors past n (any vector width up to 64 floats)
            bandLd = roundUp(2 * rowLen + 64, 64); // whole vectors past the band, and reluMax2x2's reads
                                                   // (column phases: 2 rows × 4 runs of seg)
            tapRows = new int[inC * 9];
            for (int c = 0, p = 0; c < inC; c++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        tapRows[p++] = c * chStride + ky * rowLen + (columnPhases ? kx * seg + 1 : kx);
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
            splitPixel();
        }

        boolean winograd() {
            return r != 0;
        }

        /** {@link #pixel} split as {@code pixRow[y] + pixCol[x] + s·pixPatch} (both layouts are separable). */
        private int[] pixRow, pixCol;
        private int pixPatch;

        private void splitPixel() {
            pixRow = new int[h];
            pixCol = new int[w];
            for (int y = 0; y < h; y++) {
                pixRow[y] = pixel(0, y, 0);
            }
            for (int x = 0; x < w; x++) {
                pixCol[x] = pixel(0, 0, x) - pixel(0, 0, 0);
            }
            pixPatch = pixel(1, 0, 0) - pixel(0, 0, 0);
        }

        /** Output position of (patch, y, x) in a row of the output matrix (Winograd: only the last stage's, compact). */
        int outIndex(int s, int y, int x) {
            return direct ? y * rowLen + s * pitch + x : (s * h + y) * w + x;
        }

        /** Index of input pixel (channel c, patch s, row y, column 0) in the bordered layout. */
        int inIndex(int c, int s, int y) {
            return c * chStride + (y + 1) * rowLen + s * pitch + 1;
        }

        /** Channel stride of this stage's input buffer. */
        int inChannelStride() {
            return winograd() ? chX : chStride;
        }

        /** Index of input pixel (patch s, row y, column x) within one channel of this stage's input buffer. */
        int pixel(int s, int y, int x) {
            if (seg > 0) {
                return (y + 1) * rowLen + (x % 4 + 1) * seg + 1 + s * (pitch / 4) + x / 4;
            }
            if (!winograd()) {
                return (y + 1) * rowLen + s * pitch + 1 + x;
            }
            int xp = x + 1, yp = y + 1;
            return ((yp % r) * r + xp % r) * ps + (yp / r) * lr + s * slot + xp / r;
        }

        int inputFloats() {
            return inC * inChannelStride() + 64;
        }

        /**
         * Wires the Winograd output transform to its destination: the next stage's input layout, or
         * (last stage) this stage's compact output matrix for the head, unpooled.
         */
        void link(Stage next) {
            if (!winograd()) {
                return;
            }
            kernelPool = pool && next != null;
            int q = kernelPool ? r * r / 4 : r * r;
            int side = kernelPool ? r / 2 : r;        // outputs per tile side in the written planes
            int oh = kernelPool ? h / 2 : h, ow = kernelPool ? w / 2 : w;
            destChStride = next != null ? next.inChannelStride() : ld;
            this.side = side;
            outH = oh;
            outW = ow;
            if (next != null) {
                destRow = next.pixRow;
                destCol = next.pixCol;
                destPatch = next.pixPatch;
                destPs = next.winograd() && side == 1 ? next.ps : 0;
            } else {
                gapInWinograd = blockRows >= th && !pool; // this stage's compact output matrix for the head
                destRow = new int[oh];
                destCol = new int[ow];
                for (int y = 0; y < oh; y++) {
                    destRow[y] = outIndex(0, y, 0);
                }
                for (int x = 0; x < ow; x++) {
                    destCol[x] = x;
                }
                destPatch = outIndex(1, 0, 0) - outIndex(0, 0, 0);
                gapAt = new int[oh * ow]; // output (y, x) of patch 0 in the planes, row-major (averagePlanes)
                for (int y = 0, j = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        gapAt[j++] = ((y % r) * r + x % r) * ldV + (y / r) * lr + x / r;
                    }
                }
            }
            int blocks = (th + blockRows - 1) / blockRows;
            scatterSrc = new int[blocks][];
            scatterDst = new int[blocks][];
            for (int b = 0; b < blocks; b++) {
                int ty0 = b * blockRows, rows = Math.min(blockRows, th - ty0);
                int[][] table = scatterTable(this, ty0, rows, groupSize);
                scatterSrc[b] = table[0];
                scatterDst[b] = table[1];
            }
        }

        /** Folds batch-norm into the conv weights and bias (in double), packs the panels (and the Winograd U_ξ). */
        void fold() {
            int k = inC * 9;
            float[] w0 = conv.weight().value();
            float[] b0 = conv.bias() == null ? null : conv.bias().value();
            double[] affine = bn == null ? null : bn.inferenceAffine();
            float[] rowMajor = new float[outC * k];
            double[] g = new double[9];
            float[][] uRows = winograd() ? new float[xi][outC * inC] : null;
            for (int o = 0; o < outC; o++) {
                double scale = affine == null ? 1 : affine[o];
                double shift = affine == null ? 0 : affine[outC + o];
                for (int p = 0; p < k; p++) {
                    rowMajor[o * k + p] = (float) (w0[o * k + p] * scale);
                }
                bias[o] = (float) ((b0 == null ? 0 : b0[o]) * scale + shift);
                if (winograd()) {
                    for (int c = 0; c < inC; c++) {
                        for (int t = 0; t < 9; t++) {
                            g[t] = w0[o * k + c * 9 + t] * scale; // folded in double, rounded once after the transform
                        }
                        double[] u = FloatKernels.winogradKernel(g, 0);
                        for (int e = 0; e < xi; e++) {
                            uRows[e][o * inC + c] = (float) u[e];
                        }
                    }
                }
            }
            float[] packed = FloatKernels.packRowPanels(rowMajor, outC, k);
            System.arraycopy(packed, 0, a, 0, a.length);
            if (winograd()) {
                for (int e = 0; e < xi; e++) {
                    System.arraycopy(FloatKernels.packRowPanels(uRows[e], outC, inC), 0, uw[e], 0, outC * inC);
                }
            }
        }
    }

    /** Per-thread buffers; one per (plan, thread). */
    static final class Workspace {
        final float[][] in;     // zero-bordered input of each stage
        final float[][] out;    // output matrix of each stage
        final float[] col;      // im2col matrix (largest im2col stage), or empty
        final float[] features; // groupSize × channels of the last stage after the global average
        final float[] pooled;   // 2×2 maxima of one channel of an output matrix (pooling)
        final float[] v;        // Winograd: transformed input tiles of one block [ξ][input channel][tile]
        final float[] m;        // Winograd: products of one block [ξ][output channel][tile]
        final float[] planes;   // Winograd: output-transform planes of one tile row and channel
        final double[] sums;    // global-average sums of one channel, per patch
        final double[] chains;  // input statistics: eight chains of sums and of squares (sumsAndSquares8)
        final double[] planesD; // the last stage's output planes of one channel in double (averagePlanes)
        final float[] packSub, packMul; // packGathered: each run position's patch mean and inverse scale
        final float[] band;     // direct stage with pool: two output rows of every channel (directBanded)
        // where v, m and band start in their arrays (AlignmentTuner: vector stores cache-line aligned)
        final AlignmentTuner vTune = new AlignmentTuner(), mTune = new AlignmentTuner(), bandTune = new AlignmentTuner();
        long vNanos, mNanos, bandNanos; // a timed call's input transforms, products + output transforms, banded GEMMs

        Workspace(InferencePlan plan) {
            int ns = plan.stages.length;
            in = new float[ns][];
            out = new float[ns][];
            int colMax = 0, vMax = 0, mMax = 0, pMax = 0;
            for (int i = 0; i < ns; i++) {
                Stage st = plan.stages[i];
                in[i] = new float[st.inputFloats()];
                boolean lastOrNotWinograd = !st.winograd() || i == ns - 1;
                boolean needed = lastOrNotWinograd && !(i + 1 < ns && banded(st, plan.stages[i + 1]));
                out[i] = needed ? new float[st.outC * st.ld + 128] : new float[0]; // slack: whole-vector reads
                if (st.algorithm == ConvAlgorithm.IM2COL) {
                    colMax = Math.max(colMax, st.inC * 9 * st.ld + 64);
                }
                if (st.winograd()) {
                    vMax = Math.max(vMax, st.xi * st.vXi + 64);
                    mMax = Math.max(mMax, st.xi * st.mXi + 64);
                    pMax = Math.max(pMax, st.r * st.r * st.ldV + 64);
                }
            }
            int bandMax = 0;
            for (int i = 0; i + 1 < ns; i++) {
                if (banded(plan.stages[i], plan.stages[i + 1])) {
                    bandMax = Math.max(bandMax, plan.stages[i].outC * plan.stages[i].bandLd + 128);
                }
            }
            band = new float[bandMax + AlignmentTuner.SLACK];
            col = new float[colMax];
            v = new float[vMax + AlignmentTuner.SLACK];
            m = new float[mMax + AlignmentTuner.SLACK];
            planes = new float[pMax];
            planesD = new double[pMax];
            int per = plan.stages[0].pitch / 4;
            packSub = new float[plan.packMap != null ? plan.groupSize * per : 0];
            packMul = new float[packSub.length];
            chains = new double[16];
            features = new float[plan.groupSize * plan.stages[ns - 1].outC];
            sums = new double[plan.groupSize];
            int widest = 0;
            for (Stage st : plan.stages) {
                widest = Math.max(widest, st.ld);
            }
            pooled = new float[widest + 64];
        }
    }

    private InferencePlan(Network network, InputNormalisation normalisation, int block, List<Stage> stages, Dense dense,
                          FloatKernels kernels, int groupSize) {
        this.kernels = kernels;
        this.groupSize = groupSize;
        this.network = network;
        this.normalisation = normalisation;
        this.block = block;
        this.stages = stages.toArray(new Stage[0]);
        for (int i = 0; i < this.stages.length; i++) {
            this.stages[i].link(i + 1 < this.stages.length ? this.stages[i + 1] : null);
        }
        this.dense = dense;
        this.denseW = new float[dense.weight().length()];
        this.denseB = new float[dense.bias().length()];
        this.sources = network.params();
        this.snapshot = new float[sources.size()][];
        Stage st0 = this.stages[0];
        if (block == 2 && st0.seg > 0 && network.inputShape().width() == 2 * st0.w) {
            int per = st0.pitch / 4, count = groupSize * per, size = network.inputShape().size();
            packMap = new int[4][count];
            packZero = new int[4][];
            for (int q = 0; q < 4; q++) {
                List<Integer> zeros = new ArrayList<>();
                for (int p = 0; p < count; p++) {
                    int s = p / per, i = p % per, x = 4 * i + q;
                    packMap[q][p] = s * size + (x < st0.w ? 2 * (x - q) : 0); // a pad reads the patch row's first pixel
                    if (x >= st0.w) {
                        zeros.add(p);
                    }
                }
                packZero[q] = zeros.stream().mapToInt(Integer::intValue).toArray();
            }
        } else {
            packMap = null;
            packZero = null;
        }
        refresh();
    }

    /** Whether {@link #compile} accepts {@code network} (see the class comment for the pattern). */
    public static boolean supports(Network network) {
        return parse(network, java.util.Collections.nCopies(countConvolutions(network), ConvAlgorithm.AUTO),
                InputNormalisation.ZSCORE, Simd.kernels(), 0) != null;
    }

    /**
     * The fused inference copy of {@code network} with input normalisation {@code normalisation}.
     *
     * @throws IllegalArgumentException if the network does not match the supported pattern
     */
    public static InferencePlan compile(Network network, InputNormalisation normalisation, ConvAlgorithm algorithm) {
        return compile(network, normalisation, algorithm, Simd.kernels());
    }

    /**
     * As {@link #compile(Network, InputNormalisation, ConvAlgorithm)} with one algorithm per
     * convolution, in order ({@code perLayer.size()} must equal the number of convolutions).
     */
    public static InferencePlan compile(Network network, InputNormalisation normalisation, List<ConvAlgorithm> perLayer) {
        return compile(network, normalisation, perLayer, Simd.kernels());
    }

    /** As {@link #compile(Network, InputNormalisation, ConvAlgorithm)} with explicit kernels (tests: scalar vs vector). */
    static InferencePlan compile(Network network, InputNormalisation normalisation, ConvAlgorithm algorithm,
                                 FloatKernels kernels) {
        return compile(network, normalisation, java.util.Collections.nCopies(countConvolutions(network), algorithm), kernels);
    }

    private static int countConvolutions(Network network) {
        int n = 0;
        for (Layer l : network.layers()) {
            if (l instanceof Conv2d) {
                n++;
            }
        }
        return n;
    }

    /** As {@link #compile(Network, InputNormalisation, List)} with explicit kernels. */
    static InferencePlan compile(Network network, InputNormalisation normalisation, List<ConvAlgorithm> perLayer,
                                 FloatKernels kernels) {
        return compile(network, normalisation, perLayer, kernels, 0);
    }

    /** As above with {@code groupSize} patches per pass (tests: the results do not depend on it); 0 = automatic. */
    static InferencePlan compile(Network network, InputNormalisation normalisation, List<ConvAlgorithm> perLayer,
                                 FloatKernels kernels, int groupSize) {
        if (groupSize < 0) {
            throw new IllegalArgumentException("groupSize " + groupSize + " (need >= 1, or 0 for automatic)");
        }
        if (perLayer.size() != countConvolutions(network) || perLayer.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException(perLayer.size() + " algorithms " + perLayer + " for a network with "
                    + countConvolutions(network) + " convolutions (need one non-null per convolution)");
        }
        InferencePlan plan = parse(network, perLayer, normalisation, kernels, groupSize);
        if (plan == null) {
            throw new IllegalArgumentException("architecture not supported by the fused inference plan (need"
                    + " [space_to_depth] (conv2d k=3 stride=1 pad=1 dilation=1 [batchnorm] [relu|maxpool k=2 stride=2"
                    + "|dropout]*)+ globalavgpool [dropout] dense):\n" + network.architecture());
        }
        return plan;
    }

    private static InferencePlan parse(Network net, List<ConvAlgorithm> algorithms, InputNormalisation norm,
                                       FloatKernels kernels, int fixedGroupSize) {
        List<Layer> ls = net.layers();
        int i = 0;
        int block = 1;
        if (i < ls.size() && ls.get(i) instanceof SpaceToDepth s2d) {
            block = s2d.block();
            i++;
        }
        int groupSize = fixedGroupSize > 0 ? fixedGroupSize : GROUP;
        for (Layer l : fixedGroupSize > 0 ? List.<Layer>of() : ls) {
            if (l instanceof Conv2d c && (long) c.inputShape().channels() * c.outChannels() >= WIDE_WEIGHTS_PER_TAP) {
                groupSize = WIDE_GROUP;
            }
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
            stages.add(new Stage(conv, bn, relu, pool, algorithms.get(stages.size()), groupSize));
        }
        if (stages.isEmpty() || i >= ls.size() || !(ls.get(i) instanceof GlobalAvgPool)) {
            return null;
        }
        // A direct first stage pooled into F(2×2): column phases (Stage.seg). Only the first: packInput is
        // the only writer of that layout (a later stage's input comes from scatter, relayout or poolRowPair,
        // which write the plain one; until session 12 every such stage was converted, and a direct layer
        // pooled into F(2×2) after another layer read a garbled input).
        if (stages.size() > 1) {
            Stage st = stages.get(0), next = stages.get(1);
            if (banded(st, next) && next.winograd() && 4 * next.slot >= st.w + 1 && 4 * next.slot <= st.w + 4) {
                stages.set(0, new Stage(st.conv, st.bn, st.relu, st.pool, st.algorithm, 4 * next.slot, groupSize));
            }
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
        return new InferencePlan(net, norm, block, stages, dense, kernels, groupSize);
    }

    /**
     * Patches per workspace pass: {@link #WIDE_GROUP} for a wide network (a convolution with at least
     * {@link #WIDE_WEIGHTS_PER_TAP} input × output channels), else {@link #GROUP}. Callers that split a
     * batch over threads should use chunks of this size; the results do not depend on it.
     */
    public int groupSize() {
        return groupSize;
    }

    /** The algorithm each convolution uses (AUTO resolved), in order. */
    public ConvAlgorithm[] algorithms() {
        ConvAlgorithm[] a = new ConvAlgorithm[stages.length];
        for (int i = 0; i < stages.length; i++) {
            a[i] = stages[i].algorithm;
        }
        return a;
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
        long n = ws.col.length + ws.features.length + ws.pooled.length + ws.v.length + ws.m.length + ws.planes.length
                + ws.band.length + 2L * (ws.sums.length + ws.planesD.length + ws.chains.length) + 2L * ws.packSub.length;
        for (int i = 0; i < stages.length; i++) {
            n += ws.in[i].length + ws.out[i].length;
        }
        return n;
    }

    /**
     * Tests: the calling thread's workspace uses V, M and the band from offset {@code shift}
     * (floats, even, 0–14) instead of the tuned ones ({@link AlignmentTuner}); −1 resumes tuning.
     */
    void forceAlignment(int shift) {
        Workspace ws = workspaces.get();
        ws.vTune.force(shift);
        ws.mTune.force(shift);
        ws.bandTune.force(shift);
    }

    /** Output features (logits) per sample. */
    public int outputSize() {
        return denseB.length;
    }

    /**
     * Logits of {@code n} raw samples (each {@code network.inputShape().size()} floats, back to
     * back from {@code rawOff}), written to {@code out} from {@code outOff}; any {@code n}, in
     * passes of {@link #groupSize()} on the calling thread. The raw input is not modified.
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
        for (int s0 = 0; s0 < n; s0 += groupSize) {
            int m = Math.min(groupSize, n - s0);
            group(raw, rawOff + s0 * size, m, out, outOff + s0 * outputSize(), ws);
        }
    }

    /**
     * Diagnostics, off unless the JVM runs with {@code -Ddelp.nn.profile=true} (a constant, so the
     * timing calls are compiled away otherwise): wall nanoseconds per phase of {@link #logits},
     * summed over all calls on all threads (meant for one thread; unsynchronised).
     */
    static final boolean PROFILE = Boolean.getBoolean("delp.nn.profile");
    private static final long[] PHASE_NS = new long[48];
    /** Index of the input packing (normalisation + space-to-depth) in {@link #profileNanos()}. */
    public static final int PHASE_PACK = 0;
    /** Of which the per-patch mean and standard deviation. */
    public static final int PHASE_STATS = 41;
    /** Global average pool (unless taken from the Winograd planes) and dense layer. */
    public static final int PHASE_HEAD = 40;

    /**
     * Index in {@link #profileNanos()} of phase {@code q} of convolution {@code stage}: 0 the
     * GEMM(s) ({@code convGemm}: direct, or the α² Winograd products), 1 Winograd input transform,
     * 2 Winograd output transform (bias, pool, ReLU), 3 Winograd scatter into the next layout (or
     * the global average from the planes), 4 pooling + re-layout after a direct convolution.
     */
    public static int phase(int stage, int q) {
        return 1 + 6 * stage + q;
    }

    /** A copy of the phase times (ns) since the last {@link #resetProfile()}; all zero unless {@code -Ddelp.nn.profile=true}. */
    public static long[] profileNanos() {
        return PHASE_NS.clone();
    }

    /** Zeroes the phase times. */
    public static void resetProfile() {
        java.util.Arrays.fill(PHASE_NS, 0);
    }

    /** PROFILE: adds the time since {@code t0} to {@code phase} (none if negative) and returns now; else 0. */
    private static long lap(int phase, long t0) {
        if (!PROFILE) {
            return 0;
        }
        long t = System.nanoTime();
        if (phase >= 0) {
            PHASE_NS[phase] += t - t0;
        }
        return t;
    }

    private void group(float[] raw, int rawOff, int m, float[] out, int outOff, Workspace ws) {
        FloatKernels kr = kernels;
        boolean tune = ws.vTune.begin();
        ws.mTune.begin();
        ws.bandTune.begin();
        ws.vNanos = ws.mNanos = ws.bandNanos = tune ? 0 : -1;
        long t0 = lap(-1, 0);
        packInput(raw, rawOff, m, ws);
        t0 = lap(PHASE_PACK, t0);
        for (int i = 0; i < stages.length; i++) {
            Stage st = stages[i];
            float[] x = ws.in[i], y = ws.out[i];
            int k = st.inC * 9;
            // ReLU in the GEMM tile, unless a 2×2 pool into the next stage follows: then reluMax2x2
            // applies it at a quarter of the cost (relu and max commute).
            boolean relu = st.relu && !(st.pool && i + 1 < stages.length);
            if (st.winograd()) {
                winograd(kr, i, st, x, m, ws);
                t0 = lap(-1, 0);
                continue; // the output transform wrote the next stage's input (or the head's matrix)
            }
            if (i + 1 < stages.length && banded(st, stages[i + 1])) {
                directBanded(kr, i, st, x, m, ws);
                t0 = lap(-1, 0);
                continue;
            }
            if (st.direct) {
                int n = (st.h - 1) * st.rowLen + (m - 1) * st.pitch + st.w;
                kr.convGemm(st.outC, n, k, st.a, st.bias, x, 0, st.tapRows, y, 0, st.ld, relu);
            } else {
                im2col(st, x, m, ws.col);
                kr.convGemm(st.outC, m * st.h * st.w, k, st.a, st.bias, ws.col, 0, st.colRows, y, 0, st.ld, relu);
            }
            t0 = lap(phase(i, 0), t0);
            if (i + 1 < stages.length) {
                relayout(kr, st, y, m, stages[i + 1], ws.in[i + 1], ws.pooled);
                t0 = lap(phase(i, 4), t0);
            }
        }
        t0 = lap(-1, 0);
        head(stages[stages.length - 1], ws.out[stages.length - 1], m, ws, out, outOff);
        lap(PHASE_HEAD, t0);
        if (tune) {
            ws.vTune.record(ws.vNanos);
            ws.mTune.record(ws.mNanos);
            ws.bandTune.record(ws.bandNanos);
        }
    }

    /**
     * One Winograd stage for {@code m} patches, in blocks of tile rows: input transform of every
     * input channel, one {@code convGemm} per ξ (weights U_ξ, all tiles of the block as columns),
     * output transform with bias/ReLU/pool, scattered into the next stage's input layout.
     */
    private void winograd(FloatKernels kr, int i, Stage st, float[] x, int m, Workspace ws) {
        float[] dst = i + 1 < stages.length ? ws.in[i + 1] : ws.out[i];
        int vXi = st.vXi, mXi = st.mXi;
        int v0 = ws.vTune.shift(), m0 = ws.mTune.shift(); // V and M from there (AlignmentTuner)
        boolean tune = ws.vNanos >= 0;
        // All groupSize slots are computed even when m < groupSize: the extra ones only feed their own slots.
        for (int ty0 = 0; ty0 < st.th; ty0 += st.blockRows) {
            int rows = Math.min(st.blockRows, st.th - ty0);
            int cols = rows * st.lr, first = ty0 * st.lr;
            long t0 = lap(-1, 0);
            long tv = tune ? System.nanoTime() : 0;
            for (int c = 0; c < st.inC; c++) {
                kr.winogradInput(x, c * st.chX + first, st.lr, st.ps, ws.v, v0 + c * st.ldV, vXi, cols);
            }
            if (tune) {
                long now = System.nanoTime();
                ws.vNanos += now - tv;
                tv = now;
            }
            t0 = lap(phase(i, 1), t0);
            for (int e = 0; e < st.xi; e++) {
                // B = V_ξ, input channel c's row at c·ldV: a strided product (the same bits as convGemm)
                kr.convGemmStrided(st.outC, cols, st.inC, st.uw[e], 0, st.zeroBias, ws.v, v0 + e * vXi, st.ldV, ws.m,
                        m0 + e * mXi, st.ldV, false);
            }
            t0 = lap(phase(i, 0), t0);
            for (int o = 0; o < st.outC; o++) {
                kr.winogradOutput(ws.m, m0 + o * st.ldV, mXi, st.bias[o], st.relu, st.kernelPool, ws.planes, 0,
                        st.ldV, cols);
                t0 = lap(phase(i, 2), t0);
                if (st.gapInWinograd) {
                    kr.widen(ws.planes, 0, ws.planesD, 0, st.r * st.r * st.ldV); // exact; the sums read doubles
                    averagePlanes(st, ws.planesD, m, ws.features, o, ws.sums);
                } else {
                    scatter(st, ws.planes, ty0, rows, m, dst, o * st.destChStride);
                }
                t0 = lap(phase(i, 3), t0);
            }
            if (tune) { // products (their stores into M) and output transforms (their loads from M)
                ws.mNanos += System.nanoTime() - tv;
            }
        }
    }

    /**
     * Global average of output channel {@code o} of every patch straight from the output planes of
     * the last stage's only block (output (y, x) of patch s at plane (y mod 2)·2 + x mod 2, tile
     * row y / 2, tile s·slot + x / 2): the double sum in row-major order, as {@link #head} and
     * {@link GlobalAvgPool}. The planes come widened to double ({@code FloatKernels.widen}, exact): a
     * scalar float → double conversion per addition took 3.5 µs per patch, the additions ~1 (session 10).
     */
    private static void averagePlanes(Stage st, double[] planes, int m, float[] features, int o, double[] sums) {
        int[] at = st.gapAt;
        int s = 0;
        for (; s + 7 < m; s += 8) { // eight patches' sums: eight independent chains (double-add latency)
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
            int p0 = s * st.slot, p1 = p0 + st.slot, p2 = p1 + st.slot, p3 = p2 + st.slot;
            int p4 = p3 + st.slot, p5 = p4 + st.slot, p6 = p5 + st.slot, p7 = p6 + st.slot;
            for (int j = 0; j < at.length; j++) {
                int q = at[j];
                a0 += planes[q + p0];
                a1 += planes[q + p1];
                a2 += planes[q + p2];
                a3 += planes[q + p3];
                a4 += planes[q + p4];
                a5 += planes[q + p5];
                a6 += planes[q + p6];
                a7 += planes[q + p7];
            }
            sums[s] = a0;
            sums[s + 1] = a1;
            sums[s + 2] = a2;
            sums[s + 3] = a3;
            sums[s + 4] = a4;
            sums[s + 5] = a5;
            sums[s + 6] = a6;
            sums[s + 7] = a7;
        }
        for (; s < m; s++) {
            double a = 0;
            int p = s * st.slot;
            for (int j = 0; j < at.length; j++) {
                a += planes[at[j] + p];
            }
            sums[s] = a;
        }
        for (s = 0; s < m; s++) {
            features[s * st.outC + o] = (float) (sums[s] / (st.outH * st.outW));
        }
    }

    /**
     * {@code n} values {@code src[from + x·step]} → a row of an F(2×2) phase-plane input: even x
     * to {@code dst[even + x / 2]} (column phase 1), odd x to {@code dst[odd + x / 2]} (column
     * phase 0, one column later).
     */
    private static void split2(float[] src, int from, int step, int n, float[] dst, int even, int odd) {
        for (int x = 0, j = 0; x < n; x += 2, j++) {
            dst[even + j] = src[from + x * step];
        }
        for (int x = 1, j = 0; x < n; x += 2, j++) {
            dst[odd + j] = src[from + x * step];
        }
    }

    /**
     * Output planes of one block (tile (ty, s, tx) at q·ldV + (ty − ty0)·lr + s·slot + tx) → their
     * pixels in dst. With all groupSize patches: one flat loop over the block's copy table (the
     * copies of {@link #scatterLoops} in the same order, so the same bytes; session 10's gather of whole
     * phase-plane rows was no faster here, A/B 0.99 / 1.01).
     */
    private static void scatter(Stage st, float[] planes, int ty0, int rows, int m, float[] dst, int base) {
        if (m == st.groupSize) {
            int b = ty0 / st.blockRows;
            int[] src = st.scatterSrc[b], to = st.scatterDst[b];
            for (int j = 0; j < src.length; j++) {
                dst[base + to[j]] = planes[src[j]];
            }
            return;
        }
        scatterLoops(st, planes, ty0, rows, m, dst, base);
    }

    /**
     * The copies of {@link #scatter} for {@code m} patches as {@code {planeIndex[], destOffset[]}}
     * (destination relative to the channel base), in the order {@link #scatterLoops} performs them.
     */
    private static int[][] scatterTable(Stage st, int ty0, int rows, int m) {
        List<int[]> list = copies(st, ty0, rows, m);
        int[][] table = {new int[list.size()], new int[list.size()]};
        for (int j = 0; j < list.size(); j++) {
            table[0][j] = list.get(j)[0];
            table[1][j] = list.get(j)[1];
        }
        return table;
    }

    /** The scatter as loops (any {@code m}). */
    private static void scatterLoops(Stage st, float[] planes, int ty0, int rows, int m, float[] dst, int base) {
        if (st.destPs != 0) { // one output per tile into an F(2×2) input: two strided rows per tile row
            for (int t = 0; t < rows; t++) {
                int y = ty0 + t;
                if (y >= st.outH) {
                    break;
                }
                for (int s = 0; s < m; s++) {
                    int d = base + st.destRow[y] + s * st.destPatch;
                    split2(planes, t * st.lr + s * st.slot, 1, st.outW, dst, d, d - st.destPs + 1);
                }
            }
            return;
        }
        int side = st.side;
        for (int a = 0; a < side; a++) {
            for (int b = 0; b < side; b++) {
                int q = a * side + b;
                int txEnd = (st.outW - b + side - 1) / side; // tiles with x = tx·side + b < outW
                for (int t = 0; t < rows; t++) {
                    int y = (ty0 + t) * side + a;
                    if (y >= st.outH) {
                        break;
                    }
                    int rowBase = base + st.destRow[y];
                    for (int s = 0; s < m; s++) {
                        int src = q * st.ldV + t * st.lr + s * st.slot;
                        int d = rowBase + s * st.destPatch;
                        for (int tx = 0, x = b; tx < txEnd; tx++, x += side) {
                            dst[d + st.destCol[x]] = planes[src + tx];
                        }
                    }
                }
            }
        }
    }

    /** Every copy of {@link #scatterLoops} as {src, dest − base}, in its order (table construction only). */
    private static List<int[]> copies(Stage st, int ty0, int rows, int m) {
        List<int[]> list = new ArrayList<>();
        if (st.destPs != 0) {
            for (int t = 0; t < rows; t++) {
                int y = ty0 + t;
                if (y >= st.outH) {
                    break;
                }
                for (int s = 0; s < m; s++) {
                    int d = st.destRow[y] + s * st.destPatch, from = t * st.lr + s * st.slot;
                    int even = d, odd = d - st.destPs + 1; // as split2
                    for (int x = 0, j = 0; x < st.outW; x += 2, j++) {
                        list.add(new int[] {from + x, even + j});
                    }
                    for (int x = 1, j = 0; x < st.outW; x += 2, j++) {
                        list.add(new int[] {from + x, odd + j});
                    }
                }
            }
            return list;
        }
        int side = st.side;
        for (int a = 0; a < side; a++) {
            for (int b = 0; b < side; b++) {
                int q = a * side + b;
                int txEnd = (st.outW - b + side - 1) / side;
                for (int t = 0; t < rows; t++) {
                    int y = (ty0 + t) * side + a;
                    if (y >= st.outH) {
                        break;
                    }
                    for (int s = 0; s < m; s++) {
                        int src = q * st.ldV + t * st.lr + s * st.slot;
                        int d = st.destRow[y] + s * st.destPatch;
                        for (int tx = 0, x = b; tx < txEnd; tx++, x += side) {
                            list.add(new int[] {src + tx, d + st.destCol[x]});
                        }
                    }
                }
            }
        }
        return list;
    }

    /** Normalises each raw sample, applies space-to-depth and writes the first stage's bordered layout. */
    private void packInput(float[] raw, int rawOff, int m, Workspace ws) {
        Shape in0 = network.inputShape();
        int size = in0.size(), c0 = in0.channels(), h0 = in0.height(), w0 = in0.width();
        Stage st = stages[0];
        float[] x = ws.in[0];
        if (packMap != null && m == groupSize) {
            packGathered(raw, rawOff, ws);
            return;
        }
        for (int s = 0; s < m; s++) {
            int base = rawOff + s * size;
            long tq = lap(-1, 0);
            long mi = normalisation.meanAndInverseFast(kernels, raw, base, size, ws.chains); // then (x − mean)·inverse, as apply()
            lap(PHASE_STATS, tq);
            float mean = InputNormalisation.mean(mi), inv = InputNormalisation.inverse(mi);
            for (int c = 0; c < c0; c++) {
                for (int dy = 0; dy < block; dy++) {
                    for (int dx = 0; dx < block; dx++) {
                        int oc = (c * block + dy) * block + dx; // SpaceToDepth's channel order
                        int src = base + c * h0 * w0 + dy * w0 + dx;
                        if (st.winograd()) {
                            int cb = oc * st.chX + s * st.pixPatch, r = st.r;
                            for (int yy = 0; yy < st.h; yy++, src += block * w0) {
                                for (int phase = 0; phase < r; phase++) { // padded columns xp ≡ phase (mod r)
                                    int x0 = phase == 0 ? r - 1 : phase - 1;
                                    if (x0 >= st.w) {
                                        continue;
                                    }
                                    int d = cb + st.pixRow[yy] + st.pixCol[x0];
                                    for (int xx = x0; xx < st.w; xx += r, d++) {
                                        x[d] = (raw[src + xx * block] - mean) * inv;
                                    }
                                }
                            }
                            continue;
                        }
                        if (block == 2) {
                            continue; // below, both column phases of a raw row in one pass
                        }
                        if (st.seg > 0) {
                            int cb = oc * st.chStride + s * st.pixPatch;
                            for (int yy = 0; yy < st.h; yy++, src += block * w0) {
                                for (int xx = 0; xx < st.w; xx++) {
                                    x[cb + st.pixRow[yy] + st.pixCol[xx]] = (raw[src + xx * block] - mean) * inv;
                                }
                                if (s == m - 1) {
                                    wrapRuns(x, oc * st.chStride + (yy + 1) * st.rowLen, st.seg);
                                }
                            }
                            continue;
                        }
                        int dst = st.inIndex(oc, s, 0);
                        for (int yy = 0; yy < st.h; yy++, dst += st.rowLen, src += block * w0) {
                            for (int xx = 0; xx < st.w; xx++) {
                                x[dst + xx] = (raw[src + xx * block] - mean) * inv;
                            }
                        }
                    }
                }
                if (block == 2 && st.seg > 0) {
                    for (int ry = 0; ry < h0; ry++) { // raw row ry → row ry / 2 of channels (c, ry % 2, 0) and (c, ry % 2, 1)
                        int src = base + (c * h0 + ry) * w0;
                        int oc = (c * 2 + (ry & 1)) * 2;
                        int d = oc * st.chStride + s * st.pixPatch + st.pixRow[ry >> 1];
                        packRow2Phased(raw, src, st.w, mean, inv, x, d, d + st.chStride, st.seg);
                        if (s == m - 1) { // the row is complete: its wrapped copies
                            int row = oc * st.chStride + ((ry >> 1) + 1) * st.rowLen;
                            wrapRuns(x, row, st.seg);
                            wrapRuns(x, row + st.chStride, st.seg);
                        }
                    }
                } else if (block == 2 && !st.winograd()) {
                    for (int ry = 0; ry < h0; ry++) { // raw row ry → row ry / 2 of channels (c, ry % 2, 0) and (c, ry % 2, 1)
                        int src = base + (c * h0 + ry) * w0;
                        int oc = (c * 2 + (ry & 1)) * 2;
                        packRow2(raw, src, st.w, mean, inv, x, st.inIndex(oc, s, ry >> 1), st.inIndex(oc + 1, s, ry >> 1));
                    }
                }
            }
        }
    }

    /**
     * {@link #packInput} of a full pass into the column-phase first layer after a 2×2 space-to-depth
     * (a full pass; a partial one takes the row copies of {@link #packRow2Phased}): the statistics of every patch, then per raw row, column parity dx and
     * column phase q one {@code gatherAffine} over the run of all patches ({@code (raw − mean)·inv}
     * per position, each patch's own mean and inverse), its zero pads rewritten, and the wrapped
     * copies ({@link #wrapRuns}). The same floats at the same places as the row copies.
     */
    private void packGathered(float[] raw, int rawOff, Workspace ws) {
        Shape in0 = network.inputShape();
        int size = in0.size(), c0 = in0.channels(), h0 = in0.height(), w0 = in0.width();
        Stage st = stages[0];
        float[] x = ws.in[0];
        int per = st.pitch / 4, count = groupSize * per;
        for (int s = 0; s < groupSize; s++) {
            long tq = lap(-1, 0);
            long mi = normalisation.meanAndInverseFast(kernels, raw, rawOff + s * size, size, ws.chains);
            lap(PHASE_STATS, tq);
            Arrays.fill(ws.packSub, s * per, (s + 1) * per, InputNormalisation.mean(mi));
            Arrays.fill(ws.packMul, s * per, (s + 1) * per, InputNormalisation.inverse(mi));
        }
        for (int c = 0; c < c0; c++) {
            for (int ry = 0; ry < h0; ry++) { // raw row ry → row ry / 2 of channels (c, ry % 2, dx), dx = 0, 1
                int src = rawOff + (c * h0 + ry) * w0;
                int oc = (c * 2 + (ry & 1)) * 2;
                for (int dx = 0; dx < 2; dx++) {
                    int row = (oc + dx) * st.chStride + ((ry >> 1) + 1) * st.rowLen;
                    for (int q = 0; q < 4; q++) {
                        int d = row + (q + 1) * st.seg + 1; // pixel (patch 0, x = q)
                        kernels.gatherAffine(raw, src + 2 * q + dx, packMap[q], 0, ws.packSub, ws.packMul, 0, x, d, count);
                        for (int z : packZero[q]) {
                            x[d + z] = 0;
                        }
                    }
                    wrapRuns(x, row, st.seg);
                }
            }
        }
    }

    /** {@code even[i] = (raw[src + 2i] − mean)·inv}, {@code odd[i] = (raw[src + 2i + 1] − mean)·inv}, {@code i < n}. */
    private static void packRow2(float[] raw, int src, int n, float mean, float inv, float[] x, int even, int odd) {
        for (int i = 0; i < n; i++) {
            float a = raw[src + 2 * i], b = raw[src + 2 * i + 1];
            x[even + i] = (a - mean) * inv;
            x[odd + i] = (b - mean) * inv;
        }
    }

    /**
     * {@link #packRow2} into the column-phase layout: pixel x of the even / odd channel at
     * {@code even / odd + (x mod 4)·seg + x / 4} ({@code Stage.pixel}: {@code even}, {@code odd}
     * the row's pixel 0 of the patch).
     */
    private static void packRow2Phased(float[] raw, int src, int n, float mean, float inv, float[] x, int even, int odd,
                                       int seg) {
        int full = n / 4; // j with all four phases: 8 consecutive raw values
        int e1 = even + seg, e2 = even + 2 * seg, e3 = even + 3 * seg;
        int o1 = odd + seg, o2 = odd + 2 * seg, o3 = odd + 3 * seg;
        for (int j = 0, r = src; j < full; j++, r += 8) {
            x[even + j] = (raw[r] - mean) * inv;
            x[odd + j] = (raw[r + 1] - mean) * inv;
            x[e1 + j] = (raw[r + 2] - mean) * inv;
            x[o1 + j] = (raw[r + 3] - mean) * inv;
            x[e2 + j] = (raw[r + 4] - mean) * inv;
            x[o2 + j] = (raw[r + 5] - mean) * inv;
            x[e3 + j] = (raw[r + 6] - mean) * inv;
            x[o3 + j] = (raw[r + 7] - mean) * inv;
        }
        for (int xx = 4 * full; xx < n; xx++) {
            int at = (xx % 4) * seg + xx / 4;
            x[even + at] = (raw[src + 2 * xx] - mean) * inv;
            x[odd + at] = (raw[src + 2 * xx + 1] - mean) * inv;
        }
    }

    /**
     * Runs 0 and 5 of a column-phase row at {@code row} ({@code Stage.seg}): run 4 (phase 3) one
     * further right, so that output phase 0 reads x − 1 of phase 3 at the same offset as the other
     * phases read their left neighbour, and run 1 (phase 0) one further left, for phase 3's right
     * neighbour. Patch slots not in this pass (m &lt; groupSize) hold earlier values, read only by
     * their own slots' outputs.
     */
    private static void wrapRuns(float[] x, int row, int seg) {
        System.arraycopy(x, row + 4 * seg, x, row + 1, seg - 1);
        System.arraycopy(x, row + seg + 2, x, row + 5 * seg + 1, seg - 2);
    }

    /** col[p][(s·h + y)·w + x] = tap p of output (y, x) of patch s, copied row by row from the bordered input. */
    private static void im2col(Stage st, float[] x, int m, float[] col) {
        int k = st.inC * 9;
        for (int p = 0; p < k; p++) {
            int base = st.tapRows[p];
            int dst = p * st.ld;
            for (int s = 0; s < m; s++) {
                int src = base + s * st.pitch;
                for (int y = 0; y < st.h; y++, src += st.rowLen, dst += st.w) {
                    System.arraycopy(x, src, col, dst, st.w);
                }
            }
        }
    }

    /** Whether a direct stage's pooled output can go to {@code next} one pair of rows at a time ({@link #poolRowPair}). */
    private static boolean banded(Stage st, Stage next) {
        return st.direct && st.pool && st.relu && next != null;
    }

    /**
     * Output rows {@code 2·yy} and {@code 2·yy + 1} of channel {@code c} of a direct stage (at
     * {@code y[off]}, rows {@code st.rowLen} apart, before ReLU) → ReLU of their 2×2 maxima → row
     * {@code yy} of channel {@code c} of {@code next}'s input (an F(2×2) stage's two column phases, for a
     * direct stage after the first, or a direct or im2col stage's bordered row). One kernel call per pooled
     * row (only the even rows are pooled), its maxima still in L1 when they are copied.
     */
    private static void poolRowPair(FloatKernels kr, Stage st, float[] y, int off, int m, Stage next, float[] x,
                                    float[] pooled, int c, int yy) {
        int pw = next.w;
        kr.reluMax2x2(y, off, st.rowLen, pooled, roundUp((m - 1) * st.pitch + 2 * pw - 1, 16));
        for (int s = 0; s < m; s++) {
            int src = s * st.pitch; // st.outIndex(s, 0, 0)
            if (next.winograd()) { // even x in column phase 1, odd x in column phase 0
                int d = c * next.chX + s * next.pixPatch + next.pixRow[yy];
                split2(pooled, src, 2, pw, x, d, d - next.ps + 1);
            } else {
                int d = next.inIndex(c, s, yy);
                for (int xx = 0; xx < pw; xx++) {
                    x[d + xx] = pooled[src + 2 * xx];
                }
            }
        }
    }

    /**
     * A direct stage followed by a 2×2 pool into {@code next}, one band of two output rows at a
     * time: the band's {@code convGemm} writes a small buffer (all channels, ~{@code 2·rowLen}
     * columns each) that {@link #poolRowPair} reads back while it is still in L1, instead of the
     * whole output matrix (~0.9 MB for DelpNet's first layer) going through L2 and back.
     */
    private void directBanded(FloatKernels kr, int i, Stage st, float[] x, int m, Workspace ws) {
        Stage next = stages[i + 1];
        int b0 = ws.bandTune.shift(); // the band from there (AlignmentTuner)
        boolean tune = ws.bandNanos >= 0;
        long tb = tune ? System.nanoTime() : 0;
        if (st.seg > 0) {
            directBandedPhased(kr, i, st, x, ws, b0);
            if (tune) {
                ws.bandNanos += System.nanoTime() - tb;
            }
            return;
        }
        int k = st.inC * 9;
        int n = st.rowLen + (m - 1) * st.pitch + st.w; // row 2·yy whole, row 2·yy + 1 up to the last patch's end
        for (int yy = 0; yy < next.h; yy++) {
            long t0 = lap(-1, 0);
            kr.convGemm(st.outC, n, k, st.a, st.bias, x, 2 * yy * st.rowLen, st.tapRows, ws.band, b0, st.bandLd, false);
            t0 = lap(phase(i, 0), t0);
            for (int c = 0; c < st.outC; c++) {
                poolRowPair(kr, st, ws.band, b0 + c * st.bandLd, m, next, ws.in[i + 1], ws.pooled, c, yy);
            }
            lap(phase(i, 4), t0);
        }
        if (tune) { // the band's stores (GEMM) and loads (pooling)
            ws.bandNanos += System.nanoTime() - tb;
        }
    }

    /**
     * {@link #directBanded} in the column-phase layout ({@code Stage.seg}): per pooled row, two
     * products (output rows 2·yy and 2·yy + 1, each its four column phases as runs of {@code seg})
     * into the band, then per channel two element-wise 2×2 pools:
     * phases (0, 1) → the next input's column phase 1 (pooled x = 2j at column j), phases (2, 3) →
     * column phase 0 (x = 2j + 1 at column j + 1); then the zero pads the second one overwrote.
     * Every value is the same float as in the plain layout (same products, same order of k).
     */
    private void directBandedPhased(FloatKernels kr, int i, Stage st, float[] x, Workspace ws, int b0) {
        Stage next = stages[i + 1];
        int k = st.inC * 9, seg = st.seg;
        float[] dst = ws.in[i + 1];
        int count = st.groupSize * next.slot; // = groupSize · pitch / 4
        boolean rightPad = next.slot > next.tw;
        for (int yy = 0; yy < next.h; yy++) {
            long t0 = lap(-1, 0);
            for (int par = 0; par < 2; par++) {
                kr.convGemm(st.outC, 4 * seg, k, st.a, st.bias, x, (2 * yy + par) * st.rowLen, st.tapRows, ws.band,
                        b0 + 4 * par * seg, st.bandLd, false);
            }
            t0 = lap(phase(i, 0), t0);
            for (int c = 0; c < st.outC; c++) {
                int from = b0 + c * st.bandLd;
                int d1 = c * next.chX + next.pixRow[yy], d0 = d1 - next.ps; // column phase 1 / 0, column 0, patch 0
                kr.reluMax2x2Strided(ws.band, from, seg, 4 * seg, dst, d1, count);
                kr.reluMax2x2Strided(ws.band, from + 2 * seg, seg, 4 * seg, dst, d0 + 1, count - 1);
                for (int s = 0; s < st.groupSize; s++) {
                    dst[d0 + s * next.slot] = 0;      // left zero padding
                    if (rightPad) {
                        dst[d1 + s * next.slot + next.tw] = 0;
                    }
                }
            }
            lap(phase(i, 4), t0);
        }
    }

    /**
     * Output matrix of {@code st} (after its fused ReLU) → the next stage's bordered input, 2×2 max-pooled if
     * asked; not for a banded pair ({@link #group} sends those to {@link #directBanded}).
     */
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
                if (next.winograd()) { // phase planes: pixel(s, y, x) = pixRow[y] + pixCol[x] + s·pixPatch
                    int cb = c * next.chX + s * next.pixPatch;
                    int[] col = next.pixCol;
                    for (int yy = 0; yy < next.h; yy++) {
                        int d = cb + next.pixRow[yy];
                        if (st.pool && st.relu) {
                            int src = st.outIndex(s, 2 * yy, 0);
                            for (int xx = 0; xx < pw; xx++) {
                                x[d + col[xx]] = pooled[src + 2 * xx];
                            }
                        } else if (st.pool) {
                            int r0 = c * st.ld + st.outIndex(s, 2 * yy, 0), r1 = r0 + rowStride;
                            for (int xx = 0; xx < pw; xx++) {
                                x[d + col[xx]] = Math.max(Math.max(y[r0 + 2 * xx], y[r0 + 2 * xx + 1]),
                                        Math.max(y[r1 + 2 * xx], y[r1 + 2 * xx + 1]));
                            }
                        } else {
                            int src = c * st.ld + st.outIndex(s, yy, 0);
                            for (int xx = 0; xx < pw; xx++) {
                                x[d + col[xx]] = y[src + xx];
                            }
                        }
                    }
                    continue;
                }
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
        for (int s = 0; s < m && !st.gapInWinograd; s++) { // (else winograd() has averaged already)
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
            int o = 0;
            for (; o + 3 < nOut; o += 4) { // four outputs' chains side by side (each in its own order: the same bits)
                float a0 = denseB[o], a1 = denseB[o + 1], a2 = denseB[o + 2], a3 = denseB[o + 3];
                int w0 = o * c, w1 = w0 + c, w2 = w1 + c, w3 = w2 + c;
                for (int f = 0; f < c; f++) {
                    float v = ws.features[s * c + f];
                    a0 = Math.fma(denseW[w0 + f], v, a0);
                    a1 = Math.fma(denseW[w1 + f], v, a1);
                    a2 = Math.fma(denseW[w2 + f], v, a2);
                    a3 = Math.fma(denseW[w3 + f], v, a3);
                }
                out[outOff + s * nOut + o] = a0;
                out[outOff + s * nOut + o + 1] = a1;
                out[outOff + s * nOut + o + 2] = a2;
                out[outOff + s * nOut + o + 3] = a3;
            }
            for (; o < nOut; o++) {
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
