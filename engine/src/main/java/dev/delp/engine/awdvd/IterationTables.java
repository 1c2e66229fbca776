package dev.delp.engine.awdvd;

import java.util.Arrays;

/**
 * The default Richardson–Lucy iterations per defocus level and noise level, learned on held-out
 * data. For each photon budget (photons on the brightest blurred pixel: 300, 1,000, 4,000; camera
 * offset 100 and read noise 2 counts) and level: 32 patches of BBBC006 a02–a06 and procedural
 * specimens blurred with the level's Born–Wolf PSF (default optics), RL with the true PSF from a
 * flat start ({@link RlStart#FLAT}, as the pipeline runs it) tracked to 150 iterations; the rule
 * ({@code dev.delp.engine.eval.IterationLearning}): counts whose mean SSIM falls below the input's
 * are not eligible, the plateau is the eligible counts within 0.1 dB of the best mean PSNR, and the
 * plateau's count with the highest mean SSIM is taken (0 = pass through, never chosen here). Made by
 * <pre>
 * java -cp delp.jar dev.delp.cli.tools.LearnIterationTable /work/shared/data/bbbc006/infocus a01 32 150 1000,300,4000 1 2
 * </pre>
 * (a01 is held out for the evaluation and never entered DelpNet's training). Mean gains at 1,000
 * photons at the chosen counts, PSNR / SSIM: +0.7 dB / +0.002 (level 0), +3.4 / +0.020, +5.4 / +0.042,
 * +6.9 / +0.060, +7.3 / +0.087, +7.9 / +0.101, +8.6 / +0.126, +9.1 / +0.162, +10.1 / +0.177,
 * +9.4 / +0.194, +10.1 / +0.197 (level 10). The counts grow with the photon budget (about as its
 * square root), so {@link #defaultPolicy()} interpolates the tables linearly in log photons at the
 * region's estimated budget ({@link NoiseEstimate}); each table sits at the median estimate of its
 * own learning patches (printed by the same tool), not at its nominal budget, because the estimate
 * reads low on sharp patches. At 4,000 photons levels 7–10 were still improving at 150 (the cap),
 * as was level 10 at 1,000.
 */
public final class IterationTables {
    private IterationTables() {
    }

    /** Photon budgets the tables were learned at (nominal: photons on the brightest blurred pixel). */
    private static final double[] PHOTONS = {300, 1000, 4000};
    /**
     * Where each table sits on the axis the policy is queried with: the median
     * {@link NoiseEstimate#photonsAtPeak} of the learning patches of each level (rows: budgets as in
     * {@link #PHOTONS}; columns: levels 0..10). The estimate reads low on sharp patches (in focus:
     * 668 at a nominal 1,000), so indexing by the nominal budget would hand in-focus patches the
     * count of a noisier budget.
     */
    private static final double[][] ESTIMATED = {
        {222, 240, 252, 233, 254, 265, 249, 259, 260, 247, 257},
        {668, 815, 880, 848, 917, 925, 878, 938, 929, 910, 917},
        {1533, 2370, 3086, 3159, 3629, 3677, 3404, 3788, 3787, 3574, 3734},
    };
    /** Iterations for levels 0..10 at each budget. */
    private static final int[][] TABLES = {
        {1, 2, 5, 10, 14, 20, 30, 42, 50, 56, 73},
        {2, 3, 7, 17, 25, 33, 54, 77, 94, 105, 129},
        {2, 4, 12, 30, 48, 67, 103, 135, 141, 142, 150},
    };

    /**
     * Noise-aware: the tables interpolated linearly in log photons between their estimated-photon
     * nodes ({@link #ESTIMATED}) at the region's estimate, clamped to the outer nodes.
     */
    public static IterationPolicy defaultPolicy() {
        return new IterationPolicy() {
            @Override
            public int iterations(int level) {
                return TABLES[1][level];
            }

            @Override
            public int iterations(int level, double photonsAtPeak) {
                return interpolated(level, photonsAtPeak);
            }

            @Override
            public String toString() {
                return "per level and noise (tables at 300/1000/4000 photons " + Arrays.deepToString(TABLES)
                        + ", placed at the median photon estimates " + Arrays.deepToString(ESTIMATED) + ")";
            }
        };
    }

    /** Noise-blind: the 1,000-photon table for every region. */
    public static IterationPolicy at1000Photons() {
        return IterationPolicy.table(TABLES[1]);
    }

    /** The estimated-photon node of budget {@code i} (0, 1, 2 = 300, 1,000, 4,000) at {@code level}. */
    static double node(int i, int level) {
        return ESTIMATED[i][level];
    }

    static int interpolated(int level, double photons) {
        if (level < 0 || level >= PatchClassifier.LEVELS) {
            throw new IllegalArgumentException("level " + level + " must be within [0, 10]");
        }
        double lo = ESTIMATED[0][level], mid = ESTIMATED[1][level], hi = ESTIMATED[2][level];
        double lp = Math.log(Double.isNaN(photons) ? mid : Math.max(lo, Math.min(hi, photons)));
        int i = lp <= Math.log(mid) ? 0 : 1;
        double a = Math.log(ESTIMATED[i][level]), b = Math.log(ESTIMATED[i + 1][level]);
        double t = (lp - a) / (b - a);
        return (int) Math.round((1 - t) * TABLES[i][level] + t * TABLES[i + 1][level]);
    }
}
