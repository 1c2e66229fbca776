package dev.delp.engine.eval;

import dev.delp.engine.awdvd.PatchClassifier;
import dev.delp.engine.awdvd.PsfSource;
import dev.delp.engine.awdvd.RlPatchDeconvolver;
import dev.delp.engine.image.Image2d;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Learns the per-level iteration table on held-out cases: for each level, the mean PSNR of
 * Richardson–Lucy with the true PSF after {@code k = 0..maxIterations} iterations (one tracked run
 * per case), and the smallest {@code k} within {@value #TOLERANCE_DB} dB of the best (the curves are
 * flat near their maximum at deep levels, so this saves many iterations for nothing measurable).
 * {@code k = 0} (the input) is a candidate, so a level where RL does not help gets 0 iterations:
 * deconvolution never makes it worse on average.
 */
public final class IterationLearning {
    /**
     * @param curves mean PSNR per level (11) and iteration count ({@code maxIterations + 1})
     * @param table  best iteration count per level
     */
    public record Result(double[][] curves, int[] table, int casesPerLevel, double photons) {
    }

    /** A count within this many dB of the best mean PSNR is good enough. */
    public static final double TOLERANCE_DB = 0.1;

    private IterationLearning() {
    }

    public static Result learn(List<Image2d> real, PsfSource psfs, int casesPerLevel, int maxIterations, double photons,
            long seed, ForkJoinPool pool, java.util.function.Consumer<String> log) {
        RlPatchDeconvolver rl = new RlPatchDeconvolver(psfs);
        double[][] curves = new double[PatchClassifier.LEVELS][maxIterations + 1];
        int[] table = new int[PatchClassifier.LEVELS];
        for (int level = 0; level < PatchClassifier.LEVELS; level++) {
            int m = psfs.radius(level);
            List<PatchCases.Case> cases = PatchCases.sample(real, psfs, level, casesPerLevel, m, photons, 0.25, seed,
                    pool);
            int lv = level;
            List<double[]> perCase = Parallel.map(pool, cases.size(), i -> {
                PatchCases.Case c = cases.get(i);
                double range = Quality.range(c.truth());
                double[] psnr = new double[maxIterations + 1];
                psnr[0] = Quality.psnr(c.observedPatch(), c.truth(), range);
                int size = PatchCases.PATCH + 2 * m;
                rl.deconvolveTracking(c.observedRegion(m), size, size, lv, maxIterations, pool,
                        (est, k) -> psnr[k] = Quality.psnr(PatchCases.crop(est, size, m, PatchCases.PATCH), c.truth(),
                                range));
                return psnr;
            });
            for (double[] p : perCase) {
                for (int k = 0; k <= maxIterations; k++) {
                    curves[level][k] += p[k] / perCase.size();
                }
            }
            int best = 0;
            for (int k = 1; k <= maxIterations; k++) {
                if (curves[level][k] > curves[level][best]) {
                    best = k;
                }
            }
            int chosen = best;
            // the smallest k of the plateau: scan from 0 for the first k within the tolerance
            for (int k = 0; k <= best; k++) {
                if (curves[level][k] >= curves[level][best] - TOLERANCE_DB) {
                    chosen = k;
                    break;
                }
            }
            table[level] = chosen;
            log.accept(String.format(java.util.Locale.ROOT,
                    "level %2d: chose %3d iterations (PSNR %.2f dB), best %3d (%.2f), input %.2f, after %d: %.2f",
                    level, chosen, curves[level][chosen], best, curves[level][best], curves[level][0], maxIterations,
                    curves[level][maxIterations]));
        }
        return new Result(curves, table, casesPerLevel, photons);
    }
}
