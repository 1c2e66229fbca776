package dev.delp.bench.nn;

import dev.delp.nn.DelpNet;
import java.util.Arrays;

/**
 * What {@link ChunkPathsProbe} and {@link TwoThreadProbe} share: the benchmarks' net and 64-patch batch
 * ({@link BenchInputs}), rounds of {@link #CALLS} batches (the count from the first argument), and the
 * medians and quartiles they print.
 */
final class ProbeRounds {
    /** Patches per call. */
    static final int BATCH = 64;
    /** Batches per mode and round. */
    static final int CALLS = 10;

    final int rounds;
    final DelpNet net;
    final float[] raw;

    /** {@code args[0]} rounds if given, else {@code defaultRounds}. */
    ProbeRounds(String[] args, int defaultRounds) throws java.io.IOException {
        rounds = args.length > 0 ? Integer.parseInt(args[0]) : defaultRounds;
        net = BenchInputs.shippedOrRandomNet();
        raw = BenchInputs.rawPatches(BATCH);
    }

    static double median(double[] v) {
        return quantile(v, 0.5);
    }

    /** The element at rank {@code q·(n − 1)}, rounded, of the sorted values. */
    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
    }
}
