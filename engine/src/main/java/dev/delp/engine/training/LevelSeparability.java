package dev.delp.engine.training;

import dev.delp.engine.conv.Blur;
import dev.delp.engine.conv.OtfCache;
import dev.delp.engine.dataset.DatasetBuilder;
import dev.delp.engine.dataset.DatasetConfig;
import dev.delp.engine.dataset.PsfSource;
import dev.delp.engine.image.Image2d;
import dev.delp.nn.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * How well two neighbouring defocus levels can be told apart at all: the accuracy of the ideal
 * observer that knows the specimen exactly and only has to decide whether a noisy patch was blurred
 * at level {@code L} or {@code L+1} (equal priors). That is an upper bound on the pairwise accuracy
 * of any classifier, DelpNet included, which must also guess the specimen; if the bound is near
 * 100 % at a photon budget, confusions between the two levels there are not caused by the noise.
 *
 * <p>For noise-free mean counts {@code a} and {@code b} of the two hypotheses (the dataset's forward
 * model: {@code gain · (h ⊛ s)}, {@code gain = photons / reference}; the known camera offset
 * cancels), the log-likelihood-ratio test errs with probability {@code Φ(−d/2)} where
 * {@code d² = Σ (aᵢ − bᵢ)² / σᵢ²}, {@code σᵢ² = (aᵢ + bᵢ)/2 + readNoise²} — the Gaussian
 * approximation of Poisson + read noise, checked against a Monte-Carlo Poisson likelihood-ratio
 * test in the unit tests. Windows are chosen as the {@link DatasetBuilder} chooses level patches
 * (at least {@code minForeground} of the in-focus pixels above {@code foregroundThreshold · reference}).
 */
public final class LevelSeparability {
    private LevelSeparability() {
    }

    /**
     * An in-focus source: fluorescence above the camera offset and its reference intensity (the
     * level whose counts equal the photon budget: 0.75 for generated specimens, the 99.9th
     * percentile for real images — as in {@link DatasetBuilder}).
     */
    public record Source(Image2d signal, double reference) {
        /** Validates a positive finite reference. */
        public Source {
            if (signal == null || !(reference > 0) || Double.isInfinite(reference)) {
                throw new IllegalArgumentException("source needs an image and a positive reference, got " + reference);
            }
        }
    }

    /**
     * Oracle accuracy for one level pair at one photon budget over many windows.
     *
     * @param level        the lower level {@code L} of the pair {@code (L, L+1)}
     * @param defocusAUm   defocus of level {@code L} (µm)
     * @param defocusBUm   defocus of level {@code L+1} (µm; level 10's nearest, i.e. hardest, 10 · step)
     * @param photons      photon budget
     * @param windows      windows averaged
     * @param meanAccuracy mean oracle accuracy over the windows
     * @param below90      fraction of windows whose oracle accuracy is below 90 %
     */
    public record PairResult(int level, double defocusAUm, double defocusBUm, double photons, int windows,
                             double meanAccuracy, double below90) {
    }

