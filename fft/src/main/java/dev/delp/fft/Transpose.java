package dev.delp.fft;

/**
 * Copies between {@code lanes} rows of interleaved complex values (row {@code t} at
 * {@code src[off + t·rowStride]}) and the split-plane tile layout of {@link BatchFft}
 * (element {@code e} of row {@code t} at {@code a[e·lanes + t]}, imaginary part {@code im} floats
 * later). Rows are taken eight at a time so that the eight source lines stay in L1 even when the
 * row stride is a large power of two (which maps every row to the same few cache sets).
 */
final class Transpose {
    private static final int BLOCK = 8;

    private Transpose() {
    }

    static void rowsToSplit(float[] src, int off, int rowStride, int lanes, int len, float[] a, int im) {
        for (int t0 = 0; t0 < lanes; t0 += BLOCK) {
            int t1 = Math.min(lanes, t0 + BLOCK);
            for (int e = 0; e < len; e++) {
                int d = e * lanes;
                int s = off + t0 * rowStride + 2 * e;
                for (int t = t0; t < t1; t++, s += rowStride) {
                    a[d + t] = src[s];
                    a[im + d + t] = src[s + 1];
                }
            }
        }
    }

    static void splitToRows(float[] a, int im, int lanes, int len, float[] dst, int off, int rowStride, float scale) {
        for (int t0 = 0; t0 < lanes; t0 += BLOCK) {
            int t1 = Math.min(lanes, t0 + BLOCK);
            for (int e = 0; e < len; e++) {
                int s = e * lanes;
                int d = off + t0 * rowStride + 2 * e;
                for (int t = t0; t < t1; t++, d += rowStride) {
                    dst[d] = a[s + t] * scale;
                    dst[d + 1] = a[im + s + t] * scale;
                }
            }
        }
    }
}
