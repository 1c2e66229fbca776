package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class BlurModelTest {
    private static final ForkJoinPool TWO = new ForkJoinPool(2);
    private static final PsfSource GAUSS = TestSupport.gaussianLevels();
    private static final int W = 160, H = 96;

    @AfterAll
    static void shutdown() {
        TWO.shutdown();
    }

    /** With one class of weight 1 both operators are the plain convolution: same RL iterates. */
    @Test
    void oneClassModelsAgree() {
        float[] y = TestSupport.noisy(TestSupport.blurReflect(TestSupport.specimen(W, H, 3), W, H, GAUSS.psf(3)), 5, 4);
        WeightMaps one = WeightMaps.single(W, H, 3);
        RegionStops stops = RegionStops.perClass(one, IterationPolicy.fixed(12));
        float[] a = VariantRichardsonLucy.deconvolve(y, one, GAUSS, stops, RlStart.FLAT, BlurModel.IMAGE_SIDE, TWO,
                AwdvdProgress.NONE);
        float[] b = VariantRichardsonLucy.deconvolve(y, one, GAUSS, stops, RlStart.FLAT, BlurModel.OBJECT_SIDE, TWO,
                AwdvdProgress.NONE);
        double max = 0, worst = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i]));
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        // same arithmetic up to the order of float products (fma vs multiply-add): ~1e-6 relative
        // per iteration over 12 iterations; a wrong adjoint or a missing margin differs by percent
        assertTrue(worst <= 1e-4 * max, "worst " + worst + " of max " + max);
    }

    /**
     * Noise-free data of a two-depth specimen blurred object side (each emitter by the PSF of its
     * own half, the physics of a depth step): the object-side operator is the exact model, so after
     * many iterations it must fit the data better and restore the truth better than the image-side
     * mixture, whose pixels near the step mix the two PSFs of the light they receive.
     */
    @Test
    void objectSideIsExactForAnObjectSideStep() {
        float[] truth = TestSupport.specimen(W, H, 9);
        float[] left = new float[W * H], right = new float[W * H];
        float[] mLeft = new float[W * H], mRight = new float[W * H];
        for (int p = 0; p < truth.length; p++) {
            boolean l = p % W < W / 2;
            (l ? left : right)[p] = truth[p];
            (l ? mLeft : mRight)[p] = 1f;
        }
        float[] bl = TestSupport.blurReflect(left, W, H, GAUSS.psf(1));
        float[] br = TestSupport.blurReflect(right, W, H, GAUSS.psf(6));
        float[] y = new float[W * H];
        for (int p = 0; p < y.length; p++) {
            y[p] = bl[p] + br[p];
        }
        WeightMaps step = WeightMaps.explicit(W, H, new int[] {1, 6}, new float[][] {mLeft, mRight});
        RegionStops stops = RegionStops.perClass(step, IterationPolicy.fixed(60));
        float[] img = VariantRichardsonLucy.deconvolve(y, step, GAUSS, stops, RlStart.FLAT, BlurModel.IMAGE_SIDE, TWO,
                AwdvdProgress.NONE);
        float[] obj = VariantRichardsonLucy.deconvolve(y, step, GAUSS, stops, RlStart.FLAT, BlurModel.OBJECT_SIDE, TWO,
                AwdvdProgress.NONE);
        double pImg = TestSupport.psnr(img, truth), pObj = TestSupport.psnr(obj, truth);
        assertTrue(pObj > pImg + 0.1, "object side " + pObj + " dB, image side " + pImg + " dB");
    }

    @Test
    void nullModelIsRejected() {
        WeightMaps one = WeightMaps.single(8, 8, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VariantRichardsonLucy.deconvolve(
                new float[64], one, GAUSS, RegionStops.perClass(one, IterationPolicy.fixed(1)), RlStart.FLAT, null, TWO,
                AwdvdProgress.NONE));
        assertTrue(e.getMessage().contains("IMAGE_SIDE or OBJECT_SIDE"), e.getMessage());
    }

    @Test
    void rampsArePartitionsOfUnity() {
        CentreRamp[] ramps = {CentreRamp.linear(), new CentreRamp(1, true), new CentreRamp(0.5, false),
            new CentreRamp(0.25, true)};
        for (CentreRamp r : ramps) {
            assertEquals(0, r.apply(0), 0);
            assertEquals(1, r.apply(1), 0);
            double prev = 0;
            for (int i = 0; i <= 100; i++) {
                double t = i / 100.0;
                double f = r.apply(t);
                assertTrue(f >= prev, r + " not monotone at " + t);
                // symmetric: the two centres' weights sum to 1 (1e-12: double rounding of the ramp)
                assertEquals(1, f + r.apply(1 - t), 1e-12, r + " at " + t);
                prev = f;
            }
        }
        assertEquals(0.3, CentreRamp.linear().apply(0.3), 1e-15);
        assertEquals(0, new CentreRamp(0.5, false).apply(0.25), 0); // flat over the inner quarter
        assertEquals(0.1, new CentreRamp(0.5, false).apply(0.3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new CentreRamp(0, false));
        assertThrows(IllegalArgumentException.class, () -> new CentreRamp(1.5, false));
    }

    /** Narrow ramps keep the maps a partition of unity and hold each patch's value near its centre. */
    @Test
    void narrowRampWeightMapsSumToOne() {
        PatchGrid grid = PatchGrid.of(W, H, 42);
        int[] labels = new int[grid.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2 == 0 ? 2 : 5;
        }
        DefocusMap map = DefocusMap.ofLabels(grid, labels);
        WeightMaps maps = WeightMaps.interpolate(grid, map.probabilities(), 0.05f, new CentreRamp(0.5, true));
        for (int p = 0; p < W * H; p++) {
            double s = 0;
            for (int c = 0; c < maps.count(); c++) {
                s += maps.map(c)[p];
            }
            assertEquals(1, s, 1e-6, "pixel " + p);
        }
        // pixel (centre x + 5, centre y): within the flat inner quarter of patch 0's cell
        int x = (int) grid.columnCentres()[0] + 5, y = (int) grid.rowCentres()[0];
        int li = maps.label(0) == 2 ? 0 : 1;
        assertEquals(1, maps.map(li)[x + W * y], 1e-6);
    }
}
