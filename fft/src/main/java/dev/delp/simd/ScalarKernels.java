package dev.delp.simd;

/** Reference implementation of {@link FloatKernels}: plain loops, no Vector API. */
final class ScalarKernels implements FloatKernels {
    private final String description;

    ScalarKernels(String reason) {
        this.description = "scalar (" + reason + ")";
    }

    @Override public String description() { return description; }

    @Override public int vectorBitSize() { return 0; }

    @Override
    public void complexMultiply(float[] a, float[] b, float[] out, int nComplex) {
        Checks.lengths(2 * nComplex, a, b, out);
        for (int i = 0; i < 2 * nComplex; i += 2) {
            float ar = a[i], ai = a[i + 1], br = b[i], bi = b[i + 1];
            out[i] = ar * br - ai * bi;
            out[i + 1] = ar * bi + ai * br;
        }
    }

    @Override
    public void complexMultiplyConj(float[] a, float[] b, float[] out, int nComplex) {
        Checks.lengths(2 * nComplex, a, b, out);
        for (int i = 0; i < 2 * nComplex; i += 2) {
            float ar = a[i], ai = a[i + 1], br = b[i], bi = b[i + 1];
            out[i] = ar * br + ai * bi;
            out[i + 1] = ai * br - ar * bi;
        }
    }

    @Override
    public void multiply(float[] a, float[] b, float[] out, int n) {
        Checks.lengths(n, a, b, out);
        for (int i = 0; i < n; i++) {
            out[i] = a[i] * b[i];
        }
    }

