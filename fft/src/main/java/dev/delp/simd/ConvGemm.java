package dev.delp.simd;

/**
 * Shared parts of {@link FloatKernels#convGemm}: argument checks, the row-panel index of the
 * packed A matrix and the scalar reference loop (also used for column tails by the vector kernel).
 */
final class ConvGemm {
    private ConvGemm() {
    }

    /** Index of A(i, p) in the panel layout of {@link FloatKernels#packRowPanels}. */
    static int panelIndex(int m, int k, int i, int p) {
        int panel = i / FloatKernels.PANEL_ROWS;
        int rows = Math.min(FloatKernels.PANEL_ROWS, m - panel * FloatKernels.PANEL_ROWS);
        return panel * FloatKernels.PANEL_ROWS * k + p * rows + i % FloatKernels.PANEL_ROWS;
    }

    /** Validates shapes and every B row range; returns the largest {@code bOff + bRows[p]}. */
    static int check(int m, int n, int k, float[] a, float[] bias, float[] b, int bOff, int[] bRows,
                     float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("convGemm m=" + m + " n=" + n + " k=" + k + ": all must be >= 0");
        }
        if ((long) m * k > a.length || bias.length < m || bRows.length < k) {
            throw new IllegalArgumentException("convGemm m=" + m + " k=" + k + ": A needs " + (long) m * k
                    + " floats (has " + a.length + "), bias " + m + " (has " + bias.length + "), bRows " + k
                    + " (has " + bRows.length + ")");
        }
        if (m > 0 && n > 0 && (cOff < 0 || ldc < n || (long) cOff + (long) (m - 1) * ldc + n > c.length)) {
            throw new IllegalArgumentException("convGemm C " + m + "x" + n + " at offset " + cOff + " with ldc " + ldc
                    + " does not fit an array of length " + c.length + " (need ldc >= n)");
        }
        int maxRow = Integer.MIN_VALUE;
        for (int p = 0; p < k; p++) {
            long start = (long) bOff + bRows[p];
            if (start < 0 || start + n > b.length) {
                throw new IllegalArgumentException("convGemm B row " + p + " [" + start + ", " + (start + n)
                        + ") is outside an array of length " + b.length);
            }
            maxRow = Math.max(maxRow, (int) start);
        }
        return maxRow;
    }

    /** The reference loop for columns {@code [j0, j1)}: bias, then fused multiply-adds in ascending p. */
    static void scalarColumns(int m, int j0, int j1, int k, float[] a, float[] bias, float[] b, int bOff, int[] bRows,
                              float[] c, int cOff, int ldc, boolean relu) {
        for (int i = 0; i < m; i++) {
            int panel = i / FloatKernels.PANEL_ROWS;
            int rows = Math.min(FloatKernels.PANEL_ROWS, m - panel * FloatKernels.PANEL_ROWS);
            int a0 = panel * FloatKernels.PANEL_ROWS * k + i % FloatKernels.PANEL_ROWS;
            int ci = cOff + i * ldc;
            // p outer, j inner: an axpy per row of C that C2 auto-vectorises; every C element
            // still starts at bias[i] and takes its k products in ascending p (fused, one rounding each).
            java.util.Arrays.fill(c, ci + j0, ci + j1, bias[i]);
            for (int p = 0, ap = a0; p < k; p++, ap += rows) {
                float aip = a[ap];
                int bp = bOff + bRows[p];
                for (int j = j0; j < j1; j++) {
                    c[ci + j] = Math.fma(aip, b[bp + j], c[ci + j]);
                }
            }
            if (relu) {
                for (int j = j0; j < j1; j++) {
                    c[ci + j] = Math.max(c[ci + j], 0f);
                }
            }
        }
    }

    /** Checks the ranges of {@link FloatKernels#reluMax2x2}. */
    static void checkMax2x2(float[] x, int off, int rowStride, float[] out, int n) {
        if (n < 0 || off < 0 || rowStride < 0 || out.length < n
                || (n > 0 && (long) off + rowStride + n + 1 > x.length)) {
            throw new IllegalArgumentException("reluMax2x2 of " + n + " at offset " + off + " with row stride " + rowStride
                    + " needs x[" + off + ", " + ((long) off + rowStride + n + 1) + ") (length " + x.length
                    + ") and out of " + n + " (length " + out.length + ")");
        }
    }

    /** Scalar {@link FloatKernels#reluMax2x2} for {@code i} in {@code [i0, n)} (integer order of the bits). */
    static void reluMax2x2(float[] x, int off, int rowStride, float[] out, int i0, int n) {
        for (int i = i0; i < n; i++) {
            int a = off + i, b = a + rowStride;
            int m = Math.max(Math.max(Float.floatToRawIntBits(x[a]), Float.floatToRawIntBits(x[a + 1])),
                    Math.max(Float.floatToRawIntBits(x[b]), Float.floatToRawIntBits(x[b + 1])));
            out[i] = Float.intBitsToFloat(Math.max(m, 0));
        }
    }
}
