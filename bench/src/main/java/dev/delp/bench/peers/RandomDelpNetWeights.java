package dev.delp.bench.peers;

import dev.delp.nn.DelpNet;
import dev.delp.nn.Param;
import dev.delp.nn.TrainedOptics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a seeded DelpNet {@code .dlpw} with the default architecture for the PyTorch comparison
 * when no trained weights are shipped: He-initialised weights, and batch-norm parameters and
 * running statistics drawn away from their identity defaults (gamma 0.5–1.5, beta ±0.2, running
 * mean ±0.3, running variance 0.5–2) and dense biases ±0.1, so a mistake in how PyTorch applies
 * them shows up in the comparison. Inference cost is the same as for trained weights.
 *
 * <pre>java -cp CP dev.delp.bench.peers.RandomDelpNetWeights out.dlpw [seed]</pre>
 */
public final class RandomDelpNetWeights {
    private RandomDelpNetWeights() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: RandomDelpNetWeights out.dlpw [seed]");
        }
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 17;
        DelpNet net = DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, seed);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (Param p : net.network().params()) {
            float[] v = p.value();
            String n = p.name();
            for (int i = 0; i < v.length; i++) {
                if (n.endsWith(".gamma")) {
                    v[i] = (float) rnd.nextDouble(0.5, 1.5);
                } else if (n.endsWith(".beta")) {
                    v[i] = (float) rnd.nextDouble(-0.2, 0.2);
                } else if (n.endsWith(".running_mean")) {
                    v[i] = (float) rnd.nextDouble(-0.3, 0.3);
                } else if (n.endsWith(".running_var")) {
                    v[i] = (float) rnd.nextDouble(0.5, 2.0);
                } else if (n.endsWith(".bias")) {
                    v[i] = (float) rnd.nextDouble(-0.1, 0.1);
                }
            }
        }
        net.save(Path.of(args[0]), Map.of("command", "dev.delp.bench.peers.RandomDelpNetWeights " + String.join(" ", args),
                "seed", Long.toString(seed), "note", "random weights for the PyTorch speed comparison, not trained"));
        System.out.println("wrote " + args[0] + " (" + net.parameterCount() + " parameters, seed " + seed + ")");
    }
}