    @Override
    public void divideGuarded(float[] num, float[] den, float[] out, int n, float eps) {
        Checks.lengths(n, num, den, out);
        for (int i = 0; i < n; i++) {
            float d = den[i];
            out[i] = d > eps ? num[i] / d : 0f;
        }
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        Checks.lengths(n, x, y);
        for (int i = 0; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    @Override
    public void fma(float[] a, float[] b, float[] c, float[] out, int n) {
        Checks.lengths(n, a, b, c, out);
        for (int i = 0; i < n; i++) {
            out[i] = Math.fma(a[i], b[i], c[i]);
        }
    }

    /** As {@code Checks.range} for a double array (also used by {@link VectorKernels}). */
    static void checkRange(double[] a, int offset, int n) {
        if (offset < 0 || n < 0 || offset > a.length - n) {
            throw new IllegalArgumentException("range [" + offset + ", " + offset + " + " + n
                    + ") is outside a double array of length " + a.length);
        }
    }

    /** The argument checks of {@link FloatKernels#gatherAffine} (src is checked per index). */
    static void checkGatherAffine(float[] src, int[] map, int mapOff, float[] sub, float[] mul, int abOff, float[] dst,
                                  int dstOff, int n) {
        if (n < 0 || mapOff < 0 || dstOff < 0 || mapOff > map.length - n || dstOff > dst.length - n) {
            throw new IllegalArgumentException("gatherAffine of " + n + " needs map[" + mapOff + ", "
                    + ((long) mapOff + n) + ") (length " + map.length + ") and dst[" + dstOff + ", "
                    + ((long) dstOff + n) + ") (length " + dst.length + ")");
        }
        if (abOff < 0 || abOff > sub.length - n || abOff > mul.length - n) {
            throw new IllegalArgumentException("gatherAffine of " + n + " needs sub and mul [" + abOff + ", "
                    + ((long) abOff + n) + ") (lengths " + sub.length + ", " + mul.length + ")");
        }
    }

    @Override
    public void gatherAffine(float[] src, int srcOff, int[] map, int mapOff, float[] sub, float[] mul, int abOff,
                             float[] dst, int dstOff, int n) {
        checkGatherAffine(src, map, mapOff, sub, mul, abOff, dst, dstOff, n);
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = (src[srcOff + map[mapOff + i]] - sub[abOff + i]) * mul[abOff + i];
        }
    }

    @Override
    public void widen(float[] x, int xOff, double[] y, int yOff, int n) {
        Checks.range(x, xOff, n);
        checkRange(y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = x[xOff + i];
        }
    }

    @Override
    public void sumsAndSquares8(float[] x, int off, int n, double[] sums) {
        Checks.range(x, off, n);
        checkRange(sums, 0, 16);
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        double q0 = 0, q1 = 0, q2 = 0, q3 = 0, q4 = 0, q5 = 0, q6 = 0, q7 = 0;
        int i = off, end = off + n;
        for (; i + 7 < end; i += 8) {
            double v0 = x[i], v1 = x[i + 1], v2 = x[i + 2], v3 = x[i + 3];
            double v4 = x[i + 4], v5 = x[i + 5], v6 = x[i + 6], v7 = x[i + 7];
            s0 += v0;
            s1 += v1;
            s2 += v2;
            s3 += v3;
            s4 += v4;
            s5 += v5;
            s6 += v6;
            s7 += v7;
            q0 = Math.fma(v0, v0, q0);
            q1 = Math.fma(v1, v1, q1);
            q2 = Math.fma(v2, v2, q2);
            q3 = Math.fma(v3, v3, q3);
            q4 = Math.fma(v4, v4, q4);
            q5 = Math.fma(v5, v5, q5);
            q6 = Math.fma(v6, v6, q6);
            q7 = Math.fma(v7, v7, q7);
        }
        for (; i < end; i++) {
            double v = x[i];
            s0 += v;
            q0 = Math.fma(v, v, q0);
        }
        sums[0] = s0;
        sums[1] = s1;
        sums[2] = s2;
        sums[3] = s3;
        sums[4] = s4;
        sums[5] = s5;
        sums[6] = s6;
        sums[7] = s7;
        sums[8] = q0;
        sums[9] = q1;
        sums[10] = q2;
        sums[11] = q3;
        sums[12] = q4;
        sums[13] = q5;
        sums[14] = q6;
        sums[15] = q7;
    }

    @Override
    public double dot(float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range(x, xOff, n);
        Checks.range(y, yOff, n);
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (double) x[xOff + i] * y[yOff + i];
            s1 += (double) x[xOff + i + 1] * y[yOff + i + 1];
            s2 += (double) x[xOff + i + 2] * y[yOff + i + 2];
            s3 += (double) x[xOff + i + 3] * y[yOff + i + 3];
        }
        for (; i < n; i++) { // scalar tail
            s0 += (double) x[xOff + i] * y[yOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc) {
        Checks.matrix("a", a, aOff, lda, m, k);
        Checks.matrix("b", b, bOff, ldb, k, n);
        Checks.matrix("c", c, cOff, ldc, m, n);
        // i-p-j order: the inner loop is an axpy over a row of C, which C2 auto-vectorises.
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int p = 0; p < k; p++) {
                float aip = a[aOff + i * lda + p];
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] = Math.fma(aip, b[bp + j], c[ci + j]);
                }
            }
        }
    }

    @Override
    public void convGemm(int m, int n, int k, float[] a, float[] bias, float[] b, int bOff, int[] bRows,
                         float[] c, int cOff, int ldc, boolean relu) {
        ConvGemm.check(m, n, k, a, bias, b, bOff, bRows, c, cOff, ldc);
        ConvGemm.scalarColumns(m, 0, n, k, a, bias, b, bOff, bRows, c, cOff, ldc, relu);
    }

    @Override
    public void convGemmStrided(int m, int n, int k, float[] a, int aOff, float[] bias, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc, boolean relu) {
        ConvGemm.checkStrided(m, n, k, a, aOff, bias, b, bOff, ldb, c, cOff, ldc);
        ConvGemm.scalarStrided(m, 0, m, 0, n, k, a, aOff, bias, b, bOff, ldb, c, cOff, ldc, relu);
    }

    @Override
    public void reluMax2x2(float[] x, int off, int rowStride, float[] out, int n) {
        ConvGemm.checkMax2x2(x, off, rowStride, out, n);
        ConvGemm.reluMax2x2(x, off, rowStride, out, 0, n);
    }

    @Override
    public void reluMax2x2Strided(float[] x, int off, int colStride, int rowStride, float[] out, int outOff, int n) {
        ConvGemm.checkMax2x2Strided(x, off, colStride, rowStride, out, outOff, n);
        ConvGemm.reluMax2x2Strided(x, off, colStride, rowStride, out, outOff, 0, n);
    }

    @Override
    public void winogradInput(float[] x, int off, int rowStride, int phaseStride, float[] v, int vOff, int vStride,
                              int n) {
        ConvGemm.checkWinogradInput(x, off, rowStride, phaseStride, v, vOff, vStride, n);
        ConvGemm.winogradInput(x, off, rowStride, phaseStride, v, vOff, vStride, 0, n);
    }

    @Override
    public void winogradOutput(float[] mm, int off, int xiStride, float bias, boolean relu, boolean pool,
                               float[] out, int outOff, int outStride, int n) {
        ConvGemm.checkWinogradOutput(mm, off, xiStride, out, outOff, outStride, pool, n);
        ConvGemm.winogradOutput(mm, off, xiStride, bias, relu, pool, out, outOff, outStride, 0, n);
    }
}
