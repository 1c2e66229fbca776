package dev.delp.engine.awdvd;

/**
 * Estimates the photon budget of a Poisson-noisy region: with {@code y = g · Poisson(b / g)} the
 * noise variance is {@code g · b}. The residual {@code r = y − mean of the 4 neighbours} has, for
 * noise independent between pixels and a locally flat {@code b}, variance {@code 1.25 · g · b}, so
 * {@code g ≈ Σ r² / (1.25 · Σ b̂)} with {@code b̂} the 3x3 local mean, and the photon count at the
 * brightest pixel is {@code max(b̂) / g} — the quantity the iteration tables are indexed by.
 * Structure in the image adds to {@code r}, so sharp (in-focus) regions read as noisier than they
 * are (about 700 photons for in-focus BBBC006 patches at a true 1,000); that errs towards fewer
 * iterations, i.e. a smoother result since RL starts flat. Defocused regions are smooth, where the
 * estimate is accurate. Values must be offset-free (camera offset subtracted).
 */
public final class NoiseEstimate {
    private NoiseEstimate() {
    }

    /**
     * Photons at the brightest pixel of the interior of a {@code width x height} region, or
     * {@code +Infinity} when no noise is measurable (e.g. a noiseless or constant region).
     */
    public static double photonsAtPeak(float[] region, int width, int height) {
        double r2 = 0, sumB = 0, maxB = 0;
        for (int y = 1; y < height - 1; y++) {
            for (int x = 1; x < width - 1; x++) {
                int p = x + width * y;
                double n4 = region[p - 1] + region[p + 1] + region[p - width] + region[p + width];
                double r = region[p] - n4 / 4;
                double b = (n4 + region[p] + region[p - width - 1] + region[p - width + 1] + region[p + width - 1]
                        + region[p + width + 1]) / 9;
                b = Math.max(b, 0);
                r2 += r * r;
                sumB += b;
                maxB = Math.max(maxB, b);
            }
        }
        if (!(r2 > 0) || !(sumB > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        double gain = r2 / (1.25 * sumB);
        return maxB / gain;
    }
}
