package dev.delp.engine.awdvd;

import java.util.ArrayList;
import java.util.List;

/**
 * Smooth per-class weight maps {@code w_c(x, y)} over an image, interpolated bilinearly between
 * patch centres from per-patch class probabilities (constant beyond the outermost centres).
 * Classes whose weight never reaches {@code minWeight} anywhere are dropped and the rest are
 * renormalised to sum 1 at every pixel, so the cost of the interpolated mode grows with the
 * number of classes actually present.
 */
public final class WeightMaps {
    private final int width, height;
    private final int[] labels;      // classes kept, ascending
    private final float[][] maps;    // (labels.length, height*width)

    private WeightMaps(int width, int height, int[] labels, float[][] maps) {
        this.width = width;
        this.height = height;
        this.labels = labels;
        this.maps = maps;
    }

    /**
     * Builds the maps for {@code grid} (image size = grid image size) from {@code probabilities}
     * (one row of {@link PatchClassifier#CLASSES} per patch, row-major over the grid).
     */
    public static WeightMaps interpolate(PatchGrid grid, float[][] probabilities, float minWeight) {
        return interpolate(grid, probabilities, minWeight, CentreRamp.linear());
    }

    /**
     * As {@link #interpolate(PatchGrid, float[][], float)}, with the weights passing from one patch
     * centre to the next along {@code ramp} on each axis ({@link CentreRamp#linear()} = bilinear).
     */
    public static WeightMaps interpolate(PatchGrid grid, float[][] probabilities, float minWeight, CentreRamp ramp) {
        if (probabilities.length != grid.count()) {
            throw new IllegalArgumentException(probabilities.length + " probability rows for " + grid.count()
                    + " patches of " + grid);
        }
        int w = grid.imageWidth(), h = grid.imageHeight();
        int cols = grid.columns();
        // Bilinear weights along each axis: pixel -> (lower centre index, fraction towards the next).
        int[] ix = new int[w];
        float[] fx = new float[w];
        axis(grid.columnCentres(), ix, fx, ramp);
        int[] iy = new int[h];
        float[] fy = new float[h];
        axis(grid.rowCentres(), iy, fy, ramp);

        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < PatchClassifier.CLASSES; c++) {
            float max = 0;
            for (float[] row : probabilities) {
                max = Math.max(max, row[c]);
            }
            // Bilinear interpolation never exceeds the largest node value, so this test is exact.
            if (max >= minWeight) {
                kept.add(c);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no class reaches the minimum weight " + minWeight);
        }
        int[] labels = kept.stream().mapToInt(Integer::intValue).toArray();
        float[][] maps = new float[labels.length][w * h];
        int rows = grid.rows();
        for (int li = 0; li < labels.length; li++) {
            int c = labels[li];
            float[] m = maps[li];
            for (int y = 0; y < h; y++) {
                int r0 = iy[y], r1 = Math.min(r0 + 1, rows - 1);
                float ty = fy[y];
                for (int x = 0; x < w; x++) {
                    int c0 = ix[x], c1 = Math.min(c0 + 1, cols - 1);
                    float tx = fx[x];
                    float top = (1 - tx) * probabilities[c0 + cols * r0][c] + tx * probabilities[c1 + cols * r0][c];
                    float bot = (1 - tx) * probabilities[c0 + cols * r1][c] + tx * probabilities[c1 + cols * r1][c];
                    m[x + w * y] = (1 - ty) * top + ty * bot;
                }
            }
        }
        for (int p = 0; p < w * h; p++) {
            double s = 0;
            for (float[] m : maps) {
                s += m[p];
            }
            if (s <= 0) {
                throw new IllegalStateException("weights sum to " + s + " at pixel " + p);
            }
            for (float[] m : maps) {
                m[p] = (float) (m[p] / s);
            }
        }
        return new WeightMaps(w, h, labels, maps);
    }

    /** One class with weight 1 everywhere (depth-invariant deconvolution). */
    public static WeightMaps single(int width, int height, int label) {
        PatchClassifier.checkLabel(label);
        float[] m = new float[width * height];
        java.util.Arrays.fill(m, 1f);
        return new WeightMaps(width, height, new int[] {label}, new float[][] {m});
    }

    /** Explicit maps (each {@code width*height}, summing to 1 per pixel); not copied. For tests. */
    static WeightMaps explicit(int width, int height, int[] labels, float[][] maps) {
        return new WeightMaps(width, height, labels.clone(), maps);
    }

    private static void axis(double[] centres, int[] index, float[] frac, CentreRamp ramp) {
        int n = centres.length;
        int j = 0;
        for (int p = 0; p < index.length; p++) {
            if (n == 1 || p <= centres[0]) {
                index[p] = 0;
                frac[p] = 0;
                continue;
            }
            if (p >= centres[n - 1]) {
                index[p] = n - 1;
                frac[p] = 0;
                continue;
            }
            while (centres[j + 1] <= p) {
                j++;
            }
            index[p] = j;
            frac[p] = (float) ramp.apply((p - centres[j]) / (centres[j + 1] - centres[j]));
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Classes present, ascending (0..10 levels, 11 bg). */
    public int[] labels() {
        return labels.clone();
    }

    /** Number of classes present. */
    public int count() {
        return labels.length;
    }

    /** Label of map {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** Map {@code i} (live array, row-major {@code height x width}; do not modify). */
    public float[] map(int i) {
        return maps[i];
    }
}
