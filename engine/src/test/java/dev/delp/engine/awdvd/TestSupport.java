package dev.delp.engine.awdvd;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Reflect;
import java.util.SplittableRandom;

/** Small independent helpers: Gaussian PSFs, direct (double) convolution, specimens, PSNR. */
final class TestSupport {
    private TestSupport() {
    }

    /** Normalised Gaussian PSF with sigma growing with the level, odd size 2r+1. */
    static PsfSource gaussianLevels() {
        Image2d[] cache = new Image2d[PatchClassifier.LEVELS];
        for (int l = 0; l < cache.length; l++) {
            double sigma = 0.6 + 1.2 * l;
            int r = (int) Math.ceil(3 * sigma);
            cache[l] = gaussian(sigma, r);
        }
        return level -> cache[level];
    }

    static Image2d gaussian(double sigma, int r) {
        int n = 2 * r + 1;
        double[] v = new double[n * n];
        double s = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double d2 = (x - r) * (x - r) + (y - r) * (y - r);
                v[x + n * y] = Math.exp(-d2 / (2 * sigma * sigma));
                s += v[x + n * y];
            }
        }
        float[] f = new float[n * n];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (v[i] / s);
        }
        return new Image2d(n, n, f);
    }

    /** Direct convolution with mirrored borders, in double. */
    /**
     * Noise-free data of a vertical depth step at column {@code stepX}: each emitter of {@code truth}
     * blurred (mirrored borders) by the PSF of its own side.
     */
    static float[] stepData(float[] truth, int w, int h, int stepX, Image2d psfLeft, Image2d psfRight) {
        float[] left = new float[w * h], right = new float[w * h];
        for (int p = 0; p < truth.length; p++) {
            (p % w < stepX ? left : right)[p] = truth[p];
        }
        float[] bl = blurReflect(left, w, h, psfLeft), br = blurReflect(right, w, h, psfRight);
        float[] y = new float[w * h];
        for (int p = 0; p < y.length; p++) {
            y[p] = bl[p] + br[p];
        }
        return y;
    }

    static float[] blurReflect(float[] img, int w, int h, Image2d psf) {
        int r = psf.width() / 2;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int v = -r; v <= r; v++) {
                    int yy = Reflect.index(y - v, h);
                    for (int u = -r; u <= r; u++) {
                        s += psf.get(u + r, v + r) * img[Reflect.index(x - u, w) + w * yy];
                    }
                }
                out[x + w * y] = (float) s;
            }
        }
        return out;
    }

    /** Blobs of several sizes on a dim background, values up to ~1000. */
    static float[] specimen(int w, int h, long seed) {
        return specimen(w, h, seed, 400, 4);
    }

    /** Statistically homogeneous fine texture: one blob per 40 pixels, sigma 0.8-1.8. */
    static float[] texture(int w, int h, long seed) {
        return specimen(w, h, seed, 40, 1);
    }

    private static float[] specimen(int w, int h, long seed, int pixelsPerBlob, double sigmaRange) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] img = new float[w * h];
        int blobs = Math.max(4, w * h / pixelsPerBlob);
        for (int b = 0; b < blobs; b++) {
            double cx = rnd.nextDouble() * w, cy = rnd.nextDouble() * h;
            double sigma = 0.8 + rnd.nextDouble() * sigmaRange, amp = 200 + rnd.nextDouble() * 800;
            int r = (int) Math.ceil(4 * sigma);
            for (int y = Math.max(0, (int) cy - r); y < Math.min(h, (int) cy + r + 1); y++) {
                for (int x = Math.max(0, (int) cx - r); x < Math.min(w, (int) cx + r + 1); x++) {
                    double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    img[x + w * y] += (float) (amp * Math.exp(-d2 / (2 * sigma * sigma)));
                }
            }
        }
        for (int i = 0; i < img.length; i++) {
            img[i] += 20;
        }
        return img;
    }

    /** Adds Poisson-like noise: Gaussian with variance = value / gain (fast, seeded). */
    static float[] noisy(float[] img, double gain, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] out = new float[img.length];
        for (int i = 0; i < img.length; i++) {
            double g = gaussian(rnd);
            out[i] = (float) Math.max(0, img[i] + g * Math.sqrt(Math.max(img[i], 0) / gain));
        }
        return out;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble(), u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double psnr(float[] a, float[] truth) {
        double max = 0, se = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, truth[i]);
            double d = a[i] - truth[i];
            se += d * d;
        }
        return 10 * Math.log10(max * max / (se / a.length));
    }
}
