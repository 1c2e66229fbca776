package dev.delp.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** DelpNet inference API: shapes, probabilities, thread and block invariance, counts. */
class DelpNetTest {

    private static float[] patches(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[n * 84 * 84];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (100 + 300 * r.nextDouble() * r.nextDouble());
        }
        return p;
    }

    @Test
    void parameterAndFlopCountsAreAsDocumented() {
        DelpNet net = DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, 1);
        // conv 16·4·9 + 32·16·9 + 64·32·9 + 64·64·9 = 576 + 4608 + 18432 + 36864; BN γ,β 2·(16+32+64+64);
        // dense 64·12 + 12.
        assertEquals(576 + 4608 + 18432 + 36864 + 2 * 176 + 64 * 12 + 12, net.parameterCount());
        // MACs: 42²·16·36 + 21²·32·144 + 10²·64·288 + 5²·64·576 + BN (16·42² + 32·21² + 64·10² + 64·5²) + 768.
        long macs = 1764L * 16 * 36 + 441L * 32 * 144 + 100L * 64 * 288 + 25L * 64 * 576
                + (16 * 1764 + 32 * 441 + 64 * 100 + 64 * 25) + 768;
        assertEquals(2 * macs, net.flopsPerPatch());
    }

    @Test
    void probabilitiesSumToOneAndDoNotDependOnThreadsOrBlocks() {
        DelpNet net = DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, 2);
        int n = 300; // more than one block of 256
        float[] x = patches(n, 4);
        float[][] seq = net.probabilities(x, n, null);
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            float[][] par = net.probabilities(x, n, pool);
            for (int i = 0; i < n; i++) {
                assertArrayEquals(seq[i], par[i], "patch " + i);
                double s = 0;
                for (float v : seq[i]) {
                    s += v;
                }
                assertEquals(1.0, s, 1e-5);
            }
            // Patch 280 alone (another block, another chunk) gives the same row.
            float[] one = java.util.Arrays.copyOfRange(x, 280 * 84 * 84, 281 * 84 * 84);
            assertArrayEquals(seq[280], net.probabilities(one, 1, pool)[0]);
        } finally {
            pool.shutdown();
        }
        assertEquals(n, net.classify(x, n, null).length);
    }

    @Test
    void scaleAndOffsetInvariantThroughNormalisation() {
        DelpNet net = DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, 2);
        float[] x = patches(2, 5);
        float[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = 4 * y[i] + 1000; // brighter camera: z-score normalisation removes gain and offset
        }
        float[][] a = net.probabilities(x, 2, null), b = net.probabilities(y, 2, null);
        for (int c = 0; c < 12; c++) {
            assertEquals(a[1][c], b[1][c], 1e-4);
        }
    }

    @Test
    void symmetryAveragingOfARotationInvariantPatchEqualsThePlainOutput() {
        DelpNet net = DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, 2);
        float[] x = new float[84 * 84];
        for (int y = 0; y < 84; y++) {
            for (int xx = 0; xx < 84; xx++) {
                double r2 = (xx - 41.5) * (xx - 41.5) + (y - 41.5) * (y - 41.5);
                x[y * 84 + xx] = (float) (100 + 500 * Math.exp(-r2 / 200));
            }
        }
        float[] plain = net.probabilities(x, 1, null)[0];
        float[] avg = net.probabilitiesSymmetryAveraged(x, 1, null)[0];
        for (int c = 0; c < 12; c++) {
            assertEquals(plain[c], avg[c], 1e-5);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        DelpNet net = DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, 2);
        assertThrows(IllegalArgumentException.class, () -> net.probabilities(new float[100], 1, null));
        assertThrows(IllegalArgumentException.class, () -> DelpNet.create("relu\nglobalavgpool\ndense out=3",
                TrainedOptics.DEFAULT, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainedOptics(0.5, 50, 1, 0.65, 2));
        // nn does not depend on delp-fixtures, so the default resource is absent here.
        assertThrows(IllegalStateException.class, DelpNet::loadDefault);
    }
}
