package dev.delp.engine.deconv;

import java.util.Arrays;

/**
 * {@code 1 / w} with {@code w = Aᵀ 1} (Bertero &amp; Boccacci 2005, eq. 15), stored compactly in two
 * exact ways:
 * <ul>
 * <li>Interior: where the whole PSF footprint lies inside the image, {@code w} is exactly 1 (the
 *     PSF sums to 1), so each stored row keeps only the values outside that interior span.</li>
 * <li>Mirror folds ({@link AxisFold}): along every axis in which the PSF is mirror-symmetric,
 *     {@code w} is symmetric about the image centre, so only one of each mirror pair is stored —
 *     for a Born–Wolf PSF an octant (3D) or a quadrant (2D) of the work volume.</li>
 * </ul>
 * A voxel with {@code w < minWeight} gets 0 (its estimate is held at 0). Values are kept in float:
 * a 16-bit encoding would halve what is left (≈ 0.5 B per work voxel for deconwolf's demo stack
 * with the folds) at the price of changing RL's result, and was not needed for the memory target.
 */
final class NormalisationMap {
    private final int width;
    private final AxisFold fx;
    private final AxisFold fy;
    private final AxisFold fz;
    private final int[] lo;     // (stored rows) interior span start in stored x, lo == hi when none
    private final int[] hi;     // (stored rows) interior span end
    private final int[] offset; // (stored rows) start of the row's values in band
    private final float[] band; // stored 1/w values, row by row: [0, lo) then [hi, storedWidth)

    /**
     * Builds the map from the full weight volume {@code w} (work rows of {@code rowStride} floats,
     * the first {@code workWidth} of each used); {@code fold*}: the PSF is mirror-symmetric in that axis.
     */
    NormalisationMap(Grid g, float[] w, int rowStride, float minWeight, boolean foldX, boolean foldY, boolean foldZ) {
        width = g.workWidth();
        fx = new AxisFold(g.workWidth(), g.imageWidth(), foldX);
        fy = new AxisFold(g.workHeight(), g.imageHeight(), foldY);
        fz = new AxisFold(g.workDepth(), g.imageDepth(), foldZ);
        int rows = fy.size * fz.size;
        lo = new int[rows];
        hi = new int[rows];
        offset = new int[rows];
        // Interior: p in [c, image − psf + c] on every axis (c = psf/2), see class comment.
        int[] runX = fx.run(g.psfWidth() / 2, g.imageWidth() - g.psfWidth() + g.psfWidth() / 2 + 1);
        int y0 = g.psfHeight() / 2;
        int y1 = g.imageHeight() - g.psfHeight() + g.psfHeight() / 2 + 1;
        int z0 = g.psfDepth() / 2;
        int z1 = g.imageDepth() - g.psfDepth() + g.psfDepth() / 2 + 1;
        long total = 0;
        for (int s = 0; s < rows; s++) {
            int y = fy.representative[s % fy.size];
            int z = fz.representative[s / fy.size];
            if (runX[1] > runX[0] && y >= y0 && y < y1 && z >= z0 && z < z1) {
                lo[s] = runX[0];
                hi[s] = runX[1];
            }
            offset[s] = (int) total;
            total += fx.size - (hi[s] - lo[s]);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("normalisation map of " + total + " values for work "
                    + g.workWidth() + "x" + g.workHeight() + "x" + g.workDepth() + " exceeds an array");
        }
        band = new float[(int) total];
        for (int s = 0; s < rows; s++) {
            int o = offset[s];
            int base = rowStride * (fy.representative[s % fy.size] + g.workHeight() * fz.representative[s / fy.size]);
            for (int k = 0; k < fx.size; k++) {
                if (k == lo[s] && hi[s] > lo[s]) {
                    k = hi[s] - 1;
                    continue;
                }
                float v = w[base + fx.representative[k]];
                band[o++] = v >= minWeight ? 1f / v : 0f;
            }
        }
    }

    /** Floats {@link #row} needs in its destination: the work width, plus the stored width when x is folded. */
    int scratchLength() {
        return fx.size == width ? width : width + fx.size;
    }

    /** Writes work row {@code r}'s {@code 1/w} into {@code dst[0..width)} ({@code dst.length >= scratchLength()}). */
    void row(int r, float[] dst) {
        int h = fy.stored.length;
        int s = fy.stored[r % h] + fy.size * fz.stored[r / h];
        boolean folded = fx.size != width;
        float[] out = dst;
        int at = folded ? width : 0;
        int o = offset[s];
        int l = lo[s];
        int e = hi[s];
        int n = fx.size;
        if (e > l) {
            System.arraycopy(band, o, out, at, l);
            Arrays.fill(out, at + l, at + e, 1f);
            System.arraycopy(band, o + l, out, at + e, n - e);
        } else {
            System.arraycopy(band, o, out, at, n);
        }
        if (folded) {
            int[] map = fx.stored;
            for (int i = 0; i < width; i++) {
                dst[i] = dst[width + map[i]];
            }
        }
    }

    /** Bytes held. */
    long bytes() {
        return 4L * band.length + 12L * lo.length + 4L * (fx.stored.length + fy.stored.length + fz.stored.length)
                + 8L * (fx.size + fy.size + fz.size);
    }
}
