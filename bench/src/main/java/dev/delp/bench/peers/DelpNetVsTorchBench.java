package dev.delp.bench.peers;

import dev.delp.nn.DelpNet;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * delp's side of the DelpNet-vs-PyTorch comparison (driven by {@code bench/run-torch.sh}):
 * patches/s of {@link DelpNet#probabilities} (normalisation + network + softmax) on a batch of
 * 64, with 1 and 2 threads, on the weights file and batch the script's PyTorch run uses. Setup
 * checks delp's probabilities against PyTorch's for that batch ({@code reference}, a
 * {@link PeerBatchFile} the script writes from PyTorch's output) within 1e-4, so a broken fast
 * path cannot post a good time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class DelpNetVsTorchBench {
    static final int BATCH = 64;
    /**
     * Probability tolerance against PyTorch: float32 sums of up to 576 products per output in a
     * different order differ by a few 1e-6 relative per layer; through 4 conv layers and a softmax
     * that stays below 1e-5 on probabilities in practice. 1e-4 leaves margin and still catches any
     * wrong layer (those move probabilities by 1e-2 or more).
     */
    static final double TOLERANCE = 1e-4;

    /** Path of the {@code .dlpw} weights (required). */
    @Param("")
    public String weights;

    /** Path of PyTorch's {@link PeerBatchFile} for the batch (required; its inputs are the timed batch). */
    @Param("")
    public String reference;

    @Param({"1", "2"})
    public int threads;

    private DelpNet net;
    private float[] patches;
    private ForkJoinPool pool;
    private float[] out;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        if (weights.isEmpty() || reference.isEmpty()) {
            throw new IllegalArgumentException("pass -p weights=FILE.dlpw -p reference=FILE.dlpb (bench/run-torch.sh does)");
        }
        net = DelpNet.load(Path.of(weights));
        PeerBatchFile ref = PeerBatchFile.read(Path.of(reference));
        if (ref.n() != BATCH || ref.side() != DelpNet.PATCH || ref.classes() != DelpNet.CLASS_LABELS.size()) {
            throw new IllegalArgumentException("reference holds " + ref.n() + " patches of " + ref.side() + "x" + ref.side()
                    + " with " + ref.classes() + " classes; need " + BATCH + " of 84x84 with 12");
        }
        patches = ref.inputs();
        pool = new ForkJoinPool(threads);
        out = new float[BATCH * DelpNet.CLASS_LABELS.size()];
        double diff = ref.maxAbsDifference(net.probabilities(patches, BATCH, pool));
        if (!(diff <= TOLERANCE)) {
            throw new IllegalStateException("delp and PyTorch probabilities differ by " + diff + " > " + TOLERANCE);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
    }

    /** Normalisation + network + softmax for one batch of 64 (fused plan, into a reused array). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[] delpnet() {
        net.probabilities(patches, BATCH, out, pool);
        return out;
    }
}
