package dev.delp.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.awdvd.PatchGrid;
import dev.delp.engine.awdvd.SeamScore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeamNullTest {
    private static float[] noise(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[w * h];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @Test
    void whiteNoiseScoresOneAndItsNullIsTight() {
        int w = 420, h = 336;
        SeamNull.Score s = SeamNull.of(noise(w, h, 3), w, h);
        // i.i.d. pixels: every pair difference has the same variance, so every lattice's expected
        // ratio is 1. Each null lattice averages >= 2 lines x 336 pairs against 8x as many band
        // pairs; the ratio's relative sd is about sqrt(2/672) = 5.5 %, so the mean over ~2,000
        // (correlated) lattices is within 3 % of 1 and the 95 % range within 0.8..1.2.
        assertEquals(1.0, s.nullMean(), 0.03);
        assertTrue(s.nullLow() > 0.8 && s.nullLow() < 1 && s.nullHigh() > 1 && s.nullHigh() < 1.2,
                "null range " + s.nullLow() + ".." + s.nullHigh());
        assertTrue(s.relative() > s.nullLow() && s.relative() < s.nullHigh(), "grid " + s.relative());
        assertEquals(SeamScore.of(noise(w, h, 3), PatchGrid.of(w, h, 84)), s.grid(), 0);
    }

    @Test
    void buttedPatchOffsetsStandOutOfTheNull() {
        int w = 420, h = 336;
        float[] a = noise(w, h, 5);
        SplittableRandom r = new SplittableRandom(9);
        double[] offsets = new double[25];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = r.nextGaussian() * 1.5; // each 84x84 block its own level: butted-patch seams
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                a[x + w * y] += (float) offsets[x / 84 + 5 * (y / 84)];
            }
        }
        SeamNull.Score s = SeamNull.of(a, w, h);
        // a jump of sd 1.5*sqrt(2) across a border adds ~4.5 to a pair variance of 2 there: ~3x.
        assertTrue(s.relative() > 2 && s.relative() > 1.5 * s.nullHigh(), "seam " + s.relative() + " null high "
                + s.nullHigh());
        // the blocks are constant inside, so no null lattice sees them: the null stays that of noise
        assertEquals(1.0, s.nullMean(), 0.03);
    }

    @Test
    void nullMeanMatchesABruteForceLatticeLoop() {
        int w = 260, h = 200;
        float[] a = noise(w, h, 11);
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i] * a[i] * a[i]; // heavy tails: lattices differ
        }
        PatchGrid[] grids = {PatchGrid.of(w, h, 42), PatchGrid.of(w, h, 84)};
        boolean[] nearX = new boolean[w + 1], nearY = new boolean[h + 1];
        for (PatchGrid g : grids) {
            for (int c = 0; c < g.columns(); c++) {
                mark(nearX, g.x(c));
            }
            for (int rr = 0; rr < g.rows(); rr++) {
                mark(nearY, g.y(rr));
            }
        }
        double sum = 0;
        int n = 0;
        for (int ox = 0; ox < 84; ox++) {
            for (int oy = 0; oy < 84; oy++) {
                double seam = 0, band = 0;
                long seamN = 0, bandN = 0;
                for (int b = ox; b < w; b += 84) {
                    if (b < 5 || b > w - 5 || nearX[b]) {
                        continue;
                    }
                    for (int x = b - 4; x <= b + 4; x++) {
                        for (int y = 0; y < h; y++) {
                            double d = a[x + w * y] - a[x - 1 + w * y];
                            if (x == b) {
                                seam += d * d;
                                seamN++;
                            } else {
                                band += d * d;
                                bandN++;
                            }
                        }
                    }
                }
                for (int b = oy; b < h; b += 84) {
                    if (b < 5 || b > h - 5 || nearY[b]) {
                        continue;
                    }
                    for (int y = b - 4; y <= b + 4; y++) {
                        for (int x = 0; x < w; x++) {
                            double d = a[x + w * y] - a[x + w * (y - 1)];
                            if (y == b) {
                                seam += d * d;
                                seamN++;
                            } else {
                                band += d * d;
                                bandN++;
                            }
                        }
                    }
                }
                if (seamN > 0) {
                    sum += (seam / seamN) / (band / bandN);
                    n++;
                }
            }
        }
        SeamNull.Score s = SeamNull.of(a, w, h);
        assertEquals(n, s.lattices());
        // same sums in a different order: double rounding only
        assertEquals(sum / n, s.nullMean(), 1e-9 * sum / n);
    }

    private static void mark(boolean[] near, int origin) {
        for (int f : new int[] {origin, origin + 42, origin + 84}) {
            for (int b = f - 8; b <= f + 8; b++) {
                if (b >= 0 && b < near.length) {
                    near[b] = true;
                }
            }
        }
    }

    @Test
    void anscombeGivesUnitVarianceForPoissonCounts() {
        SplittableRandom r = new SplittableRandom(17);
        for (double mean : new double[] {5, 20, 100}) {
            int n = 40_000;
            float[] counts = new float[n];
            for (int i = 0; i < n; i++) {
                double l = Math.exp(-mean), p = 1;
                int k = -1;
                do {
                    k++;
                    p *= r.nextDouble();
                } while (p > l);
                counts[i] = k;
            }
            // intensity = counts / 2.5 with 2.5 counts per intensity unit: the transform undoes the scale
            float[] intensity = new float[n];
            for (int i = 0; i < n; i++) {
                intensity[i] = counts[i] / 2.5f;
            }
            float[] a = SeamNull.noiseUnits(intensity, 2.5);
            double m = 0, v = 0;
            for (float x : a) {
                m += x;
            }
            m /= n;
            for (float x : a) {
                v += (x - m) * (x - m);
            }
            v /= n - 1;
            // Anscombe: var = 1 + O(1/mean^2) (1.02 at mean 5); sample variance of 40,000 has a
            // relative sd of sqrt(2/n) = 0.7 %: 0.05 covers both with margin.
            assertEquals(1.0, v, 0.05, "variance at mean " + mean);
        }
    }

    @Test
    void errorOfTheTruthItselfIsZeroAndBadInputsAreNamed() {
        float[] t = {1, 2, 3, 4};
        for (float e : SeamNull.noiseUnitError(t, t, 3)) {
            assertEquals(0, e);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeamNull.of(new float[5], 2, 2));
        assertTrue(e.getMessage().contains("5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SeamNull.noiseUnits(t, 0));
        assertThrows(IllegalArgumentException.class, () -> SeamNull.noiseUnits(t, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SeamNull.noiseUnitError(t, new float[3], 1));
        assertTrue(Double.isNaN(SeamNull.of(new float[100], 10, 10).nullMean()), "too small for a null line");
    }
}
