package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class LevelJumpsTest {
    private static final ForkJoinPool TWO = new ForkJoinPool(2);
    private static final PsfSource GAUSS = TestSupport.gaussianLevels();
    // 5 x 3 patch centres at stride 42: x 41.5, 83.5, 125.5, 167.5, 209.5; y 41.5, 83.5, 125.5
    private static final int W = 252, H = 168, STEP_X = 96;

    @AfterAll
    static void shutdown() {
        TWO.shutdown();
    }

    private static DefocusMap byColumn(int... levelOfColumn) {
        PatchGrid grid = PatchGrid.of(W, H, 42);
        int[] labels = new int[grid.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = levelOfColumn[i % grid.columns()];
        }
        return DefocusMap.ofLabels(grid, labels);
    }

    /** With level 10 restored deeper (32 µm = 16 levels), level 9 beside it is a jump of 7 levels. */
    @Test
    void levelTenCountsAtItsRestorationDepth() {
        DefocusMap map = byColumn(9, 9, 10, 10, 10);
        boolean[] nominal = LevelJumps.find(map, LevelJumps.MIN_JUMP);
        boolean[] deep = LevelJumps.find(map, LevelJumps.MIN_JUMP, 16);
        for (int i = 0; i < deep.length; i++) {
            int col = i % 5;
            assertFalse(nominal[i], "patch " + i);
            assertEquals(col == 1 || col == 2, deep[i], "patch " + i);
        }
        assertEquals(16.0, BornWolfLevels.of(new dev.delp.psf.Optics(0.5, 500, 1.0, 0.65, 2.0)).withDeepestAtUm(32)
                .deepestInLevels(), 1e-12);
        assertEquals(10.0, TestSupport.gaussianLevels().deepestInLevels());
        assertThrows(IllegalArgumentException.class, () -> LevelJumps.find(map, 2, 9.5));
        assertThrows(IllegalArgumentException.class, () -> LevelJumps.find(map, 2, 41));
        assertThrows(IllegalArgumentException.class, () -> LevelJumps.find(map, 2, Double.NaN));
    }

    @Test
    void marksBothSidesOfAStepAndNothingOnATilt() {
        boolean[] step = LevelJumps.find(byColumn(1, 1, 6, 6, 6), LevelJumps.MIN_JUMP);
        boolean[] tilt = LevelJumps.find(byColumn(2, 3, 4, 5, 6), LevelJumps.MIN_JUMP);
        for (int i = 0; i < step.length; i++) {
            int col = i % 5;
            assertEquals(col == 1 || col == 2, step[i], "patch " + i);
            assertFalse(tilt[i], "patch " + i);
        }
        // exactly the threshold counts, just below it does not
        assertTrue(LevelJumps.find(byColumn(3, 3, 5, 5, 5), 2)[1]);
        assertFalse(LevelJumps.find(byColumn(3, 3, 5, 5, 5), 2.01)[1]);
    }

    /** Soft probabilities count through their expected level; background mass is left out. */
    @Test
    void usesTheExpectedLevelWithoutBackground() {
        PatchGrid grid = PatchGrid.of(W, H, 42);
        float[][] p = new float[grid.count()][PatchClassifier.CLASSES];
        for (float[] row : p) {
            row[1] = 1; // every patch level 1 ...
        }
        p[7] = new float[PatchClassifier.CLASSES]; // ... but (2, 1): 0.35 level 1, 0.35 level 5, 0.3 background
        p[7][1] = 0.35f;
        p[7][5] = 0.35f;
        p[7][PatchClassifier.BG] = 0.3f;
        p[2] = new float[PatchClassifier.CLASSES]; // (2, 0): background only
        p[2][PatchClassifier.BG] = 1;
        p[4] = new float[PatchClassifier.CLASSES]; // (4, 0): background arg-max with its remainder at level 9
        p[4][9] = 0.2f;
        p[4][PatchClassifier.BG] = 0.8f;
        DefocusMap map = new DefocusMap(grid, p);
        double[] e = LevelJumps.expectedLevels(map);
        assertEquals(3.0, e[7], 1e-6);
        assertEquals(-1.0, e[2], 0.0);
        assertEquals(9.0, e[4], 1e-6);
        boolean[] j = LevelJumps.find(map, 2);
        for (int i = 0; i < j.length; i++) {
            // patch 7 (E = 3) and its level-1 neighbours 6, 8, 12 jump; 2 (no level mass) and 4
            // (background arg-max, E = 9 from its remainder) never count, nor make 3 or 9 jump
            assertEquals(i == 7 || i == 6 || i == 8 || i == 12, j[i], "patch " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> LevelJumps.find(map, 0));
        assertThrows(IllegalArgumentException.class, () -> LevelJumps.find(map, Double.NaN));
    }

    /** Noise-free data of a depth step at {@code STEP_X} (levels of the Gaussian test PSFs left and right). */
    private static float[] stepData(float[] truth, int levelLeft, int levelRight) {
        return TestSupport.stepData(truth, W, H, STEP_X, GAUSS.psf(levelLeft), GAUSS.psf(levelRight));
    }

    /**
     * With its jump patches the interpolated mode equals case (ii) between the two centres around the
     * step (every weight there belongs to a patch restored patch-wise, as case (ii) restores it), and
     * equals the global run alone where no jump patch's weight reaches (left of centre 0 and
     * right of centre 3, x ≤ 41 and x ≥ 168); a map without a jump gives the global run's bytes.
     */
    @Test
    void jumpPatchesAreCaseTwoAtTheStepAndTheGlobalRunElsewhere() {
        float[] truth = TestSupport.specimen(W, H, 31);
        Image2d img = new Image2d(W, H, TestSupport.noisy(stepData(truth, 1, 6), 50, 32));
        IterationPolicy policy = IterationPolicy.table(0, 6, 0, 0, 0, 0, 25, 0, 0, 0, 0);
        Awdvd awdvd = new Awdvd((p, s, n, pl) -> {
            throw new IllegalStateException("the map is given");
        }, GAUSS, new RlPatchDeconvolver(GAUSS), policy);
        AwdvdOptions interp = AwdvdOptions.defaults().withMode(AwdvdOptions.Mode.INTERPOLATED);
        DefocusMap map = byColumn(1, 1, 6, 6, 6);
        float[] plain = globalRun(img, map, policy);
        float[] jump = awdvd.deconvolve(img, map, interp, TWO, AwdvdProgress.NONE).image().data();
        float[] two = awdvd.deconvolve(img, map, AwdvdOptions.defaults(), TWO, AwdvdProgress.NONE).image().data();
        double max = 0;
        for (float v : two) {
            max = Math.max(max, Math.abs(v));
        }
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = x + W * y;
                if (x >= 84 && x <= 125) {
                    // case (ii) divides by its summed tent weights, the stops add hats that sum to 1:
                    // the same weights in float, so agreement to float rounding (1e-5 of the max)
                    assertEquals(two[p], jump[p], 1e-5 * max, "x " + x + " y " + y);
                } else if (x <= 41 || x >= 168) {
                    assertEquals(plain[p], jump[p], 1e-5 * max, "x " + x + " y " + y);
                }
            }
        }
        // the band is where the plain run differs from case (ii): make sure the test could fail
        double band = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 84; x <= 125; x++) {
                band = Math.max(band, Math.abs(plain[x + W * y] - two[x + W * y]));
            }
        }
        assertTrue(band > 1e-2 * max, "plain interpolated equals case (ii) at the step: " + band + " of " + max);
        DefocusMap flat = byColumn(4, 4, 5, 5, 5);
        assertArrayEquals(globalRun(img, flat, policy),
                awdvd.deconvolve(img, flat, interp, TWO, AwdvdProgress.NONE).image().data());
    }

    /** The interpolated mode's global run alone (no jump patches), as {@link Awdvd} sets it up. */
    private static float[] globalRun(Image2d img, DefocusMap map, IterationPolicy policy) {
        WeightMaps maps = WeightMaps.interpolate(map.grid(), map.probabilities(), AwdvdOptions.defaults().minWeight());
        RegionStops stops = RegionStops.perPatch(map, maps.labels(), img.data(), GAUSS, policy);
        return VariantRichardsonLucy.deconvolve(img.data(), maps, GAUSS, stops, RlStart.FLAT, BlurModel.OBJECT_SIDE,
                TWO, AwdvdProgress.NONE);
    }

    @Test
    void replacingChecksItsArguments() {
        PatchGrid grid = PatchGrid.of(W, H, 42);
        DefocusMap map = byColumn(1, 1, 6, 6, 6);
        float[] y = new float[W * H];
        java.util.Arrays.fill(y, 10f);
        RegionStops stops = RegionStops.perPatch(map, new int[] {1, 6}, y, GAUSS, IterationPolicy.fixed(3));
        assertThrows(IllegalArgumentException.class, () -> stops.replacing(map, new float[grid.count() - 1][]));
        float[][] wrongSize = new float[grid.count()][];
        wrongSize[3] = new float[10];
        assertThrows(IllegalArgumentException.class, () -> stops.replacing(map, wrongSize));
        RegionStops perClass = RegionStops.perClass(WeightMaps.single(W, H, 1), IterationPolicy.fixed(1));
        assertThrows(IllegalArgumentException.class, () -> perClass.replacing(map, new float[grid.count()][]));
        // stride 84: a centre's weight spans 168 px, beyond its 84-px window
        PatchGrid wide = PatchGrid.of(W, H, 84);
        DefocusMap wideMap = DefocusMap.ofLabels(wide, new int[wide.count()]);
        RegionStops wideStops = RegionStops.perPatch(wideMap, new int[] {0}, y, GAUSS, IterationPolicy.fixed(1));
        float[][] one = new float[wide.count()][];
        one[1] = new float[84 * 84];
        assertThrows(IllegalArgumentException.class, () -> wideStops.replacing(wideMap, one));
    }

    /** Every patch replaced by its own window of an image gives that image back (the weights sum to 1). */
    @Test
    void replacedPatchesKeepAPartitionOfUnity() {
        for (int[] s : new int[][] {{W, H}, {100, 91}, {200, 130}}) {
            PatchGrid grid = PatchGrid.of(s[0], s[1], 42);
            float[] img = TestSupport.texture(s[0], s[1], s[0] + 7L * s[1]);
            Image2d im = new Image2d(s[0], s[1], img);
            int[] labels = new int[grid.count()];
            java.util.Arrays.fill(labels, 2);
            DefocusMap map = DefocusMap.ofLabels(grid, labels);
            RegionStops stops = RegionStops.perPatch(map, new int[] {2}, img, GAUSS, IterationPolicy.fixed(4));
            float[][] own = new float[grid.count()][];
            for (int i = 0; i < own.length; i += 2) { // every other patch; the rest stay at 4 iterations
                own[i] = Awdvd.cut(im, grid.patchX(i), grid.patchY(i), 84, 84);
            }
            RegionStops mixed = stops.replacing(map, own);
            assertTrue(mixed.hasPatchImages());
            assertFalse(stops.hasPatchImages());
            double[] acc = new double[img.length];
            for (int k : mixed.counts()) {
                mixed.accumulate(k, img, acc);
            }
            for (int p = 0; p < acc.length; p++) {
                assertEquals(img[p], acc[p], 1e-5 * Math.abs(img[p]) + 1e-6, s[0] + "x" + s[1] + " pixel " + p);
            }
        }
    }
}
