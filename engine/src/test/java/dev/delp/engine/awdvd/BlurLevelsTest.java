package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The interpolated mode's blur operator has no background class ({@link BlurLevels}). */
class BlurLevelsTest {
    private static final ForkJoinPool TWO = new ForkJoinPool(2);
    private static final PsfSource GAUSS = TestSupport.gaussianLevels();

    @AfterAll
    static void shutdown() {
        TWO.shutdown();
    }

    private static float[] row(int arg, float p, int second, float q) {
        float[] r = new float[PatchClassifier.CLASSES];
        r[arg] = p;
        r[second] += q;
        return r;
    }

    @Test
    void levelPatchesLoseTheirBackgroundMassAndBackgroundPatchesTakeTheirNeighbours() {
        PatchGrid grid = PatchGrid.of(84 + 3 * 42, 84, 42); // one row of 4 patches
        assertEquals(4, grid.count());
        float[][] p = {
            row(3, 0.6f, PatchClassifier.BG, 0.4f), // level 3, some background mass
            row(PatchClassifier.BG, 0.9f, 8, 0.1f), // background: neighbours' levels, not its own 8
            row(5, 1f, 5, 0f),
            row(PatchClassifier.BG, 1f, 0, 0f), // background beside level 5 only
        };
        float[][] b = BlurLevels.of(new DefocusMap(grid, p));
        assertArrayEquals(row(3, 1f, 3, 0f), b[0]);
        assertArrayEquals(row(3, 0.5f, 5, 0.5f), b[1], 1e-7f);
        assertArrayEquals(row(5, 1f, 5, 0f), b[2]);
        assertArrayEquals(row(5, 1f, 5, 0f), b[3]);
    }

    @Test
    void backgroundWithoutLevelNeighboursTakesTheImagesMeanAndAllBackgroundIsNull() {
        PatchGrid grid = PatchGrid.of(84 + 4 * 42, 84, 42); // 5 patches in a row
        float[][] p = {
            row(2, 1f, 2, 0f), row(PatchClassifier.BG, 1f, 0, 0f), row(PatchClassifier.BG, 1f, 0, 0f),
            row(PatchClassifier.BG, 1f, 0, 0f), row(6, 1f, 6, 0f),
        };
        float[][] b = BlurLevels.of(new DefocusMap(grid, p));
        assertArrayEquals(row(2, 0.5f, 6, 0.5f), b[2], 1e-7f); // no level within its 3x3: mean of all
        assertArrayEquals(row(2, 1f, 2, 0f), b[1]);
        int[] bg = new int[grid.count()];
        java.util.Arrays.fill(bg, PatchClassifier.BG);
        assertNull(BlurLevels.of(DefocusMap.ofLabels(grid, bg)));
    }

    /**
     * Background patches next to restored ones: with background as an identity PSF in the operator,
     * RL fitted the noise where its weight was partial (a speckled rim round unrestored background on
     * real images); with the neighbours' levels the rim is as quiet as case (ii)'s.
     */
    @Test
    void noNoiseAmplificationRoundBackgroundPatches() {
        int w = 252, h = 168, level = 5;
        float[] clean = TestSupport.blurReflect(TestSupport.specimen(w, h, 21), w, h, GAUSS.psf(level));
        SplittableRandom rnd = new SplittableRandom(3);
        float[] y = new float[w * h];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) Math.max(0, clean[i] + Math.sqrt(clean[i] + 1) * rnd.nextGaussian());
        }
        PatchGrid grid = PatchGrid.of(w, h, 42);
        int[] labels = new int[grid.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = grid.patchX(i) == 0 ? PatchClassifier.BG : level; // left column: background
        }
        DefocusMap map = DefocusMap.ofLabels(grid, labels);
        Awdvd awdvd = new Awdvd(PatchClassifier.constant(level), GAUSS, new RlPatchDeconvolver(GAUSS),
                IterationPolicy.fixed(40));
        Image2d img = new Image2d(w, h, y);
        float[] interp = awdvd.deconvolve(img, map, AwdvdOptions.defaults().withMode(AwdvdOptions.Mode.INTERPOLATED),
                TWO, AwdvdProgress.NONE).image().data();
        float[] two = awdvd.deconvolve(img, map, AwdvdOptions.defaults(), TWO, AwdvdProgress.NONE).image().data();
        // the rim: between the background patches' centres (x = 42) and the next column's (x = 84)
        double roughInterp = roughness(interp, w, h, 48, 80), roughTwo = roughness(two, w, h, 48, 80);
        // measured: 1.00x case (ii)'s with the neighbours' levels; 12.9x with background as an identity PSF
        assertTrue(roughInterp < 1.5 * roughTwo, "rim roughness " + roughInterp + " vs case (ii) " + roughTwo);
    }

    /** Mean squared Laplacian over columns {@code [x0, x1)} (pixel noise shows here, not blurred content). */
    private static double roughness(float[] im, int w, int h, int x0, int x1) {
        double s = 0;
        int n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = x0; x < x1; x++) {
                double lap = 4 * im[x + w * y] - im[x - 1 + w * y] - im[x + 1 + w * y] - im[x + w * (y - 1)]
                        - im[x + w * (y + 1)];
                s += lap * lap;
                n++;
            }
        }
        return s / n;
    }
}
