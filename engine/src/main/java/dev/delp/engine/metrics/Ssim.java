package dev.delp.engine.metrics;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Reflect;

/**
 * Structural similarity (Wang, Bovik, Sheikh &amp; Simoncelli, IEEE TIP 13 (2004) 600–612, eq. 13)
 * exactly as scikit-image's {@code structural_similarity(x, y, data_range=L,
 * gaussian_weights=True, sigma=1.5, use_sample_covariance=False)}: local statistics from a
 * normalised Gaussian window of σ = 1.5 truncated at radius 5 (11×11), applied separably with
 * half-sample mirrored borders (scipy's {@code mode='reflect'}); {@code C1 = (0.01 L)²},
 * {@code C2 = (0.03 L)²}; the mean is taken over the map with a 5-pixel border cropped. All in
 * double precision.
 *
 * <p>Any size is accepted: when a side is 10 pixels or less (no pixel survives the crop; scikit-image
 * refuses sides below 7) the mean is over the whole map.
 */
public final class Ssim {
    /** Gaussian σ of the window. */
    public static final double SIGMA = 1.5;
    /** Window radius: {@code int(3.5 σ + 0.5)} = 5, so the window is 11×11. */
    public static final int RADIUS = 5;
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;

    private static final double[] WINDOW = window();

    private Ssim() {
    }

    /** The result: mean SSIM and the full map. */
    public record Result(double mean, Image2d map) {
    }

    /** Mean SSIM of {@code test} against {@code reference}. */
    public static double of(Image2d reference, Image2d test, double dataRange) {
        return compute(reference, test, dataRange).mean();
    }

    /** Mean SSIM and the per-pixel map (float, same shape). */
    public static Result compute(Image2d reference, Image2d test, double dataRange) {
        Metrics.checkPair(reference, test);
        if (!(dataRange > 0) || Double.isInfinite(dataRange)) {
            throw new IllegalArgumentException("data range " + dataRange + " must be finite and > 0");
        }
        int w = reference.width();
        int h = reference.height();
        int n = w * h;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = reference.data()[i];
            y[i] = test.data()[i];
        }
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] ux = filter(x, w, h);
        double[] uy = filter(y, w, h);
        double[] uxx = filter(xx, w, h);
        double[] uyy = filter(yy, w, h);
        double[] uxy = filter(xy, w, h);
        double c1 = (K1 * dataRange) * (K1 * dataRange);
        double c2 = (K2 * dataRange) * (K2 * dataRange);
        float[] map = new float[n];
        double sum = 0;
        int count = 0;
        boolean crop = w > 2 * RADIUS && h > 2 * RADIUS;
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int k = i + w * j;
                double vx = uxx[k] - ux[k] * ux[k];
                double vy = uyy[k] - uy[k] * uy[k];
                double vxy = uxy[k] - ux[k] * uy[k];
                double s = ((2 * ux[k] * uy[k] + c1) * (2 * vxy + c2))
                        / ((ux[k] * ux[k] + uy[k] * uy[k] + c1) * (vx + vy + c2));
                map[k] = (float) s;
                if (!crop || (i >= RADIUS && i < w - RADIUS && j >= RADIUS && j < h - RADIUS)) {
                    sum += s;
                    count++;
                }
            }
        }
        return new Result(sum / count, new Image2d(w, h, map));
    }

    /** Separable Gaussian filter with mirrored borders (x then y, like scipy's axis order 0 then 1 — the result is the same). */
    static double[] filter(double[] in, int w, int h) {
        double[] tmp = new double[in.length];
        double[] out = new double[in.length];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double s = 0;
                for (int t = -RADIUS; t <= RADIUS; t++) {
                    s += WINDOW[t + RADIUS] * in[Reflect.index(i + t, w) + w * j];
                }
                tmp[i + w * j] = s;
            }
        }
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double s = 0;
                for (int t = -RADIUS; t <= RADIUS; t++) {
                    s += WINDOW[t + RADIUS] * tmp[i + w * Reflect.index(j + t, h)];
                }
                out[i + w * j] = s;
            }
        }
        return out;
    }

    private static double[] window() {
        double[] g = new double[2 * RADIUS + 1];
        double s = 0;
        for (int t = -RADIUS; t <= RADIUS; t++) {
            g[t + RADIUS] = Math.exp(-0.5 * t * t / (SIGMA * SIGMA));
            s += g[t + RADIUS];
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= s;
        }
        return g;
    }
}
