package dev.delp.engine.simulate;

import java.util.SplittableRandom;

/**
 * A seeded Poisson sampler over {@link SplittableRandom}.
 *
 * <ul>
 *   <li>mean {@code < 10}: exact inversion by sequential search of the CDF (Devroye 1986, X.3.3);
 *   <li>mean {@code >= 10}: PTRS, the transformed rejection method with squeeze of
 *       W. Hörmann, "The transformed rejection method for generating Poisson random variables",
 *       Insurance: Mathematics and Economics 12 (1993) 39–45 — an exact method (no Gaussian
 *       approximation) whose cost does not grow with the mean.
 * </ul>
 * Not thread-safe: use one sampler per thread (e.g. from {@link SplittableRandom#split()}).
 */
public final class PoissonSampler {
    /** Largest mean accepted (keeps {@code k} and {@code k log mu} exact in double). */
    public static final double MAX_MEAN = 1e15;

    private static final double SMALL_MEAN = 10;
    private static final int LOG_FACTORIAL_TABLE = 256;
    private static final double[] LOG_FACTORIAL = new double[LOG_FACTORIAL_TABLE];

    static {
        double s = 0;
        for (int k = 1; k < LOG_FACTORIAL_TABLE; k++) {
            s += Math.log(k);
            LOG_FACTORIAL[k] = s;
        }
    }

    private final SplittableRandom random;
    // PTRS constants for the last mean (recomputed only when the mean changes).
    private double cachedMean = Double.NaN;
    private double logMean;
    private double b;
    private double a;
    private double invAlpha;
    private double vr;

    /** A sampler drawing from {@code random} (not copied). */
    public PoissonSampler(SplittableRandom random) {
        if (random == null) {
            throw new IllegalArgumentException("random is null");
        }
        this.random = random;
    }

    /** A sampler with its own {@code SplittableRandom(seed)}. */
    public PoissonSampler(long seed) {
        this(new SplittableRandom(seed));
    }

    /**
     * One Poisson variate with the given mean.
     *
     * @throws IllegalArgumentException if the mean is negative, NaN or above {@link #MAX_MEAN}
     */
    public long sample(double mean) {
        if (!(mean >= 0) || mean > MAX_MEAN) {
            throw new IllegalArgumentException("Poisson mean " + mean + " outside [0, " + MAX_MEAN + "]");
        }
        if (mean == 0) {
            return 0;
        }
        return mean < SMALL_MEAN ? inversion(mean) : ptrs(mean);
    }

    private long inversion(double mean) {
        while (true) {
            double u = random.nextDouble();
            double p = Math.exp(-mean);
            double cdf = p;
            long k = 0;
            // For mean < 10 the tail beyond k = 200 has probability < 1e-200: restart on round-off.
            while (u > cdf && k < 200) {
                k++;
                p *= mean / k;
                cdf += p;
            }
            if (k < 200) {
                return k;
            }
        }
    }

    private long ptrs(double mean) {
        if (mean != cachedMean) {
            cachedMean = mean;
            logMean = Math.log(mean);
            double smu = Math.sqrt(mean);
            b = 0.931 + 2.53 * smu;
            a = -0.059 + 0.02483 * b;
            invAlpha = 1.1239 + 1.1328 / (b - 3.4);
            vr = 0.9277 - 3.6224 / (b - 2);
        }
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k; // squeeze acceptance (Hörmann 1993, step 2)
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            // Hörmann 1993, step 3: exact acceptance test in log space.
            double lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
            double rhs = -mean + k * logMean - logFactorial(k);
            if (lhs <= rhs) {
                return k;
            }
        }
    }

    /** {@code ln(k!)}: a table below 256, Stirling's series (error < 1e-15 relative) above. */
    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL_TABLE) {
            return LOG_FACTORIAL[(int) k];
        }
        double n = k + 1.0; // ln Γ(n)
        double inv = 1.0 / n;
        double inv2 = inv * inv;
        return (n - 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI)
                + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
    }
}
