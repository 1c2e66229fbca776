package dev.delp.bench.nn;

import dev.delp.nn.DelpNet;
import dev.delp.nn.InferencePlan;
import dev.delp.nn.InferencePlan.ConvAlgorithm;

/**
 * Where the fused plan's time goes, per phase (not a JMH benchmark: a diagnostic with the plan's
 * own {@code -Ddelp.nn.profile=true} timers). One thread, the benchmarks' net and 64-patch batch,
 * 300 warm-up batches, then {@code rounds} rounds of 200 batches; prints wall µs per patch of the
 * whole call and of every phase, and the bytes allocated per batch (non-zero = boxed vectors, a
 * JIT cliff).
 * <pre>
 * java --add-modules jdk.incubator.vector -Ddelp.nn.profile=true [-Ddelp.weights=W.dlpw] -cp benchmarks.jar \
 *     dev.delp.bench.nn.InferencePhaseProbe [D222|AUTO|DDDD|...] [rounds]
 * </pre>
 * One letter per convolution as in {@link DelpNetLayerAlgorithmBench#parse}; {@code AUTO} the default.
 */
public final class InferencePhaseProbe {
    private InferencePhaseProbe() {
    }

    /** Runs the probe (arguments above). */
    public static void main(String[] args) throws Exception {
        String config = args.length > 0 ? args[0] : "AUTO";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        DelpNet net = BenchInputs.shippedOrRandomNet();
        int batch = 64;
        float[] raw = BenchInputs.rawPatches(batch);
        InferencePlan plan = config.equals("AUTO")
                ? InferencePlan.compile(net.network(), net.normalisation(), ConvAlgorithm.AUTO)
                : InferencePlan.compile(net.network(), net.normalisation(), DelpNetLayerAlgorithmBench.parse(config));
        float[] out = new float[batch * plan.outputSize()];
        for (int i = 0; i < 300; i++) {
            plan.logits(raw, 0, batch, out, 0);
        }
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int stages = plan.algorithms().length;
        for (int r = 0; r < rounds; r++) {
            InferencePlan.resetProfile();
            int iters = 200;
            long b0 = mx.getThreadAllocatedBytes(id);
            long t0 = System.nanoTime();
            for (int i = 0; i < iters; i++) {
                plan.logits(raw, 0, batch, out, 0);
            }
            long total = System.nanoTime() - t0;
            long bytes = mx.getThreadAllocatedBytes(id) - b0;
            long[] p = InferencePlan.profileNanos();
            double perPatch = iters * batch * 1e3;
            StringBuilder sb = new StringBuilder(String.format("total %.1f µs/patch | pack %.1f (stats %.1f)",
                    total / perPatch, p[InferencePlan.PHASE_PACK] / perPatch, p[InferencePlan.PHASE_STATS] / perPatch));
            for (int s = 0; s < stages; s++) {
                sb.append(String.format(" | conv%d gemm %.1f in %.1f out %.1f scatter %.1f relayout %.1f", s,
                        p[InferencePlan.phase(s, 0)] / perPatch, p[InferencePlan.phase(s, 1)] / perPatch,
                        p[InferencePlan.phase(s, 2)] / perPatch, p[InferencePlan.phase(s, 3)] / perPatch,
                        p[InferencePlan.phase(s, 4)] / perPatch));
            }
            sb.append(String.format(" | head %.1f | allocated %d B/batch", p[InferencePlan.PHASE_HEAD] / perPatch,
                    bytes / iters));
            System.out.println(sb);
        }
    }
}
