package dev.delp.engine.deconv;

/**
 * {@code 1 / w} with {@code w = Aᵀ 1} (Bertero &amp; Boccacci 2005, eq. 15), stored compactly: where
 * the whole PSF footprint lies inside the image, {@code w} is exactly 1 (the PSF sums to 1), so
 * each work row keeps only the values left and right of that interior span. A voxel with
 * {@code w < minWeight} gets 0 (its estimate is held at 0). In 2D this stores about a quarter of
 * the work area instead of all of it.
 */
final class NormalisationMap {
    private final int width;
    private final int[] lo;     // (rows) interior span start, lo == hi when the row has none
    private final int[] hi;     // (rows) interior span end
    private final int[] offset; // (rows) start of the row's stored values in band
    private final float[] band; // stored 1/w values, row by row: [0, lo) then [hi, width)

    /** Builds the map from the full weight array {@code w} (work layout). */
    NormalisationMap(Grid g, float[] w, float minWeight) {
        width = g.workWidth();
        int rows = g.workRows();
        lo = new int[rows];
        hi = new int[rows];
        offset = new int[rows];
        // Interior: p in [c, image − psf + c] on every axis (c = psf/2), see class comment.
        int x0 = g.psfWidth() / 2;
        int x1 = g.imageWidth() - g.psfWidth() + g.psfWidth() / 2 + 1;
        int y0 = g.psfHeight() / 2;
        int y1 = g.imageHeight() - g.psfHeight() + g.psfHeight() / 2 + 1;
        int z0 = g.psfDepth() / 2;
        int z1 = g.imageDepth() - g.psfDepth() + g.psfDepth() / 2 + 1;
        long total = 0;
        for (int r = 0; r < rows; r++) {
            int y = r % g.workHeight();
            int z = r / g.workHeight();
            if (x1 > x0 && y >= y0 && y < y1 && z >= z0 && z < z1) {
                lo[r] = x0;
                hi[r] = x1;
            }
            offset[r] = (int) total;
            total += width - (hi[r] - lo[r]);
        }
        band = new float[(int) total];
        for (int r = 0; r < rows; r++) {
            int o = offset[r];
            int base = r * width;
            for (int x = 0; x < width; x++) {
                if (x == lo[r] && hi[r] > lo[r]) {
                    x = hi[r] - 1;
                    continue;
                }
                float v = w[base + x];
                band[o++] = v >= minWeight ? 1f / v : 0f;
            }
        }
    }

    /** Writes row {@code r}'s {@code 1/w} into {@code dst[0..width)}. */
    void row(int r, float[] dst) {
        int o = offset[r];
        int l = lo[r];
        int h = hi[r];
        if (h > l) {
            System.arraycopy(band, o, dst, 0, l);
            java.util.Arrays.fill(dst, l, h, 1f);
            System.arraycopy(band, o + l, dst, h, width - h);
        } else {
            System.arraycopy(band, o, dst, 0, width);
        }
    }

    /** Bytes held. */
    long bytes() {
        return 4L * band.length + 12L * lo.length;
    }
}
