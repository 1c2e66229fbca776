package dev.delp.engine.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /** A blur commutes with a power-of-two scale bit for bit; 3e38 overflowed the FFT into NaN. */
    @Test
    void anyScaleGivesTheSameBitsScaled() {
        SplittableRandom r = new SplittableRandom(4);
        Image2d im = Image2d.zeros(37, 29);
        for (int i = 0; i < im.size(); i++) {
            im.data()[i] = (float) (r.nextDouble() * 100 - 20);
        }
        Stack3d st = new Stack3d(13, 11, 5, java.util.Arrays.copyOf(im.data(), 13 * 11 * 5));
        OtfCache cache = new OtfCache(4);
        ForkJoinPool pool = ForkJoinPool.commonPool();
        float[] ref = Blur.reflect(im, TestPsfs.gaussian2d(9, 1.5), cache, pool).data();
        float[] ref3 = Blur.reflect(st, TestPsfs.gaussian3d(5, 3, 1.2, 1), cache, pool).data();
        for (int k : new int[] {120, -120, 3}) {
            float f = Math.scalb(1f, k);
            float[] out = Blur.reflect(new Image2d(37, 29, times(im.data(), f)), TestPsfs.gaussian2d(9, 1.5), cache, pool)
                    .data();
            float[] out3 = Blur.reflect(new Stack3d(13, 11, 5, times(st.data(), f)), TestPsfs.gaussian3d(5, 3, 1.2, 1),
                    cache, pool).data();
            assertArrayEquals(times(ref, f), out, "2^" + k);
            assertArrayEquals(times(ref3, f), out3, "3D 2^" + k);
        }
        float[] huge = Blur.reflect(Image2d.filled(40, 30, 3e38f), TestPsfs.gaussian2d(9, 1.5), cache, pool).data();
        for (float v : huge) {
            assertEquals(3e38f, v, 1e-5f * 3e38f);
        }
    }

    private static float[] times(float[] a, float f) {
        float[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= f;
        }
        return out;
    }
}
