package dev.delp.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.delp.engine.image.Reflect;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QualityTest {

    @Test
    void psnrByHand() {
        float[] truth = {0, 1, 2, 3};
        float[] img = {0, 1, 2, 4}; // MSE 0.25, range 3: 10 log10(9 / 0.25) = 15.563 dB
        assertEquals(10 * Math.log10(36), Quality.psnr(img, truth, Quality.range(truth)), 1e-12);
    }

    @Test
    void ssimOfAnImageWithItselfIsOne() {
        float[] a = random(37, 29, 1);
        assertEquals(1.0, Quality.ssim(a, a, 37, 29, Quality.range(a)), 1e-12);
    }

    @Test
    void ssimMatchesADirect2dWindowImplementation() {
        int w = 31, h = 26;
        float[] truth = random(w, h, 2);
        float[] img = random(w, h, 3);
        for (int i = 0; i < img.length; i++) {
            img[i] = 0.6f * truth[i] + 0.4f * img[i];
        }
        double range = Quality.range(truth);
        // independent: the 11x11 window as an explicit 2D product, mirrored borders, sums in double
        double[] g = new double[11];
        double s = 0;
        for (int i = -5; i <= 5; i++) {
            g[i + 5] = Math.exp(-i * i / (2 * 1.5 * 1.5));
            s += g[i + 5];
        }
        double c1 = Math.pow(0.01 * range, 2), c2 = Math.pow(0.03 * range, 2), total = 0;
        int n = 0;
        for (int y = 5; y < h - 5; y++) {
            for (int x = 5; x < w - 5; x++) {
                double mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
                for (int v = -5; v <= 5; v++) {
                    for (int u = -5; u <= 5; u++) {
                        double k = g[u + 5] * g[v + 5] / (s * s);
                        int p = Reflect.index(x + u, w) + w * Reflect.index(y + v, h);
                        mx += k * img[p];
                        my += k * truth[p];
                        mxx += k * img[p] * img[p];
                        myy += k * truth[p] * truth[p];
                        mxy += k * img[p] * truth[p];
                    }
                }
                double vx = mxx - mx * mx, vy = myy - my * my, cxy = mxy - mx * my;
                total += (2 * mx * my + c1) * (2 * cxy + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                n++;
            }
        }
        // Same maths in a different order: the package's reference agrees to double round-off; the
        // engine's implementation (which the evaluation uses) is allowed 1e-6, far below any SSIM
        // difference the report discusses.
        assertEquals(total / n, Quality.ssimReference(img, truth, w, h, range), 1e-10);
        assertEquals(total / n, Quality.ssim(img, truth, w, h, range), 1e-6);
    }

    private static float[] random(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[w * h];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextDouble() * 100);
        }
        return a;
    }
}
