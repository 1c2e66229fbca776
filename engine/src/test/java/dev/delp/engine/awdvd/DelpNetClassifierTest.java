package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.delp.nn.DelpNet;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DelpNetClassifierTest {
    private static final int P = DelpNet.PATCH;
    private static DelpNetClassifier classifier;

    @BeforeAll
    static void load() throws Exception {
        classifier = DelpNetClassifier.loadDefault();
    }

    @Test
    void patchesWithoutStructureAreBackgroundAndOthersAreTheNetworksRows() {
        // a blurred-looking blob with Poisson-like noise, a zero patch, a saturated patch, the blob again
        float[] patches = new float[4 * P * P];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int y = 0; y < P; y++) {
            for (int x = 0; x < P; x++) {
                double r2 = (x - 40) * (x - 40) + (y - 45) * (y - 45);
                double v = 100 + 900 * Math.exp(-r2 / (2 * 12.0 * 12.0));
                patches[x + P * y] = (float) (v + Math.sqrt(v) * rnd.nextGaussian());
            }
        }
        java.util.Arrays.fill(patches, 2 * P * P, 3 * P * P, 65535f);
        System.arraycopy(patches, 0, patches, 3 * P * P, P * P);
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            float[][] rows = classifier.probabilities(patches, P, 4, pool);
            float[] bgOnly = new float[PatchClassifier.CLASSES];
            bgOnly[PatchClassifier.BG] = 1f;
            assertArrayEquals(bgOnly, rows[1], "all-zero patch");
            assertArrayEquals(bgOnly, rows[2], "saturated patch");
            // the structured patches keep the network's own probabilities, in their places
            float[][] alone = classifier.network().probabilities(java.util.Arrays.copyOf(patches, P * P), 1, pool);
            assertArrayEquals(alone[0], rows[0], 1e-6f);
            assertArrayEquals(alone[0], rows[3], 1e-6f);
            assertNotEquals(1f, rows[0][PatchClassifier.BG]);
        } finally {
            pool.shutdown();
        }
    }

    /** QA L4: a negated image has structure but no light; the network's normalisation read it as level 10. */
    @Test
    void patchesWithNoPositivePixelAreBackground() {
        float[] blob = new float[P * P];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int y = 0; y < P; y++) {
            for (int x = 0; x < P; x++) {
                double r2 = (x - 30) * (x - 30) + (y - 50) * (y - 50);
                double v = 100 + 900 * Math.exp(-r2 / (2 * 6.0 * 6.0));
                blob[x + P * y] = (float) (v + Math.sqrt(v) * rnd.nextGaussian());
            }
        }
        float[] patches = new float[3 * P * P];
        for (int i = 0; i < P * P; i++) {
            patches[i] = -blob[i]; // negated: all < 0
            patches[P * P + i] = Math.min(0f, blob[i] - 500f); // offset too large: <= 0, zeros and negatives
            patches[2 * P * P + i] = -blob[i];
        }
        patches[2 * P * P + 7] = 1f; // one pixel of light: the network decides
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            float[][] net = classifier.network().probabilities(patches, 3, pool);
            assertNotEquals(PatchClassifier.BG, DefocusMap.argMax(net[0]), "the network alone calls the negated blob a level");
            float[][] rows = classifier.probabilities(patches, P, 3, pool);
            float[] bgOnly = new float[PatchClassifier.CLASSES];
            bgOnly[PatchClassifier.BG] = 1f;
            assertArrayEquals(bgOnly, rows[0], "negated patch");
            assertArrayEquals(bgOnly, rows[1], "patch <= 0");
            assertArrayEquals(net[2], rows[2], 1e-6f);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Values around 1e-6 (a float image in other units) classify as the same values around 1e3: the
     * network's z-score floor flattened them, which it reads as level 10.
     */
    @Test
    void aPatchClassifiesTheSameAtAnyScale() {
        float[] patches = new float[3 * P * P];
        SplittableRandom rnd = new SplittableRandom(9);
        for (int y = 0; y < P; y++) {
            for (int x = 0; x < P; x++) {
                double r2 = (x - 44) * (x - 44) + (y - 38) * (y - 38);
                double v = 100 + 900 * Math.exp(-r2 / (2 * 9.0 * 9.0));
                patches[x + P * y] = (float) (v + Math.sqrt(v) * rnd.nextGaussian());
                patches[2 * P * P + x + P * y] = (float) (100 + 10 * rnd.nextGaussian()); // background noise
            }
        }
        float tiny = Math.scalb(1f, -30); // a peak near 1e-6
        for (int i = 0; i < P * P; i++) {
            patches[P * P + i] = patches[i] * tiny;
        }
        float[] noise = java.util.Arrays.copyOfRange(patches, 2 * P * P, 3 * P * P);
        float[] tinyNoise = noise.clone();
        for (int i = 0; i < tinyNoise.length; i++) {
            tinyNoise[i] *= tiny;
        }
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            float[][] rows = classifier.probabilities(patches, P, 3, pool);
            assertArrayEquals(rows[0], rows[1], "blob at 1e3 and at 1e-6");
            float[] before = tinyNoise.clone();
            float[][] n = classifier.probabilities(tinyNoise, P, 1, pool);
            assertArrayEquals(before, tinyNoise, "the caller's patches are not modified");
            assertArrayEquals(rows[2], n[0], "background noise at 1e2 and at 1e-7");
            assertEquals(PatchClassifier.BG, DefocusMap.argMax(n[0]));
            // the network alone: the tiny noise patch is flattened by the z-score floor into a level
            assertNotEquals(PatchClassifier.BG, DefocusMap.argMax(classifier.network().probabilities(tinyNoise, 1, pool)[0]));
        } finally {
            pool.shutdown();
        }
    }

    /** QA L2: an image narrower or lower than one patch is refused, naming the short axis. */
    @Test
    void requiresOneWholePatch() {
        DelpNetClassifier.requireWholePatch(84, 84);
        DelpNetClassifier.requireWholePatch(696, 520);
        assertEquals("image 256x20 is smaller than one 84x84 DelpNet patch (height 20 < 84): its defocus cannot be read",
                assertThrows(IllegalArgumentException.class, () -> DelpNetClassifier.requireWholePatch(256, 20))
                        .getMessage());
        assertEquals("image 1x256 is smaller than one 84x84 DelpNet patch (width 1 < 84): its defocus cannot be read",
                assertThrows(IllegalArgumentException.class, () -> DelpNetClassifier.requireWholePatch(1, 256))
                        .getMessage());
        assertEquals("image 83x83 is smaller than one 84x84 DelpNet patch (83x83 < 84x84): its defocus cannot be read",
                assertThrows(IllegalArgumentException.class, () -> DelpNetClassifier.requireWholePatch(83, 83))
                        .getMessage());
    }

    @Test
    void concurrentCallsGiveTheSequentialBytes() throws Exception {
        int n = 5;
        float[][] batches = new float[4][];
        SplittableRandom rnd = new SplittableRandom(11);
        for (int b = 0; b < batches.length; b++) {
            batches[b] = new float[n * P * P];
            for (int i = 0; i < batches[b].length; i++) {
                int x = i % P, y = i / P % P, c = 20 + 10 * b + i / (P * P);
                batches[b][i] = (float) (100 + 800 * Math.exp(-((x - c) * (x - c) + (y - 42) * (y - 42)) / (30.0 + 40 * b))
                        + 10 * rnd.nextGaussian());
            }
        }
        ForkJoinPool one = new ForkJoinPool(1);
        ForkJoinPool two = new ForkJoinPool(2);
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            float[][][] sequential = new float[batches.length][][];
            for (int b = 0; b < batches.length; b++) {
                sequential[b] = classifier.probabilities(batches[b], P, n, one);
            }
            java.util.List<java.util.concurrent.Future<float[][]>> futures = new java.util.ArrayList<>();
            for (int rep = 0; rep < 3; rep++) {
                for (int b = 0; b < batches.length; b++) {
                    float[] batch = batches[b];
                    ForkJoinPool pool = (rep + b) % 2 == 0 ? one : two;
                    futures.add(callers.submit(() -> classifier.probabilities(batch, P, n, pool)));
                }
            }
            for (int k = 0; k < futures.size(); k++) {
                float[][] got = futures.get(k).get();
                for (int i = 0; i < n; i++) {
                    assertArrayEquals(sequential[k % batches.length][i], got[i], "call " + k + " patch " + i);
                }
            }
        } finally {
            callers.shutdown();
            one.shutdown();
            two.shutdown();
        }
    }

    @Test
    void rejectsOtherPatchSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> classifier.probabilities(new float[64 * 64], 64, 1, ForkJoinPool.commonPool()));
        assertEquals("DelpNet takes 84x84 patches, got 64x64", e.getMessage());
    }
}
