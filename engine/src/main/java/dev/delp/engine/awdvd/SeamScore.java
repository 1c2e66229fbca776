package dev.delp.engine.awdvd;

/**
 * Seam score of an image relative to a patch grid: the mean squared finite difference across
 * patch borders (pixel pairs {@code (b-1, b)} where {@code b} is a patch origin other than 0, in x
 * and in y) divided by the mean squared difference of the interior pairs parallel to them within
 * {@value #BAND} pixels on either side ({@code (b-1+k, b+k)}, {@code 1 <= |k| <= BAND}). Comparing each
 * border with its own neighbourhood keeps the content the same on both sides of the ratio, so a
 * seamless image scores 1 within a few percent (an all-interior denominator would swing ±40 %
 * with where the nuclei happen to fall); butted, independently deconvolved patches score well above 1.
 */
public final class SeamScore {
    /** Half-width of the band of interior pairs compared with each border. */
    public static final int BAND = 4;

    private SeamScore() {
    }

    /** Seam score of {@code data} ({@code grid.imageWidth() x grid.imageHeight()}) on {@code grid}'s borders. */
    public static double of(float[] data, PatchGrid grid) {
        int w = grid.imageWidth(), h = grid.imageHeight();
        if (data.length != w * h) {
            throw new IllegalArgumentException("image has " + data.length + " pixels, grid is " + w + "x" + h);
        }
        boolean[] borderX = borders(w, grid.columns(), grid::x);
        boolean[] borderY = borders(h, grid.rows(), grid::y);
        double[] sums = new double[4]; // seam energy, seam count, band energy, band count
        for (int b = 1; b < w; b++) {
            if (!borderX[b]) {
                continue;
            }
            for (int k = -BAND; k <= BAND; k++) {
                int hi = b + k;
                if (hi < 1 || hi >= w || (k != 0 && borderX[hi])) {
                    continue;
                }
                int slot = k == 0 ? 0 : 2;
                for (int y = 0; y < h; y++) {
                    double d = data[hi + w * y] - data[hi - 1 + w * y];
                    sums[slot] += d * d;
                    sums[slot + 1]++;
                }
            }
        }
        for (int b = 1; b < h; b++) {
            if (!borderY[b]) {
                continue;
            }
            for (int k = -BAND; k <= BAND; k++) {
                int hi = b + k;
                if (hi < 1 || hi >= h || (k != 0 && borderY[hi])) {
                    continue;
                }
                int slot = k == 0 ? 0 : 2;
                for (int x = 0; x < w; x++) {
                    double d = data[x + w * hi] - data[x + w * (hi - 1)];
                    sums[slot] += d * d;
                    sums[slot + 1]++;
                }
            }
        }
        if (sums[1] == 0 || sums[3] == 0 || sums[2] == 0) {
            return Double.NaN;
        }
        return (sums[0] / sums[1]) / (sums[2] / sums[3]);
    }

    private static boolean[] borders(int length, int count, java.util.function.IntUnaryOperator origin) {
        boolean[] b = new boolean[length + 1];
        for (int i = 1; i < count; i++) {
            int o = origin.applyAsInt(i);
            if (o < length) {
                b[o] = true;
            }
        }
        return b;
    }
}
