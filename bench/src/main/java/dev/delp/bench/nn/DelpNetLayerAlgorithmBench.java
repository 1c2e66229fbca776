package dev.delp.bench.nn;

import dev.delp.nn.DelpNet;
import dev.delp.nn.InferencePlan;
import dev.delp.nn.InferencePlan.ConvAlgorithm;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-layer choice of the convolution algorithm of the fused {@link InferencePlan} (the measurement
 * behind {@link InferencePlan#resolveAuto}): one thread, logits of 64 patches, one fork per
 * configuration (so no plan's JIT profile pollutes another's). {@code layers} has one letter per
 * DelpNet convolution (42², 21², 10², 5²): {@code D} direct, {@code I} im2col, {@code 2}
 * Winograd F(2×2,3×3) (F(4×4,3×3) was removed in session 12). Varying one layer at a time against
 * {@code 2222} isolates that layer's cost. Setup checks the logits against the all-direct plan
 * (max |Δlogit| ≤ 1e-3).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class DelpNetLayerAlgorithmBench {
    static final int BATCH = 64;

    @Param({"DDDD", "2222", "D222", "2D22", "22D2", "222D"})
    public String layers;

    private InferencePlan plan;
    private float[] patches;
    private float[] out;

    /** Parses one letter per convolution (see the class comment). */
    static List<ConvAlgorithm> parse(String layers) {
        List<ConvAlgorithm> list = new ArrayList<>();
        for (char c : layers.toCharArray()) {
            list.add(switch (c) {
                case 'D' -> ConvAlgorithm.DIRECT;
                case 'I' -> ConvAlgorithm.IM2COL;
                case '2' -> ConvAlgorithm.WINOGRAD_2X2;
                case 'A' -> ConvAlgorithm.AUTO;
                default -> throw new IllegalArgumentException("layer letter '" + c + "' in " + layers
                        + ": use D (direct), I (im2col), 2 (Winograd F(2x2,3x3)) or A (auto)");
            });
        }
        return list;
    }

    @Setup(Level.Trial)
    public void setup() throws Exception {
        DelpNet net = BenchInputs.shippedOrRandomNet();
        patches = BenchInputs.rawPatches(BATCH);
        out = new float[BATCH * 12];
        plan = InferencePlan.compile(net.network(), net.normalisation(), parse(layers));
        float[] ref = new float[BATCH * 12];
        InferencePlan.compile(net.network(), net.normalisation(), ConvAlgorithm.DIRECT).logits(patches, 0, BATCH, ref, 0);
        plan.logits(patches, 0, BATCH, out, 0);
        for (int i = 0; i < ref.length; i++) {
            if (Math.abs(ref[i] - out[i]) > 1e-3) {
                throw new IllegalStateException(layers + ": logit " + i + " is " + out[i] + ", direct " + ref[i]);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[] logits() {
        plan.logits(patches, 0, BATCH, out, 0);
        return out;
    }
}
