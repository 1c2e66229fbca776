package dev.delp.engine.simulate;

import java.util.SplittableRandom;

/**
 * Standard normal variates by Marsaglia's polar method over a {@link SplittableRandom}; written
 * out here (rather than {@code nextGaussian()}) so the bytes do not depend on the JDK version.
 * Not thread-safe.
 */
public final class GaussianSampler {
    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    /** Draws from {@code random}. */
    public GaussianSampler(SplittableRandom random) {
        if (random == null) {
            throw new IllegalArgumentException("random is null");
        }
        this.random = random;
    }

    /** One N(0, 1) variate. */
    public double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * f;
        hasSpare = true;
        return u * f;
    }
}
