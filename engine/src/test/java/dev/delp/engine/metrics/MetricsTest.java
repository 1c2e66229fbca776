package dev.delp.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import org.junit.jupiter.api.Test;

class MetricsTest {
    /** v = float(100 + 80 sin(0.37 x seed) + 30 cos(0.11 y + seed)), as in the Python reference. */
    private static Image2d pattern(int w, int h, int seed) {
        Image2d im = Image2d.zeros(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                im.set(x, y, (float) (100 + 80 * Math.sin(0.37 * x * seed) + 30 * Math.cos(0.11 * y + seed)));
            }
        }
        return im;
    }

    @Test
    void psnrHandComputed() {
        // MSE of {0,0,0,0} vs {1,1,1,3} = (1+1+1+9)/4 = 3; PSNR = 10 log10(21675) = 43.3596...
        Image2d a = new Image2d(2, 2, new float[] {0, 0, 0, 0});
        Image2d b = new Image2d(2, 2, new float[] {1, 1, 1, 3});
        assertEquals(3.0, Psnr.mse(a, b), 0);
        assertEquals(10 * Math.log10(255.0 * 255.0 / 3), Psnr.of(a, b, 255), 1e-12);
        assertEquals(43.35959, Psnr.of(a, b, 255), 1e-5);
        assertEquals(Double.POSITIVE_INFINITY, Psnr.of(a, a, 1));
        assertThrows(IllegalArgumentException.class, () -> Psnr.of(a, b, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Psnr.of(a, Image2d.zeros(3, 2), 1));
        assertTrue(e.getMessage().contains("2x2") && e.getMessage().contains("3x2"), e.getMessage());
    }

    @Test
    void ssimOfIdenticalImagesIsOne() {
        for (int[] s : new int[][] {{1, 1}, {7, 3}, {23, 17}, {84, 84}}) {
            Image2d a = pattern(s[0], s[1], 2);
            Ssim.Result r = Ssim.compute(a, a, 255);
            assertEquals(1.0, r.mean(), 1e-12);
            for (float v : r.map().data()) {
                assertEquals(1.0, v, 1e-6);
            }
        }
    }

    @Test
    void ssimOfConstantImagesIsTheLuminanceTerm() {
        // Constants a, b: all variances vanish, so SSIM = (2ab + C1) / (a^2 + b^2 + C1).
        Image2d a = Image2d.filled(12, 12, 50);
        Image2d b = Image2d.filled(12, 12, 80);
        double c1 = (0.01 * 255) * (0.01 * 255);
        assertEquals((2 * 50 * 80 + c1) / (50 * 50 + 80 * 80 + c1), Ssim.of(a, b, 255), 1e-12);
    }

    @Test
    void ssimMatchesScipyReference() {
        // Expected values from scipy.ndimage.gaussian_filter(sigma=1.5, truncate=3.5) with the
        // formula of skimage.metrics.structural_similarity (gaussian_weights=True,
        // use_sample_covariance=False), computed in float64 on the same float32 images; the
        // Python snippet is in engine/docs/metrics-reference.md. Java's sin/cos may differ from
        // numpy by 1 ulp before the float cast, hence 1e-6 rather than 1e-12.
        Image2d x = pattern(23, 17, 1);
        Image2d y = pattern(23, 17, 2);
        Ssim.Result r = Ssim.compute(x, y, 255);
        assertEquals(-0.02571267525285522, r.mean(), 1e-6);
        assertEquals(0.8470979137998854, r.map().get(0, 0), 1e-6);
        assertEquals(-0.03810966783323766, r.map().get(11, 8), 1e-6);
        assertEquals(-0.08713289290457356, r.map().get(22, 16), 1e-6);

        Image2d a = pattern(40, 31, 3);
        Image2d n = pattern(40, 31, 5);
        Image2d b = Image2d.zeros(40, 31);
        for (int i = 0; i < b.size(); i++) {
            b.data()[i] = (float) (a.data()[i] + n.data()[i] * 0.1);
        }
        Ssim.Result r2 = Ssim.compute(a, b, 300);
        assertEquals(0.986701859160876, r2.mean(), 1e-6);
        assertEquals(0.9732878099690518, r2.map().get(4, 3), 1e-6);
        assertEquals(27.193767479499407, Psnr.of(a, b, 300), 1e-5);
    }
}
