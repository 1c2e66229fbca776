package dev.delp.engine.metrics;

import dev.delp.engine.image.Image2d;

/**
 * Peak signal-to-noise ratio {@code 10 log10(range² / MSE)} in dB, with the data range given
 * explicitly (as scikit-image's {@code peak_signal_noise_ratio(..., data_range=...)}).
 * Identical images give {@code +Infinity}.
 */
public final class Psnr {
    private Psnr() {
    }

    /** PSNR of {@code test} against {@code reference}. */
    public static double of(Image2d reference, Image2d test, double dataRange) {
        Metrics.checkPair(reference, test);
        if (!(dataRange > 0) || Double.isInfinite(dataRange)) {
            throw new IllegalArgumentException("data range " + dataRange + " must be finite and > 0");
        }
        return 10 * Math.log10(dataRange * dataRange / mse(reference, test));
    }

    /** Mean squared error, accumulated in double in index order. */
    public static double mse(Image2d reference, Image2d test) {
        Metrics.checkPair(reference, test);
        float[] a = reference.data();
        float[] b = test.data();
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return s / a.length;
    }
}
