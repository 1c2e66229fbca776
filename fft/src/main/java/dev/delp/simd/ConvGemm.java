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

    /** Validates the shapes of {@link FloatKernels#convGemmStrided}; returns the start of B's last row. */
    static long checkStrided(int m, int n, int k, float[] a, int aOff, float[] bias, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0 || ldb < 0 || aOff < 0) {
            throw new IllegalArgumentException("convGemmStrided m=" + m + " n=" + n + " k=" + k + " ldb=" + ldb
                    + " aOff=" + aOff + ": all must be >= 0");
        }
        if ((long) aOff + (long) m * k > a.length || bias.length < m) {
            throw new IllegalArgumentException("convGemmStrided m=" + m + " k=" + k + ": A needs " + (long) m * k
                    + " floats from " + aOff + " (has " + a.length + "), bias " + m + " (has " + bias.length + ")");
        }
        if (m > 0 && n > 0 && (cOff < 0 || ldc < n || (long) cOff + (long) (m - 1) * ldc + n > c.length)) {
            throw new IllegalArgumentException("convGemmStrided C " + m + "x" + n + " at offset " + cOff + " with ldc "
                    + ldc + " does not fit an array of length " + c.length + " (need ldc >= n)");
        }
        long last = (long) bOff + (long) Math.max(k - 1, 0) * ldb;
        if (k > 0 && n > 0 && (bOff < 0 || last + n > b.length)) {
            throw new IllegalArgumentException("convGemmStrided B " + k + "x" + n + " at offset " + bOff + " with ldb "
                    + ldb + " needs b[" + bOff + ", " + (last + n) + ") (length " + b.length + ")");
        }
        return last;
    }

    /**
     * The reference loop of {@link FloatKernels#convGemmStrided} for rows {@code [i0, i1)} and columns
     * {@code [j0, j1)}: bias, then fused multiply-adds in ascending p (the order of {@link #scalarColumns}).
     */
    static void scalarStrided(int m, int i0, int i1, int j0, int j1, int k, float[] a, int aOff, float[] bias,
                              float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean relu) {
        for (int i = i0; i < i1; i++) {
            int panel = i / FloatKernels.PANEL_ROWS;
            int rows = Math.min(FloatKernels.PANEL_ROWS, m - panel * FloatKernels.PANEL_ROWS);
            int a0 = aOff + panel * FloatKernels.PANEL_ROWS * k + i % FloatKernels.PANEL_ROWS;
            int ci = cOff + i * ldc;
            java.util.Arrays.fill(c, ci + j0, ci + j1, bias[i]);
            for (int p = 0, ap = a0, bp = bOff; p < k; p++, ap += rows, bp += ldb) {
                float aip = a[ap];
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

    /** Checks the ranges of {@link FloatKernels#reluMax2x2Strided}. */
    static void checkMax2x2Strided(float[] x, int off, int colStride, int rowStride, float[] out, int outOff, int n) {
        if (n < 0 || off < 0 || colStride < 0 || rowStride < 0 || outOff < 0 || (long) outOff + n > out.length
                || (n > 0 && (long) off + rowStride + colStride + n > x.length)) {
            throw new IllegalArgumentException("reluMax2x2Strided of " + n + " at offset " + off + " with column stride "
                    + colStride + " and row stride " + rowStride + " needs x[" + off + ", "
                    + ((long) off + rowStride + colStride + n) + ") (length " + x.length + ") and out[" + outOff + ", "
                    + ((long) outOff + n) + ") (length " + out.length + ")");
        }
    }

    /** Scalar {@link FloatKernels#reluMax2x2Strided} for {@code i} in {@code [i0, n)} (integer order of the bits). */
    static void reluMax2x2Strided(float[] x, int off, int colStride, int rowStride, float[] out, int outOff, int i0,
                                  int n) {
        for (int i = i0; i < n; i++) {
            int a = off + i, b = a + rowStride;
            int m = Math.max(Math.max(Float.floatToRawIntBits(x[a]), Float.floatToRawIntBits(x[a + colStride])),
                    Math.max(Float.floatToRawIntBits(x[b]), Float.floatToRawIntBits(x[b + colStride])));
            out[outOff + i] = Float.intBitsToFloat(Math.max(m, 0));
        }
    }

    // ---- Winograd F(2×2, 3×3) transforms; the scalar reference, also the vector kernel's tail ----

    static void checkWinogradInput(float[] x, int off, int rowStride, int phaseStride, float[] v, int vOff,
                                   int vStride, int n) {
        if (n < 0 || off < 0 || rowStride < 0 || phaseStride < 0 || vOff < 0 || vStride < n) {
            throw new IllegalArgumentException("winogradInput n=" + n + " off=" + off + " rowStride=" + rowStride
                    + " phaseStride=" + phaseStride + " vOff=" + vOff + " vStride=" + vStride
                    + ": need all >= 0 and vStride >= n");
        }
        if (n == 0) {
            return;
        }
        // the farthest element of a tile: row 3 (phase row 1 of input row 1), column 3 (phase plane 3, column 1)
        long xEnd = off + (long) rowStride + 3L * phaseStride + 1 + n;
        long vEnd = vOff + 15L * vStride + n;
        if (xEnd > x.length || vEnd > v.length) {
            throw new IllegalArgumentException("winogradInput of " + n + " tiles needs x[.., " + xEnd
                    + ") (length " + x.length + ") and v[.., " + vEnd + ") (length " + v.length + ")");
        }
    }

    static void checkWinogradOutput(float[] mm, int off, int xiStride, float[] out, int outOff, int outStride,
                                    boolean pool, int n) {
        if (n < 0 || off < 0 || xiStride < n || outOff < 0 || outStride < n) {
            throw new IllegalArgumentException("winogradOutput n=" + n + " off=" + off + " xiStride=" + xiStride
                    + " outOff=" + outOff + " outStride=" + outStride + ": need all >= 0 and strides >= n");
        }
        if (n == 0) {
            return;
        }
        int planes = pool ? 1 : 4;
        long mEnd = off + 15L * xiStride + n;
        long oEnd = outOff + (long) (planes - 1) * outStride + n;
        if (mEnd > mm.length || oEnd > out.length) {
            throw new IllegalArgumentException("winogradOutput of " + n + " tiles needs m[.., " + mEnd
                    + ") (length " + mm.length + ") and out[.., " + oEnd + ") (length " + out.length + ")");
        }
    }

    /** Scalar {@link FloatKernels#winogradInput} for tiles {@code [j0, n)}. */
    static void winogradInput(float[] x, int off, int rs, int ps, float[] v, int vOff, int vs, int j0, int n) {
        for (int k = 0; k < 4; k++) { // columns: Bᵀ d
            int xb = off + (k % 2) * ps + k / 2;
            input2(x, xb, xb + 2 * ps, xb + rs, xb + rs + 2 * ps, v, vOff + k * vs, 4 * vs, j0, n);
        }
        for (int a = 0; a < 4; a++) { // rows: (Bᵀ d) B, in place
            int vb = vOff + 4 * a * vs;
            input2(v, vb, vb + vs, vb + 2 * vs, vb + 3 * vs, v, vb, vs, j0, n);
        }
    }

    private static void input2(float[] x, int x0, int x1, int x2, int x3, float[] v, int vb, int o, int j0, int n) {
        for (int j = j0; j < n; j++) {
            float d0 = x[x0 + j], d1 = x[x1 + j], d2 = x[x2 + j], d3 = x[x3 + j];
            v[vb + j] = d0 - d2;
            v[vb + o + j] = d1 + d2;
            v[vb + 2 * o + j] = d2 - d1;
            v[vb + 3 * o + j] = d1 - d3;
        }
    }

    /** Scalar {@link FloatKernels#winogradOutput} for tiles {@code [j0, n)} (overwrites rows of {@code mm}). */
    static void winogradOutput(float[] mm, int off, int xs, float bias, boolean relu, boolean pool,
                               float[] out, int outOff, int os, int j0, int n) {
        for (int k = 0; k < 4; k++) { // columns: Aᵀ m, written over rows 0 and 1 of the tile
            int mb = off + k * xs;
            int st = 4 * xs;
            for (int j = j0; j < n; j++) {
                float m0 = mm[mb + j], m1 = mm[mb + st + j], m2 = mm[mb + 2 * st + j], m3 = mm[mb + 3 * st + j];
                mm[mb + j] = (m0 + m1) + m2;
                mm[mb + st + j] = (m1 - m2) - m3;
            }
        }
        // rows: (Aᵀ m) A, both output rows at once (a pooled row needs both)
        int m0b = off, m1b = off + 4 * xs;
        for (int j = j0; j < n; j++) {
            float s0 = mm[m0b + j], s1 = mm[m0b + xs + j], s2 = mm[m0b + 2 * xs + j], s3 = mm[m0b + 3 * xs + j];
            float t0 = mm[m1b + j], t1 = mm[m1b + xs + j], t2 = mm[m1b + 2 * xs + j], t3 = mm[m1b + 3 * xs + j];
            float y00 = (s0 + s1) + s2, y01 = (s1 - s2) - s3;
            float y10 = (t0 + t1) + t2, y11 = (t1 - t2) - t3;
            if (pool) {
                out[outOff + j] = act(Math.max(Math.max(y00, y01), Math.max(y10, y11)) + bias, relu);
            } else {
                out[outOff + j] = act(y00 + bias, relu);
                out[outOff + os + j] = act(y01 + bias, relu);
                out[outOff + 2 * os + j] = act(y10 + bias, relu);
                out[outOff + 3 * os + j] = act(y11 + bias, relu);
            }
        }
    }

    private static float act(float v, boolean relu) {
        return relu ? Math.max(v, 0f) : v;
    }
}
