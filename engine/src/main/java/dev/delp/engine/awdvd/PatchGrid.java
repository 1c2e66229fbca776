package dev.delp.engine.awdvd;

import java.util.ArrayList;
import java.util.List;

/**
 * The placement of {@code patchSize x patchSize} patches over a {@code imageWidth x imageHeight}
 * image with stride {@code stride}.
 *
 * <p>Along each axis patches start at {@code 0, s, 2s, ...} while they fit; if the last one does
 * not reach the image border, one more patch is added flush with the border (shifted inward, never
 * dropped). An axis shorter than the patch is handled on a <em>work canvas</em> of the patch size:
 * the caller pads the image by reflection to {@link #canvasWidth()} x {@link #canvasHeight()}
 * ({@code Awdvd.cut}) and crops the result back. Every canvas pixel is covered by at least one
 * patch. Such a canvas serves deconvolution with a given map; DelpNet cannot classify it
 * ({@link DelpNetClassifier#requireWholePatch}).
 */
public final class PatchGrid {
    /** DelpNet's input size. */
    public static final int DEFAULT_PATCH = 84;

    private final int imageWidth, imageHeight, patchSize, stride;
    private final int[] xs, ys; // patch origins on the canvas, ascending

    private PatchGrid(int imageWidth, int imageHeight, int patchSize, int stride) {
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.patchSize = patchSize;
        this.stride = stride;
        this.xs = origins(Math.max(imageWidth, patchSize), patchSize, stride);
        this.ys = origins(Math.max(imageHeight, patchSize), patchSize, stride);
    }

    /**
     * A grid for an image of the given size.
     *
     * @throws IllegalArgumentException if a size is below 1 or the stride is outside {@code 1..patchSize}
     */
    public static PatchGrid of(int imageWidth, int imageHeight, int patchSize, int stride) {
        if (imageWidth < 1 || imageHeight < 1) {
            throw new IllegalArgumentException("image " + imageWidth + "x" + imageHeight + " must be at least 1x1");
        }
        if (patchSize < 1) {
            throw new IllegalArgumentException("patch size " + patchSize + " must be >= 1");
        }
        if (stride < 1 || stride > patchSize) {
            throw new IllegalArgumentException("stride " + stride + " must be within [1, " + patchSize
                    + "] (the patch size)");
        }
        return new PatchGrid(imageWidth, imageHeight, patchSize, stride);
    }

    /** A grid of 84x84 patches. */
    public static PatchGrid of(int imageWidth, int imageHeight, int stride) {
        return of(imageWidth, imageHeight, DEFAULT_PATCH, stride);
    }

    static int[] origins(int length, int patch, int stride) {
        List<Integer> list = new ArrayList<>();
        int p = 0;
        for (; p + patch <= length; p += stride) {
            list.add(p);
        }
        int last = length - patch;
        if (list.get(list.size() - 1) != last) {
            list.add(last); // border patch shifted inward
        }
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    public int imageWidth() {
        return imageWidth;
    }

    public int imageHeight() {
        return imageHeight;
    }

    /** Width of the work canvas: {@code max(imageWidth, patchSize)}. */
    public int canvasWidth() {
        return Math.max(imageWidth, patchSize);
    }

    /** Height of the work canvas: {@code max(imageHeight, patchSize)}. */
    public int canvasHeight() {
        return Math.max(imageHeight, patchSize);
    }

    public int patchSize() {
        return patchSize;
    }

    public int stride() {
        return stride;
    }

    /** Number of patch columns. */
    public int columns() {
        return xs.length;
    }

    /** Number of patch rows. */
    public int rows() {
        return ys.length;
    }

    /** Total number of patches, row-major: patch {@code i} is column {@code i % columns()}, row {@code i / columns()}. */
    public int count() {
        return xs.length * ys.length;
    }

    /** Canvas x of the left edge of column {@code col}. */
    public int x(int col) {
        return xs[col];
    }

    /** Canvas y of the top edge of row {@code row}. */
    public int y(int row) {
        return ys[row];
    }

    /** Canvas x of patch {@code index}. */
    public int patchX(int index) {
        return xs[index % xs.length];
    }

    /** Canvas y of patch {@code index}. */
    public int patchY(int index) {
        return ys[index / xs.length];
    }

    /** Centre (in pixel coordinates, e.g. 41.5 for the first patch of 84) of each column. */
    public double[] columnCentres() {
        return centres(xs);
    }

    /** Centre of each row. */
    public double[] rowCentres() {
        return centres(ys);
    }

    private double[] centres(int[] origins) {
        double[] c = new double[origins.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = origins[i] + (patchSize - 1) / 2.0;
        }
        return c;
    }

    @Override
    public String toString() {
        return "PatchGrid[" + imageWidth + "x" + imageHeight + ", patch " + patchSize + ", stride " + stride + ", "
                + columns() + "x" + rows() + " patches]";
    }
}
