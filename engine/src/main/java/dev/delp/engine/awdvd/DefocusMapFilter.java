package dev.delp.engine.awdvd;

/**
 * An edge-preserving consensus over the patch grid of a defocus map: a patch whose expected level
 * stands {@link #MIN_DEVIATION} or more levels away from the weighted median of its 3x3
 * neighbourhood is given its neighbours' opinion; every other patch is left exactly as it is.
 *
 * <p>A specimen's depth is a continuous surface (tilt, curvature) or a few such pieces (steps), so
 * a patch that DelpNet calls several levels away from all its neighbours is a misclassification
 * (a level-9 region with one patch called 3 at p = 0.95, docs/eval/README.md, session 6). The
 * rule, per patch {@code i} whose arg-max is a level (background patches are neither changed nor
 * counted):
 * <ol>
 *   <li>the expected level {@code E_j} ({@link LevelJumps#expectedLevels}) of every non-background
 *       patch {@code j} in the 3x3 window around {@code i} (itself included) is weighted by its
 *       confidence ({@link DefocusMap#confidence}); the centre's weight is raised by 1e-3 so that an
 *       exact tie keeps the centre's value;</li>
 *   <li>with fewer than {@link #QUORUM} such neighbours (centre not counted) the patch is left
 *       alone: at a depth step beside background, two patches of the far side would otherwise
 *       outvote the patch (a05 STEP lost 1.1 dB in case (ii) that way);</li>
 *   <li>{@code M} = the weighted median (the smallest {@code E_j} whose cumulative weight reaches
 *       half the total); if {@code |E_i − M| < MIN_DEVIATION} the patch is left alone;</li>
 *   <li>otherwise its level probabilities become the confidence-weighted mean of the level
 *       distributions (each normalised over levels 0..10) of its neighbours with
 *       {@code |E_j − M| < 1}, scaled to the patch's own level mass; its background probability
 *       is kept — unless that makes background the row's arg-max (the neighbours' mass spread over
 *       several levels), in which case the patch is left alone: the filter never turns a patch into
 *       background, which case (ii) would pass through unrestored.</li>
 * </ol>
 * A straight step or a linear ramp of levels is a fixed point (the median of a monotone 3-column
 * window is its centre column's value), so a true, noise-free map passes unchanged (checked: no row
 * of the TILT or STEP true map at 696x520, the evaluation's size, changes). With background holes a
 * border patch can lose that majority: if the patch beside it in its own column is background, the
 * next column outnumbers it, and a one-level difference (hard labels) counts as an outlier. The filter
 * cannot remove a bias shared by a whole region (a01's labels sit about +0.6 levels high in runs of
 * neighbouring patches, not as isolated outliers).
 */
public final class DefocusMapFilter {
    /** Distance in levels from the neighbourhood median at which a patch counts as an outlier. */
    public static final double MIN_DEVIATION = 1;

    /** Fewest non-background neighbours (3x3 window, centre not counted) a consensus needs. */
    public static final int QUORUM = 3;

    private static final double CENTRE_BONUS = 1e-3;

    private DefocusMapFilter() {
    }

    /**
     * The filtered map (same grid); rows that are not outliers are bit-identical to {@code map}'s.
     */
    public static DefocusMap filter(DefocusMap map) {
        PatchGrid grid = map.grid();
        int n = map.count();
        int cols = grid.columns();
        double[] e = LevelJumps.expectedLevelsOfLevelPatches(map);
        boolean[] counted = new boolean[n];
        for (int i = 0; i < n; i++) {
            counted[i] = e[i] >= 0;
        }
        double[] median = medians(map, e, counted);
        float[][] out = map.probabilities(); // copies
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(median[i]) || Math.abs(e[i] - median[i]) < MIN_DEVIATION) {
                continue;
            }
            double[] q = new double[PatchClassifier.LEVELS];
            double z = 0;
            int c0 = i % cols, r0 = i / cols;
            for (int r = Math.max(0, r0 - 1); r <= Math.min(grid.rows() - 1, r0 + 1); r++) {
                for (int c = Math.max(0, c0 - 1); c <= Math.min(cols - 1, c0 + 1); c++) {
                    int j = c + cols * r;
                    if (j == i || !counted[j] || !(Math.abs(e[j] - median[i]) < 1)) {
                        continue;
                    }
                    double w = map.confidence(j);
                    float[] pj = map.probabilities(j);
                    double mass = levelMass(pj);
                    for (int l = 0; l < q.length; l++) {
                        q[l] += w * pj[l] / mass;
                    }
                    z += w;
                }
            }
            if (!(z > 0)) {
                continue; // cannot happen: the median is some neighbour's value
            }
            float[] pi = map.probabilities(i);
            double mass = levelMass(pi);
            float[] row = pi.clone();
            for (int l = 0; l < q.length; l++) {
                row[l] = (float) (mass * q[l] / z);
            }
            if (DefocusMap.argMax(row) != PatchClassifier.BG) {
                out[i] = row;
            } // else: the neighbours' spread would make background the arg-max; a filter never does that
        }
        return new DefocusMap(grid, out);
    }

    /**
     * The confidence-weighted median of the expected levels in each patch's 3x3 window, or NaN for a
     * patch that is not counted (background arg-max or no level mass) or has fewer than
     * {@link #QUORUM} counted neighbours.
     */
    static double[] medians(DefocusMap map, double[] e, boolean[] counted) {
        PatchGrid grid = map.grid();
        int cols = grid.columns(), rows = grid.rows();
        double[] med = new double[map.count()];
        double[] v = new double[9], w = new double[9];
        for (int i = 0; i < med.length; i++) {
            med[i] = Double.NaN;
            if (!counted[i]) {
                continue;
            }
            int c0 = i % cols, r0 = i / cols;
            int k = 0;
            double total = 0;
            for (int r = Math.max(0, r0 - 1); r <= Math.min(rows - 1, r0 + 1); r++) {
                for (int c = Math.max(0, c0 - 1); c <= Math.min(cols - 1, c0 + 1); c++) {
                    int j = c + cols * r;
                    if (!counted[j]) {
                        continue;
                    }
                    double wj = map.confidence(j) + (j == i ? CENTRE_BONUS : 0);
                    // insertion by value (stable: equal values keep window order)
                    int at = k;
                    while (at > 0 && v[at - 1] > e[j]) {
                        v[at] = v[at - 1];
                        w[at] = w[at - 1];
                        at--;
                    }
                    v[at] = e[j];
                    w[at] = wj;
                    total += wj;
                    k++;
                }
            }
            if (k - 1 < QUORUM) {
                continue;
            }
            double acc = 0;
            int m = 0;
            while (m < k - 1) {
                acc += w[m];
                if (acc >= total / 2) {
                    break;
                }
                m++;
            }
            med[i] = v[m];
        }
        return med;
    }

    private static double levelMass(float[] p) {
        double mass = 0;
        for (int l = 0; l < PatchClassifier.LEVELS; l++) {
            mass += p[l];
        }
        return mass;
    }
}
