package dev.delp.engine.eval;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Reflect;

/**
 * PSNR and SSIM as DESIGN.md §4 defines them, delegating to the engine's metrics; the package's own
 * separable SSIM ({@link #ssimReference}) stays as an independent cross-check. SSIM: Wang et al. 2004 with an 11x11 Gaussian window σ = 1.5 (scipy
 * {@code gaussian_filter}, truncate 3.5, mirrored borders), K1 = 0.01, K2 = 0.03, population
 * covariances, averaged over the map without the 5-pixel border — scikit-image's
 * {@code structural_similarity(gaussian_weights=True, use_sample_covariance=False)}.
 */
public final class Quality {
    private static final double SIGMA = 1.5;
    private static final int RADIUS = 5; // int(3.5 * 1.5 + 0.5)

    private Quality() {
    }

    /** Data range used by the evaluation: {@code max - min} of the ground truth. */
    public static double range(float[] truth) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float v : truth) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi - lo;
    }

    /** {@code 10 log10(range² / MSE)}: the engine's {@link dev.delp.engine.metrics.Psnr}. */
    public static double psnr(float[] image, float[] truth, double dataRange) {
        check(image, truth);
        return dev.delp.engine.metrics.Psnr.of(new Image2d(truth.length, 1, truth), new Image2d(image.length, 1, image),
                dataRange);
    }

    /**
     * Mean SSIM of two {@code width x height} images: the engine's {@link dev.delp.engine.metrics.Ssim}
     * (checked against {@link #ssimReference}, an independent implementation, in the tests).
     */
    public static double ssim(float[] image, float[] truth, int width, int height, double dataRange) {
        check(image, truth);
        return dev.delp.engine.metrics.Ssim.of(new Image2d(width, height, truth), new Image2d(width, height, image),
                dataRange);
    }

    /** This package's own SSIM (separable Gaussian in double), the cross-check of the engine's. */
    static double ssimReference(float[] image, float[] truth, int width, int height, double dataRange) {
        check(image, truth);
        if (image.length != width * height) {
            throw new IllegalArgumentException("image has " + image.length + " pixels, expected " + width + "x" + height);
        }
        int n = image.length;
        double[] x = new double[n], y = new double[n], xx = new double[n], yy = new double[n], xy = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = image[i];
            y[i] = truth[i];
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] k = kernel();
        double[] ux = blur(x, width, height, k), uy = blur(y, width, height, k);
        double[] uxx = blur(xx, width, height, k), uyy = blur(yy, width, height, k), uxy = blur(xy, width, height, k);
        double c1 = Math.pow(0.01 * dataRange, 2), c2 = Math.pow(0.03 * dataRange, 2);
        double sum = 0;
        long count = 0;
        for (int j = RADIUS; j < height - RADIUS; j++) {
            for (int i = RADIUS; i < width - RADIUS; i++) {
                int p = i + width * j;
                double vx = uxx[p] - ux[p] * ux[p], vy = uyy[p] - uy[p] * uy[p], vxy = uxy[p] - ux[p] * uy[p];
                double s = (2 * ux[p] * uy[p] + c1) * (2 * vxy + c2)
                        / ((ux[p] * ux[p] + uy[p] * uy[p] + c1) * (vx + vy + c2));
                sum += s;
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("image " + width + "x" + height + " is smaller than the 11x11 SSIM window");
        }
        return sum / count;
    }

    private static double[] kernel() {
        double[] k = new double[2 * RADIUS + 1];
        double s = 0;
        for (int i = -RADIUS; i <= RADIUS; i++) {
            k[i + RADIUS] = Math.exp(-0.5 * i * i / (SIGMA * SIGMA));
            s += k[i + RADIUS];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= s;
        }
        return k;
    }

    private static double[] blur(double[] a, int w, int h, double[] k) {
        double[] t = new double[a.length], out = new double[a.length];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double s = 0;
                for (int d = -RADIUS; d <= RADIUS; d++) {
                    s += k[d + RADIUS] * a[Reflect.index(i + d, w) + w * j];
                }
                t[i + w * j] = s;
            }
        }
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double s = 0;
                for (int d = -RADIUS; d <= RADIUS; d++) {
                    s += k[d + RADIUS] * t[i + w * Reflect.index(j + d, h)];
                }
                out[i + w * j] = s;
            }
        }
        return out;
    }

    private static void check(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("images differ in size: " + a.length + " vs " + b.length + " pixels");
        }
    }
}
