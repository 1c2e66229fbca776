package dev.delp.engine.awdvd;

/**
 * The classification of every patch of a {@link PatchGrid}: class probabilities, the chosen label
 * (arg-max: {@code 0..10} defocus level, {@code 11} = bg) and its probability ("confidence").
 * Rows follow the grid order (row-major over patches).
 */
public final class DefocusMap {
    private final PatchGrid grid;
    private final float[][] probabilities; // (count, 12)

    /**
     * @throws IllegalArgumentException if the row count or width is wrong, or a row has a
     *                                  negative or non-finite value
     */
    public DefocusMap(PatchGrid grid, float[][] probabilities) {
        if (probabilities.length != grid.count()) {
            throw new IllegalArgumentException(probabilities.length + " probability rows for the " + grid.count()
                    + " patches of " + grid);
        }
        float[][] copy = new float[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            float[] row = probabilities[i];
            if (row.length != PatchClassifier.CLASSES) {
                throw new IllegalArgumentException("probability row " + i + " has " + row.length + " classes, expected "
                        + PatchClassifier.CLASSES);
            }
            for (float v : row) {
                if (!(v >= 0 && v <= 1.0001f)) {
                    throw new IllegalArgumentException("probability row " + i + " has value " + v
                            + " outside [0, 1]");
                }
            }
            copy[i] = row.clone();
        }
        this.grid = grid;
        this.probabilities = copy;
    }

    /** A map with certain (one-hot) labels, e.g. the true levels of a simulation. */
    public static DefocusMap ofLabels(PatchGrid grid, int[] labels) {
        if (labels.length != grid.count()) {
            throw new IllegalArgumentException(labels.length + " labels for the " + grid.count() + " patches of " + grid);
        }
        float[][] p = new float[labels.length][PatchClassifier.CLASSES];
        for (int i = 0; i < labels.length; i++) {
            PatchClassifier.checkLabel(labels[i]);
            p[i][labels[i]] = 1f;
        }
        return new DefocusMap(grid, p);
    }

    public PatchGrid grid() {
        return grid;
    }

    /** Number of patches. */
    public int count() {
        return probabilities.length;
    }

    /** Arg-max label of patch {@code i} (lowest label on ties). */
    public int label(int i) {
        return argMax(probabilities[i]);
    }

    /** Index of the largest value of a probability row (the first of equal ones). */
    static int argMax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Probability of the chosen label of patch {@code i}. */
    public float confidence(int i) {
        return probabilities[i][label(i)];
    }

    /** A copy of patch {@code i}'s probabilities. */
    public float[] probabilities(int i) {
        return probabilities[i].clone();
    }

    /** All rows (copies). */
    public float[][] probabilities() {
        float[][] out = new float[probabilities.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = probabilities[i].clone();
        }
        return out;
    }

    /** Whether every patch's arg-max is background (no specimen anywhere). */
    public boolean allBackground() {
        for (int i = 0; i < count(); i++) {
            if (label(i) != PatchClassifier.BG) {
                return false;
            }
        }
        return true;
    }

    /** The most frequent non-background label, or 0 if every patch is background (lowest on ties). */
    public int dominantLevel() {
        int[] counts = new int[PatchClassifier.LEVELS];
        for (int i = 0; i < count(); i++) {
            int l = label(i);
            if (l != PatchClassifier.BG) {
                counts[l]++;
            }
        }
        int best = 0;
        for (int l = 1; l < counts.length; l++) {
            if (counts[l] > counts[best]) {
                best = l;
            }
        }
        return best;
    }

    /**
     * Tab-separated rows {@code x y width height level confidence} (DESIGN.md §5 {@code map.tsv}),
     * with a header line; {@code level} is {@code 0..10} or {@code bg}; patch positions are clipped to the image.
     */
    public String toTsv() {
        StringBuilder sb = new StringBuilder("x\ty\twidth\theight\tlevel\tconfidence\n");
        int p = grid.patchSize();
        for (int i = 0; i < count(); i++) {
            int x = grid.patchX(i), y = grid.patchY(i);
            int l = label(i);
            sb.append(x).append('\t').append(y).append('\t')
                    .append(Math.min(p, grid.imageWidth() - x)).append('\t')
                    .append(Math.min(p, grid.imageHeight() - y)).append('\t')
                    .append(l == PatchClassifier.BG ? "bg" : Integer.toString(l)).append('\t')
                    .append(String.format(java.util.Locale.ROOT, "%.4f", confidence(i))).append('\n');
        }
        return sb.toString();
    }
}
