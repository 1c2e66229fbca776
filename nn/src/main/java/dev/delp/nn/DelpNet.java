package dev.delp.nn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * DelpNet (He et al. 2019): classifies 84×84 single-channel patches into defocus levels 0..10
 * (level 10 = "10 steps or more") and {@code bg}. Holds the network, its input normalisation, the
 * class labels, the optics it was trained for and the file's provenance.
 *
 * <p>Default architecture ({@link #DEFAULT_ARCHITECTURE}): space-to-depth 84×84 → 4×42×42, four
 * 3×3 conv–batch-norm–ReLU blocks (16, 32, 64, 64 channels) with 2×2 max-pooling after the first
 * three (42 → 21 → 10 → 5), global average pooling, dropout 0.2 and a dense layer to 12 logits.
 * 61,612 trainable parameters; 5.86 M multiply-adds (11.7 MFLOP) per patch. It is what
 * {@code delp train} builds from scratch. The shipped weights ({@link #RESOURCE}) carry their own
 * architecture: this one trained, then widened function-preservingly to 24/48/96/96 channels and
 * trained on (137,340 parameters, 24.8 MFLOP per patch; {@code fixtures/README.md}).
 */
public final class DelpNet {
    /** Classpath location of the shipped weights (module delp-fixtures). */
    public static final String RESOURCE = "dev/delp/fixtures/delpnet.dlpw";
    /** Patch side in pixels. */
    public static final int PATCH = 84;
    /** Class labels in output order. */
    public static final List<String> CLASS_LABELS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "bg");
    /** Output index of {@code bg}. */
    public static final int BG = 11;

    /** The default architecture, one layer per line. */
    public static final String DEFAULT_ARCHITECTURE = String.join("\n",
            "space_to_depth block=2",
            "conv2d out=16 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "maxpool k=2 stride=2",
            "conv2d out=32 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "maxpool k=2 stride=2",
            "conv2d out=64 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "maxpool k=2 stride=2",
            "conv2d out=64 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "globalavgpool", "dropout rate=0.2", "dense out=12");

    private static final int BLOCK = 256;
    private static final int CHUNK = 8;

    private final Network network;
    private final InputNormalisation normalisation;
    private final TrainedOptics optics;
    private final Map<String, String> provenance;
    private final InferencePlan plan; // fused inference copy, or null (architecture not supported)

    private DelpNet(Network network, InputNormalisation normalisation, TrainedOptics optics, Map<String, String> provenance) {
        if (!network.inputShape().equals(new Shape(1, PATCH, PATCH)) || network.outputShape().size() != CLASS_LABELS.size()) {
            throw new IllegalArgumentException("DelpNet needs input 1x84x84 and 12 outputs, network has "
                    + network.inputShape() + " -> " + network.outputShape());
        }
        this.network = network;
        this.normalisation = normalisation;
        this.optics = optics;
        this.provenance = new LinkedHashMap<>(provenance);
        this.plan = InferencePlan.supports(network)
                ? InferencePlan.compile(network, normalisation, InferencePlan.ConvAlgorithm.AUTO) : null;
    }

    /** A new, He-initialised DelpNet of {@code architecture} for {@code optics} (seeded). */
    public static DelpNet create(String architecture, TrainedOptics optics, long seed) {
        Network net = Architecture.build(new Shape(1, PATCH, PATCH), architecture);
        net.initialise(seed);
        return new DelpNet(net, InputNormalisation.ZSCORE, optics, Map.of());
    }

    /** The network (for training and inspection). */
    public Network network() {
        return network;
    }

    /** The input normalisation applied to each patch. */
    public InputNormalisation normalisation() {
        return normalisation;
    }

    /** The optics the weights were trained for. */
    public TrainedOptics optics() {
        return optics;
    }

    /** Provenance entries (command, seed, date, accuracy, ...), keys without the {@code provenance.} prefix. */
    public Map<String, String> provenance() {
        return java.util.Collections.unmodifiableMap(provenance);
    }

    /** Trainable parameter count. */
    public long parameterCount() {
        return network.trainableCount();
    }

    /** FLOPs per patch in inference (2 per multiply-add). */
    public long flopsPerPatch() {
        return 2 * network.multiplyAdds();
    }

    /**
     * Class probabilities of {@code n} raw patches (84×84 each, row-major, back to back in
     * {@code patches}), in parallel over chunks of {@link InferencePlan#groupSize()} patches on the
     * calling thread and {@code pool} (null = calling thread only; with a pool of p threads the
     * caller and p − 1 of them take chunks, {@link Exec#forChunksSharing}). Row {@code i} has 12 probabilities in
     * {@link #CLASS_LABELS} order. Memory is bounded for any {@code n} beyond the result itself.
     */
    public float[][] probabilities(float[] patches, int n, ForkJoinPool pool) {
        checkPatches(patches, n);
        int classes = CLASS_LABELS.size();
        float[] flat = new float[n * classes];
        probabilities(patches, n, flat, pool);
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
        }
        return out;
    }

    /**
     * As {@link #probabilities(float[], int, ForkJoinPool)}, writing {@code 12·n} probabilities to
     * {@code out} (patch-major). Uses the fused {@link InferencePlan} (batch-norm folded, ReLU and
     * pooling fused, per-thread buffers: with {@code pool == null} it allocates nothing after the
     * first call on a thread); architectures the plan does not support take the layer-by-layer path.
     */
    public void probabilities(float[] patches, int n, float[] out, ForkJoinPool pool) {
        checkPatches(patches, n);
        int classes = CLASS_LABELS.size();
        if ((long) n * classes > out.length) {
            throw new IllegalArgumentException(n + " patches need " + (long) n * classes
                    + " output floats, array has " + out.length);
        }
        if (plan == null) {
            float[][] p = probabilitiesLayerByLayer(patches, n, pool);
            for (int i = 0; i < n; i++) {
                System.arraycopy(p[i], 0, out, i * classes, classes);
            }
            return;
        }
        plan.refreshIfChanged();
        int size = PATCH * PATCH;
        int group = plan.groupSize();
        if (pool == null || pool.getParallelism() <= 1) { // no lambda: nothing allocated per call
            for (int from = 0; from < n; from += group) {
                int m = Math.min(group, n - from);
                plan.logits(patches, from * size, m, out, from * classes);
                softmaxInPlace(out, from * classes, m, classes);
            }
            return;
        }
        Exec.on(pool).forChunksSharing(n, group, (c, a, b) -> { // the caller takes chunks too
            plan.logits(patches, a * size, b - a, out, a * classes);
            softmaxInPlace(out, a * classes, b - a, classes);
        });
    }

    /**
     * The fused inference plan (null if the architecture is not supported by it); exposed for
     * benchmarks and tests.
     */
    public InferencePlan inferencePlan() {
        return plan;
    }

    /**
     * Class probabilities through the unfused training layers ({@link Network#forward}: im2col +
     * {@code FloatKernels.gemm}, separate batch-norm, ReLU, pooling), in blocks of 256 patches.
     * The reference the fused plan is checked against; slower.
     */
    public float[][] probabilitiesLayerByLayer(float[] patches, int n, ForkJoinPool pool) {
        checkPatches(patches, n);
        int size = PATCH * PATCH;
        int classes = CLASS_LABELS.size();
        float[][] out = new float[n][classes];
        Exec exec = Exec.on(pool);
        float[] block = new float[Math.min(BLOCK, Math.max(n, 1)) * size];
        float[] logits = new float[Math.min(BLOCK, Math.max(n, 1)) * classes];
        for (int from = 0; from < n; from += BLOCK) {
            int m = Math.min(BLOCK, n - from);
            System.arraycopy(patches, from * size, block, 0, m * size);
            exec.forChunks(m, CHUNK, (c, a, b) -> {
                for (int s = a; s < b; s++) {
                    normalisation.apply(block, s * size, size);
                }
            });
            network.forward(block, m, logits, exec, CHUNK);
            for (int s = 0; s < m; s++) {
                softmax(logits, s * classes, classes, out[from + s], 0);
            }
        }
        return out;
    }

    private static void checkPatches(float[] patches, int n) {
        if (n < 0 || (long) n * PATCH * PATCH > patches.length) {
            throw new IllegalArgumentException(n + " patches of 84x84 do not fit an array of length " + patches.length);
        }
    }

    /** Softmax of {@code m} rows of {@code classes} logits in place (as {@link #softmax}). */
    private static void softmaxInPlace(float[] x, int off, int m, int classes) {
        for (int s = 0; s < m; s++) {
            softmax(x, off + s * classes, classes, x, off + s * classes);
        }
    }

    /**
     * Test-time augmentation: the mean of {@link #probabilities} over the 8 symmetries of the
     * square (the defocus PSF is radially symmetric, so the label is invariant). 8× the cost.
     */
    public float[][] probabilitiesSymmetryAveraged(float[] patches, int n, ForkJoinPool pool) {
        int size = PATCH * PATCH;
        float[][] sum = new float[n][CLASS_LABELS.size()];
        int block = BLOCK;
        float[] buf = new float[Math.min(block, Math.max(n, 1)) * size];
        float[] scratch = new float[size];
        for (int from = 0; from < n; from += block) {
            int m = Math.min(block, n - from);
            for (int sym = 0; sym < 8; sym++) {
                System.arraycopy(patches, from * size, buf, 0, m * size);
                for (int s = 0; s < m; s++) {
                    symmetry(buf, s * size, sym, scratch);
                }
                float[][] p = probabilities(buf, m, pool);
                for (int s = 0; s < m; s++) {
                    for (int c = 0; c < p[s].length; c++) {
                        sum[from + s][c] += p[s][c] / 8f;
                    }
                }
            }
        }
        return sum;
    }

    /** Symmetry {@code sym} (bit 0 mirror x, bit 1 mirror y, bit 2 transpose) of one patch in place. */
    private static void symmetry(float[] data, int off, int sym, float[] scratch) {
        System.arraycopy(data, off, scratch, 0, PATCH * PATCH);
        for (int y = 0; y < PATCH; y++) {
            for (int x = 0; x < PATCH; x++) {
                int sx = (sym & 1) != 0 ? PATCH - 1 - x : x;
                int sy = (sym & 2) != 0 ? PATCH - 1 - y : y;
                if ((sym & 4) != 0) {
                    int t = sx;
                    sx = sy;
                    sy = t;
                }
                data[off + y * PATCH + x] = scratch[sy * PATCH + sx];
            }
        }
    }

    /** Most probable class index (0..10 level, 11 bg) of each patch. */
    public int[] classify(float[] patches, int n, ForkJoinPool pool) {
        float[][] p = probabilities(patches, n, pool);
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < p[i].length; k++) {
                if (p[i][k] > p[i][best]) {
                    best = k;
                }
            }
            c[i] = best;
        }
        return c;
    }

    /** Softmax in double of {@code n} logits at {@code off} into {@code out} at {@code outOff} (may be the same place). */
    private static void softmax(float[] logits, int off, int n, float[] out, int outOff) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[off + i]);
        }
        double z = 0;
        for (int i = 0; i < n; i++) {
            z += Math.exp(logits[off + i] - max);
        }
        for (int i = 0; i < n; i++) { // element i is read before it is written: safe in place
            out[outOff + i] = (float) (Math.exp(logits[off + i] - max) / z);
        }
    }

    // ---- persistence -------------------------------------------------------------------------

    /** Header and tensors of this network, with {@code provenance} entries (replacing the old ones). */
    public WeightsFile toWeightsFile(Map<String, String> newProvenance) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("format", "delp-weights");
        h.put("model", "DelpNet");
        h.put("input.channels", "1");
        h.put("input.height", Integer.toString(PATCH));
        h.put("input.width", Integer.toString(PATCH));
        h.put("input.normalisation", normalisation.kind());
        h.put("input.normalisation.std_floor", Double.toString(normalisation.stdFloor()));
        h.put("classes", String.join(",", CLASS_LABELS));
        List<Layer> layers = network.layers();
        h.put("layers", Integer.toString(layers.size()));
        for (int i = 0; i < layers.size(); i++) {
            h.put("layer." + i, layers.get(i).spec());
        }
        h.put("optics.na", Double.toString(optics.na()));
        h.put("optics.wavelength_nm", Double.toString(optics.wavelengthNm()));
        h.put("optics.immersion_index", Double.toString(optics.immersionIndex()));
        h.put("optics.pixel_size_um", Double.toString(optics.pixelSizeUm()));
        h.put("optics.step_um", Double.toString(optics.stepUm()));
        Map<String, String> prov = newProvenance == null ? provenance : newProvenance;
        for (Map.Entry<String, String> e : prov.entrySet()) {
            h.put("provenance." + e.getKey(), e.getValue());
        }
        List<WeightsFile.Tensor> ts = new ArrayList<>();
        for (Param p : network.params()) {
            ts.add(new WeightsFile.Tensor(p.name(), p.dims(), p.value().clone()));
        }
        return new WeightsFile(h, ts);
    }

    /** Writes the weights with {@code provenance} entries to {@code out}. */
    public void save(OutputStream out, Map<String, String> newProvenance) throws IOException {
        toWeightsFile(newProvenance).write(out);
    }

    /** Writes to a temp file beside {@code path} and moves it into place atomically. */
    public void save(Path path, Map<String, String> newProvenance) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                save(out, newProvenance);
            }
            try { // temp files are created owner-only; give the result ordinary permissions
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the defaults
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a {@code .dlpw} stream (validated, see {@link WeightsFile}). */
    public static DelpNet load(InputStream in) throws IOException {
        return fromWeightsFile(WeightsFile.read(in));
    }

    /** Reads a {@code .dlpw} file. */
    public static DelpNet load(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return load(in);
        }
    }

    /**
     * The shipped weights from the classpath resource {@link #RESOURCE} (module delp-fixtures).
     *
     * @throws IllegalStateException if the resource is not on the classpath
     */
    public static DelpNet loadDefault() throws IOException {
        ClassLoader cl = DelpNet.class.getClassLoader();
        try (InputStream in = cl == null ? null : cl.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default weights " + RESOURCE + " not on the classpath; add delp-fixtures"
                        + " or pass a weights file");
            }
            return load(in);
        }
    }

    /** Builds a DelpNet from a validated weights file, checking it against its architecture. */
    public static DelpNet fromWeightsFile(WeightsFile f) {
        WeightsFormatException.Kind bad = WeightsFormatException.Kind.BAD_HEADER;
        if (!"delp-weights".equals(f.header().get("format"))) {
            throw new WeightsFormatException(bad, "header format=" + f.header().get("format") + " is not delp-weights");
        }
        if (f.requireNumber("input.channels", 1, 1) != 1 || f.requireNumber("input.height", PATCH, PATCH) != PATCH
                || f.requireNumber("input.width", PATCH, PATCH) != PATCH) {
            throw new WeightsFormatException(bad, "input must be 1x84x84");
        }
        if (!String.join(",", CLASS_LABELS).equals(f.require("classes"))) {
            throw new WeightsFormatException(bad, "classes=" + f.require("classes") + " differ from "
                    + String.join(",", CLASS_LABELS));
        }
        InputNormalisation norm;
        TrainedOptics optics;
        Network net;
        try {
            norm = new InputNormalisation(f.require("input.normalisation"),
                    f.requireNumber("input.normalisation.std_floor", 0, 1));
            optics = new TrainedOptics(f.requireNumber("optics.na", 0, 2), f.requireNumber("optics.wavelength_nm", 0, 1e4),
                    f.requireNumber("optics.immersion_index", 0, 10), f.requireNumber("optics.pixel_size_um", 0, 1e3),
                    f.requireNumber("optics.step_um", 0, 1e3));
            int layers = (int) f.requireNumber("layers", 1, 1000);
            StringBuilder arch = new StringBuilder();
            for (int i = 0; i < layers; i++) {
                arch.append(f.require("layer." + i)).append('\n');
            }
            net = Architecture.build(new Shape(1, PATCH, PATCH), arch.toString());
        } catch (WeightsFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new WeightsFormatException(bad, "invalid header: " + e.getMessage());
        }
        Map<String, Param> params = net.paramsByName();
        if (params.size() != f.tensors().size()) {
            throw new WeightsFormatException(WeightsFormatException.Kind.ARCHITECTURE_MISMATCH, "architecture has "
                    + params.size() + " tensors, file has " + f.tensors().size());
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (WeightsFile.Tensor t : f.tensors()) {
            if (!seen.add(t.name())) {
                throw new WeightsFormatException(WeightsFormatException.Kind.ARCHITECTURE_MISMATCH, "tensor '" + t.name()
                        + "' appears twice");
            }
            if (t.name().endsWith(".running_var")) {
                for (float v : t.data()) {
                    if (v < 0) {
                        throw new WeightsFormatException(WeightsFormatException.Kind.ARCHITECTURE_MISMATCH, "tensor "
                                + t.name() + " holds a negative variance " + v);
                    }
                }
            }
            Param p = params.get(t.name());
            if (p == null) {
                throw new WeightsFormatException(WeightsFormatException.Kind.ARCHITECTURE_MISMATCH, "tensor '" + t.name()
                        + "' is not part of the architecture (expected " + params.keySet() + ")");
            }
            if (!java.util.Arrays.equals(p.dims(), t.dims())) {
                throw new WeightsFormatException(WeightsFormatException.Kind.ARCHITECTURE_MISMATCH, "tensor " + t.name()
                        + " has shape " + java.util.Arrays.toString(t.dims()) + ", the architecture needs "
                        + java.util.Arrays.toString(p.dims()));
            }
            System.arraycopy(t.data(), 0, p.value(), 0, t.data().length);
        }
        Map<String, String> prov = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : f.header().entrySet()) {
            if (e.getKey().startsWith("provenance.")) {
                prov.put(e.getKey().substring("provenance.".length()), e.getValue());
            }
        }
        return new DelpNet(net, norm, optics, prov);
    }
}
