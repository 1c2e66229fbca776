package dev.delp.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.dataset.DatasetConfig;
import dev.delp.engine.dataset.PsfSource;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.simulate.PoissonSampler;
import dev.delp.engine.testio.TestPsfs;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class LevelSeparabilityTest {

    @Test
    void normalCdfMatchesTabulatedValues() {
        // Abramowitz & Stegun 7.1.26 bounds |erf error| by 1.5e-7, i.e. |Φ error| by 0.75e-7.
        assertEquals(0.5, LevelSeparability.normalCdf(0), 1e-7);
        assertEquals(0.8413447460685429, LevelSeparability.normalCdf(1), 1e-7);
        assertEquals(0.024997895148220435, LevelSeparability.normalCdf(-1.96), 1e-7);
        assertEquals(0.9986501019683699, LevelSeparability.normalCdf(3), 1e-7);
    }

    @Test
    void identicalHypothesesAreAGuess() {
        float[] a = new float[64];
        Arrays.fill(a, 20);
        assertEquals(0.5, LevelSeparability.oracleAccuracy(a, a.clone(), 2), 1e-7); // Φ's stated error bound
    }

    @Test
    void gaussianBoundMatchesAMonteCarloPoissonLikelihoodRatioTest() {
        // Two known mean images: 64 pixels at 20 counts, 10 of them at 23 in the second. d² = 10·9/21.5.
        float[] a = new float[64];
        Arrays.fill(a, 20);
        float[] b = a.clone();
        Arrays.fill(b, 0, 10, 23);
        double predicted = LevelSeparability.oracleAccuracy(a, b, 0);
        assertEquals(LevelSeparability.normalCdf(Math.sqrt(10 * 9 / 21.5) / 2), predicted, 1e-9);
        // Exact Poisson log-likelihood ratio test, 20,000 draws per hypothesis.
        PoissonSampler poisson = new PoissonSampler(new SplittableRandom(3));
        int n = 20_000;
        int correct = 0;
        for (int trial = 0; trial < 2 * n; trial++) {
            float[] truth = trial < n ? a : b;
            double llr = 0; // log p(k | a) - log p(k | b)
            for (int i = 0; i < a.length; i++) {
                long k = poisson.sample(truth[i]);
                llr += k * Math.log((double) a[i] / b[i]) - (a[i] - b[i]);
            }
            correct += (llr > 0) == (truth == a) ? 1 : 0;
        }
        // Binomial std sqrt(0.15·0.85/40000) = 0.0018; the Gaussian approximation of Poisson at 20
        // counts is off by about 0.001 here (checked with 200,000 draws): 0.01 is > 4 sigma.
        assertEquals(predicted, correct / (2.0 * n), 0.01);
    }

    @Test
    void measureGivesAGuessForOnePsfAndImprovesWithPhotonsForWideningBlur() {
        Image2d specimen = discs(160);
        List<LevelSeparability.Source> sources = List.of(new LevelSeparability.Source(specimen, 0.75));
        DatasetConfig cfg = DatasetConfig.defaults();
        PsfSource same = d -> gaussian(1.0);
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            for (LevelSeparability.PairResult r : LevelSeparability.measure(sources, same, cfg, new double[] {300},
                    4, 1, pool)) {
                assertEquals(0.5, r.meanAccuracy(), 1e-6, r.toString());
                assertEquals(1.0, r.below90(), 0, r.toString());
            }
            PsfSource widening = d -> gaussian(0.5 + 0.25 * d);
            List<LevelSeparability.PairResult> res = LevelSeparability.measure(sources, widening, cfg,
                    new double[] {100, 1000}, 4, 1, pool);
            assertEquals(20, res.size());
            for (int l = 0; l < 10; l++) {
                double low = res.get(2 * l).meanAccuracy();
                double high = res.get(2 * l + 1).meanAccuracy();
                // d grows as sqrt(photons); near 100 % both may round to 1, so strictness is asked below 99 %.
                assertTrue(low > 0.5 && (high > low || low > 0.99 && high >= low), "pair " + l + ": " + low + " then " + high);
                assertEquals(4, res.get(2 * l).windows());
            }
            assertTrue(LevelSeparability.markdown(res).contains("| 0↔1 (0 vs 2) |"), LevelSeparability.markdown(res));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void refusesSourcesWithoutForeground() {
        List<LevelSeparability.Source> empty = List.of(new LevelSeparability.Source(Image2d.zeros(100, 100), 1));
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LevelSeparability.measure(
                    empty, d -> gaussian(1), DatasetConfig.defaults(), new double[] {300}, 2, 1, pool));
            assertTrue(e.getMessage().contains("no source holds an 84x84 window"), e.getMessage());
        } finally {
            pool.shutdown();
        }
        assertThrows(IllegalArgumentException.class, () -> new LevelSeparability.Source(Image2d.zeros(90, 90), 0));
    }

    /** Discs of radius 6 and brightness 0.75 every 20 pixels, with a brighter core (sharp edges to blur). */
    private static Image2d discs(int side) {
        Image2d img = Image2d.zeros(side, side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int dx = x % 20 - 10;
                int dy = y % 20 - 10;
                int r2 = dx * dx + dy * dy;
                img.set(x, y, r2 <= 4 ? 1.0f : r2 <= 36 ? 0.75f : 0f);
            }
        }
        return img;
    }

    /** Normalised odd-sized Gaussian PSF of standard deviation {@code sigma} pixels, 4 sigma each side. */
    private static Image2d gaussian(double sigma) {
        return TestPsfs.gaussian2d(2 * (int) Math.ceil(4 * sigma) + 1, sigma);
    }
}
