package dev.delp.engine.eval;

import dev.delp.engine.awdvd.IterationPolicy;
import dev.delp.engine.awdvd.NoiseEstimate;
import dev.delp.engine.awdvd.PatchClassifier;
import dev.delp.engine.awdvd.PsfSource;
import dev.delp.engine.awdvd.RlPatchDeconvolver;
import dev.delp.engine.image.Image2d;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * The paper's per-level experiment: for each level 0..10, held-out patches are defocused with the
 * true PSF and camera noise, then restored by each {@link Method}; mean PSNR and SSIM against the
 * in-focus truth (data range = the truth patch's max − min). RL runs on the patch plus a margin of
 * the PSF radius of real context, exactly as the AWDVD pipeline does, and is scored on the 84x84.
 */
public final class PerLevelEvaluation {
    /** What is compared. */
    public enum Method {
        NOISY("noisy defocused"),
        DV_TRUE("depth-variant RL, true level, iterations per level and estimated noise (default)"),
        DV_TRUE_BLIND("depth-variant RL, true level, iterations per level from the 1,000-photon table only"),
        DV_TRUE_30("depth-variant RL, true level, 30 iterations"),
        DV_PREDICTED("depth-variant RL, DelpNet level, iterations per level and estimated noise"),
        INV_L0_30("depth-invariant RL, level-0 PSF, 30 iterations"),
        INV_MID_30("depth-invariant RL, level-5 PSF, 30 iterations");

        public final String description;

        Method(String description) {
            this.description = description;
        }
    }

    /** The single PSF levels of the invariant methods. */
    public static final int MID_LEVEL = 5;

    /**
     * @param psnr      mean PSNR [level][method] (NaN for DV_PREDICTED without a classifier)
     * @param ssim      mean SSIM [level][method]
     * @param confusion counts [true level][predicted class 0..11] (empty without a classifier)
     * @param casesPerLevel patches per level
     * @param sources   e.g. "bbbc006 a06 + procedural"
     */
    public record Result(double[][] psnr, double[][] ssim, long[][] confusion, int casesPerLevel, double photons,
            String sources, String policy) {
    }

    private PerLevelEvaluation() {
    }

    public static Result run(List<Image2d> heldOut, String sources, PsfSource psfs, PatchClassifier classifier,
            IterationPolicy policy, IterationPolicy blindPolicy, int casesPerLevel, double photons, long seed,
            ForkJoinPool pool, java.util.function.Consumer<String> log) {
        int levels = PatchClassifier.LEVELS, methods = Method.values().length;
        double[][] psnr = new double[levels][methods], ssim = new double[levels][methods];
        long[][] confusion = new long[levels][PatchClassifier.CLASSES];
        RlPatchDeconvolver rl = new RlPatchDeconvolver(psfs);
        int context = psfs.radius(PatchClassifier.LEVELS - 1);
        for (int level = 0; level < levels; level++) {
            List<PatchCases.Case> cases = PatchCases.sample(heldOut, psfs, level, casesPerLevel, context, photons, 0.25,
                    seed, pool);
            int[] predicted = new int[cases.size()];
            if (classifier != null) {
                int p = PatchCases.PATCH;
                float[] packed = new float[cases.size() * p * p];
                for (int i = 0; i < cases.size(); i++) {
                    System.arraycopy(cases.get(i).counts(), 0, packed, i * p * p, p * p);
                }
                float[][] probs = classifier.probabilities(packed, p, cases.size(), pool);
                for (int i = 0; i < cases.size(); i++) {
                    predicted[i] = argmax(probs[i]);
                    confusion[level][predicted[i]]++;
                }
            }
            List<double[]> scores = Parallel.map(pool, cases.size(), i -> {
                PatchCases.Case c = cases.get(i);
                double range = Quality.range(c.truth());
                double[] s = new double[2 * methods];
                for (Method m : Method.values()) {
                    float[] out;
                    switch (m) {
                        case NOISY -> out = c.observedPatch();
                        case DV_TRUE -> out = restore(rl, psfs, c, c.level(), iterations(policy, psfs, c, c.level()),
                                pool);
                        case DV_TRUE_BLIND -> out = restore(rl, psfs, c, c.level(),
                                blindPolicy.iterations(c.level()), pool);
                        case DV_TRUE_30 -> out = restore(rl, psfs, c, c.level(), 30, pool);
                        case DV_PREDICTED -> out = classifier == null ? null
                                : predicted[i] == PatchClassifier.BG ? c.observedPatch()
                                : restore(rl, psfs, c, predicted[i], iterations(policy, psfs, c, predicted[i]), pool);
                        case INV_L0_30 -> out = restore(rl, psfs, c, 0, 30, pool);
                        case INV_MID_30 -> out = restore(rl, psfs, c, MID_LEVEL, 30, pool);
                        default -> throw new IllegalStateException(m.toString());
                    }
                    if (out == null) {
                        s[m.ordinal()] = Double.NaN;
                        s[methods + m.ordinal()] = Double.NaN;
                    } else {
                        s[m.ordinal()] = Quality.psnr(out, c.truth(), range);
                        s[methods + m.ordinal()] = Quality.ssim(out, c.truth(), PatchCases.PATCH, PatchCases.PATCH, range);
                    }
                }
                return s;
            });
            for (double[] s : scores) {
                for (int m = 0; m < methods; m++) {
                    psnr[level][m] += s[m] / scores.size();
                    ssim[level][m] += s[methods + m] / scores.size();
                }
            }
            StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "level %2d:", level));
            for (Method m : Method.values()) {
                line.append(String.format(java.util.Locale.ROOT, " %s %.2f/%.3f", m, psnr[level][m.ordinal()],
                        ssim[level][m.ordinal()]));
            }
            log.accept(line.toString());
        }
        return new Result(psnr, ssim, classifier == null ? new long[0][0] : confusion, casesPerLevel, photons, sources,
                policy.toString());
    }

    /** The policy's count for {@code level} at the noise estimated on the region RL will see. */
    static int iterations(IterationPolicy policy, PsfSource psfs, PatchCases.Case c, int level) {
        int m = psfs.radius(level);
        int size = PatchCases.PATCH + 2 * m;
        return policy.iterations(level, NoiseEstimate.photonsAtPeak(c.observedRegion(m), size, size));
    }

    static float[] restore(RlPatchDeconvolver rl, PsfSource psfs, PatchCases.Case c, int level, int iterations,
            ForkJoinPool pool) {
        if (iterations == 0) {
            return c.observedPatch();
        }
        int m = psfs.radius(level);
        int size = PatchCases.PATCH + 2 * m;
        float[] out = rl.deconvolve(c.observedRegion(m), size, size, level, iterations, pool);
        return PatchCases.crop(out, size, m, PatchCases.PATCH);
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Labels of methods in table order. */
    public static List<String> methodNames() {
        List<String> l = new ArrayList<>();
        for (Method m : Method.values()) {
            l.add(m.name());
        }
        return l;
    }
}
