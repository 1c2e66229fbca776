package dev.delp.bench.nn;

import static dev.delp.bench.nn.ProbeRounds.BATCH;
import static dev.delp.bench.nn.ProbeRounds.CALLS;
import static dev.delp.bench.nn.ProbeRounds.median;
import static dev.delp.bench.nn.ProbeRounds.quantile;

import dev.delp.nn.DelpNet;
import dev.delp.nn.Exec;
import dev.delp.nn.InferencePlan;
import java.util.concurrent.ForkJoinPool;

/**
 * The two ways of running a batch's chunks on a pool, in one JVM on one {@code ForkJoinPool(2)} (a
 * diagnostic, session 11): {@link Exec#forChunks} (the caller submits and blocks in a join) and
 * {@link Exec#forChunksSharing} (the caller takes chunks too), plus the calling thread alone; the
 * benchmarks' net and 64-patch batch through {@link InferencePlan#logits}. Rounds of 10 batches per mode,
 * the mode order rotating per round; prints medians (µs per patch), each pool mode's scaling over one
 * thread and the paired sharing / blocking ratio. Run it in a quiet window: other processes on the
 * cores hide the difference.
 * <pre>
 * java --add-modules jdk.incubator.vector [-Ddelp.weights=W.dlpw] -cp benchmarks.jar dev.delp.bench.nn.ChunkPathsProbe [rounds]
 * </pre>
 */
public final class ChunkPathsProbe {
    private ChunkPathsProbe() {
    }

    /** Runs the probe (arguments above). */
    public static void main(String[] args) throws Exception {
        ProbeRounds setup = new ProbeRounds(args, 12);
        int rounds = setup.rounds;
        InferencePlan plan = setup.net.inferencePlan();
        float[] raw = setup.raw;
        float[] out = new float[BATCH * plan.outputSize()];
        int size = DelpNet.PATCH * DelpNet.PATCH;
        int group = plan.groupSize();
        Exec.ChunkBody body = (c, from, to) -> plan.logits(raw, from * size, to - from, out, from * plan.outputSize());
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            Exec parallel = Exec.on(pool);
            for (int i = 0; i < 300; i++) {
                parallel.forChunks(BATCH, group, body);
                parallel.forChunksSharing(BATCH, group, body);
            }
            double[][] us = new double[3][rounds]; // blocking, sharing, one thread
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                for (int o = 0; o < 3; o++) {
                    int mode = (o + r) % 3;
                    long t0 = System.nanoTime();
                    for (int i = 0; i < CALLS; i++) {
                        plan.refreshIfChanged(); // as DelpNet.probabilities
                        switch (mode) {
                            case 0 -> parallel.forChunks(BATCH, group, body);
                            case 1 -> parallel.forChunksSharing(BATCH, group, body);
                            default -> Exec.SEQUENTIAL.forChunks(BATCH, group, body);
                        }
                    }
                    us[mode][r] = (System.nanoTime() - t0) / (double) (BATCH * CALLS) / 1e3;
                }
                ratio[r] = us[1][r] / us[0][r];
            }
            double one = median(us[2]);
            System.out.printf("µs/patch (medians of %d rounds): 1 thread %.1f | forChunks %.1f (scaling %.3f) |"
                            + " forChunksSharing %.1f (scaling %.3f) | sharing / forChunks paired %.3f (quartiles %.3f-%.3f)%n",
                    rounds, one, median(us[0]), one / median(us[0]), median(us[1]), one / median(us[1]), median(ratio),
                    quantile(ratio, 0.25), quantile(ratio, 0.75));
        } finally {
            pool.shutdown();
        }
    }
}
