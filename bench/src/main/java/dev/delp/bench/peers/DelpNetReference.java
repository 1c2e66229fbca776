package dev.delp.bench.peers;

import dev.delp.nn.DelpNet;
import dev.delp.simd.Simd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;

/**
 * delp's class probabilities for a seeded batch ({@link PeerPatches}), written as a
 * {@link PeerBatchFile} that {@code bench/torch/delpnet_bench.py} compares with PyTorch running
 * the same weights.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp CP dev.delp.bench.peers.DelpNetReference weights.dlpw out.dlpb [n] [seed]</pre>
 */
public final class DelpNetReference {
    private DelpNetReference() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 4) {
            throw new IllegalArgumentException("usage: DelpNetReference weights.dlpw out.dlpb [n=64] [seed=42]");
        }
        DelpNet net = DelpNet.load(Path.of(args[0]));
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        float[] patches = PeerPatches.generate(n, seed);
        ForkJoinPool pool = new ForkJoinPool(1);
        float[][] p = net.probabilities(patches, n, pool);
        pool.shutdown();
        int classes = DelpNet.CLASS_LABELS.size();
        float[] flat = new float[n * classes];
        for (int s = 0; s < n; s++) {
            System.arraycopy(p[s], 0, flat, s * classes, classes);
        }
        new PeerBatchFile(n, DelpNet.PATCH, classes, patches, flat).write(Path.of(args[1]));
        System.out.println("{\"patches\":" + n + ",\"seed\":" + seed + ",\"parameters\":" + net.parameterCount()
                + ",\"flopsPerPatch\":" + net.flopsPerPatch() + ",\"simd\":\"" + Simd.describe() + "\"}");
    }
}
