package dev.delp.engine.dataset;

/**
 * Parameters of {@link DatasetBuilder}. Start from {@link #defaults()} and change fields with the
 * {@code with...} methods.
 *
 * @param stepUm               defocus per level in µm (default 2; level L is blurred at L·stepUm)
 * @param level10MaxDefocusUm  level 10 means "10·stepUm or more": its defocus is drawn uniformly
 *                             from the 1 µm grid {@code 10·stepUm, 10·stepUm + 1, ..., max}
 *                             (default 20 = exactly 20 µm; e.g. 32 to cover [20, 32] µm)
 * @param photonsMin           lower end of the photon budget (counts at the source's reference
 *                             intensity), drawn log-uniformly per patch (default 300)
 * @param photonsMax           upper end (default 4000; BBBC006 nuclei peak at 1,000–4,000)
 * @param offsetCounts         camera offset added to every output pixel (default 100)
 * @param readNoiseCounts      Gaussian read noise σ in counts (default 2)
 * @param foregroundThreshold  foreground pixel: source − offset &gt; this · reference (default 0.15)
 * @param minForeground        a level patch needs this fraction of foreground pixels (default 0.03)
 * @param bgMaxForeground      a bg window may hold at most this fraction (default 0.001)
 * @param bgMarginPx           the bg test looks this far beyond the 84×84 window (default 24)
 * @param maxTries             random windows tried per patch before moving to a new source (default 200)
 */
public record DatasetConfig(double stepUm, double level10MaxDefocusUm, double photonsMin, double photonsMax,
        double offsetCounts, double readNoiseCounts, double foregroundThreshold, double minForeground,
        double bgMaxForeground, int bgMarginPx, int maxTries) {

    public DatasetConfig {
        check("stepUm", stepUm, 1e-3, 100);
        check("level10MaxDefocusUm", level10MaxDefocusUm, 10 * stepUm, 10 * stepUm + 1000);
        check("photonsMin", photonsMin, 1, 1e9);
        check("photonsMax", photonsMax, photonsMin, 1e9);
        check("offsetCounts", offsetCounts, 0, 1e6);
        check("readNoiseCounts", readNoiseCounts, 0, 1e6);
        check("foregroundThreshold", foregroundThreshold, 1e-6, 1);
        check("minForeground", minForeground, 0, 1);
        check("bgMaxForeground", bgMaxForeground, 0, 1);
        check("bgMarginPx", bgMarginPx, 0, 1000);
        check("maxTries", maxTries, 1, 1_000_000);
    }

    /** The defaults listed above. */
    public static DatasetConfig defaults() {
        return new DatasetConfig(2, 20, 300, 4000, 100, 2, 0.15, 0.03, 0.001, 24, 200);
    }

    public DatasetConfig withStepUm(double v) {
        return new DatasetConfig(v, Math.max(level10MaxDefocusUm, 10 * v), photonsMin, photonsMax, offsetCounts,
                readNoiseCounts, foregroundThreshold, minForeground, bgMaxForeground, bgMarginPx, maxTries);
    }

    public DatasetConfig withLevel10MaxDefocusUm(double v) {
        return new DatasetConfig(stepUm, v, photonsMin, photonsMax, offsetCounts, readNoiseCounts,
                foregroundThreshold, minForeground, bgMaxForeground, bgMarginPx, maxTries);
    }

    public DatasetConfig withPhotons(double min, double max) {
        return new DatasetConfig(stepUm, level10MaxDefocusUm, min, max, offsetCounts, readNoiseCounts,
                foregroundThreshold, minForeground, bgMaxForeground, bgMarginPx, maxTries);
    }

    public DatasetConfig withCamera(double offset, double readNoise) {
        return new DatasetConfig(stepUm, level10MaxDefocusUm, photonsMin, photonsMax, offset, readNoise,
                foregroundThreshold, minForeground, bgMaxForeground, bgMarginPx, maxTries);
    }

    public DatasetConfig withBackgroundRule(double threshold, double minFg, double bgMaxFg, int marginPx) {
        return new DatasetConfig(stepUm, level10MaxDefocusUm, photonsMin, photonsMax, offsetCounts, readNoiseCounts,
                threshold, minFg, bgMaxFg, marginPx, maxTries);
    }

    private static void check(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(name + " = " + v + " outside [" + lo + ", " + hi + "]");
        }
    }
}
