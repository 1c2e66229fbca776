package dev.delp.bench.nn;

import dev.delp.nn.DelpNet;
import dev.delp.nn.TrainedOptics;
import java.util.SplittableRandom;

/** The network and the raw patch batch the DelpNet benchmarks time. */
final class BenchInputs {
    private BenchInputs() {
    }

    /**
     * The weights file named by {@code -Ddelp.weights=FILE.dlpw} if set (e.g. a wider net), else the
     * shipped {@code delpnet.dlpw} if on the classpath, else seeded random weights (same cost).
     */
    static DelpNet shippedOrRandomNet() throws java.io.IOException {
        String file = System.getProperty("delp.weights", "");
        if (!file.isEmpty()) {
            return DelpNet.load(java.nio.file.Path.of(file));
        }
        try {
            return DelpNet.loadDefault();
        } catch (IllegalStateException e) {
            return DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, 17);
        }
    }

    /** {@code batch} raw 84×84 patches, seed 42: an offset of 100 plus a skewed positive signal. */
    static float[] rawPatches(int batch) {
        SplittableRandom rnd = new SplittableRandom(42);
        float[] patches = new float[batch * DelpNet.PATCH * DelpNet.PATCH];
        for (int i = 0; i < patches.length; i++) {
            patches[i] = (float) (100 + 400 * rnd.nextDouble() * rnd.nextDouble());
        }
        return patches;
    }
}
