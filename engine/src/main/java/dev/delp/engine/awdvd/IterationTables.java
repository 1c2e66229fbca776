package dev.delp.engine.awdvd;

import java.util.Arrays;

/**
 * The default Richardson–Lucy iterations per defocus level and noise level, learned on held-out
 * data. For each photon budget (photons on the brightest blurred pixel: 300, 1,000, 4,000; camera
 * offset 100 and read noise 2 counts) and level: 32 patches of BBBC006 a01–a05 and procedural
 * specimens blurred with the level's Born–Wolf PSF (default optics), RL with the true PSF tracked to
 * 150 iterations; the count is the smallest within 0.1 dB of the best mean PSNR (0 = pass through:
 * RL does not help there). Made by
 * <pre>
 * java dev.delp.engine.eval.LearnIterationTable /work/shared/data/bbbc006/infocus a06 32 150 1000,300,4000 1 2
 * </pre>
 * (a06 is held out for the evaluation). Mean PSNR gains at 1,000 photons at the chosen counts:
 * +0, +0.7, +5.2, +4.2, +6.5, +6.4, +8.9, +7.5, +8.6, +9.8, +9.9 dB for levels 0..10. The counts
 * grow with the photon budget (about as its square root), so {@link #defaultPolicy()} interpolates
 * the tables linearly in log photons at the region's estimated budget ({@link NoiseEstimate}),
 * clamped to [300, 4000]. At 4,000 photons the deep levels were still improving at 150 (the cap).
 */
public final class IterationTables {
    private IterationTables() {
    }

    /** Photon budgets the tables were learned at. */
    private static final double[] PHOTONS = {300, 1000, 4000};
    /** Iterations for levels 0..10 at each budget. */
    private static final int[][] TABLES = {
        {0, 0, 8, 5, 17, 17, 38, 32, 48, 56, 69},
        {0, 1, 11, 11, 31, 35, 69, 62, 83, 99, 117},
        {1, 2, 16, 23, 60, 69, 128, 121, 135, 142, 143},
    };

    /** Noise-aware: the tables interpolated in log photons at the estimated budget. */
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
                return "per level and noise (tables at 300/1000/4000 photons " + Arrays.deepToString(TABLES) + ")";
            }
        };
    }

    /** Noise-blind: the 1,000-photon table for every region. */
    public static IterationPolicy at1000Photons() {
        return IterationPolicy.table(TABLES[1]);
    }

    static int interpolated(int level, double photons) {
        if (level < 0 || level >= PatchClassifier.LEVELS) {
            throw new IllegalArgumentException("level " + level + " must be within [0, 10]");
        }
        double lp = Math.log(Double.isNaN(photons) ? PHOTONS[1] : Math.max(PHOTONS[0], Math.min(PHOTONS[2], photons)));
        int i = lp <= Math.log(PHOTONS[1]) ? 0 : 1;
        double t = (lp - Math.log(PHOTONS[i])) / (Math.log(PHOTONS[i + 1]) - Math.log(PHOTONS[i]));
        return (int) Math.round((1 - t) * TABLES[i][level] + t * TABLES[i + 1][level]);
    }
}
