package dev.delp.engine.awdvd;

/**
 * The level distributions behind the interpolated mode's blur operator: a map's probabilities
 * without the background class. Background is where DelpNet sees no specimen, not where nothing is
 * blurred — the little light there is defocused like its surroundings — so a level patch keeps its
 * level mass (renormalised) and a background patch (arg-max background) takes the mean level
 * distribution of the level patches of its 3×3 neighbourhood, or of the whole image when it has
 * none. (As an identity PSF, background let RL fit the noise wherever its weight was partial: a
 * speckled rim round unrestored background in real fields, and up to 0.7 dB lower PSNR with
 * DelpNet's maps, docs/eval/README.md, session 10.) Background patches still pass through in the
 * output: the per-patch stops ({@link RegionStops}) read the map itself.
 */
final class BlurLevels {
    private BlurLevels() {
    }

    /** The operator's distributions, one row per patch (background 0); null if every patch is background. */
    static float[][] of(DefocusMap map) {
        PatchGrid grid = map.grid();
        int n = grid.count(), cols = grid.columns(), rows = grid.rows();
        float[][] levels = new float[n][];
        double[] image = new double[PatchClassifier.LEVELS];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            if (map.label(i) != PatchClassifier.BG) {
                levels[i] = normalisedLevels(map.probabilities(i));
                add(image, levels[i]);
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            if (levels[i] != null) {
                out[i] = levels[i];
                continue;
            }
            double[] sum = new double[PatchClassifier.LEVELS];
            int col = i % cols, row = i / cols;
            boolean near = false;
            for (int r = Math.max(0, row - 1); r <= Math.min(rows - 1, row + 1); r++) {
                for (int c = Math.max(0, col - 1); c <= Math.min(cols - 1, col + 1); c++) {
                    if (levels[c + cols * r] != null) {
                        add(sum, levels[c + cols * r]);
                        near = true;
                    }
                }
            }
            out[i] = normalised(near ? sum : image);
        }
        return out;
    }

    private static float[] normalisedLevels(float[] probabilities) {
        double[] d = new double[PatchClassifier.LEVELS];
        for (int c = 0; c < d.length; c++) {
            d[c] = probabilities[c];
        }
        return normalised(d);
    }

    private static float[] normalised(double[] levels) {
        double z = 0;
        for (double v : levels) {
            z += v;
        }
        float[] out = new float[PatchClassifier.CLASSES];
        for (int c = 0; c < levels.length; c++) {
            out[c] = (float) (levels[c] / z);
        }
        return out;
    }

    private static void add(double[] sum, float[] levels) {
        for (int c = 0; c < sum.length; c++) {
            sum[c] += levels[c];
        }
    }
}
