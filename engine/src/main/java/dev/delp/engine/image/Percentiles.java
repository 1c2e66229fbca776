package dev.delp.engine.image;

import java.util.Arrays;

/** Percentiles of pixel values. */
public final class Percentiles {
    private Percentiles() {
    }

    /**
     * The {@code p}-th percentile (0..100) of {@code data}, linear interpolation between order
     * statistics (numpy's default). At most 262,144 values are used: larger arrays are sampled at
     * a fixed stride (deterministic).
     */
    public static double of(float[] data, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile " + p + " outside [0, 100]");
        }
        if (data.length == 0) {
            throw new IllegalArgumentException("percentile of an empty array");
        }
        int stride = Math.max(1, data.length / 262_144);
        int n = (data.length + stride - 1) / stride;
        float[] s = new float[n];
        for (int i = 0, j = 0; j < n; i += stride, j++) {
            s[j] = data[i];
        }
        Arrays.sort(s);
        double pos = p / 100.0 * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /** {@link #of(float[], double)} of an image. */
    public static double of(Image2d image, double p) {
        return of(image.data(), p);
    }
}
