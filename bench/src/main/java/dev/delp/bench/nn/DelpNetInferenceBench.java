package dev.delp.bench.nn;

import dev.delp.nn.DelpNet;
import dev.delp.nn.TrainedOptics;
import java.util.SplittableRandom;
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
 * DelpNet inference throughput (patches/s) with 1 and 2 threads: the runtime (im2col + SIMD
 * GEMM, batched, fork-join) against a naive scalar loop-nest convolution of the same network and
 * weights, parallel over patches on the same pool. Setup checks that both give the same class
 * probabilities, so a broken fast path cannot post a good time. Weights: the shipped
 * {@code delpnet.dlpw} if on the classpath, else seeded random weights (same cost).
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

    @Setup(Level.Trial)
    public void setup() throws Exception {
        try {
            net = DelpNet.loadDefault();
        } catch (IllegalStateException e) {
            net = DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, 17);
        }
        naive = new NaiveCnn(net.network());
        SplittableRandom rnd = new SplittableRandom(42);
        int size = DelpNet.PATCH * DelpNet.PATCH;
        patches = new float[BATCH * size];
        for (int i = 0; i < patches.length; i++) {
            patches[i] = (float) (100 + 400 * rnd.nextDouble() * rnd.nextDouble());
        }
        normalised = patches.clone();
        for (int s = 0; s < BATCH; s++) {
            net.normalisation().apply(normalised, s * size, size);
        }
        pool = new ForkJoinPool(threads);
        float[][] fast = net.probabilities(patches, BATCH, pool);
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
                    throw new IllegalStateException("fast and naive disagree at patch " + s + " class " + c + ": "
                            + fast[s][c] + " vs " + p);
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
    }

    /** The runtime: normalisation + batched im2col/GEMM network + softmax. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[][] delpnet() {
        return net.probabilities(patches, BATCH, pool);
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
