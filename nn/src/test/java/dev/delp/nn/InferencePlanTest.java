package dev.delp.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.simd.FloatKernels;
import dev.delp.simd.Simd;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The fused inference plan against the layer-by-layer runtime (the reference): probabilities,
 * argmax, direct vs im2col, thread and batch invariance, refresh after a weight change,
 * fallback for unsupported architectures, no allocation per batch.
 */
class InferencePlanTest {
    private static final int SIZE = 84 * 84;
    /** The shipped weights (module fixtures); used when the checkout has them. */
    private static final Path SHIPPED = Path.of("..", "fixtures", "src", "main", "resources", "dev", "delp", "fixtures",
            "delpnet.dlpw");

    /** Raw patches like the bench's: offset, blobs of varying width, some constant patches. */
    static float[] patches(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[n * SIZE];
        for (int s = 0; s < n; s++) {
            if (s % 11 == 5) {
                java.util.Arrays.fill(p, s * SIZE, (s + 1) * SIZE, 100f); // constant: the std floor
                continue;
            }
            int blobs = r.nextInt(6);
            double[] cx = new double[blobs], cy = new double[blobs], sg = new double[blobs], amp = new double[blobs];
            for (int b = 0; b < blobs; b++) {
                cx[b] = r.nextDouble() * 84;
                cy[b] = r.nextDouble() * 84;
                sg[b] = 1 + r.nextDouble() * 8;
                amp[b] = 200 + r.nextDouble() * 3000;
            }
            for (int y = 0; y < 84; y++) {
                for (int x = 0; x < 84; x++) {
                    double v = 100 + 5 * r.nextGaussian();
                    for (int b = 0; b < blobs; b++) {
                        double dx = x - cx[b], dy = y - cy[b];
                        v += amp[b] * Math.exp(-(dx * dx + dy * dy) / (2 * sg[b] * sg[b]));
                    }
                    p[s * SIZE + y * 84 + x] = (float) v;
                }
            }
        }
        return p;
    }

    /** A default-architecture net with non-trivial batch-norm statistics, so folding matters. */
    static DelpNet randomNet(long seed) {
        return randomNet(DelpNet.DEFAULT_ARCHITECTURE, seed);
    }

    /** A net of {@code architecture} with non-trivial batch-norm statistics and biases. */
    static DelpNet randomNet(String architecture, long seed) {
        DelpNet net = DelpNet.create(architecture, TrainedOptics.DEFAULT, seed);
        SplittableRandom r = new SplittableRandom(seed + 1);
        for (Param p : net.network().params()) {
            float[] v = p.value();
            String n = p.name();
            for (int i = 0; i < v.length; i++) {
                if (n.endsWith(".gamma")) {
                    v[i] = (float) (0.5 + r.nextDouble());
                } else if (n.endsWith(".beta") || n.endsWith(".running_mean")) {
                    v[i] = (float) (r.nextDouble() - 0.5);
                } else if (n.endsWith(".running_var")) {
                    v[i] = (float) (0.2 + 2 * r.nextDouble());
                } else if (n.endsWith("bias")) {
                    v[i] = (float) (0.2 * r.nextGaussian());
                }
            }
        }
        return net;
    }

    private static List<DelpNet> nets() throws Exception {
        List<DelpNet> list = new ArrayList<>();
        list.add(randomNet(3));
        if (Files.isRegularFile(SHIPPED)) {
            list.add(DelpNet.load(SHIPPED));
        }
        return list;
    }

    /**
     * Tolerance against the layer-by-layer runtime: folding batch-norm rounds the weights once more
     * (relative 2^-24 each) and sums the same products in the same order; through four layers and
     * a softmax that moves probabilities by ~1e-6. 1e-4 (the brief's bound) still catches any
     * wrong fold or layout (those move probabilities by 1e-2 or more).
     */
    private static final double TOLERANCE = 1e-4;

    @Test
    void matchesLayerByLayerRuntime() throws Exception {
        int n = 37; // not a multiple of the group of 8
        float[] x = patches(n, 42);
        for (DelpNet net : nets()) {
            assertNotNull(net.inferencePlan());
            float[][] ref = net.probabilitiesLayerByLayer(x, n, null);
            float[][] got = net.probabilities(x, n, null);
            double worst = 0;
            for (int s = 0; s < n; s++) {
                assertEquals(argmax(ref[s]), argmax(got[s]), "argmax of patch " + s);
                for (int c = 0; c < 12; c++) {
                    worst = Math.max(worst, Math.abs(ref[s][c] - got[s][c]));
                }
            }
            assertTrue(worst <= TOLERANCE, "max |dp| = " + worst);
            System.out.println("fused vs layer-by-layer: max |dp| = " + worst + " (" + Simd.kernels().description() + ")");
        }
    }

