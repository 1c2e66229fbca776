package dev.delp.engine.eval;

import dev.delp.engine.awdvd.PatchClassifier;
import dev.delp.engine.awdvd.PsfSource;
import dev.delp.engine.awdvd.RlPatchDeconvolver;
import dev.delp.engine.image.Image2d;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Learns the per-level iteration table on held-out cases: for each level, the mean PSNR and SSIM
 * of Richardson–Lucy (the pipeline's deconvolver, flat start) with the true PSF after
 * {@code k = 1..maxIterations} iterations (one tracked run per case), against {@code k = 0}, the
 * input passed through. The rule:
 * <ol>
 * <li>a count qualifies only if its mean SSIM is at least the input's (PSNR alone would accept
 * sharpening that amplifies noise where the blur is small; {@code k = 0} always qualifies);</li>
 * <li>among qualifying counts, the plateau is those within {@value #TOLERANCE_DB} dB of the best
 * mean PSNR (the curves are flat near their maximum at deep levels);</li>
 * <li>the count of the plateau with the highest mean SSIM is chosen (the smaller on ties).</li>
 * </ol>
 * So deconvolution never lowers the mean PSNR or SSIM of a level on the learning data.
 */
public final class IterationLearning {
    /**
     * @param curves     mean PSNR per level (11) and iteration count ({@code maxIterations + 1}; 0 = input)
     * @param ssimCurves mean SSIM, same layout
     * @param table      chosen iteration count per level
     * @param medianEstimatedPhotons per level, the median {@code NoiseEstimate.photonsAtPeak} of the
     *                   learning regions: where the table sits on the axis the policy is queried with
     */
    public record Result(double[][] curves, double[][] ssimCurves, int[] table, double[] medianEstimatedPhotons,
            int casesPerLevel, double photons) {
    }

    /** A count within this many dB of the best mean PSNR is on the plateau. */
    public static final double TOLERANCE_DB = 0.1;

    private IterationLearning() {
    }

    public static Result learn(List<Image2d> real, PsfSource psfs, int casesPerLevel, int maxIterations, double photons,
            long seed, ForkJoinPool pool, java.util.function.Consumer<String> log) {
        RlPatchDeconvolver rl = new RlPatchDeconvolver(psfs);
        double[][] curves = new double[PatchClassifier.LEVELS][maxIterations + 1];
        double[][] ssimCurves = new double[PatchClassifier.LEVELS][maxIterations + 1];
        int[] table = new int[PatchClassifier.LEVELS];
        double[] estimated = new double[PatchClassifier.LEVELS];
        int p = PatchCases.PATCH;
        for (int level = 0; level < PatchClassifier.LEVELS; level++) {
            int m = psfs.radius(level);
            List<PatchCases.Case> cases = PatchCases.sample(real, psfs, level, casesPerLevel, m, photons, 0.25, seed,
                    pool);
            int lv = level;
            double[] photonEstimates = new double[cases.size()];
            for (int i = 0; i < photonEstimates.length; i++) {
                photonEstimates[i] = dev.delp.engine.awdvd.NoiseEstimate.photonsAtPeak(cases.get(i).observedRegion(m),
                        p + 2 * m, p + 2 * m);
            }
            java.util.Arrays.sort(photonEstimates);
            int n = photonEstimates.length;
            estimated[level] = n % 2 == 1 ? photonEstimates[n / 2]
                    : 0.5 * (photonEstimates[n / 2 - 1] + photonEstimates[n / 2]);
            List<double[][]> perCase = Parallel.map(pool, cases.size(), i -> {
                PatchCases.Case c = cases.get(i);
                double range = Quality.range(c.truth());
                double[][] q = new double[2][maxIterations + 1];
                q[0][0] = Quality.psnr(c.observedPatch(), c.truth(), range);
                q[1][0] = Quality.ssim(c.observedPatch(), c.truth(), p, p, range);
                int size = p + 2 * m;
                rl.deconvolveTracking(c.observedRegion(m), size, size, lv, maxIterations, pool, (est, k) -> {
                    float[] e = PatchCases.crop(est, size, m, p);
                    q[0][k] = Quality.psnr(e, c.truth(), range);
                    q[1][k] = Quality.ssim(e, c.truth(), p, p, range);
                });
                return q;
            });
            for (double[][] q : perCase) { // fixed order: deterministic sums
                for (int k = 0; k <= maxIterations; k++) {
                    curves[level][k] += q[0][k] / perCase.size();
                    ssimCurves[level][k] += q[1][k] / perCase.size();
                }
            }
            table[level] = choose(curves[level], ssimCurves[level]);
            int chosen = table[level];
            int best = bestPsnr(curves[level], ssimCurves[level]);
            log.accept(String.format(java.util.Locale.ROOT,
                    "level %2d: chose %3d iterations (PSNR %.2f dB, SSIM %.4f), best qualifying PSNR at %3d (%.2f / %.4f),"
                            + " input %.2f / %.4f, after %d: %.2f / %.4f",
                    level, chosen, curves[level][chosen], ssimCurves[level][chosen], best, curves[level][best],
                    ssimCurves[level][best], curves[level][0], ssimCurves[level][0], maxIterations,
                    curves[level][maxIterations], ssimCurves[level][maxIterations]));
        }
        return new Result(curves, ssimCurves, table, estimated, casesPerLevel, photons);
    }

    /** The rule of the class comment on one level's mean curves (index = iterations, 0 = input). */
    static int choose(double[] psnr, double[] ssim) {
        int best = bestPsnr(psnr, ssim);
        int chosen = 0;
        boolean found = false;
        for (int k = 0; k < psnr.length; k++) {
            if (qualifies(k, ssim) && psnr[k] >= psnr[best] - TOLERANCE_DB && (!found || ssim[k] > ssim[chosen])) {
                chosen = k;
                found = true;
            }
        }
        return chosen;
    }

    private static boolean qualifies(int k, double[] ssim) {
        return k == 0 || ssim[k] >= ssim[0];
    }

    private static int bestPsnr(double[] psnr, double[] ssim) {
        int best = 0;
        for (int k = 1; k < psnr.length; k++) {
            if (qualifies(k, ssim) && psnr[k] > psnr[best]) {
                best = k;
            }
        }
        return best;
    }
}
