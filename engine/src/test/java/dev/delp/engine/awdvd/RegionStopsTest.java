package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RegionStopsTest {
    private static final ForkJoinPool TWO = new ForkJoinPool(2);
    private static final PsfSource GAUSS = TestSupport.gaussianLevels();
    private static final int W = 180, H = 130;

    @AfterAll
    static void shutdown() {
        TWO.shutdown();
    }

    private static float[] image() {
        return TestSupport.noisy(TestSupport.blurReflect(TestSupport.specimen(W, H, 21), W, H, GAUSS.psf(3)), 5, 22);
    }

    private static DefocusMap oneHot(PatchGrid grid, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] labels = new int[grid.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rnd.nextBoolean() ? 1 : 4;
        }
        return DefocusMap.ofLabels(grid, labels);
    }

    /**
     * With a noise-blind table every patch of class c gets the class's count, and the bilinear
     * interpolation of one-hot labels is the class weight map, so per-patch and per-class stops
     * must give the same image (up to float rounding of the differently ordered weights).
     */
    @Test
    void perPatchEqualsPerClassForANoiseBlindTable() {
        float[] y = image();
        PatchGrid grid = PatchGrid.of(W, H, 42);
        DefocusMap map = oneHot(grid, 5);
        WeightMaps maps = WeightMaps.interpolate(grid, map.probabilities(), 0.05f);
        IterationPolicy table = IterationPolicy.table(0, 2, 0, 0, 7, 0, 0, 0, 0, 0, 0);
        RegionStops perPatch = RegionStops.perPatch(map, maps.labels(), y, GAUSS, table);
        assertArrayEquals(new int[] {2, 7}, perPatch.counts());
        float[] a = VariantRichardsonLucy.deconvolve(y, maps, GAUSS, RegionStops.perClass(maps, table), RlStart.FLAT,
                TWO, AwdvdProgress.NONE);
        float[] b = VariantRichardsonLucy.deconvolve(y, maps, GAUSS, perPatch, RlStart.FLAT, TWO, AwdvdProgress.NONE);
        double max = 0, worst = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i]));
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        // float weights summed in another order: ~1e-7 relative per term; 1e-5 of the max is ample
        // while a wrong patch-to-count assignment changes pixels by a sizeable fraction
        assertTrue(worst <= 1e-5 * max, "worst " + worst + " of max " + max);
    }

    /** The weights of all terms sum to 1 at every pixel, for soft probabilities and awkward grids. */
    @Test
    void weightsArePartitionOfUnity() {
        for (int[] s : new int[][] {{W, H}, {84, 84}, {100, 91}, {40, 90}}) {
            PatchGrid grid = PatchGrid.of(s[0], s[1], 42);
            SplittableRandom rnd = new SplittableRandom(s[0] * 7L + s[1]);
            float[][] p = new float[grid.count()][PatchClassifier.CLASSES];
            for (float[] row : p) {
                double z = 0;
                for (int c = 0; c < row.length; c++) {
                    row[c] = (float) rnd.nextDouble();
                    z += row[c];
                }
                for (int c = 0; c < row.length; c++) {
                    row[c] = (float) (row[c] / z);
                }
            }
            DefocusMap map = new DefocusMap(grid, p);
            float[] y = new float[s[0] * s[1]];
            java.util.Arrays.fill(y, 50f);
            WeightMaps maps = WeightMaps.interpolate(grid, map.probabilities(), 0.05f);
            RegionStops stops = RegionStops.perPatch(map, maps.labels(), y, GAUSS, level -> level);
            double[] acc = new double[y.length];
            float[] ones = new float[y.length];
            java.util.Arrays.fill(ones, 1f);
            for (int k : stops.counts()) {
                stops.accumulate(k, ones, acc);
            }
            for (int i = 0; i < acc.length; i++) {
                assertEquals(1.0, acc[i], 1e-5, s[0] + "x" + s[1] + " pixel " + i);
            }
        }
    }

    /** A bright and a dim half of one level get different counts from a noise-aware policy. */
    @Test
    void countsFollowEachPatchsNoise() {
        float[] y = image();
        for (int j = 0; j < H; j++) {
            for (int i = W / 2; i < W; i++) {
                y[i + W * j] *= 0.01f;
            }
        }
        PatchGrid grid = PatchGrid.of(W, H, 42);
        int[] labels = new int[grid.count()];
        java.util.Arrays.fill(labels, 4);
        DefocusMap map = DefocusMap.ofLabels(grid, labels);
        double[] seen = {Double.POSITIVE_INFINITY, 0};
        IterationPolicy byNoise = new IterationPolicy() {
            @Override
            public int iterations(int level) {
                throw new AssertionError("the noise-aware overload must be used");
            }

            @Override
            public int iterations(int level, double photons) {
                seen[0] = Math.min(seen[0], photons);
                seen[1] = Math.max(seen[1], photons);
                return photons > Math.sqrt(seen[0] * seen[1]) ? 9 : 2;
            }
        };
        // first pass learns the range, second assigns
        RegionStops.perPatch(map, new int[] {4}, y, GAUSS, byNoise);
        // the right half is 100x dimmer, but the windows of its patches next to the bright half take in
        // that half's light through their margins (measured range 7.8x since margins stop at the border)
        assertTrue(seen[1] > 5 * seen[0], "photon estimates " + seen[0] + ".." + seen[1]);
        RegionStops stops = RegionStops.perPatch(map, new int[] {4}, y, GAUSS, byNoise);
        assertArrayEquals(new int[] {2, 9}, stops.counts());
    }

    @Test
    void rejectsMismatchedSizes() {
        PatchGrid grid = PatchGrid.of(W, H, 42);
        DefocusMap map = oneHot(grid, 1);
        assertThrows(IllegalArgumentException.class,
                () -> RegionStops.perPatch(map, new int[] {1, 4}, new float[10], GAUSS, IterationPolicy.fixed(1)));
        WeightMaps small = WeightMaps.single(10, 10, 1);
        RegionStops stops = RegionStops.perClass(WeightMaps.single(W, H, 1), IterationPolicy.fixed(1));
        assertThrows(IllegalArgumentException.class, () -> VariantRichardsonLucy.deconvolve(new float[100], small, GAUSS,
                stops, RlStart.FLAT, TWO, AwdvdProgress.NONE));
    }
}
