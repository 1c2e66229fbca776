package dev.delp.bench.nn;

import dev.delp.nn.DelpNet;
import dev.delp.nn.InferencePlan;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * DelpNet inference throughput (patches/s) with 1 and 2 threads, all on the same weights, batch
 * and {@code ForkJoinPool(threads)}:
 * <ul>
 *   <li>{@code delpnet} — the runtime, {@link DelpNet#probabilities(float[], int, float[], ForkJoinPool)}:
 *       fused {@link InferencePlan} (batch-norm folded, ReLU fused, {@code AUTO} = the per-layer
 *       winner of {@link DelpNetLayerAlgorithmBench}), chunks of 8;</li>
 *   <li>{@code fusedDirect}, {@code fusedWinograd2x2} — the same plan with every convolution direct,
 *       resp. Winograd F(2×2,3×3) (logits only, same chunks; session 2's {@code fusedIm2col} row was
 *       dropped: slower than direct on every layer; F(4×4,3×3) was removed in session 12);</li>
 *   <li>{@code layerByLayer} — session 1's runtime, kept as the reference path
 *       ({@link DelpNet#probabilitiesLayerByLayer}: im2col + {@code gemm}, separate BN/ReLU/pool);</li>
 *   <li>{@code naiveLoopNest} (baseline) — a 7-deep scalar loop nest per convolution, one patch per task.</li>
 * </ul>
 * Setup checks every path against the naive one within 1e-4 on all 64×12 probabilities, so a broken
 * fast path cannot post a time. Weights: the shipped {@code delpnet.dlpw} if on the classpath,
 * else seeded random weights (same cost).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class DelpNetInferenceBench {
    static final int BATCH = 64;

    @Param({"1", "2"})
    public int threads;

    private DelpNet net;
    private NaiveCnn naive;
    private float[] patches;
    private float[] normalised;
    private ForkJoinPool pool;
    private InferencePlan direct;
    private InferencePlan winograd2;
    private float[] out;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        net = BenchInputs.shippedOrRandomNet();
        naive = new NaiveCnn(net.network());
        int size = DelpNet.PATCH * DelpNet.PATCH;
        patches = BenchInputs.rawPatches(BATCH);
        normalised = patches.clone();
        for (int s = 0; s < BATCH; s++) {
            net.normalisation().apply(normalised, s * size, size);
        }
        pool = new ForkJoinPool(threads);
        direct = InferencePlan.compile(net.network(), net.normalisation(), InferencePlan.ConvAlgorithm.DIRECT);
        winograd2 = InferencePlan.compile(net.network(), net.normalisation(), InferencePlan.ConvAlgorithm.WINOGRAD_2X2);
        out = new float[BATCH * 12];
        check(net.probabilities(patches, BATCH, pool), "delpnet");
        check(net.probabilitiesLayerByLayer(patches, BATCH, pool), "layerByLayer");
        check(softmaxRows(fused(direct)), "fusedDirect");
        check(softmaxRows(fused(winograd2)), "fusedWinograd2x2");
    }

    private static float[][] softmaxRows(float[] logits) {
        float[][] p = new float[BATCH][12];
        for (int s = 0; s < BATCH; s++) {
            double max = Double.NEGATIVE_INFINITY, z = 0;
            for (int c = 0; c < 12; c++) {
                max = Math.max(max, logits[s * 12 + c]);
            }
            for (int c = 0; c < 12; c++) {
                z += Math.exp(logits[s * 12 + c] - max);
            }
            for (int c = 0; c < 12; c++) {
                p[s][c] = (float) (Math.exp(logits[s * 12 + c] - max) / z);
            }
        }
        return p;
    }

    private void check(float[][] fast, String what) {
        int size = DelpNet.PATCH * DelpNet.PATCH;
        for (int s = 0; s < BATCH; s++) {
            float[] logits = naive.forward(java.util.Arrays.copyOfRange(normalised, s * size, (s + 1) * size));
            double max = Double.NEGATIVE_INFINITY, z = 0;
            for (float l : logits) {
                max = Math.max(max, l);
            }
            for (float l : logits) {
                z += Math.exp(l - max);
            }
            for (int c = 0; c < logits.length; c++) {
                double p = Math.exp(logits[c] - max) / z;
                if (Math.abs(p - fast[s][c]) > 1e-4) {
                    throw new IllegalStateException(what + " and naive disagree at patch " + s + " class " + c + ": "
                            + fast[s][c] + " vs " + p);
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
    }

    /** The runtime: normalisation + fused plan + softmax, into a reused output array. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[] delpnet() {
        net.probabilities(patches, BATCH, out, pool);
        return out;
    }

    /** Fused plan, every convolution direct (logits), chunks of 8 on the pool. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[] fusedDirect() {
        return fused(direct);
    }

    /** Fused plan, every convolution Winograd F(2×2,3×3) (logits), chunks of 8 on the pool. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[] fusedWinograd2x2() {
        return fused(winograd2);
    }

    private float[] fused(InferencePlan plan) {
        int size = DelpNet.PATCH * DelpNet.PATCH, g = plan.groupSize();
        if (threads == 1) {
            plan.logits(patches, 0, BATCH, out, 0);
        } else {
            pool.submit(() -> IntStream.range(0, BATCH / g).parallel()
                    .forEach(c -> plan.logits(patches, c * g * size, g, out, c * g * 12))).join();
        }
        return out;
    }

    /** Session 1's runtime: layer by layer (im2col + gemm, separate batch-norm, ReLU, pooling). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[][] layerByLayer() {
        return net.probabilitiesLayerByLayer(patches, BATCH, pool);
    }

    /** The floor: direct loop-nest convolution, one patch per task, same pool. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[][] naiveLoopNest() {
        int size = DelpNet.PATCH * DelpNet.PATCH;
        return pool.submit(() -> IntStream.range(0, BATCH).parallel()
                .mapToObj(s -> naive.forward(java.util.Arrays.copyOfRange(normalised, s * size, (s + 1) * size)))
                .toArray(float[][]::new)).join();
    }
}
