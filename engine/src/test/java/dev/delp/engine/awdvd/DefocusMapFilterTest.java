package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DefocusMapFilterTest {
    // 6 x 4 patch centres at stride 42
    private static final PatchGrid GRID = PatchGrid.of(294, 210, 42);
    private static final int COLS = 6, ROWS = 4, BG = PatchClassifier.BG;

    private static float[] soft(int level, float bg) {
        // a DelpNet-like row: 0.6 on the level, 0.2 on each neighbouring level, scaled by 1 - bg
        float[] p = new float[PatchClassifier.CLASSES];
        p[level] += 0.6f * (1 - bg);
        p[Math.max(0, level - 1)] += 0.2f * (1 - bg);
        p[Math.min(10, level + 1)] += 0.2f * (1 - bg);
        p[BG] = bg;
        return p;
    }

    private static float[] bg() {
        float[] p = new float[PatchClassifier.CLASSES];
        p[BG] = 0.9f;
        p[9] = 0.1f; // a little level mass at a wrong level, as DelpNet's background rows carry
        return p;
    }

    private static void assertSameRows(DefocusMap a, DefocusMap b) {
        for (int i = 0; i < a.count(); i++) {
            assertArrayEquals(a.probabilities(i), b.probabilities(i), "patch " + i);
        }
    }

    /** Ramps and straight steps (the true maps of TILT and STEP) are fixed points, hard or soft, with background holes. */
    @Test
    void rampsAndStepsPassUnchanged() {
        assertEquals(COLS * ROWS, GRID.count());
        int[][] columnLevels = {{1, 2, 3, 4, 5, 6}, {0, 1, 3, 5, 7, 9}, {2, 2, 2, 7, 7, 7}, {7, 7, 2, 2, 2, 2},
            {5, 5, 5, 5, 5, 5}};
        for (int[] levels : columnLevels) {
            int[] labels = new int[GRID.count()];
            float[][] p = new float[GRID.count()][];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = levels[i % COLS];
                p[i] = soft(labels[i], 0.1f);
            }
            // background holes inside the field do not move the others (at the border a hole in a
            // patch's own column leaves the next column the majority: see the class Javadoc)
            p[3 + COLS] = bg();
            p[2 + 2 * COLS] = bg();
            DefocusMap hard = DefocusMap.ofLabels(GRID, labels), softMap = new DefocusMap(GRID, p);
            assertSameRows(hard, DefocusMapFilter.filter(hard));
            assertSameRows(softMap, DefocusMapFilter.filter(softMap));
        }
        // a step along a row (horizontal edge) as well
        int[] rows = new int[GRID.count()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i / COLS < 2 ? 3 : 8;
        }
        DefocusMap h = DefocusMap.ofLabels(GRID, rows);
        assertSameRows(h, DefocusMapFilter.filter(h));
    }

    /**
     * An isolated outlier in a tilt takes its neighbours' distribution (mass of levels and background
     * kept); nothing else moves; background rows never change.
     */
    @Test
    void anIsolatedOutlierTakesItsNeighboursOpinion() {
        float[][] p = new float[GRID.count()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = soft(2 + i % COLS, 0.05f);
        }
        int out = 2 + COLS; // column 2, row 1: true level 4
        p[out] = soft(9, 0.3f);
        p[3] = bg();
        DefocusMap map = new DefocusMap(GRID, p);
        DefocusMap f = DefocusMapFilter.filter(map);
        for (int i = 0; i < p.length; i++) {
            if (i != out) {
                assertArrayEquals(p[i], f.probabilities(i), "patch " + i);
            }
        }
        // independent reference: confidence-weighted mean of the normalised neighbour rows with
        // |E - median| < 1; the window's levels are 3, 4, 5 (columns 1..3, rows 0..2, background at
        // (3, 0) left out, the outlier itself at E 9 counted), median 4 -> neighbours at levels 3 and 5 are
        // exactly 1 away and excluded, so only the column-2 patches (levels 4) remain: (2, 0), (2, 2)
        float[] expect = new float[PatchClassifier.CLASSES];
        float[] n4 = soft(4, 0.05f);
        for (int l = 0; l < PatchClassifier.LEVELS; l++) {
            expect[l] = (float) (0.7 * n4[l] / 0.95);
        }
        expect[BG] = 0.3f;
        float[] got = f.probabilities(out);
        for (int c = 0; c < PatchClassifier.CLASSES; c++) {
            // float rows summed in double: agreement to float rounding
            assertEquals(expect[c], got[c], 1e-6, "class " + c);
        }
        assertEquals(4, f.label(out));
        assertEquals(4.0, LevelJumps.expectedLevels(f)[out], 1e-5);
    }

    /** Case (ii) and the interpolated mode run on the filtered map (and return it); the invariant mode does not filter. */
    @Test
    void awdvdUsesTheFilteredMapInTheDepthVariantModes() {
        float[][] p = new float[GRID.count()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = soft(2 + i % COLS, 0.05f);
        }
        p[2 + COLS] = soft(9, 0.3f);
        DefocusMap map = new DefocusMap(GRID, p);
        DefocusMap filtered = DefocusMapFilter.filter(map);
        Awdvd awdvd = new Awdvd((x, s, n, pl) -> {
            throw new IllegalStateException("the map is given");
        }, TestSupport.gaussianLevels(), new RlPatchDeconvolver(TestSupport.gaussianLevels()), IterationPolicy.fixed(2));
        dev.delp.engine.image.Image2d img = new dev.delp.engine.image.Image2d(GRID.imageWidth(), GRID.imageHeight(),
                TestSupport.noisy(TestSupport.specimen(GRID.imageWidth(), GRID.imageHeight(), 5), 30, 6));
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            for (AwdvdOptions.Mode mode : AwdvdOptions.Mode.values()) {
                AwdvdOptions o = AwdvdOptions.defaults().withMode(mode);
                AwdvdResult r = awdvd.deconvolve(img, map, o, one, AwdvdProgress.NONE);
                assertSameRows(mode == AwdvdOptions.Mode.INVARIANT ? map : filtered, r.map());
                if (mode != AwdvdOptions.Mode.INVARIANT) {
                    // the filter is idempotent here, so the given filtered map gives the same bytes
                    assertArrayEquals(r.image().data(), awdvd.deconvolve(img, filtered, o, one, AwdvdProgress.NONE)
                            .image().data(), mode.toString());
                }
            }
        } finally {
            one.shutdown();
        }
        assertEquals(9, map.label(2 + COLS));
        assertEquals(4, filtered.label(2 + COLS));
    }

    /** An outlier whose re-formed row would have background as its arg-max is left alone. */
    @Test
    void neverTurnsAPatchIntoBackground() {
        float[][] p = new float[GRID.count()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = soft(2 + i % COLS, 0.05f);
        }
        int out = 2 + COLS;
        p[out] = new float[PatchClassifier.CLASSES];
        p[out][9] = 0.55f; // arg-max level 9, background 0.45: spread as 0.6 / 0.2 / 0.2 its levels
        p[out][BG] = 0.45f; // would peak at 0.33 < 0.45
        DefocusMap map = new DefocusMap(GRID, p);
        assertSameRows(map, DefocusMapFilter.filter(map));
        p[out][BG] = 0.3f; // with less background the same outlier is replaced (0.42 > 0.3)
        p[out][9] = 0.7f;
        assertEquals(4, DefocusMapFilter.filter(new DefocusMap(GRID, p)).label(out));
    }

    /** A patch with fewer than QUORUM non-background neighbours keeps its own opinion. */
    @Test
    void aConsensusNeedsAQuorum() {
        float[][] p = new float[GRID.count()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = bg();
        }
        // corner patch (0, 0) at level 2 beside a level-7 side: (1, 0), (1, 1) -> 2 neighbours only
        p[0] = soft(2, 0f);
        p[1] = soft(7, 0f);
        p[1 + COLS] = soft(7, 0f);
        DefocusMap two = new DefocusMap(GRID, p);
        assertSameRows(two, DefocusMapFilter.filter(two));
        p[COLS] = soft(7, 0f); // a third neighbour: now it is outvoted
        DefocusMap three = new DefocusMap(GRID, p);
        assertEquals(7, DefocusMapFilter.filter(three).label(0));
        assertEquals(3, DefocusMapFilter.QUORUM);
    }

    /** The weighted median against a brute-force minimiser of the weighted absolute deviation. */
    @Test
    void medianMinimisesTheWeightedAbsoluteDeviation() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            float[][] p = new float[GRID.count()][];
            for (int i = 0; i < p.length; i++) {
                if (rnd.nextInt(5) == 0) {
                    p[i] = bg();
                    continue;
                }
                p[i] = new float[PatchClassifier.CLASSES];
                double z = 0;
                double[] raw = new double[PatchClassifier.LEVELS];
                for (int l = 0; l < raw.length; l++) {
                    raw[l] = Math.pow(rnd.nextDouble(), 4);
                    z += raw[l];
                }
                for (int l = 0; l < raw.length; l++) {
                    p[i][l] = (float) (raw[l] / z);
                }
            }
            DefocusMap map = new DefocusMap(GRID, p);
            double[] e = LevelJumps.expectedLevels(map);
            boolean[] counted = new boolean[map.count()];
            for (int i = 0; i < counted.length; i++) {
                counted[i] = map.label(i) != BG;
            }
            double[] med = DefocusMapFilter.medians(map, e, counted);
            for (int i = 0; i < map.count(); i++) {
                List<double[]> window = new ArrayList<>(); // (value, weight)
                int c0 = i % COLS, r0 = i / COLS;
                for (int r = r0 - 1; r <= r0 + 1; r++) {
                    for (int c = c0 - 1; c <= c0 + 1; c++) {
                        int j = c + COLS * r;
                        if (c >= 0 && r >= 0 && c < COLS && r < ROWS && counted[j]) {
                            window.add(new double[] {e[j], map.confidence(j) + (j == i ? 1e-3 : 0)});
                        }
                    }
                }
                if (!counted[i] || window.size() - 1 < DefocusMapFilter.QUORUM) {
                    assertTrue(Double.isNaN(med[i]), "patch " + i);
                    continue;
                }
                // the median is a window value minimising sum w |v - m| (lowest such value)
                double best = Double.POSITIVE_INFINITY, arg = Double.NaN;
                for (double[] cand : window) {
                    double cost = 0;
                    for (double[] o : window) {
                        cost += o[1] * Math.abs(o[0] - cand[0]);
                    }
                    if (cost < best - 1e-12 || (Math.abs(cost - best) <= 1e-12 && cand[0] < arg)) {
                        best = cost;
                        arg = cand[0];
                    }
                }
                double cost = 0;
                for (double[] o : window) {
                    cost += o[1] * Math.abs(o[0] - med[i]);
                }
                // equal cost (the minimiser set can be an interval between two values)
                assertEquals(best, cost, 1e-9, "trial " + trial + " patch " + i);
            }
        }
    }
}
