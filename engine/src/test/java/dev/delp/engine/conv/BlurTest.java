package dev.delp.engine.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Stack3d;
import dev.delp.engine.testio.TestPsfs;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class BlurTest {
    /** Direct double-precision convolution with half-sample mirrored borders. */
    static Image2d bruteReflect(Image2d x, Image2d psf) {
        int rx = psf.width() / 2;
        int ry = psf.height() / 2;
        Image2d out = Image2d.zeros(x.width(), x.height());
        for (int y = 0; y < x.height(); y++) {
            for (int xx = 0; xx < x.width(); xx++) {
                double s = 0;
                for (int j = 0; j < psf.height(); j++) {
                    for (int i = 0; i < psf.width(); i++) {
                        // (h ⊛ x)(p) = sum_q h(q) x(p - q), q relative to the PSF centre
                        s += psf.get(i, j) * (double) x.getReflect(xx - (i - rx), y - (j - ry));
                    }
                }
                out.set(xx, y, (float) s);
            }
        }
        return out;
    }

    @Test
    void fftBlurEqualsBruteForceWithMirroredBorders() {
        SplittableRandom r = new SplittableRandom(1);
        for (int[] s : new int[][] {{1, 1}, {7, 13}, {31, 20}, {84, 84}}) {
            Image2d x = Image2d.zeros(s[0], s[1]);
            for (int i = 0; i < x.size(); i++) {
                x.data()[i] = (float) r.nextDouble();
            }
            Image2d psf = TestPsfs.skewed2d(9, 1.8);
            Image2d fast = Blur.reflect(x, psf, new OtfCache(2), ForkJoinPool.commonPool());
            Image2d ref = bruteReflect(x, psf);
            // float FFT of values ~1: errors ~1e-6 of the signal; 1e-5 absolute is a safe bound.
            for (int i = 0; i < x.size(); i++) {
                assertEquals(ref.data()[i], fast.data()[i], 1e-5, "shape " + x.shape() + " at " + i);
            }
        }
    }

    @Test
    void blur3dMatchesDirectSum() {
        SplittableRandom r = new SplittableRandom(2);
        Stack3d x = Stack3d.zeros(9, 7, 5);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) r.nextDouble();
        }
        Stack3d psf = TestPsfs.gaussian3d(5, 3, 1.0, 0.8);
        Stack3d fast = Blur.reflect(x, psf, new OtfCache(2), ForkJoinPool.commonPool());
        for (int z = 0; z < 5; z++) {
            for (int y = 0; y < 7; y++) {
                for (int xx = 0; xx < 9; xx++) {
                    double s = 0;
                    for (int k = 0; k < 3; k++) {
                        for (int j = 0; j < 5; j++) {
                            for (int i = 0; i < 5; i++) {
                                int sx = dev.delp.engine.image.Reflect.index(xx - (i - 2), 9);
                                int sy = dev.delp.engine.image.Reflect.index(y - (j - 2), 7);
                                int sz = dev.delp.engine.image.Reflect.index(z - (k - 1), 5);
                                s += psf.get(i, j, k) * (double) x.get(sx, sy, sz);
                            }
                        }
                    }
                    assertEquals(s, fast.get(xx, y, z), 1e-5);
                }
            }
        }
    }

    @Test
    void otfCacheReusesAndKeysOnContent() {
        OtfCache c = new OtfCache(4);
        Image2d p = TestPsfs.gaussian2d(5, 1);
        Otf2d a = c.otf(p, 16, 16, ForkJoinPool.commonPool());
        assertTrue(a == c.otf(p.copy(), 16, 16, ForkJoinPool.commonPool()));
        p.data()[0] += 1e-3f; // mutated PSF must not hit the old entry
        assertTrue(a != c.otf(p, 16, 16, ForkJoinPool.commonPool()));
        assertEquals(2, c.size());
    }
}
