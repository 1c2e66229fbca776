package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Border patches take their margin only from the image (the object grows past the border,
 * Bertero–Boccacci), because the specimen of a real field continues beyond it.
 */
class BorderPatchTest {
    private static final ForkJoinPool TWO = new ForkJoinPool(2);
    private static final PsfSource GAUSS = TestSupport.gaussianLevels();
    private static final int LEVEL = 4;
    private static final int ITERATIONS = 25;

    @AfterAll
    static void shutdown() {
        TWO.shutdown();
    }

    @Test
    void aBorderPatchIsRlOfItsWindowClippedToTheImage() {
        int w = 252, h = 168; // multiples of 84: case (i)'s patches do not overlap
        Image2d img = new Image2d(w, h, TestSupport.blurReflect(TestSupport.specimen(w, h, 11), w, h, GAUSS.psf(LEVEL)));
        Awdvd awdvd = new Awdvd(PatchClassifier.constant(LEVEL), GAUSS, new RlPatchDeconvolver(GAUSS),
                IterationPolicy.fixed(ITERATIONS));
        float[] out = awdvd.deconvolve(img, AwdvdOptions.defaults().withStride(84), TWO, AwdvdProgress.NONE).image().data();
        int m = GAUSS.radius(LEVEL);
        // the bottom-right patch of case (i): its margin only above and left of it
        PatchGrid grid = PatchGrid.of(w, h, 84);
        int last = grid.count() - 1, x0 = grid.patchX(last), y0 = grid.patchY(last);
        int rw = w - (x0 - m), rh = h - (y0 - m);
        float[] window = Awdvd.cut(img, x0 - m, y0 - m, rw, rh);
        float[] direct = new RlPatchDeconvolver(GAUSS).deconvolve(window, rw, rh, LEVEL, ITERATIONS, TWO);
        float[] expected = new float[84 * 84], got = new float[84 * 84];
        for (int y = 0; y < 84; y++) {
            System.arraycopy(direct, m + rw * (y + m), expected, 84 * y, 84);
            System.arraycopy(out, x0 + w * (y0 + y), got, 84 * y, 84);
        }
        assertArrayEquals(expected, got);
    }

    /**
     * A field cut from inside a larger blurred specimen: near the border, RL of the clipped window
     * (what the pipeline runs) is closer to the truth than RL of a window mirrored at the border,
     * which invents a mirror-image specimen where the real one continues.
     */
    @Test
    void aSpecimenThatContinuesBeyondTheFieldRestoresBetterThanWithMirroredData() {
        int big = 260, inset = 60, w = big - 2 * inset;
        float[] truthBig = TestSupport.specimen(big, big, 5);
        float[] blurredBig = TestSupport.blurReflect(truthBig, big, big, GAUSS.psf(LEVEL));
        float[] field = new float[w * w], truth = new float[w * w];
        for (int y = 0; y < w; y++) {
            System.arraycopy(blurredBig, inset + big * (y + inset), field, w * y, w);
            System.arraycopy(truthBig, inset + big * (y + inset), truth, w * y, w);
        }
        Image2d img = new Image2d(w, w, field);
        Awdvd awdvd = new Awdvd(PatchClassifier.constant(LEVEL), GAUSS, new RlPatchDeconvolver(GAUSS),
                IterationPolicy.fixed(ITERATIONS));
        float[] out = awdvd.deconvolve(img, AwdvdOptions.defaults().withStride(84), TWO, AwdvdProgress.NONE).image().data();
        int m = GAUSS.radius(LEVEL), size = 84 + 2 * m;
        float[] mirrored = new RlPatchDeconvolver(GAUSS).deconvolve(Awdvd.cut(img, -m, -m, size, size), size, size,
                LEVEL, ITERATIONS, TWO);
        double errClipped = 0, errMirrored = 0, errInput = 0;
        for (int y = 0; y < 84; y++) {
            for (int x = 0; x < 84; x++) {
                if (x >= 2 * m && y >= 2 * m) {
                    continue; // the band along the two borders of the corner patch
                }
                double t = truth[x + w * y];
                errClipped += sq(out[x + w * y] - t);
                errMirrored += sq(mirrored[(x + m) + size * (y + m)] - t);
                errInput += sq(field[x + w * y] - t);
            }
        }
        assertTrue(errClipped < errInput, "restores the band: " + errClipped + " vs input " + errInput);
        // measured 0.84 of the mirrored run's squared error (Gaussian PSFs; Born-Wolf disks, wider and
        // flatter, lose more to the mirror: docs/eval/README.md, session 10)
        assertTrue(errClipped < 0.9 * errMirrored, "clipped " + errClipped + " vs mirrored " + errMirrored);
    }

    private static double sq(double v) {
        return v * v;
    }
}