    /** Ideal-observer accuracy {@code Φ(d/2)} between mean count images {@code a} and {@code b}. */
    public static double oracleAccuracy(float[] a, float[] b, double readNoiseCounts) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("mean images differ in size: " + a.length + " vs " + b.length);
        }
        double r2 = readNoiseCounts * readNoiseCounts;
        double d2 = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = a[i] - b[i];
            double var = Math.max(0, (a[i] + b[i]) / 2.0) + r2;
            if (var > 0) {
                d2 += diff * diff / var;
            }
        }
        return normalCdf(Math.sqrt(d2) / 2);
    }

    /**
     * Oracle accuracies for every neighbouring level pair {@code (L, L+1)}, {@code L = 0..9}, at each
     * photon budget, over {@code windowsPerSource} random level windows of every source (seeded).
     */
    public static List<PairResult> measure(List<Source> sources, PsfSource psfs, DatasetConfig cfg, double[] photons,
                                           int windowsPerSource, long seed, ForkJoinPool pool) {
        if (sources.isEmpty() || photons.length == 0 || windowsPerSource < 1) {
            throw new IllegalArgumentException("need at least one source, photon budget and window; got "
                    + sources.size() + ", " + photons.length + ", " + windowsPerSource);
        }
        int levels = 11;
        int p = DatasetBuilder.PATCH;
        // acc[level][photon] sums and counts of windows below 90 %
        double[][] sum = new double[levels - 1][photons.length];
        int[][] low = new int[levels - 1][photons.length];
        int windows = 0;
        OtfCache cache = new OtfCache(16);
        for (int s = 0; s < sources.size(); s++) {
            Source src = sources.get(s);
            Image2d[] blurred = new Image2d[levels];
            for (int l = 0; l < levels; l++) {
                blurred[l] = Blur.reflect(src.signal(), psfs.psf(l * cfg.stepUm()), cache, pool);
            }
            List<int[]> picked = windows(src, cfg, windowsPerSource, new SplittableRandom(Trainer.mix(seed, s, 0x5E9A)));
            for (int[] xy : picked) {
                windows++;
                float[][] crops = new float[levels][];
                for (int l = 0; l < levels; l++) {
                    crops[l] = blurred[l].crop(xy[0], xy[1], p, p).data();
                }
                for (int k = 0; k < photons.length; k++) {
                    double gain = photons[k] / src.reference();
                    float[] prev = scaled(crops[0], gain);
                    for (int l = 0; l < levels - 1; l++) {
                        float[] next = scaled(crops[l + 1], gain);
                        double acc = oracleAccuracy(prev, next, cfg.readNoiseCounts());
                        sum[l][k] += acc;
                        low[l][k] += acc < 0.9 ? 1 : 0;
                        prev = next;
                    }
                }
            }
        }
        if (windows == 0) {
            throw new IllegalArgumentException("no source holds an 84x84 window with foreground fraction >= "
                    + cfg.minForeground());
        }
        List<PairResult> out = new ArrayList<>();
        for (int l = 0; l < levels - 1; l++) {
            for (int k = 0; k < photons.length; k++) {
                out.add(new PairResult(l, l * cfg.stepUm(), (l + 1) * cfg.stepUm(), photons[k], windows,
                        sum[l][k] / windows, (double) low[l][k] / windows));
            }
        }
        return out;
    }

    private static float[] scaled(float[] v, double gain) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (Math.max(0, v[i]) * gain);
        }
        return out;
    }

    /** Up to {@code n} level windows (foreground rule of the dataset builder), 200 tries each. */
    private static List<int[]> windows(Source src, DatasetConfig cfg, int n, SplittableRandom rnd) {
        Image2d sig = src.signal();
        int p = DatasetBuilder.PATCH;
        if (sig.width() < p || sig.height() < p) {
            throw new IllegalArgumentException("source " + sig.shape() + " is smaller than an 84x84 patch");
        }
        float threshold = (float) (cfg.foregroundThreshold() * src.reference());
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < cfg.maxTries(); t++) {
                int x = rnd.nextInt(sig.width() - p + 1);
                int y = rnd.nextInt(sig.height() - p + 1);
                int fg = 0;
                for (int yy = y; yy < y + p; yy++) {
                    for (int xx = x; xx < x + p; xx++) {
                        fg += sig.get(xx, yy) > threshold ? 1 : 0;
                    }
                }
                if (fg >= cfg.minForeground() * p * p) {
                    out.add(new int[] {x, y});
                    break;
                }
            }
        }
        return out;
    }

    /** Standard normal CDF (Abramowitz & Stegun 7.1.26 for erf, |error| ≤ 1.5e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    /** The results as a Markdown table: one row per level pair, one column per photon budget. */
    public static String markdown(List<PairResult> results) {
        double[] photons = results.stream().mapToDouble(PairResult::photons).distinct().toArray();
        StringBuilder sb = new StringBuilder("| pair (µm) |");
        for (double ph : photons) {
            sb.append(String.format(java.util.Locale.ROOT, " %.0f photons |", ph));
        }
        sb.append("\n|---|").append("---:|".repeat(photons.length)).append('\n');
        for (int l = 0; l < 10; l++) {
            final int level = l;
            PairResult first = results.stream().filter(r -> r.level() == level).findFirst().orElseThrow();
            sb.append(String.format(java.util.Locale.ROOT, "| %d↔%d (%.0f vs %.0f) |", l, l + 1, first.defocusAUm(),
                    first.defocusBUm()));
            for (double ph : photons) {
                PairResult r = results.stream().filter(x -> x.level() == level && x.photons() == ph).findFirst()
                        .orElseThrow();
                sb.append(String.format(java.util.Locale.ROOT, " %.2f %% (%.0f %% < 90) |", 100 * r.meanAccuracy(),
                        100 * r.below90()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
