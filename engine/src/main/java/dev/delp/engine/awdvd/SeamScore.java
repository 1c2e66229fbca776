package dev.delp.engine.awdvd;

/**
 * Seam score of an image relative to a patch grid: the mean squared finite difference across
 * patch borders (pixel pairs {@code (b-1, b)} where {@code b} is a patch origin other than 0, in x
 * and in y) divided by the mean squared difference over all other neighbouring pairs. About 1 for
 * an image without seams; visibly above 1 when patches were deconvolved independently and butted.
 */
public final class SeamScore {
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
        double seam = 0, inner = 0;
        long nSeam = 0, nInner = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x + 1 < w; x++) {
                double d = data[x + 1 + w * y] - data[x + w * y];
                if (borderX[x + 1]) {
                    seam += d * d;
                    nSeam++;
                } else {
                    inner += d * d;
                    nInner++;
                }
            }
        }
        for (int y = 0; y + 1 < h; y++) {
            for (int x = 0; x < w; x++) {
                double d = data[x + w * (y + 1)] - data[x + w * y];
                if (borderY[y + 1]) {
                    seam += d * d;
                    nSeam++;
                } else {
                    inner += d * d;
                    nInner++;
                }
            }
        }
        if (nSeam == 0 || nInner == 0 || inner == 0) {
            return Double.NaN;
        }
        return (seam / nSeam) / (inner / nInner);
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
