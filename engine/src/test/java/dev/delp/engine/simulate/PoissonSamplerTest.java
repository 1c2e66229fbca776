package dev.delp.engine.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoissonSamplerTest {
    @Test
    void meanAndVarianceWithinStatisticalBounds() {
        // n samples: the sample mean has SE sqrt(mu/n); the sample variance has SE
        // sqrt((mu4 - sigma^4)/n) = sqrt((mu + 2 mu^2)/n) for a Poisson law. 5 SE bounds fail by
        // chance with probability ~6e-7 per check (and the seed is fixed).
        int n = 200_000;
        for (double mu : new double[] {0.05, 0.7, 3, 9.99, 10, 17.5, 100, 3000, 1e6}) {
            PoissonSampler s = new PoissonSampler(new SplittableRandom(42 + (long) mu));
            double sum = 0;
            double sum2 = 0;
            for (int i = 0; i < n; i++) {
                double k = s.sample(mu);
                sum += k;
                sum2 += k * k;
            }
            double mean = sum / n;
            double var = sum2 / n - mean * mean;
            assertEquals(mu, mean, 5 * Math.sqrt(mu / n), "mean at mu=" + mu);
            assertEquals(mu, var, 5 * Math.sqrt((mu + 2 * mu * mu) / n), "variance at mu=" + mu);
        }
    }

    @Test
    void ptrsMatchesTheExactPmf() {
        // Chi-square goodness of fit at mu = 25 (PTRS branch) over bins k = 10..40 plus tails.
        double mu = 25;
        int n = 400_000;
        PoissonSampler s = new PoissonSampler(7);
        int[] counts = new int[100];
        for (int i = 0; i < n; i++) {
            counts[(int) Math.min(99, s.sample(mu))]++;
        }
        double chi2 = 0;
        int bins = 0;
        double lo = 0;
        double hi = 0;
        for (int k = 0; k < 100; k++) {
            double p = Math.exp(-mu + k * Math.log(mu) - PoissonSampler.logFactorial(k));
            if (k < 10) {
                lo += p * n - counts[k];
                continue;
            }
            if (k > 40) {
                hi += p * n - counts[k];
                continue;
            }
            double e = p * n;
            chi2 += (counts[k] - e) * (counts[k] - e) / e;
            bins++;
        }
        // 31 degrees of freedom: the 99.99th percentile of chi2(31) is about 66.
        assertTrue(chi2 < 66, "chi2 = " + chi2 + " over " + bins + " bins");
        assertTrue(Math.abs(lo) < 5 * Math.sqrt(n * 0.0017) && Math.abs(hi) < 5 * Math.sqrt(n * 0.02));
    }

    @Test
    void logFactorialIsAccurate() {
        double s = 0;
        for (int k = 1; k < 2000; k++) {
            s += Math.log(k);
            assertEquals(s, PoissonSampler.logFactorial(k), 1e-12 * s, "k=" + k);
        }
    }

    @Test
    void sameSeedSameSequenceAndBadMeanRejected() {
        PoissonSampler a = new PoissonSampler(3);
        PoissonSampler b = new PoissonSampler(3);
        for (int i = 0; i < 1000; i++) {
            double mu = i % 50 * 1.7;
            assertEquals(a.sample(mu), b.sample(mu));
        }
        assertEquals(0, a.sample(0));
        assertThrows(IllegalArgumentException.class, () -> a.sample(-1));
        assertThrows(IllegalArgumentException.class, () -> a.sample(Double.NaN));
    }
}