    @Test
    void directAndIm2colGiveIdenticalLogits() {
        DelpNet net = randomNet(5);
        int n = 19;
        float[] x = patches(n, 7);
        float[] direct = new float[n * 12], im2col = new float[n * 12];
        InferencePlan d = InferencePlan.compile(net.network(), net.normalisation(), InferencePlan.ConvAlgorithm.DIRECT);
        InferencePlan i = InferencePlan.compile(net.network(), net.normalisation(), InferencePlan.ConvAlgorithm.IM2COL);
        d.logits(x, 0, n, direct, 0);
        i.logits(x, 0, n, im2col, 0);
        // Same kernel, same products in the same order per output: bit for bit.
        assertArrayEquals(direct, im2col);
        InferencePlan.ConvAlgorithm dir = InferencePlan.ConvAlgorithm.DIRECT, col = InferencePlan.ConvAlgorithm.IM2COL;
        assertArrayEquals(new InferencePlan.ConvAlgorithm[] {dir, dir, dir, dir}, d.algorithms());
        assertArrayEquals(new InferencePlan.ConvAlgorithm[] {col, col, col, col}, i.algorithms());
        // AUTO on DelpNet: direct for the 4-channel 42² layer, Winograd F(2×2,3×3) for the others
        InferencePlan.ConvAlgorithm[] auto = net.inferencePlan().algorithms();
        assertArrayEquals(new InferencePlan.ConvAlgorithm[] {InferencePlan.ConvAlgorithm.DIRECT,
            InferencePlan.ConvAlgorithm.WINOGRAD_2X2, InferencePlan.ConvAlgorithm.WINOGRAD_2X2,
            InferencePlan.ConvAlgorithm.WINOGRAD_2X2}, auto);
    }

