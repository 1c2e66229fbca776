package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.simulate.PoissonSampler;
import org.junit.jupiter.api.Test;

class IterationPolicyTest {

    @Test
    void noiseAwareTableHitsItsNodesAndGrowsWithPhotons() {
        IterationPolicy p = IterationTables.defaultPolicy();
        IterationPolicy blind = IterationTables.at1000Photons();
        for (int level = 0; level < PatchClassifier.LEVELS; level++) {
            assertEquals(blind.iterations(level), p.iterations(level, IterationTables.node(1, level)), "level " + level);
            assertEquals(p.iterations(level, IterationTables.node(0, level)), p.iterations(level, 50),
                    "clamped below the 300-photon node");
            assertEquals(p.iterations(level, IterationTables.node(2, level)), p.iterations(level, 1e9),
                    "clamped above the 4,000-photon node");
            assertTrue(IterationTables.node(0, level) < IterationTables.node(1, level)
                    && IterationTables.node(1, level) < IterationTables.node(2, level), "nodes ascend");
            int last = -1;
            for (double photons = 100; photons <= 5000; photons *= 1.2) {
                int k = p.iterations(level, photons);
                assertTrue(k >= last, "level " + level + " at " + photons + " photons: " + k + " < " + last);
                last = k;
            }
        }
        for (double photons : new double[] {300, 1000, 4000}) {
            assertTrue(p.iterations(0, photons) < p.iterations(10, photons), "in focus needs fewer than level 10");
        }
        assertEquals(7, IterationPolicy.fixed(7).iterations(9, 123));
        assertThrows(IllegalArgumentException.class, () -> IterationPolicy.fixed(-1));
        assertThrows(IllegalArgumentException.class, () -> IterationPolicy.table(1, 2, 3));
    }

    @Test
    void noiseEstimateRecoversThePhotonBudgetOfASmoothPoissonImage() {
        // smooth ramp scaled so its brightest pixel holds `photons` expected counts, in intensity units
        int w = 120, h = 100;
        for (double photons : new double[] {300, 1000, 4000}) {
            PoissonSampler poisson = new PoissonSampler(17);
            float[] img = new float[w * h];
            double gain = 0.37; // intensity per photon
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double mean = photons * (0.2 + 0.8 * (x + y) / (double) (w + h - 2));
                    img[x + w * y] = (float) (gain * poisson.sample(mean));
                }
            }
            double est = NoiseEstimate.photonsAtPeak(img, w, h);
            // ~10^4 residuals: statistical error ~2 %; the 3x3 mean of the peak sits slightly below it
            assertEquals(photons, est, 0.06 * photons, "photons " + photons);
        }
        assertEquals(Double.POSITIVE_INFINITY, NoiseEstimate.photonsAtPeak(new float[100], 10, 10));
    }
}
