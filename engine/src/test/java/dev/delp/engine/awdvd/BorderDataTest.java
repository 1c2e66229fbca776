package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Reflect;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** {@link BorderData#MIRRORED} in the global RL, and {@link WeightMaps#extended}. */
class BorderDataTest {
    private static final int W = 29, H = 21;
    private static final ForkJoinPool TWO = new ForkJoinPool(2);

    /**
     * One class: the mirrored global run must be the patch-wise RL of the image with a margin of the
     * PSF radius cut from the mirrored image (what {@link Awdvd} does for a border patch), cropped —
     * two independent implementations (different FFT grids), so agreement checks the padding, the
     * crop offset and the normalisation. Tolerance: float FFT round-off over 6 iterations on
     * different grid sizes, 2e-4 of the maximum (as in {@code RichardsonLucyReferenceTest}).
     */
    @Test
    void oneClassMirroredEqualsPatchRlOnTheMirroredRegion() {
        int r = 4;
        Image2d psf = TestSupport.gaussian(1.6, r);
        float[] y = TestSupport.noisy(TestSupport.blurReflect(TestSupport.specimen(W, H, 21), W, H, psf), 5, 22);
        WeightMaps one = WeightMaps.single(W, H, 3);
        float[] global = VariantRichardsonLucy.deconvolve(y, one, level -> psf,
                RegionStops.perClass(one, IterationPolicy.fixed(6)), RlStart.FLAT, BlurModel.OBJECT_SIDE,
                BorderData.MIRRORED, TWO, AwdvdProgress.NONE);
        int size = W + 2 * r, sizeY = H + 2 * r;
        float[] region = Awdvd.cut(new Image2d(W, H, y), -r, -r, size, sizeY);
        float[] patch = new RlPatchDeconvolver(level -> psf).deconvolve(region, size, sizeY, 3, 6, TWO);
        double max = maxAbs(global);
        assertTrue(max > 0);
        assertWithinOnCentre(patch, size, r, global, 2e-4);
        // and it is not the image-only run (the border data differ)
        float[] free = VariantRichardsonLucy.deconvolve(y, one, level -> psf,
                RegionStops.perClass(one, IterationPolicy.fixed(6)), RlStart.FLAT, BlurModel.OBJECT_SIDE,
                BorderData.IMAGE_ONLY, TWO, AwdvdProgress.NONE);
        double diff = 0;
        for (int p = 0; p < free.length; p++) {
            diff = Math.max(diff, Math.abs(free[p] - global[p]));
        }
        assertTrue(diff > 1e-2 * max, "image-only and mirrored runs differ by only " + diff);
    }

    /** Two classes: the mirrored run equals the image-only run of the mirrored image and extended maps, cropped. */
    @Test
    void twoClassesMirroredEqualsImageOnlyRunOnMirroredData() {
        Image2d a = TestSupport.gaussian(0.9, 2);
        Image2d b = TestSupport.gaussian(2.0, 5);
        float[] y = TestSupport.noisy(TestSupport.blurReflect(TestSupport.specimen(W, H, 5), W, H, b), 5, 12);
        float[][] maps = new float[2][W * H];
        for (int j = 0; j < H; j++) {
            for (int i = 0; i < W; i++) {
                float t = i / (float) (W - 1);
                maps[0][i + W * j] = 1 - t;
                maps[1][i + W * j] = t;
            }
        }
        WeightMaps wm = WeightMapsAccess.of(W, H, new int[] {1, 6}, maps);
        PsfSource psfs = level -> level == 1 ? a : b;
        IterationPolicy three = IterationPolicy.fixed(3);
        float[] got = VariantRichardsonLucy.deconvolve(y, wm, psfs, RegionStops.perClass(wm, three), RlStart.FLAT,
                BlurModel.OBJECT_SIDE, BorderData.MIRRORED, TWO, AwdvdProgress.NONE);
        int pad = 5, pw = W + 2 * pad, ph = H + 2 * pad;
        float[] big = new float[pw * ph];
        for (int j = 0; j < ph; j++) {
            for (int i = 0; i < pw; i++) {
                big[i + pw * j] = y[Reflect.index(i - pad, W) + W * Reflect.index(j - pad, H)];
            }
        }
        WeightMaps ext = wm.extended(pad);
        float[] ref = VariantRichardsonLucy.deconvolve(big, ext, psfs, RegionStops.perClass(ext, three), RlStart.FLAT,
                BlurModel.OBJECT_SIDE, BorderData.IMAGE_ONLY, TWO, AwdvdProgress.NONE);
        assertWithinOnCentre(ref, pw, pad, got, 2e-4);
    }

    /** The W×H centre of {@code padded} (row length {@code paddedWidth}, margin {@code pad}) vs {@code got}, relative to its maximum. */
    private static void assertWithinOnCentre(float[] padded, int paddedWidth, int pad, float[] got, double relTol) {
        double max = 0, worst = 0;
        for (int j = 0; j < H; j++) {
            for (int i = 0; i < W; i++) {
                float want = padded[i + pad + paddedWidth * (j + pad)];
                max = Math.max(max, Math.abs(want));
                worst = Math.max(worst, Math.abs(want - got[i + W * j]));
            }
        }
        assertTrue(max > 0, "reference is all zero");
        assertEquals(0, worst / max, relTol, "worst " + worst + " of " + max);
    }

    private static double maxAbs(float[] v) {
        double max = 0;
        for (float x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }

    @Test
    void extendedMapsRepeatTheEdgeAndStayNormalised() {
        float[][] maps = {{0.2f, 0.5f, 1f, 0.7f, 0.4f, 0f}, {0.8f, 0.5f, 0f, 0.3f, 0.6f, 1f}};
        WeightMaps wm = WeightMapsAccess.of(3, 2, new int[] {2, 7}, maps);
        WeightMaps e = wm.extended(2);
        assertEquals(7, e.width());
        assertEquals(6, e.height());
        assertEquals(2, e.label(0));
        assertEquals(7, e.label(1));
        // corner (0,0) of the extension takes image pixel (0,0); (6,5) takes (2,1); (3,0) takes (1,0)
        assertEquals(0.2f, e.map(0)[0]);
        assertEquals(0f, e.map(0)[6 + 7 * 5]);
        assertEquals(0.5f, e.map(0)[3]);
        assertEquals(0.7f, e.map(0)[2 + 7 * 3]); // interior: image pixel (0,1)
        for (int p = 0; p < 42; p++) {
            assertEquals(1f, e.map(0)[p] + e.map(1)[p], 1e-6f);
        }
        assertEquals(wm, wm.extended(0));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> wm.extended(-1));
        assertTrue(bad.getMessage().contains("-1"), bad.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> VariantRichardsonLucy
                .deconvolve(new float[6], wm, level -> TestSupport.gaussian(1, 1), RegionStops.perClass(wm,
                        IterationPolicy.fixed(1)), RlStart.FLAT, BlurModel.OBJECT_SIDE, null, TWO, AwdvdProgress.NONE));
        assertTrue(none.getMessage().contains("MIRRORED"), none.getMessage());
    }
}