    /** Transitions between layouts (direct ↔ im2col ↔ F(2×2), F(2×2) → F(2×2)) against the layer-by-layer runtime. */
    @Test
    void mixedAlgorithmsPerLayer() {
        DelpNet net = randomNet(21);
        int n = 13;
        float[] x = patches(n, 22);
        float[][] ref = net.probabilitiesLayerByLayer(x, n, null);
        InferencePlan.ConvAlgorithm d = InferencePlan.ConvAlgorithm.DIRECT, i = InferencePlan.ConvAlgorithm.IM2COL;
        InferencePlan.ConvAlgorithm w2 = InferencePlan.ConvAlgorithm.WINOGRAD_2X2;
        for (List<InferencePlan.ConvAlgorithm> algs : List.of(List.of(w2, d, i, w2), List.of(i, w2, w2, d),
                List.of(d, w2, i, d), List.of(w2, i, d, i))) {
            InferencePlan plan = InferencePlan.compile(net.network(), net.normalisation(), algs);
            float[] logits = new float[n * 12];
            plan.logits(x, 0, n, logits, 0);
            for (int s = 0; s < n; s++) {
                float[] p = softmax(logits, s * 12);
                for (int c = 0; c < 12; c++) {
                    assertEquals(ref[s][c], p[c], TOLERANCE, algs + " patch " + s + " class " + c);
                }
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> InferencePlan.compile(net.network(), net.normalisation(), List.of(d, d, d)));
    }

    /**
     * A direct layer pooled into F(2×2) after another layer, fed by each kind of writer (F(2×2) scatter,
     * im2col re-layout, a direct layer's pooled row pairs), and AUTO on a narrow net that picks
     * (direct, direct, F(2×2), F(2×2)) by itself: against the layer-by-layer runtime, scalar and vector
     * kernels bit for bit. Until session 12 such a layer took the first layer's column-phase layout,
     * which only the input packing writes, and read garbage (probabilities off by ~1e-3–1e-1).
     */
    @Test
    void directLayerPooledIntoWinogradAfterTheFirst() {
        InferencePlan.ConvAlgorithm d = InferencePlan.ConvAlgorithm.DIRECT, i = InferencePlan.ConvAlgorithm.IM2COL;
        InferencePlan.ConvAlgorithm w2 = InferencePlan.ConvAlgorithm.WINOGRAD_2X2, a = InferencePlan.ConvAlgorithm.AUTO;
        DelpNet wide = randomNet(23);
        DelpNet narrow = randomNet(String.join("\n", "space_to_depth block=2",
                "conv2d out=4 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
                "maxpool k=2 stride=2", "conv2d out=16 k=3 stride=1 pad=1 dilation=1 bias=true", "relu",
                "maxpool k=2 stride=2", "conv2d out=16 k=3 stride=1 pad=1 dilation=1 bias=false", "relu",
                "maxpool k=2 stride=2", "conv2d out=8 k=3 stride=1 pad=1 dilation=1 bias=true", "relu",
                "globalavgpool", "dense out=12"), 24);
        List<List<InferencePlan.ConvAlgorithm>> algorithms = List.of(List.of(w2, d, w2, i), List.of(i, d, w2, d),
                List.of(d, d, w2, w2), List.of(a, a, a, a));
        int n = 13;
        float[] x = patches(n, 24);
        List<FloatKernels> kernels = new ArrayList<>(List.of(Simd.scalar()));
        Simd.vector().ifPresent(kernels::add);
        for (List<InferencePlan.ConvAlgorithm> algs : algorithms) {
            DelpNet net = algs.get(0) == a ? narrow : wide;
            float[][] ref = net.probabilitiesLayerByLayer(x, n, null);
            float[] first = null;
            for (FloatKernels kr : kernels) {
                InferencePlan plan = InferencePlan.compile(net.network(), net.normalisation(), algs, kr);
                if (net == narrow) {
                    assertArrayEquals(new InferencePlan.ConvAlgorithm[] {d, d, w2, w2}, plan.algorithms());
                }
                float[] logits = new float[n * 12];
                plan.logits(x, 0, n, logits, 0);
                for (int s = 0; s < n; s++) {
                    float[] p = softmax(logits, s * 12);
                    for (int c = 0; c < 12; c++) {
                        assertEquals(ref[s][c], p[c], TOLERANCE, algs + " " + kr.description() + " patch " + s + " class " + c);
                    }
                }
                if (first == null) {
                    first = logits;
                } else {
                    assertArrayEquals(first, logits, algs + " " + kr.description());
                }
            }
        }
    }

    /**
     * AUTO's layouts on other plane sizes than DelpNet's (42 → 21 → 10 → 5): first planes 38, 40,
     * 46, 18 and 37 give odd and even widths after each pool, so the F(2×2) tile slot shared with the next
     * patch (odd widths), the first layer's patch pitch of 4 × the next stage's slots and its
     * column-phase layout (session 9; before: stride-4 copies), and the global average from the last stage's planes all meet shapes they
     * were not tuned on (including a last plane of 4 and 2). Against the all-direct plan, whose
     * layout has none of them (and all-F(2×2) plans, whose first layer is packed straight into the
     * phase planes); batches of 11 leave stale slots in the last pass.
     */
    @Test
    void autoLayoutsOnOtherPlaneSizes() {
        for (int size : new int[] {76, 80, 92, 36, 74}) {
            Network net = Architecture.build(new Shape(1, size, size), String.join("\n", "space_to_depth block=2",
                    "conv2d out=16 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
                    "maxpool k=2 stride=2", "conv2d out=24 k=3 stride=1 pad=1 dilation=1 bias=true", "relu",
                    "maxpool k=2 stride=2", "conv2d out=16 k=3 stride=1 pad=1 dilation=1 bias=false", "relu",
                    "maxpool k=2 stride=2", "conv2d out=8 k=3 stride=1 pad=1 dilation=1 bias=true", "relu",
                    "globalavgpool", "dense out=5"));
            net.initialise(size);
            int n = 11;
            SplittableRandom r = new SplittableRandom(size);
            float[] x = new float[n * size * size];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (100 + 300 * r.nextDouble() * r.nextDouble());
            }
            InferencePlan auto = InferencePlan.compile(net, InputNormalisation.ZSCORE, InferencePlan.ConvAlgorithm.AUTO);
            InferencePlan direct = InferencePlan.compile(net, InputNormalisation.ZSCORE, InferencePlan.ConvAlgorithm.DIRECT);
            assertEquals(InferencePlan.ConvAlgorithm.DIRECT, auto.algorithms()[0]);
            assertEquals(InferencePlan.ConvAlgorithm.WINOGRAD_2X2, auto.algorithms()[1]);
            float[] a = new float[n * 5], d = new float[n * 5];
            auto.logits(x, 0, n, a, 0);
            direct.logits(x, 0, n, d, 0);
            double scale = 0;
            for (float v : d) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < a.length; i++) { // Winograd vs direct: float rounding only (~1e-6 relative)
                assertEquals(d[i], a[i], 1e-4 * Math.max(1, scale), "size " + size + " logit " + i);
            }
            // every layer F(2×2), the first one too (74: a 37×37 first plane, odd, so its input is packed
            // straight into shared slots)
            InferencePlan.ConvAlgorithm w2 = InferencePlan.ConvAlgorithm.WINOGRAD_2X2;
            float[] all2 = new float[n * 5];
            InferencePlan.compile(net, InputNormalisation.ZSCORE, List.of(w2, w2, w2, w2)).logits(x, 0, n, all2, 0);
            for (int i = 0; i < a.length; i++) {
                assertEquals(d[i], all2[i], 1e-4 * Math.max(1, scale), "all F(2x2), size " + size + " logit " + i);
            }
            float[] again = new float[3 * 5]; // a smaller batch after a full one: stale slots must not leak in
            auto.logits(x, 4 * size * size, 3, again, 0);
            assertArrayEquals(java.util.Arrays.copyOfRange(a, 4 * 5, 7 * 5), again, "size " + size);
        }
    }

    /** 64 seeded 84×84 crops of real BBBC006 in-focus images (empty list if the data set is absent). */
    static float[] realPatches(int n, long seed) throws Exception {
        Path dir = Path.of("/work/shared/data/bbbc006/infocus");
        if (!Files.isDirectory(dir)) {
            return null;
        }
        List<Path> files = new ArrayList<>();
        try (var list = Files.list(dir)) {
            list.filter(f -> f.toString().endsWith(".tif")).sorted().limit(4).forEach(files::add);
        }
        if (files.isEmpty()) {
            return null;
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[n * SIZE];
        for (int s = 0; s < n; s++) {
            int[] wh = new int[2];
            float[] img = readUncompressedGray16(files.get(s % files.size()), wh);
            int x0 = r.nextInt(wh[0] - 84 + 1), y0 = r.nextInt(wh[1] - 84 + 1);
            for (int y = 0; y < 84; y++) {
                System.arraycopy(img, (y0 + y) * wh[0] + x0, out, s * SIZE + y * 84, 84);
            }
        }
        return out;
    }

    /** Minimal reader for the BBBC006 files: little-endian TIFF, one uncompressed 16-bit strip. */
    private static float[] readUncompressedGray16(Path f, int[] wh) throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(f)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (b.getShort(0) != 0x4949) {
            throw new IllegalArgumentException(f + ": not a little-endian TIFF");
        }
        int ifd = b.getInt(4), tags = b.getShort(ifd) & 0xffff;
        int w = 0, h = 0, bits = 0, comp = 0, strip = -1;
        for (int t = 0; t < tags; t++) {
            int e = ifd + 2 + 12 * t, tag = b.getShort(e) & 0xffff, type = b.getShort(e + 2);
            int v = type == 3 ? b.getShort(e + 8) & 0xffff : b.getInt(e + 8);
            switch (tag) {
                case 256 -> w = v;
                case 257 -> h = v;
                case 258 -> bits = v;
                case 259 -> comp = v;
                case 273 -> strip = b.getInt(e + 4) == 1 ? v : -1;
                default -> { }
            }
        }
        if (bits != 16 || comp != 1 || strip < 0 || (long) strip + 2L * w * h > b.limit()) {
            throw new IllegalArgumentException(f + ": need one uncompressed 16-bit strip (bits " + bits + ", compression "
                    + comp + ")");
        }
        float[] img = new float[w * h];
        for (int i = 0; i < img.length; i++) {
            img[i] = b.getShort(strip + 2 * i) & 0xffff;
        }
        wh[0] = w;
        wh[1] = h;
        return img;
    }

    /**
     * Winograd against the direct plan and the layer-by-layer runtime, on real crops and on the
     * synthetic batch, shipped weights and a net with random batch-norm statistics. F(2×2,3×3)
     * multiplies by transformed weights whose entries are sums of up to 9 weights (and its input
     * transform sums 4 inputs), so each product carries a few more roundings than the direct one;
     * measured max |Δp| is ~1e-6, the bound 1e-4 (the brief's) keeps the same margin as the fused
     * plan's; the max |Δlogit| is reported. Argmax must be identical for every patch.
     */
    @Test
    void winogradMatchesDirectAndLayerByLayer() throws Exception {
        List<float[]> batches = new ArrayList<>();
        float[] real = realPatches(64, 2024);
        if (real != null) {
            batches.add(real);
        }
        batches.add(patches(37, 42));
        for (DelpNet net : nets()) {
            for (float[] x : batches) {
                int n = x.length / SIZE;
                float[] direct = new float[n * 12];
                InferencePlan.compile(net.network(), net.normalisation(), InferencePlan.ConvAlgorithm.DIRECT)
                        .logits(x, 0, n, direct, 0);
                float[][] ref = net.probabilitiesLayerByLayer(x, n, null);
                for (InferencePlan.ConvAlgorithm alg : new InferencePlan.ConvAlgorithm[] {
                    InferencePlan.ConvAlgorithm.WINOGRAD_2X2, InferencePlan.ConvAlgorithm.AUTO}) {
                    InferencePlan plan = InferencePlan.compile(net.network(), net.normalisation(), alg);
                    float[] logits = new float[n * 12];
                    plan.logits(x, 0, n, logits, 0);
                    double dLogit = 0, dp = 0;
                    for (int s = 0; s < n; s++) {
                        float[] p = softmax(logits, s * 12);
                        assertEquals(argmax(ref[s]), argmax(p), alg + ": argmax of patch " + s);
                        for (int c = 0; c < 12; c++) {
                            dLogit = Math.max(dLogit, Math.abs(logits[s * 12 + c] - direct[s * 12 + c]));
                            dp = Math.max(dp, Math.abs(p[c] - ref[s][c]));
                        }
                    }
                    System.out.printf("%s (%s, %s patches): max |dlogit| vs direct %.3g, max |dp| vs layer-by-layer %.3g%n",
                            alg, net.provenance().isEmpty() ? "random net" : "shipped", x == real ? "real" : "synthetic",
                            dLogit, dp);
                    assertTrue(dp <= TOLERANCE, alg + ": max |dp| = " + dp);
                }
            }
        }
    }

    private static float[] softmax(float[] logits, int off) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int c = 0; c < 12; c++) {
            max = Math.max(max, logits[off + c]);
        }
        float[] p = new float[12];
        for (int c = 0; c < 12; c++) {
            sum += Math.exp(logits[off + c] - max);
        }
        for (int c = 0; c < 12; c++) {
            p[c] = (float) (Math.exp(logits[off + c] - max) / sum);
        }
        return p;
    }

    @Test
    void scalarAndVectorKernelsGiveIdenticalLogits() {
        DelpNet net = randomNet(14);
        int n = 11;
        float[] x = patches(n, 15);
        float[] scalar = new float[n * 12];
        InferencePlan.compile(net.network(), net.normalisation(), InferencePlan.ConvAlgorithm.AUTO, Simd.scalar())
                .logits(x, 0, n, scalar, 0);
        float[] active = new float[n * 12];
        InferencePlan.compile(net.network(), net.normalisation(), InferencePlan.ConvAlgorithm.AUTO, Simd.kernels())
                .logits(x, 0, n, active, 0);
        assertArrayEquals(scalar, active, Simd.kernels().description()); // same fused operations in the same order
        Simd.vector().ifPresent(v -> {
            float[] vec = new float[n * 12];
            InferencePlan.compile(net.network(), net.normalisation(), InferencePlan.ConvAlgorithm.AUTO, v)
                    .logits(x, 0, n, vec, 0);
            assertArrayEquals(scalar, vec, v.description());
        });
    }

    @Test
    void sameBytesForAnyThreadCountAndBatchSplit() {
        DelpNet net = randomNet(8);
        int n = 45;
        float[] x = patches(n, 9);
        float[] seq = new float[n * 12];
        net.probabilities(x, n, seq, null);
        for (int threads : new int[] {2, 3}) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                float[] par = new float[n * 12];
                net.probabilities(x, n, par, pool);
                assertArrayEquals(seq, par, threads + " threads");
            } finally {
                pool.shutdown();
            }
        }
        // Patch 30 alone, and patches 29..33 as their own batch: the same rows.
        float[] one = new float[12];
        net.probabilities(java.util.Arrays.copyOfRange(x, 30 * SIZE, 31 * SIZE), 1, one, null);
        assertArrayEquals(java.util.Arrays.copyOfRange(seq, 30 * 12, 31 * 12), one);
        float[] five = new float[5 * 12];
        net.probabilities(java.util.Arrays.copyOfRange(x, 29 * SIZE, 34 * SIZE), 5, five, null);
        assertArrayEquals(java.util.Arrays.copyOfRange(seq, 29 * 12, 34 * 12), five);
    }

    /**
     * Where V, M and the first layer's band start in their arrays ({@link AlignmentTuner}) moves
     * data, not arithmetic: every offset gives the same bytes (AUTO and all-F(2×2) plans, a full and
     * a partial pass, scalar and vector kernels), and a tuning plan run past its first probe
     * window gives the bytes of offset 0.
     */
    @Test
    void sameBytesForEveryBufferOffset() {
        DelpNet net = randomNet(5);
        int n = 11;
        float[] x = patches(n, 6);
        List<FloatKernels> kernels = new ArrayList<>(List.of(Simd.scalar()));
        Simd.vector().ifPresent(kernels::add);
        for (FloatKernels kr : kernels) {
            for (List<InferencePlan.ConvAlgorithm> algs : List.of(
                    List.of(InferencePlan.ConvAlgorithm.AUTO, InferencePlan.ConvAlgorithm.AUTO,
                            InferencePlan.ConvAlgorithm.AUTO, InferencePlan.ConvAlgorithm.AUTO),
                    java.util.Collections.nCopies(4, InferencePlan.ConvAlgorithm.WINOGRAD_2X2))) {
                InferencePlan plan = InferencePlan.compile(net.network(), net.normalisation(), algs, kr);
                float[] ref = new float[n * 12];
                plan.forceAlignment(0);
                plan.logits(x, 0, n, ref, 0);
                for (int shift = 2; shift <= 14; shift += 2) {
                    float[] got = new float[n * 12];
                    plan.forceAlignment(shift);
                    plan.logits(x, 0, n, got, 0);
                    assertArrayEquals(ref, got, "offset " + shift + " " + algs + " " + kr.description());
                }
                if (kr != kernels.get(0)) { // vector only (the scalar kernels would take seconds to get there)
                    plan.forceAlignment(-1);
                    float[] tuned = new float[n * 12];
                    int window = AlignmentTuner.CANDIDATES * AlignmentTuner.REPEATS;
                    for (int i = 0; i < (AlignmentTuner.WARM_UP + window) / 2 + 1; i++) { // two passes per call
                        plan.logits(x, 0, n, tuned, 0);
                        assertArrayEquals(ref, tuned, "tuning, call " + i + " " + algs);
                    }
                }
            }
        }
    }

    /**
     * The first layer's column-phase layout (AUTO: direct, pooled into F(2×2); session 9) gives the
     * bytes of an im2col first layer (its own input layout, pooled by the plain relayout): the same
     * products in the same order. Default (42² → 21²: 11 slots, odd width) and 40² / 38² first planes
     * (even pooled width: the right zero pad), full and partial passes, scalar and vector kernels.
     */
    @Test
    void columnPhaseFirstLayerGivesTheBytesOfIm2col() {
        List<FloatKernels> kernels = new ArrayList<>(List.of(Simd.scalar()));
        Simd.vector().ifPresent(kernels::add);
        InferencePlan.ConvAlgorithm auto = InferencePlan.ConvAlgorithm.AUTO;
        for (int size : new int[] {84, 80, 76, 92, 36, 74}) {
            Network net = Architecture.build(new Shape(1, size, size), String.join("\n", "space_to_depth block=2",
                    "conv2d out=24 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
                    "maxpool k=2 stride=2", "conv2d out=16 k=3 stride=1 pad=1 dilation=1 bias=true", "relu",
                    "maxpool k=2 stride=2", "conv2d out=8 k=3 stride=1 pad=1 dilation=1 bias=true", "relu",
                    "globalavgpool", "dense out=5"));
            net.initialise(size);
            int n = 11;
            SplittableRandom r = new SplittableRandom(size + 1);
            float[] x = new float[n * size * size];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (100 + 300 * r.nextDouble() * r.nextDouble());
            }
            for (FloatKernels kr : kernels) {
                InferencePlan phased = InferencePlan.compile(net, InputNormalisation.ZSCORE, List.of(auto, auto, auto), kr);
                InferencePlan im2col = InferencePlan.compile(net, InputNormalisation.ZSCORE,
                        List.of(InferencePlan.ConvAlgorithm.IM2COL, auto, auto), kr);
                assertEquals(InferencePlan.ConvAlgorithm.DIRECT, phased.algorithms()[0]);
                assertEquals(InferencePlan.ConvAlgorithm.WINOGRAD_2X2, phased.algorithms()[1]);
                assertEquals(InferencePlan.ConvAlgorithm.WINOGRAD_2X2, im2col.algorithms()[1]);
                float[] got = new float[n * 5], ref = new float[n * 5];
                phased.logits(x, 0, n, got, 0);
                im2col.logits(x, 0, n, ref, 0);
                assertArrayEquals(ref, got, size + "² " + kr.description());
            }
        }
    }

    /**
     * A full pass (input packed by {@code gatherAffine}, F(2×2) → F(2×2) scatters through the copy
     * table) gives the bytes of each patch run alone (a partial pass: the scalar row copies and the
     * scatter loops): four-convolution nets on six input sizes (odd and even pooled widths: 42 → 21 →
     * 10 → 5 among them), 11 patches (a full pass of 8 and a partial one of 3), scalar and vector kernels.
     */
    @Test
    void fullPassGivesTheBytesOfPatchesAlone() {
        List<FloatKernels> kernels = new ArrayList<>(List.of(Simd.scalar()));
        Simd.vector().ifPresent(kernels::add);
        for (int size : new int[] {84, 80, 76, 92, 36, 74}) {
            Network net = Architecture.build(new Shape(1, size, size), String.join("\n", "space_to_depth block=2",
                    "conv2d out=24 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
                    "maxpool k=2 stride=2", "conv2d out=16 k=3 stride=1 pad=1 dilation=1 bias=true", "relu",
                    "maxpool k=2 stride=2", "conv2d out=16 k=3 stride=1 pad=1 dilation=1 bias=true", "relu",
                    "maxpool k=2 stride=2", "conv2d out=8 k=3 stride=1 pad=1 dilation=1 bias=true", "relu",
                    "globalavgpool", "dense out=5"));
            net.initialise(size + 7);
            int n = 11, area = size * size;
            SplittableRandom r = new SplittableRandom(size + 3);
            float[] x = new float[n * area];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (100 + 300 * r.nextDouble() * r.nextDouble());
            }
            for (FloatKernels kr : kernels) {
                InferencePlan plan = InferencePlan.compile(net, InputNormalisation.ZSCORE,
                        java.util.Collections.nCopies(4, InferencePlan.ConvAlgorithm.AUTO), kr);
                assertEquals(8, plan.groupSize());
                float[] all = new float[n * 5];
                plan.logits(x, 0, n, all, 0);
                for (int s = 0; s < n; s++) {
                    float[] one = new float[5];
                    plan.logits(x, s * area, 1, one, 0);
                    assertArrayEquals(java.util.Arrays.copyOfRange(all, s * 5, s * 5 + 5), one,
                            size + "² patch " + s + " " + kr.description());
                }
            }
        }
    }

    /**
     * The shipped weights' probabilities on 64 (and 37) seeded patches, as bytes: the CRC-32 of
     * their little-endian floats recorded from session 10's plan ({@code 3bcbe7c}), so a change of
     * the plan that moves any bit shows here (scalar and vector kernels, 1 and 2 threads: every
     * path gives the same bytes). Skipped when the fixtures hold other weights.
     */
    @Test
    void shippedNetProbabilitiesKeepTheirRecordedBytes() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(SHIPPED), "no shipped weights");
        java.util.zip.CRC32 file = new java.util.zip.CRC32();
        file.update(Files.readAllBytes(SHIPPED));
        org.junit.jupiter.api.Assumptions.assumeTrue(file.getValue() == 0x2144df1cL,
                "shipped weights changed (file CRC-32 " + Long.toHexString(file.getValue()) + "): record new bytes");
        DelpNet net = DelpNet.load(SHIPPED);
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            for (int n : new int[] {64, 37}) {
                long expected = n == 64 ? 0x541d5097L : 0x041c8eeeL;
                float[] x = patches(n, 42);
                for (ForkJoinPool p : new ForkJoinPool[] {null, pool}) {
                    float[] out = new float[n * 12];
                    net.probabilities(x, n, out, p);
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(out.length * 4)
                            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    b.asFloatBuffer().put(out);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(b.array());
                    assertEquals(Long.toHexString(expected), Long.toHexString(crc.getValue()),
                            n + " patches, " + (p == null ? 1 : 2) + " threads, " + Simd.kernels().description());
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /** DelpNet widened to 32/64/128/128 channels (session 8's candidate architecture), written out here. */
    static final String WIDE_ARCHITECTURE = String.join("\n",
            "space_to_depth block=2",
            "conv2d out=32 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "maxpool k=2 stride=2",
            "conv2d out=64 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "maxpool k=2 stride=2",
            "conv2d out=128 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "maxpool k=2 stride=2",
            "conv2d out=128 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "globalavgpool", "dropout rate=0.2", "dense out=12");

    /**
     * A wide net runs 16 patches per pass, a default-width one 8, and the pass size does not change a
     * bit of the logits (every patch's columns are computed by the same operations in the same order):
     * the wide plan against the same plan with 8 per pass (scalar and vector kernels, 21 patches = one
     * full and one partial pass), 2 threads, and the layer-by-layer runtime within {@link #TOLERANCE}.
     */
    @Test
    void wideNetUsesLargerPassesWithTheSameBytes() {
        assertEquals(InferencePlan.GROUP, randomNet(3).inferencePlan().groupSize());
        DelpNet wide = DelpNet.create(WIDE_ARCHITECTURE, TrainedOptics.DEFAULT, 31);
        InferencePlan plan = wide.inferencePlan();
        assertEquals(InferencePlan.WIDE_GROUP, plan.groupSize());
        int n = 21;
        float[] x = patches(n, 32);
        float[] auto = new float[n * 12];
        plan.logits(x, 0, n, auto, 0);
        List<FloatKernels> kernels = new ArrayList<>(List.of(Simd.scalar()));
        Simd.vector().ifPresent(kernels::add);
        for (FloatKernels kr : kernels) {
            for (int g : new int[] {InferencePlan.GROUP, InferencePlan.WIDE_GROUP}) {
                float[] got = new float[n * 12];
                InferencePlan.compile(wide.network(), wide.normalisation(),
                        java.util.Collections.nCopies(4, InferencePlan.ConvAlgorithm.AUTO), kr, g).logits(x, 0, n, got, 0);
                assertArrayEquals(auto, got, kr.description() + ", " + g + " patches per pass");
            }
        }
        float[] seq = new float[n * 12], par = new float[n * 12];
        wide.probabilities(x, n, seq, null);
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            wide.probabilities(x, n, par, pool);
        } finally {
            pool.shutdown();
        }
        assertArrayEquals(seq, par, "2 threads");
        float[][] ref = wide.probabilitiesLayerByLayer(x, n, null);
        double worst = 0;
        for (int s = 0; s < n; s++) {
            float[] p = java.util.Arrays.copyOfRange(seq, s * 12, s * 12 + 12);
            assertEquals(argmax(ref[s]), argmax(p), "argmax of patch " + s);
            for (int c = 0; c < 12; c++) {
                worst = Math.max(worst, Math.abs(ref[s][c] - p[c]));
            }
        }
        assertTrue(worst <= TOLERANCE, "max |dp| = " + worst);
    }

    @Test
    void refoldsWhenWeightsChange() {
        DelpNet net = randomNet(10);
        float[] x = patches(4, 11);
        float[] before = new float[4 * 12];
        net.probabilities(x, 4, before, null);
        assertFalse(net.inferencePlan().refreshIfChanged());
        // as a trainer step would: change a conv weight and a batch-norm statistic in place
        net.network().paramsByName().get("1.weight").value()[3] += 0.5f;
        net.network().paramsByName().get("6.running_var").value()[0] *= 3f;
        float[] after = new float[4 * 12];
        net.probabilities(x, 4, after, null);
        assertFalse(java.util.Arrays.equals(before, after));
        float[][] ref = net.probabilitiesLayerByLayer(x, 4, null);
        for (int s = 0; s < 4; s++) {
            for (int c = 0; c < 12; c++) {
                assertEquals(ref[s][c], after[s * 12 + c], TOLERANCE);
            }
        }
    }

    @Test
    void unsupportedArchitectureUsesLayerByLayerPath() {
        String arch = String.join("\n", "conv2d out=4 k=5 stride=2 pad=2 dilation=1 bias=true", "relu",
                "globalavgpool", "dense out=12");
        DelpNet net = DelpNet.create(arch, TrainedOptics.DEFAULT, 4);
        assertNull(net.inferencePlan());
        assertFalse(InferencePlan.supports(net.network()));
        assertThrows(IllegalArgumentException.class,
                () -> InferencePlan.compile(net.network(), net.normalisation(), InferencePlan.ConvAlgorithm.AUTO));
        float[] x = patches(3, 1);
        assertArrayEquals(net.probabilitiesLayerByLayer(x, 3, null), net.probabilities(x, 3, null));
    }

    @Test
    void otherSupportedShapes() {
        // no space-to-depth, a conv with bias and no batch-norm, a block without pool, relu before pool,
        // pool in the last block, dropout in between
        String arch = String.join("\n", "conv2d out=8 k=3 stride=1 pad=1 dilation=1 bias=true", "maxpool k=2 stride=2",
                "relu", "conv2d out=12 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001",
                "relu", "dropout rate=0.1", "conv2d out=9 k=3 stride=1 pad=1 dilation=1 bias=false",
                "batchnorm momentum=0.6 eps=0.001", "relu", "maxpool k=2 stride=2", "globalavgpool", "dropout rate=0.2",
                "dense out=12");
        DelpNet net = DelpNet.create(arch, TrainedOptics.DEFAULT, 6);
        assertNotNull(net.inferencePlan());
        float[] x = patches(10, 2);
        float[][] ref = net.probabilitiesLayerByLayer(x, 10, null);
        float[][] got = net.probabilities(x, 10, null);
        for (int s = 0; s < 10; s++) {
            for (int c = 0; c < 12; c++) {
                assertEquals(ref[s][c], got[s][c], TOLERANCE, "patch " + s + " class " + c);
            }
        }
    }

    @Test
    void badArguments() {
        DelpNet net = randomNet(1);
        float[] x = patches(2, 1);
        assertThrows(IllegalArgumentException.class, () -> net.probabilities(x, 2, new float[23], null));
        assertThrows(IllegalArgumentException.class, () -> net.probabilities(x, 3, new float[36], null));
        assertThrows(IllegalArgumentException.class, () -> net.inferencePlan().logits(x, 1, 2, new float[24], 0));
    }

    /**
     * Bounded memory: all 576 patches of a 2048×2048 image (24×24 grid) streamed in batches of 256,
     * as the engine's classifier does, need the caller's batch, the 12 outputs per patch and one
     * fixed per-thread workspace (2.2 MB for DelpNet), nothing that grows with the patch count.
     */
    @Test
    void imageOf2048SquaredStreamsInBoundedMemory() {
        DelpNet net = randomNet(12);
        int count = 24 * 24, batch = 256;
        float[] block = patches(batch, 13);
        float[] out = new float[count * 12];
        float[] batchOut = new float[batch * 12];
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        net.probabilities(block, 8, batchOut, null); // warm-up: creates this thread's workspace
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int start = 0; start < count; start += batch) {
            int n = Math.min(batch, count - start);
            net.probabilities(block, n, batchOut, null);
            System.arraycopy(batchOut, 0, out, start * 12, n * 12);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        long workspaceBytes = 4 * net.inferencePlan().workspaceFloats();
        System.out.println("2048x2048 image: workspace " + workspaceBytes + " bytes per thread, allocated while streaming "
                + allocated + " bytes (" + Simd.kernels().description() + ")");
        assertTrue(workspaceBytes < 4 << 20, "workspace " + workspaceBytes + " bytes");
        if (Simd.kernels().vectorBitSize() == 0) { // (vectors may be boxed until C2 compiles the kernels)
            assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes while streaming 576 patches");
        }
        for (int i = 0; i < 12; i++) {
            assertTrue(out[(count - 1) * 12 + i] >= 0 && out[(count - 1) * 12 + i] <= 1);
        }
    }

    /**
     * After warm-up, a batch on the calling thread allocates nothing: asserted on the scalar path
     * (the vector path may box vectors until C2 has compiled the kernel, so there it is reported
     * by the JMH GC profiler instead).
     */
    @Test
    void noAllocationPerBatchAfterWarmUp() {
        DelpNet net = randomNet(2);
        int n = 20;
        float[] x = patches(n, 3);
        float[] out = new float[n * 12];
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 3; i++) {
            net.probabilities(x, n, out, null);
        }
        long tid = Thread.currentThread().getId();
        // Three attempts, the least counts: code that allocates per batch does so every time, while
        // the JIT's own transitions (OSR, deoptimisation) may add a few hundred bytes once.
        long least = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3 && least > 0; attempt++) {
            long probe = mx.getThreadAllocatedBytes(tid);
            long overhead = mx.getThreadAllocatedBytes(tid) - probe; // what the counter call itself allocates
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 3; i++) {
                net.probabilities(x, n, out, null);
            }
            least = Math.min(least, mx.getThreadAllocatedBytes(tid) - before - overhead);
        }
        System.out.println("allocated after warm-up: " + least + " bytes (" + Simd.kernels().description() + ")");
        if (Simd.kernels().vectorBitSize() == 0) {
            assertEquals(0, least, "bytes allocated by 3 batches after warm-up");
        }
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
