package dev.delp.bench.nn;

import static dev.delp.bench.nn.ProbeRounds.BATCH;
import static dev.delp.bench.nn.ProbeRounds.CALLS;
import static dev.delp.bench.nn.ProbeRounds.median;
import static dev.delp.bench.nn.ProbeRounds.quantile;

import dev.delp.nn.DelpNet;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * Why two threads gain what they gain (a diagnostic, not a JMH benchmark; Linux only: it reads
 * {@code /proc/self/task/TID/schedstat}). {@link DelpNet#probabilities} on the benchmarks' 64-patch
 * batch, rounds of 10 batches alternating between the calling thread alone and a
 * {@code ForkJoinPool(2)}; per round, for the threads that may do the work (the caller, and on two
 * threads the pool's workers): wall time, CPU time and
 * run-queue wait (time runnable but not running: other processes' load). Prints medians over the
 * rounds, µs per patch:
 * <ul>
 *   <li>{@code scaling} = one-thread wall / two-thread wall;</li>
 *   <li>{@code cpu ratio} = CPU per patch on two threads / on one (above 1: each patch costs more when
 *       both cores run it — shared caches, memory, frequency);</li>
 *   <li>{@code idle} = (2·wall − CPU − run-queue wait) / (2·wall) of those threads: time our own
 *       scheduling left a worker with nothing to do (wake-ups, fork/join, the serial part, imbalance);</li>
 *   <li>{@code wait} = run-queue wait / (2·wall): the share lost to other processes (should be ~0 for
 *       a clean measurement).</li>
 * </ul>
 * <pre>
 * java --add-modules jdk.incubator.vector [-Ddelp.weights=W.dlpw] -cp benchmarks.jar dev.delp.bench.nn.TwoThreadProbe [rounds]
 * </pre>
 */
public final class TwoThreadProbe {
    private TwoThreadProbe() {
    }

    /** Runs the probe (arguments above). */
    public static void main(String[] args) throws Exception {
        ProbeRounds setup = new ProbeRounds(args, 40);
        int rounds = setup.rounds;
        DelpNet net = setup.net;
        float[] raw = setup.raw;
        float[] out = new float[BATCH * DelpNet.CLASS_LABELS.size()];
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            for (int i = 0; i < 300; i++) {
                net.probabilities(raw, BATCH, out, pool);
                net.probabilities(raw, BATCH, out, null);
            }
            double[][] one = new double[3][rounds];
            double[][] two = new double[3][rounds];
            double[] idle = new double[rounds];
            double[] wait = new double[rounds];
            double[] scaling = new double[rounds];
            double[] cpuRatio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                time(net, raw, out, null, one, r);
                time(net, raw, out, pool, two, r);
                scaling[r] = one[0][r] / two[0][r];
                cpuRatio[r] = two[1][r] / one[1][r];
                idle[r] = (2 * two[0][r] - two[1][r] - two[2][r]) / (2 * two[0][r]);
                wait[r] = two[2][r] / (2 * two[0][r]);
            }
            System.out.printf("µs/patch (medians of %d rounds): 1 thread wall %.1f CPU %.1f run-queue %.1f | 2 threads wall"
                            + " %.1f CPU %.1f run-queue %.1f%n", rounds, median(one[0]), median(one[1]), median(one[2]),
                    median(two[0]), median(two[1]), median(two[2]));
            System.out.printf("scaling %.3f (best round %.3f) | cpu ratio %.3f | idle %.4f (quartiles %.4f-%.4f) | wait %.4f%n",
                    median(scaling), max(scaling), median(cpuRatio), median(idle), quantile(idle, 0.25),
                    quantile(idle, 0.75), median(wait));
        } finally {
            pool.shutdown();
        }
    }

    /**
     * One round of {@link #CALLS} batches: wall, CPU and run-queue wait (µs per patch) into column r, of the
     * calling thread and (with a pool) the pool's workers — listed again after the round, as a pool may start a
     * worker (or end an idle one) at any time; a worker that ended during the round is missed.
     */
    private static void time(DelpNet net, float[] raw, float[] out, ForkJoinPool pool, double[][] into, int r)
            throws IOException {
        Map<String, long[]> s0 = schedstat(pool != null);
        long t0 = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            net.probabilities(raw, BATCH, out, pool);
        }
        long wall = System.nanoTime() - t0;
        Map<String, long[]> s1 = schedstat(pool != null);
        long cpu = 0;
        long queued = 0;
        for (Map.Entry<String, long[]> e : s1.entrySet()) {
            long[] before = s0.getOrDefault(e.getKey(), new long[2]);
            cpu += e.getValue()[0] - before[0];
            queued += e.getValue()[1] - before[1];
        }
        double perPatch = BATCH * CALLS * 1e3;
        into[0][r] = wall / perPatch;
        into[1][r] = cpu / perPatch;
        into[2][r] = queued / perPatch;
    }

    /**
     * Per task id, the first two schedstat fields (ns on the CPU, ns waiting on a run queue) of the calling
     * thread and, if {@code workers}, of this process's fork-join workers.
     */
    private static Map<String, long[]> schedstat(boolean workers) throws IOException {
        Map<String, long[]> m = new HashMap<>();
        List<String> ids = new ArrayList<>(workers ? tasks("ForkJoinPool-") : List.of());
        ids.add(Path.of("/proc/thread-self").toRealPath().getFileName().toString());
        for (String t : ids) {
            try {
                String[] f = Files.readString(Path.of("/proc/self/task", t, "schedstat")).trim().split(" ");
                m.put(t, new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
            } catch (java.nio.file.NoSuchFileException gone) {
                // the worker ended since it was listed
            }
        }
        return m;
    }

    /** Task ids of this process's threads whose name starts with {@code prefix} (Linux truncates names to 15 chars). */
    private static List<String> tasks(String prefix) throws IOException {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path p : d) {
                try {
                    if (Files.readString(p.resolve("comm")).trim().startsWith(prefix)) {
                        ids.add(p.getFileName().toString());
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // the thread ended while listed
                }
            }
        }
        return ids;
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
