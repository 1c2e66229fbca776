package dev.delp.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector-API implementation of {@link FloatKernels}. Loaded by name from {@link Simd} only when
 * {@code jdk.incubator.vector} is in the boot layer; nothing else links against this class.
 */
final class VectorKernels implements FloatKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = F.length();
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    // For interleaved complex data: duplicate real parts, duplicate imaginary parts, swap pairs.
    private static final VectorShuffle<Float> DUP_RE = VectorShuffle.fromOp(F, i -> i & ~1);
    private static final VectorShuffle<Float> DUP_IM = VectorShuffle.fromOp(F, i -> i | 1);
    private static final VectorShuffle<Float> SWAP = VectorShuffle.fromOp(F, i -> i ^ 1);
    private static final VectorMask<Float> EVEN = VectorMask.fromLong(F, 0x5555_5555_5555_5555L);

    VectorKernels() {
        if (F.vectorBitSize() < 128 || LANES % 2 != 0) {
            throw new UnsupportedOperationException("vectors of " + F.vectorBitSize() + " bits are too narrow");
        }
    }

    @Override public String description() { return "vector " + F.vectorBitSize() + "-bit"; }

    @Override public int vectorBitSize() { return F.vectorBitSize(); }

    @Override
    public void complexMultiply(float[] a, float[] b, float[] out, int nComplex) {
        Checks.lengths(2 * nComplex, a, b, out);
        int n = 2 * nComplex;
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector va = FloatVector.fromArray(F, a, i);
            FloatVector vb = FloatVector.fromArray(F, b, i);
            FloatVector bre = vb.rearrange(DUP_RE);
            FloatVector bim = vb.rearrange(DUP_IM);
            // (ar*br - ai*bi, ai*br + ar*bi)
            FloatVector cross = va.rearrange(SWAP).mul(bim);
            va.mul(bre).add(cross.neg(), EVEN).add(cross, EVEN.not()).intoArray(out, i);
        }
        for (; i < n; i += 2) { // scalar tail
            float ar = a[i], ai = a[i + 1], br = b[i], bi = b[i + 1];
            out[i] = ar * br - ai * bi;
            out[i + 1] = ar * bi + ai * br;
        }
    }

    @Override
    public void complexMultiplyConj(float[] a, float[] b, float[] out, int nComplex) {
        Checks.lengths(2 * nComplex, a, b, out);
        int n = 2 * nComplex;
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector va = FloatVector.fromArray(F, a, i);
            FloatVector vb = FloatVector.fromArray(F, b, i);
            FloatVector bre = vb.rearrange(DUP_RE);
            FloatVector bim = vb.rearrange(DUP_IM);
            // (ar*br + ai*bi, ai*br - ar*bi)
            FloatVector cross = va.rearrange(SWAP).mul(bim);
            va.mul(bre).add(cross, EVEN).add(cross.neg(), EVEN.not()).intoArray(out, i);
        }
        for (; i < n; i += 2) { // scalar tail
            float ar = a[i], ai = a[i + 1], br = b[i], bi = b[i + 1];
            out[i] = ar * br + ai * bi;
            out[i + 1] = ai * br - ar * bi;
        }
    }

    @Override
    public void multiply(float[] a, float[] b, float[] out, int n) {
        Checks.lengths(n, a, b, out);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(F, a, i).mul(FloatVector.fromArray(F, b, i)).intoArray(out, i);
        }
        for (; i < n; i++) { // scalar tail
            out[i] = a[i] * b[i];
        }
    }

    @Override
    public void divideGuarded(float[] num, float[] den, float[] out, int n, float eps) {
        Checks.lengths(n, num, den, out);
        int i = 0;
        FloatVector zero = FloatVector.zero(F);
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector d = FloatVector.fromArray(F, den, i);
            VectorMask<Float> ok = d.compare(VectorOperators.GT, eps);
            FloatVector safe = d.blend(1f, ok.not());
            zero.blend(FloatVector.fromArray(F, num, i).div(safe), ok).intoArray(out, i);
        }
        for (; i < n; i++) { // scalar tail
            float d = den[i];
            out[i] = d > eps ? num[i] / d : 0f;
        }
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        Checks.lengths(n, x, y);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(F, x, i).fma(FloatVector.broadcast(F, alpha), FloatVector.fromArray(F, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) { // scalar tail
            y[i] += alpha * x[i];
        }
    }

    @Override
    public void scale(float alpha, float[] x, int n) {
        Checks.lengths(n, x);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(F, x, i).mul(alpha).intoArray(x, i);
        }
        for (; i < n; i++) { // scalar tail
            x[i] *= alpha;
        }
    }

    @Override
    public void fma(float[] a, float[] b, float[] c, float[] out, int n) {
        Checks.lengths(n, a, b, c, out);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(F, a, i).fma(FloatVector.fromArray(F, b, i), FloatVector.fromArray(F, c, i))
                    .intoArray(out, i);
        }
        for (; i < n; i++) { // scalar tail
            out[i] = Math.fma(a[i], b[i], c[i]);
        }
    }

    @Override
    public double sum(float[] x, int n) {
        Checks.lengths(n, x);
        // Widen float lanes to double in chunks of D.length() so accumulation happens in double.
        int dl = D.length();
        DoubleVector acc = DoubleVector.zero(D);
        int i = 0;
        double[] tmp = new double[dl];
        for (; i + dl <= n; i += dl) {
            for (int k = 0; k < dl; k++) {
                tmp[k] = x[i + k];
            }
            acc = acc.add(DoubleVector.fromArray(D, tmp, 0));
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) { // scalar tail
            s += x[i];
        }
        return s;
    }

    @Override
    public double dot(float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range(x, xOff, n);
        Checks.range(y, yOff, n);
        // Float products of one vector width are summed in float, then each partial is added to a
        // double accumulator every block, which bounds the float error to one block's worth.
        int i = 0;
        double s = 0;
        final int block = LANES * 16;
        while (i + LANES <= n) {
            FloatVector acc = FloatVector.zero(F);
            int end = Math.min(n - LANES + 1, i + block);
            for (; i < end; i += LANES) {
                acc = FloatVector.fromArray(F, x, xOff + i).fma(FloatVector.fromArray(F, y, yOff + i), acc);
            }
            s += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) { // scalar tail
            s += (double) x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc) {
        Checks.matrix("a", a, aOff, lda, m, k);
        Checks.matrix("b", b, bOff, ldb, k, n);
        Checks.matrix("c", c, cOff, ldc, m, n);
        // Register blocking: 4 rows of C x 1 vector of columns held in accumulators while the
        // inner index p runs; each C element still sums its products in ascending p (fma).
        int i = 0;
        for (; i + 3 < m; i += 4) {
            int a0 = aOff + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
            int c0 = cOff + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
            int j = 0;
            for (int bound = F.loopBound(n); j < bound; j += LANES) {
                FloatVector s0 = FloatVector.fromArray(F, c, c0 + j);
                FloatVector s1 = FloatVector.fromArray(F, c, c1 + j);
                FloatVector s2 = FloatVector.fromArray(F, c, c2 + j);
                FloatVector s3 = FloatVector.fromArray(F, c, c3 + j);
                for (int p = 0, bp = bOff + j; p < k; p++, bp += ldb) {
                    FloatVector vb = FloatVector.fromArray(F, b, bp);
                    s0 = vb.fma(FloatVector.broadcast(F, a[a0 + p]), s0);
                    s1 = vb.fma(FloatVector.broadcast(F, a[a1 + p]), s1);
                    s2 = vb.fma(FloatVector.broadcast(F, a[a2 + p]), s2);
                    s3 = vb.fma(FloatVector.broadcast(F, a[a3 + p]), s3);
                }
                s0.intoArray(c, c0 + j);
                s1.intoArray(c, c1 + j);
                s2.intoArray(c, c2 + j);
                s3.intoArray(c, c3 + j);
            }
            if (j < n && (long) bOff + (long) Math.max(k - 1, 0) * ldb + j + LANES <= b.length
                    && (long) c3 + j + LANES <= c.length) {
                // column tail with unmasked loads (in bounds; masked loads are not intrinsified on
                // JDK 17 and box every vector): lanes past n hold neighbouring data, are computed
                // and never stored; only the n - j real lanes are written back.
                FloatVector s0 = FloatVector.fromArray(F, c, c0 + j);
                FloatVector s1 = FloatVector.fromArray(F, c, c1 + j);
                FloatVector s2 = FloatVector.fromArray(F, c, c2 + j);
                FloatVector s3 = FloatVector.fromArray(F, c, c3 + j);
                for (int p = 0, bp = bOff + j; p < k; p++, bp += ldb) {
                    FloatVector vb = FloatVector.fromArray(F, b, bp);
                    s0 = vb.fma(FloatVector.broadcast(F, a[a0 + p]), s0);
                    s1 = vb.fma(FloatVector.broadcast(F, a[a1 + p]), s1);
                    s2 = vb.fma(FloatVector.broadcast(F, a[a2 + p]), s2);
                    s3 = vb.fma(FloatVector.broadcast(F, a[a3 + p]), s3);
                }
                for (int l = 0; l < n - j; l++) {
                    c[c0 + j + l] = s0.lane(l);
                    c[c1 + j + l] = s1.lane(l);
                    c[c2 + j + l] = s2.lane(l);
                    c[c3 + j + l] = s3.lane(l);
                }
            } else if (j < n) { // masked column tail (at the very end of the arrays only)
                VectorMask<Float> mask = F.indexInRange(j, n);
                FloatVector s0 = FloatVector.fromArray(F, c, c0 + j, mask);
                FloatVector s1 = FloatVector.fromArray(F, c, c1 + j, mask);
                FloatVector s2 = FloatVector.fromArray(F, c, c2 + j, mask);
                FloatVector s3 = FloatVector.fromArray(F, c, c3 + j, mask);
                for (int p = 0, bp = bOff + j; p < k; p++, bp += ldb) {
                    FloatVector vb = FloatVector.fromArray(F, b, bp, mask);
                    s0 = vb.fma(FloatVector.broadcast(F, a[a0 + p]), s0);
                    s1 = vb.fma(FloatVector.broadcast(F, a[a1 + p]), s1);
                    s2 = vb.fma(FloatVector.broadcast(F, a[a2 + p]), s2);
                    s3 = vb.fma(FloatVector.broadcast(F, a[a3 + p]), s3);
                }
                s0.intoArray(c, c0 + j, mask);
                s1.intoArray(c, c1 + j, mask);
                s2.intoArray(c, c2 + j, mask);
                s3.intoArray(c, c3 + j, mask);
            }
        }
        for (; i < m; i++) { // remaining rows, one at a time
            int ai = aOff + i * lda, ci = cOff + i * ldc;
            int j = 0;
            for (int bound = F.loopBound(n); j < bound; j += LANES) {
                FloatVector s0 = FloatVector.fromArray(F, c, ci + j);
                for (int p = 0, bp = bOff + j; p < k; p++, bp += ldb) {
                    s0 = FloatVector.fromArray(F, b, bp).fma(FloatVector.broadcast(F, a[ai + p]), s0);
                }
                s0.intoArray(c, ci + j);
            }
            if (j < n && (long) bOff + (long) Math.max(k - 1, 0) * ldb + j + LANES <= b.length
                    && (long) ci + j + LANES <= c.length) { // unmasked loads, as above
                FloatVector s0 = FloatVector.fromArray(F, c, ci + j);
                for (int p = 0, bp = bOff + j; p < k; p++, bp += ldb) {
                    s0 = FloatVector.fromArray(F, b, bp).fma(FloatVector.broadcast(F, a[ai + p]), s0);
                }
                for (int l = 0; l < n - j; l++) {
                    c[ci + j + l] = s0.lane(l);
                }
            } else if (j < n) {
                VectorMask<Float> mask = F.indexInRange(j, n);
                FloatVector s0 = FloatVector.fromArray(F, c, ci + j, mask);
                for (int p = 0, bp = bOff + j; p < k; p++, bp += ldb) {
                    s0 = FloatVector.fromArray(F, b, bp, mask).fma(FloatVector.broadcast(F, a[ai + p]), s0);
                }
                s0.intoArray(c, ci + j, mask);
            }
        }
    }

    @Override
    public void convGemm(int m, int n, int k, float[] a, float[] bias, float[] b, int bOff, int[] bRows,
                         float[] c, int cOff, int ldc, boolean relu) {
        int maxRow = ConvGemm.check(m, n, k, a, bias, b, bOff, bRows, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        // Whole vectors past n (into C's row padding, reading B past the row) when both arrays
        // have room; otherwise the last partial vector is done by the scalar loop.
        int nUp = (n + LANES - 1) / LANES * LANES;
        boolean room = nUp <= ldc && (long) cOff + (long) (m - 1) * ldc + nUp <= c.length
                && (k == 0 || (long) maxRow + nUp <= b.length);
        int nVec = room ? nUp : n / LANES * LANES;
        int full = m / PANEL_ROWS * PANEL_ROWS;
        int rest = m - full;
        int j = 0;
        for (; j + 3 * LANES <= nVec; j += 3 * LANES) {
            convColumns3(j, full, rest, k, a, bias, b, bOff + j, bRows, c, cOff + j, ldc, relu);
        }
        for (; j < nVec; j += LANES) {
            convColumns1(j, full, rest, k, a, bias, b, bOff + j, bRows, c, cOff + j, ldc, relu);
        }
        if (j < n) {
            ConvGemm.scalarColumns(m, j, n, k, a, bias, b, bOff, bRows, c, cOff, ldc, relu);
        }
    }

    private static void convColumns3(int j, int full, int rest, int k, float[] a, float[] bias, float[] b, int bj,
                                     int[] bRows, float[] c, int cj, int ldc, boolean relu) {
        for (int i = 0; i < full; i += PANEL_ROWS) {
            tile8x3(k, a, i * k, bias, i, b, bj, bRows, c, cj + i * ldc, ldc, relu);
        }
        for (int r = 0; r < rest; r++) {
            tile1x3(k, a, full * k + r, rest, bias[full + r], b, bj, bRows, c, cj + (full + r) * ldc, relu);
        }
    }

    private static void convColumns1(int j, int full, int rest, int k, float[] a, float[] bias, float[] b, int bj,
                                     int[] bRows, float[] c, int cj, int ldc, boolean relu) {
        for (int i = 0; i < full; i += PANEL_ROWS) {
            tile8x1(k, a, i * k, bias, i, b, bj, bRows, c, cj + i * ldc, ldc, relu);
        }
        for (int r = 0; r < rest; r++) {
            tile1x1(k, a, full * k + r, rest, bias[full + r], b, bj, bRows, c, cj + (full + r) * ldc, relu);
        }
    }

    /** C[i..i+8)[j..j+3·LANES) from a full 8-row panel at {@code ap}; accumulators stay in registers. */
    private static void tile8x3(int k, float[] a, int ap, float[] bias, int i, float[] b, int bj, int[] bRows,
                                  float[] c, int co, int ldc, boolean relu) {
        FloatVector c00 = FloatVector.broadcast(F, bias[i + 0]), c01 = c00, c02 = c00;
        FloatVector c10 = FloatVector.broadcast(F, bias[i + 1]), c11 = c10, c12 = c10;
        FloatVector c20 = FloatVector.broadcast(F, bias[i + 2]), c21 = c20, c22 = c20;
        FloatVector c30 = FloatVector.broadcast(F, bias[i + 3]), c31 = c30, c32 = c30;
        FloatVector c40 = FloatVector.broadcast(F, bias[i + 4]), c41 = c40, c42 = c40;
        FloatVector c50 = FloatVector.broadcast(F, bias[i + 5]), c51 = c50, c52 = c50;
        FloatVector c60 = FloatVector.broadcast(F, bias[i + 6]), c61 = c60, c62 = c60;
        FloatVector c70 = FloatVector.broadcast(F, bias[i + 7]), c71 = c70, c72 = c70;
        for (int p = 0; p < k; p++, ap += 8) {
            int bp = bj + bRows[p];
            FloatVector b0 = FloatVector.fromArray(F, b, bp);
            FloatVector b1 = FloatVector.fromArray(F, b, bp + 1 * LANES);
            FloatVector b2 = FloatVector.fromArray(F, b, bp + 2 * LANES);
            FloatVector x;
            x = FloatVector.broadcast(F, a[ap]); c00 = b0.fma(x, c00); c01 = b1.fma(x, c01); c02 = b2.fma(x, c02);
            x = FloatVector.broadcast(F, a[ap + 1]); c10 = b0.fma(x, c10); c11 = b1.fma(x, c11); c12 = b2.fma(x, c12);
            x = FloatVector.broadcast(F, a[ap + 2]); c20 = b0.fma(x, c20); c21 = b1.fma(x, c21); c22 = b2.fma(x, c22);
            x = FloatVector.broadcast(F, a[ap + 3]); c30 = b0.fma(x, c30); c31 = b1.fma(x, c31); c32 = b2.fma(x, c32);
            x = FloatVector.broadcast(F, a[ap + 4]); c40 = b0.fma(x, c40); c41 = b1.fma(x, c41); c42 = b2.fma(x, c42);
            x = FloatVector.broadcast(F, a[ap + 5]); c50 = b0.fma(x, c50); c51 = b1.fma(x, c51); c52 = b2.fma(x, c52);
            x = FloatVector.broadcast(F, a[ap + 6]); c60 = b0.fma(x, c60); c61 = b1.fma(x, c61); c62 = b2.fma(x, c62);
            x = FloatVector.broadcast(F, a[ap + 7]); c70 = b0.fma(x, c70); c71 = b1.fma(x, c71); c72 = b2.fma(x, c72);
        }
        if (relu) { // in this method, so the accumulators never leave registers (a helper taking a vector boxes it)
            c00 = c00.max(0f); c01 = c01.max(0f); c02 = c02.max(0f);
            c10 = c10.max(0f); c11 = c11.max(0f); c12 = c12.max(0f);
            c20 = c20.max(0f); c21 = c21.max(0f); c22 = c22.max(0f);
            c30 = c30.max(0f); c31 = c31.max(0f); c32 = c32.max(0f);
            c40 = c40.max(0f); c41 = c41.max(0f); c42 = c42.max(0f);
            c50 = c50.max(0f); c51 = c51.max(0f); c52 = c52.max(0f);
            c60 = c60.max(0f); c61 = c61.max(0f); c62 = c62.max(0f);
            c70 = c70.max(0f); c71 = c71.max(0f); c72 = c72.max(0f);
        }
        c00.intoArray(c, co); c01.intoArray(c, co + 1 * LANES); c02.intoArray(c, co + 2 * LANES); co += ldc;
        c10.intoArray(c, co); c11.intoArray(c, co + 1 * LANES); c12.intoArray(c, co + 2 * LANES); co += ldc;
        c20.intoArray(c, co); c21.intoArray(c, co + 1 * LANES); c22.intoArray(c, co + 2 * LANES); co += ldc;
        c30.intoArray(c, co); c31.intoArray(c, co + 1 * LANES); c32.intoArray(c, co + 2 * LANES); co += ldc;
        c40.intoArray(c, co); c41.intoArray(c, co + 1 * LANES); c42.intoArray(c, co + 2 * LANES); co += ldc;
        c50.intoArray(c, co); c51.intoArray(c, co + 1 * LANES); c52.intoArray(c, co + 2 * LANES); co += ldc;
        c60.intoArray(c, co); c61.intoArray(c, co + 1 * LANES); c62.intoArray(c, co + 2 * LANES); co += ldc;
        c70.intoArray(c, co); c71.intoArray(c, co + 1 * LANES); c72.intoArray(c, co + 2 * LANES);
    }

    /** C[i..i+8)[j..j+1·LANES) from a full 8-row panel at {@code ap}; accumulators stay in registers. */
    private static void tile8x1(int k, float[] a, int ap, float[] bias, int i, float[] b, int bj, int[] bRows,
                                  float[] c, int co, int ldc, boolean relu) {
        FloatVector c00 = FloatVector.broadcast(F, bias[i + 0]);
        FloatVector c10 = FloatVector.broadcast(F, bias[i + 1]);
        FloatVector c20 = FloatVector.broadcast(F, bias[i + 2]);
        FloatVector c30 = FloatVector.broadcast(F, bias[i + 3]);
        FloatVector c40 = FloatVector.broadcast(F, bias[i + 4]);
        FloatVector c50 = FloatVector.broadcast(F, bias[i + 5]);
        FloatVector c60 = FloatVector.broadcast(F, bias[i + 6]);
        FloatVector c70 = FloatVector.broadcast(F, bias[i + 7]);
        for (int p = 0; p < k; p++, ap += 8) {
            int bp = bj + bRows[p];
            FloatVector b0 = FloatVector.fromArray(F, b, bp);
            FloatVector x;
            x = FloatVector.broadcast(F, a[ap]); c00 = b0.fma(x, c00);
            x = FloatVector.broadcast(F, a[ap + 1]); c10 = b0.fma(x, c10);
            x = FloatVector.broadcast(F, a[ap + 2]); c20 = b0.fma(x, c20);
            x = FloatVector.broadcast(F, a[ap + 3]); c30 = b0.fma(x, c30);
            x = FloatVector.broadcast(F, a[ap + 4]); c40 = b0.fma(x, c40);
            x = FloatVector.broadcast(F, a[ap + 5]); c50 = b0.fma(x, c50);
            x = FloatVector.broadcast(F, a[ap + 6]); c60 = b0.fma(x, c60);
            x = FloatVector.broadcast(F, a[ap + 7]); c70 = b0.fma(x, c70);
        }
        if (relu) { // in this method, so the accumulators never leave registers (a helper taking a vector boxes it)
            c00 = c00.max(0f); c10 = c10.max(0f); c20 = c20.max(0f);
            c30 = c30.max(0f); c40 = c40.max(0f); c50 = c50.max(0f);
            c60 = c60.max(0f); c70 = c70.max(0f);
        }
        c00.intoArray(c, co); co += ldc;
        c10.intoArray(c, co); co += ldc;
        c20.intoArray(c, co); co += ldc;
        c30.intoArray(c, co); co += ldc;
        c40.intoArray(c, co); co += ldc;
        c50.intoArray(c, co); co += ldc;
        c60.intoArray(c, co); co += ldc;
        c70.intoArray(c, co);
    }

    /** One row of C, 3 vector(s) wide, A elements {@code aStride} apart (a partial panel). */
    private static void tile1x3(int k, float[] a, int ap, int aStride, float bias, float[] b, int bj, int[] bRows,
                                  float[] c, int co, boolean relu) {
        FloatVector c0 = FloatVector.broadcast(F, bias), c1 = c0, c2 = c0;
        for (int p = 0; p < k; p++, ap += aStride) {
            int bp = bj + bRows[p];
            FloatVector x = FloatVector.broadcast(F, a[ap]);
            c0 = FloatVector.fromArray(F, b, bp).fma(x, c0);
            c1 = FloatVector.fromArray(F, b, bp + 1 * LANES).fma(x, c1);
            c2 = FloatVector.fromArray(F, b, bp + 2 * LANES).fma(x, c2);
        }
        if (relu) { // in this method, so the accumulators never leave registers (a helper taking a vector boxes it)
            c0 = c0.max(0f); c1 = c1.max(0f); c2 = c2.max(0f);
        }
        c0.intoArray(c, co); c1.intoArray(c, co + 1 * LANES); c2.intoArray(c, co + 2 * LANES);
    }

    /** One row of C, 1 vector(s) wide, A elements {@code aStride} apart (a partial panel). */
    private static void tile1x1(int k, float[] a, int ap, int aStride, float bias, float[] b, int bj, int[] bRows,
                                  float[] c, int co, boolean relu) {
        FloatVector c0 = FloatVector.broadcast(F, bias);
        for (int p = 0; p < k; p++, ap += aStride) {
            int bp = bj + bRows[p];
            FloatVector x = FloatVector.broadcast(F, a[ap]);
            c0 = FloatVector.fromArray(F, b, bp).fma(x, c0);
        }
        if (relu) { // in this method, so the accumulators never leave registers (a helper taking a vector boxes it)
            c0 = c0.max(0f);
        }
        c0.intoArray(c, co);
    }

    @Override
    public void reluMax2x2(float[] x, int off, int rowStride, float[] out, int n) {
        ConvGemm.checkMax2x2(x, off, rowStride, out, n);
        IntVector zero = IntVector.zero(I);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            int a = off + i, b = a + rowStride;
            // integer max of the bit patterns: one instruction, and ReLU for free (see the interface)
            IntVector a0 = FloatVector.fromArray(F, x, a).reinterpretAsInts();
            IntVector a1 = FloatVector.fromArray(F, x, a + 1).reinterpretAsInts();
            IntVector b0 = FloatVector.fromArray(F, x, b).reinterpretAsInts();
            IntVector b1 = FloatVector.fromArray(F, x, b + 1).reinterpretAsInts();
            a0.max(a1).max(b0.max(b1)).max(zero).reinterpretAsFloats().intoArray(out, i);
        }
        ConvGemm.reluMax2x2(x, off, rowStride, out, i, n);
    }
}
