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


    // The element-wise kernels below each handle four vectors per iteration, then single vectors, then
    // the scalar tail, all in the one method (same operations per element as one vector at a time, so
    // the same bits): every kernel is above C2's FreqInlineSize (325 bytecodes), so it is never inlined
    // into a caller and compiles as a root of its own. Inlined into a deep caller (an engine lambda, a
    // fork-join task), the Vector API's internal call chains ran past MaxInlineLevel and C2 compiled the
    // kernel without its intrinsics (boxed vectors; bench/RESULTS.md, nn session 6). No helper methods
    // that take or return vectors: a helper C2 refuses to inline boxes its vectors.

    @Override
    public void complexMultiply(float[] a, float[] b, float[] out, int nComplex) {
        Checks.lengths(2 * nComplex, a, b, out);
        int n = 2 * nComplex;
        int i = 0;
        for (int bound = n - 2 * LANES; i <= bound; i += 2 * LANES) {
            // (ar*br - ai*bi, ai*br + ar*bi)
            FloatVector va = FloatVector.fromArray(F, a, i);
            FloatVector vb = FloatVector.fromArray(F, b, i);
            FloatVector wa = FloatVector.fromArray(F, a, i + LANES);
            FloatVector wb = FloatVector.fromArray(F, b, i + LANES);
            FloatVector cross = va.rearrange(SWAP).mul(vb.rearrange(DUP_IM));
            FloatVector crossW = wa.rearrange(SWAP).mul(wb.rearrange(DUP_IM));
            va.mul(vb.rearrange(DUP_RE)).add(cross.neg(), EVEN).add(cross, EVEN.not()).intoArray(out, i);
            wa.mul(wb.rearrange(DUP_RE)).add(crossW.neg(), EVEN).add(crossW, EVEN.not()).intoArray(out, i + LANES);
        }
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector va = FloatVector.fromArray(F, a, i);
            FloatVector vb = FloatVector.fromArray(F, b, i);
            FloatVector cross = va.rearrange(SWAP).mul(vb.rearrange(DUP_IM));
            va.mul(vb.rearrange(DUP_RE)).add(cross.neg(), EVEN).add(cross, EVEN.not()).intoArray(out, i);
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
        for (int bound = n - 2 * LANES; i <= bound; i += 2 * LANES) {
            // (ar*br + ai*bi, ai*br - ar*bi)
            FloatVector va = FloatVector.fromArray(F, a, i);
            FloatVector vb = FloatVector.fromArray(F, b, i);
            FloatVector wa = FloatVector.fromArray(F, a, i + LANES);
            FloatVector wb = FloatVector.fromArray(F, b, i + LANES);
            FloatVector cross = va.rearrange(SWAP).mul(vb.rearrange(DUP_IM));
            FloatVector crossW = wa.rearrange(SWAP).mul(wb.rearrange(DUP_IM));
            va.mul(vb.rearrange(DUP_RE)).add(cross, EVEN).add(cross.neg(), EVEN.not()).intoArray(out, i);
            wa.mul(wb.rearrange(DUP_RE)).add(crossW, EVEN).add(crossW.neg(), EVEN.not()).intoArray(out, i + LANES);
        }
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector va = FloatVector.fromArray(F, a, i);
            FloatVector vb = FloatVector.fromArray(F, b, i);
            FloatVector cross = va.rearrange(SWAP).mul(vb.rearrange(DUP_IM));
            va.mul(vb.rearrange(DUP_RE)).add(cross, EVEN).add(cross.neg(), EVEN.not()).intoArray(out, i);
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
        for (int bound = n - 8 * LANES; i <= bound; i += 8 * LANES) {
            FloatVector.fromArray(F, a, i).mul(FloatVector.fromArray(F, b, i)).intoArray(out, i);
            FloatVector.fromArray(F, a, i + LANES).mul(FloatVector.fromArray(F, b, i + LANES)).intoArray(out, i + LANES);
            FloatVector.fromArray(F, a, i + 2 * LANES).mul(FloatVector.fromArray(F, b, i + 2 * LANES)).intoArray(out, i + 2 * LANES);
            FloatVector.fromArray(F, a, i + 3 * LANES).mul(FloatVector.fromArray(F, b, i + 3 * LANES)).intoArray(out, i + 3 * LANES);
            FloatVector.fromArray(F, a, i + 4 * LANES).mul(FloatVector.fromArray(F, b, i + 4 * LANES)).intoArray(out, i + 4 * LANES);
            FloatVector.fromArray(F, a, i + 5 * LANES).mul(FloatVector.fromArray(F, b, i + 5 * LANES)).intoArray(out, i + 5 * LANES);
            FloatVector.fromArray(F, a, i + 6 * LANES).mul(FloatVector.fromArray(F, b, i + 6 * LANES)).intoArray(out, i + 6 * LANES);
            FloatVector.fromArray(F, a, i + 7 * LANES).mul(FloatVector.fromArray(F, b, i + 7 * LANES)).intoArray(out, i + 7 * LANES);
        }
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
        for (int bound = n - 4 * LANES; i <= bound; i += 4 * LANES) {
            FloatVector d = FloatVector.fromArray(F, den, i);
            FloatVector e = FloatVector.fromArray(F, den, i + LANES);
            FloatVector f = FloatVector.fromArray(F, den, i + 2 * LANES);
            FloatVector g = FloatVector.fromArray(F, den, i + 3 * LANES);
            VectorMask<Float> okD = d.compare(VectorOperators.GT, eps);
            VectorMask<Float> okE = e.compare(VectorOperators.GT, eps);
            VectorMask<Float> okF = f.compare(VectorOperators.GT, eps);
            VectorMask<Float> okG = g.compare(VectorOperators.GT, eps);
            zero.blend(FloatVector.fromArray(F, num, i).div(d.blend(1f, okD.not())), okD).intoArray(out, i);
            zero.blend(FloatVector.fromArray(F, num, i + LANES).div(e.blend(1f, okE.not())), okE).intoArray(out, i + LANES);
            zero.blend(FloatVector.fromArray(F, num, i + 2 * LANES).div(f.blend(1f, okF.not())), okF).intoArray(out, i + 2 * LANES);
            zero.blend(FloatVector.fromArray(F, num, i + 3 * LANES).div(g.blend(1f, okG.not())), okG).intoArray(out, i + 3 * LANES);
        }
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector d = FloatVector.fromArray(F, den, i);
            VectorMask<Float> ok = d.compare(VectorOperators.GT, eps);
            zero.blend(FloatVector.fromArray(F, num, i).div(d.blend(1f, ok.not())), ok).intoArray(out, i);
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
        FloatVector va = FloatVector.broadcast(F, alpha);
        for (int bound = n - 8 * LANES; i <= bound; i += 8 * LANES) {
            FloatVector.fromArray(F, x, i).fma(va, FloatVector.fromArray(F, y, i)).intoArray(y, i);
            FloatVector.fromArray(F, x, i + LANES).fma(va, FloatVector.fromArray(F, y, i + LANES)).intoArray(y, i + LANES);
            FloatVector.fromArray(F, x, i + 2 * LANES).fma(va, FloatVector.fromArray(F, y, i + 2 * LANES)).intoArray(y, i + 2 * LANES);
            FloatVector.fromArray(F, x, i + 3 * LANES).fma(va, FloatVector.fromArray(F, y, i + 3 * LANES)).intoArray(y, i + 3 * LANES);
            FloatVector.fromArray(F, x, i + 4 * LANES).fma(va, FloatVector.fromArray(F, y, i + 4 * LANES)).intoArray(y, i + 4 * LANES);
            FloatVector.fromArray(F, x, i + 5 * LANES).fma(va, FloatVector.fromArray(F, y, i + 5 * LANES)).intoArray(y, i + 5 * LANES);
            FloatVector.fromArray(F, x, i + 6 * LANES).fma(va, FloatVector.fromArray(F, y, i + 6 * LANES)).intoArray(y, i + 6 * LANES);
            FloatVector.fromArray(F, x, i + 7 * LANES).fma(va, FloatVector.fromArray(F, y, i + 7 * LANES)).intoArray(y, i + 7 * LANES);
        }
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(F, x, i).fma(va, FloatVector.fromArray(F, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) { // scalar tail
            y[i] += alpha * x[i];
        }
    }

    @Override
    public void scale(float alpha, float[] x, int n) {
        Checks.lengths(n, x);
        int i = 0;
        for (int bound = n - 8 * LANES; i <= bound; i += 8 * LANES) {
            FloatVector.fromArray(F, x, i).mul(alpha).intoArray(x, i);
            FloatVector.fromArray(F, x, i + LANES).mul(alpha).intoArray(x, i + LANES);
            FloatVector.fromArray(F, x, i + 2 * LANES).mul(alpha).intoArray(x, i + 2 * LANES);
            FloatVector.fromArray(F, x, i + 3 * LANES).mul(alpha).intoArray(x, i + 3 * LANES);
            FloatVector.fromArray(F, x, i + 4 * LANES).mul(alpha).intoArray(x, i + 4 * LANES);
            FloatVector.fromArray(F, x, i + 5 * LANES).mul(alpha).intoArray(x, i + 5 * LANES);
            FloatVector.fromArray(F, x, i + 6 * LANES).mul(alpha).intoArray(x, i + 6 * LANES);
            FloatVector.fromArray(F, x, i + 7 * LANES).mul(alpha).intoArray(x, i + 7 * LANES);
        }
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
        for (int bound = n - 4 * LANES; i <= bound; i += 4 * LANES) {
            FloatVector.fromArray(F, a, i).fma(FloatVector.fromArray(F, b, i), FloatVector.fromArray(F, c, i)).intoArray(out, i);
            FloatVector.fromArray(F, a, i + LANES).fma(FloatVector.fromArray(F, b, i + LANES), FloatVector.fromArray(F, c, i + LANES)).intoArray(out, i + LANES);
            FloatVector.fromArray(F, a, i + 2 * LANES).fma(FloatVector.fromArray(F, b, i + 2 * LANES), FloatVector.fromArray(F, c, i + 2 * LANES)).intoArray(out, i + 2 * LANES);
            FloatVector.fromArray(F, a, i + 3 * LANES).fma(FloatVector.fromArray(F, b, i + 3 * LANES), FloatVector.fromArray(F, c, i + 3 * LANES)).intoArray(out, i + 3 * LANES);
        }
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(F, a, i).fma(FloatVector.fromArray(F, b, i), FloatVector.fromArray(F, c, i)).intoArray(out, i);
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
        // The column loops and the tile calls are written out here (not in helper methods), so this
        // method is above C2's FreqInlineSize and compiles as a root of its own: the Vector API's call
        // chains of the inlined 1-row tiles start at depth 2 however deep the caller is (bench/RESULTS.md,
        // nn session 6). The 8-row tiles are roots of their own too (too big to inline).
        int j = 0;
        for (; j + 3 * LANES <= nVec; j += 3 * LANES) {
            int bj = bOff + j, cj = cOff + j;
            for (int i = 0; i < full; i += PANEL_ROWS) {
                if (relu) {
                    tile8x3Relu(k, a, i * k, bias, i, b, bj, bRows, c, cj + i * ldc, ldc);
                } else {
                    tile8x3(k, a, i * k, bias, i, b, bj, bRows, c, cj + i * ldc, ldc);
                }
            }
            for (int r = 0; r < rest; r++) {
                tile1x3(k, a, full * k + r, rest, bias[full + r], b, bj, bRows, c, cj + (full + r) * ldc, relu);
            }
        }
        for (; j < nVec; j += LANES) {
            int bj = bOff + j, cj = cOff + j;
            for (int i = 0; i < full; i += PANEL_ROWS) {
                tile8x1(k, a, i * k, bias, i, b, bj, bRows, c, cj + i * ldc, ldc, relu);
            }
            for (int r = 0; r < rest; r++) {
                tile1x1(k, a, full * k + r, rest, bias[full + r], b, bj, bRows, c, cj + (full + r) * ldc, relu);
            }
        }
        if (j < n) {
            ConvGemm.scalarColumns(m, j, n, k, a, bias, b, bOff, bRows, c, cOff, ldc, relu);
        }
    }

    /**
     * C[i..i+8)[j..j+3·LANES) from a full 8-row panel at {@code ap}; accumulators stay in registers.
     * Without and with ReLU in two methods, so each compiles to a smaller graph than one method
     * holding both paths (see bench/RESULTS.md, nn session 3: a JVM whose C2 code of the combined
     * method called {@code fma} out of line ran ~20× slower).
     */
    private static void tile8x3(int k, float[] a, int ap, float[] bias, int i, float[] b, int bj, int[] bRows,
                                  float[] c, int co, int ldc) {
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
        c00.intoArray(c, co); c01.intoArray(c, co + 1 * LANES); c02.intoArray(c, co + 2 * LANES); co += ldc;
        c10.intoArray(c, co); c11.intoArray(c, co + 1 * LANES); c12.intoArray(c, co + 2 * LANES); co += ldc;
        c20.intoArray(c, co); c21.intoArray(c, co + 1 * LANES); c22.intoArray(c, co + 2 * LANES); co += ldc;
        c30.intoArray(c, co); c31.intoArray(c, co + 1 * LANES); c32.intoArray(c, co + 2 * LANES); co += ldc;
        c40.intoArray(c, co); c41.intoArray(c, co + 1 * LANES); c42.intoArray(c, co + 2 * LANES); co += ldc;
        c50.intoArray(c, co); c51.intoArray(c, co + 1 * LANES); c52.intoArray(c, co + 2 * LANES); co += ldc;
        c60.intoArray(c, co); c61.intoArray(c, co + 1 * LANES); c62.intoArray(c, co + 2 * LANES); co += ldc;
        c70.intoArray(c, co); c71.intoArray(c, co + 1 * LANES); c72.intoArray(c, co + 2 * LANES);
    }


    /** {@link #tile8x3} followed by ReLU. */
    private static void tile8x3Relu(int k, float[] a, int ap, float[] bias, int i, float[] b, int bj, int[] bRows,
                                  float[] c, int co, int ldc) {
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
        { // in this method, so the accumulators never leave registers (a helper taking a vector boxes it)
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
        // two vectors per iteration, then one, then the scalar tail, all in this method: above
        // FreqInlineSize, so a root of its own (see the element-wise kernels above)
        IntVector zero = IntVector.zero(I);
        int i = 0;
        for (int bound = n - 2 * LANES; i <= bound; i += 2 * LANES) {
            int a = off + i, b = a + rowStride;
            // integer max of the bit patterns: one instruction, and ReLU for free (see the interface)
            IntVector a0 = FloatVector.fromArray(F, x, a).reinterpretAsInts();
            IntVector a1 = FloatVector.fromArray(F, x, a + 1).reinterpretAsInts();
            IntVector b0 = FloatVector.fromArray(F, x, b).reinterpretAsInts();
            IntVector b1 = FloatVector.fromArray(F, x, b + 1).reinterpretAsInts();
            IntVector e0 = FloatVector.fromArray(F, x, a + LANES).reinterpretAsInts();
            IntVector e1 = FloatVector.fromArray(F, x, a + LANES + 1).reinterpretAsInts();
            IntVector f0 = FloatVector.fromArray(F, x, b + LANES).reinterpretAsInts();
            IntVector f1 = FloatVector.fromArray(F, x, b + LANES + 1).reinterpretAsInts();
            a0.max(a1).max(b0.max(b1)).max(zero).reinterpretAsFloats().intoArray(out, i);
            e0.max(e1).max(f0.max(f1)).max(zero).reinterpretAsFloats().intoArray(out, i + LANES);
        }
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            int a = off + i, b = a + rowStride;
            IntVector a0 = FloatVector.fromArray(F, x, a).reinterpretAsInts();
            IntVector a1 = FloatVector.fromArray(F, x, a + 1).reinterpretAsInts();
            IntVector b0 = FloatVector.fromArray(F, x, b).reinterpretAsInts();
            IntVector b1 = FloatVector.fromArray(F, x, b + 1).reinterpretAsInts();
            a0.max(a1).max(b0.max(b1)).max(zero).reinterpretAsFloats().intoArray(out, i);
        }
        for (; i < n; i++) { // scalar tail (ConvGemm.reluMax2x2, written out)
            int a = off + i, b = a + rowStride;
            int m = Math.max(Math.max(Float.floatToRawIntBits(x[a]), Float.floatToRawIntBits(x[a + 1])),
                    Math.max(Float.floatToRawIntBits(x[b]), Float.floatToRawIntBits(x[b + 1])));
            out[i] = Float.intBitsToFloat(Math.max(m, 0));
        }
    }

    // The Winograd kernels: one pass per whole vector of tiles with every intermediate in
    // registers (the reference in ConvGemm makes two passes through memory with the same float
    // operations, so the results are identical), one small method per case so that C2 inlines
    // every vector operation.

    @Override
    public void winogradInput(int r, float[] x, int off, int rs, int ps, float[] v, int vOff, int vs, int n) {
        ConvGemm.checkWinogradInput(r, x, off, rs, ps, v, vOff, vs, n);
        int nv = F.loopBound(n);
        if (r == 2) {
            input2Fused(x, off, rs, ps, v, vOff, vs, nv);
        } else {
            input4Fused(x, off, rs, ps, v, vOff, vs, nv);
        }
        ConvGemm.winogradInput(r, x, off, rs, ps, v, vOff, vs, nv, n);
    }

    @Override
    public void winogradOutput(int r, float[] mm, int off, int xs, float bias, boolean relu, boolean pool,
                               float[] out, int outOff, int os, int n) {
        ConvGemm.checkWinogradOutput(r, mm, off, xs, out, outOff, os, pool, n);
        int nv = F.loopBound(n);
        if (r == 2) {
            output2Fused(mm, off, xs, bias, relu, pool, out, outOff, os, nv);
        } else {
            output4Fused(mm, off, xs, bias, relu, pool, out, outOff, os, nv);
        }
        ConvGemm.winogradOutput(r, mm, off, xs, bias, relu, pool, out, outOff, os, nv, n);
    }

    /** F(2×2,3×3) input transform of whole vectors of tiles, both passes in registers (the reference's operations). */
    private static void input2Fused(float[] x, int off, int rs, int ps, float[] v, int vOff, int vs, int nv) {
        for (int j = 0; j < nv; j += LANES) {
            FloatVector d00 = FloatVector.fromArray(F, x, off + 0 * rs + 0 * ps + 0 + j);
            FloatVector d01 = FloatVector.fromArray(F, x, off + 0 * rs + 1 * ps + 0 + j);
            FloatVector d02 = FloatVector.fromArray(F, x, off + 0 * rs + 0 * ps + 1 + j);
            FloatVector d03 = FloatVector.fromArray(F, x, off + 0 * rs + 1 * ps + 1 + j);
            FloatVector d10 = FloatVector.fromArray(F, x, off + 0 * rs + 2 * ps + 0 + j);
            FloatVector d11 = FloatVector.fromArray(F, x, off + 0 * rs + 3 * ps + 0 + j);
            FloatVector d12 = FloatVector.fromArray(F, x, off + 0 * rs + 2 * ps + 1 + j);
            FloatVector d13 = FloatVector.fromArray(F, x, off + 0 * rs + 3 * ps + 1 + j);
            FloatVector d20 = FloatVector.fromArray(F, x, off + 1 * rs + 0 * ps + 0 + j);
            FloatVector d21 = FloatVector.fromArray(F, x, off + 1 * rs + 1 * ps + 0 + j);
            FloatVector d22 = FloatVector.fromArray(F, x, off + 1 * rs + 0 * ps + 1 + j);
            FloatVector d23 = FloatVector.fromArray(F, x, off + 1 * rs + 1 * ps + 1 + j);
            FloatVector d30 = FloatVector.fromArray(F, x, off + 1 * rs + 2 * ps + 0 + j);
            FloatVector d31 = FloatVector.fromArray(F, x, off + 1 * rs + 3 * ps + 0 + j);
            FloatVector d32 = FloatVector.fromArray(F, x, off + 1 * rs + 2 * ps + 1 + j);
            FloatVector d33 = FloatVector.fromArray(F, x, off + 1 * rs + 3 * ps + 1 + j);
            FloatVector e00 = d00.sub(d20);
            FloatVector e10 = d10.add(d20);
            FloatVector e20 = d20.sub(d10);
            FloatVector e30 = d10.sub(d30);
            FloatVector e01 = d01.sub(d21);
            FloatVector e11 = d11.add(d21);
            FloatVector e21 = d21.sub(d11);
            FloatVector e31 = d11.sub(d31);
            FloatVector e02 = d02.sub(d22);
            FloatVector e12 = d12.add(d22);
            FloatVector e22 = d22.sub(d12);
            FloatVector e32 = d12.sub(d32);
            FloatVector e03 = d03.sub(d23);
            FloatVector e13 = d13.add(d23);
            FloatVector e23 = d23.sub(d13);
            FloatVector e33 = d13.sub(d33);
            e00.sub(e02).intoArray(v, vOff + 0 * vs + j);
            e01.add(e02).intoArray(v, vOff + 1 * vs + j);
            e02.sub(e01).intoArray(v, vOff + 2 * vs + j);
            e01.sub(e03).intoArray(v, vOff + 3 * vs + j);
            e10.sub(e12).intoArray(v, vOff + 4 * vs + j);
            e11.add(e12).intoArray(v, vOff + 5 * vs + j);
            e12.sub(e11).intoArray(v, vOff + 6 * vs + j);
            e11.sub(e13).intoArray(v, vOff + 7 * vs + j);
            e20.sub(e22).intoArray(v, vOff + 8 * vs + j);
            e21.add(e22).intoArray(v, vOff + 9 * vs + j);
            e22.sub(e21).intoArray(v, vOff + 10 * vs + j);
            e21.sub(e23).intoArray(v, vOff + 11 * vs + j);
            e30.sub(e32).intoArray(v, vOff + 12 * vs + j);
            e31.add(e32).intoArray(v, vOff + 13 * vs + j);
            e32.sub(e31).intoArray(v, vOff + 14 * vs + j);
            e31.sub(e33).intoArray(v, vOff + 15 * vs + j);
        }
    }

    /** F(4×4,3×3) input transform of whole vectors of tiles, both passes in registers (the reference's operations). */
    private static void input4Fused(float[] x, int off, int rs, int ps, float[] v, int vOff, int vs, int nv) {
        FloatVector two = FloatVector.broadcast(F, 2f), mtwo = FloatVector.broadcast(F, -2f);
        FloatVector four = FloatVector.broadcast(F, 4f), mfour = FloatVector.broadcast(F, -4f);
        FloatVector mfive = FloatVector.broadcast(F, -5f);
        for (int j = 0; j < nv; j += LANES) {
            FloatVector d00 = FloatVector.fromArray(F, x, off + 0 * rs + 0 * ps + 0 + j);
            FloatVector d10 = FloatVector.fromArray(F, x, off + 0 * rs + 4 * ps + 0 + j);
            FloatVector d20 = FloatVector.fromArray(F, x, off + 0 * rs + 8 * ps + 0 + j);
            FloatVector d30 = FloatVector.fromArray(F, x, off + 0 * rs + 12 * ps + 0 + j);
            FloatVector d40 = FloatVector.fromArray(F, x, off + 1 * rs + 0 * ps + 0 + j);
            FloatVector d50 = FloatVector.fromArray(F, x, off + 1 * rs + 4 * ps + 0 + j);
            FloatVector c0a = d30.sub(d10), c0b = d40.sub(d20);
            FloatVector e00 = d00.fma(four, d20.fma(mfive, d40));
            FloatVector e10 = d10.add(d20).fma(mfour, d30.add(d40));
            FloatVector e20 = d10.sub(d20).fma(four, d40.sub(d30));
            FloatVector e30 = c0a.fma(two, c0b);
            FloatVector e40 = c0a.fma(mtwo, c0b);
            FloatVector e50 = d10.fma(four, d30.fma(mfive, d50));
            FloatVector d01 = FloatVector.fromArray(F, x, off + 0 * rs + 1 * ps + 0 + j);
            FloatVector d11 = FloatVector.fromArray(F, x, off + 0 * rs + 5 * ps + 0 + j);
            FloatVector d21 = FloatVector.fromArray(F, x, off + 0 * rs + 9 * ps + 0 + j);
            FloatVector d31 = FloatVector.fromArray(F, x, off + 0 * rs + 13 * ps + 0 + j);
            FloatVector d41 = FloatVector.fromArray(F, x, off + 1 * rs + 1 * ps + 0 + j);
            FloatVector d51 = FloatVector.fromArray(F, x, off + 1 * rs + 5 * ps + 0 + j);
            FloatVector c1a = d31.sub(d11), c1b = d41.sub(d21);
            FloatVector e01 = d01.fma(four, d21.fma(mfive, d41));
            FloatVector e11 = d11.add(d21).fma(mfour, d31.add(d41));
            FloatVector e21 = d11.sub(d21).fma(four, d41.sub(d31));
            FloatVector e31 = c1a.fma(two, c1b);
            FloatVector e41 = c1a.fma(mtwo, c1b);
            FloatVector e51 = d11.fma(four, d31.fma(mfive, d51));
            FloatVector d02 = FloatVector.fromArray(F, x, off + 0 * rs + 2 * ps + 0 + j);
            FloatVector d12 = FloatVector.fromArray(F, x, off + 0 * rs + 6 * ps + 0 + j);
            FloatVector d22 = FloatVector.fromArray(F, x, off + 0 * rs + 10 * ps + 0 + j);
            FloatVector d32 = FloatVector.fromArray(F, x, off + 0 * rs + 14 * ps + 0 + j);
            FloatVector d42 = FloatVector.fromArray(F, x, off + 1 * rs + 2 * ps + 0 + j);
            FloatVector d52 = FloatVector.fromArray(F, x, off + 1 * rs + 6 * ps + 0 + j);
            FloatVector c2a = d32.sub(d12), c2b = d42.sub(d22);
            FloatVector e02 = d02.fma(four, d22.fma(mfive, d42));
            FloatVector e12 = d12.add(d22).fma(mfour, d32.add(d42));
            FloatVector e22 = d12.sub(d22).fma(four, d42.sub(d32));
            FloatVector e32 = c2a.fma(two, c2b);
            FloatVector e42 = c2a.fma(mtwo, c2b);
            FloatVector e52 = d12.fma(four, d32.fma(mfive, d52));
            FloatVector d03 = FloatVector.fromArray(F, x, off + 0 * rs + 3 * ps + 0 + j);
            FloatVector d13 = FloatVector.fromArray(F, x, off + 0 * rs + 7 * ps + 0 + j);
            FloatVector d23 = FloatVector.fromArray(F, x, off + 0 * rs + 11 * ps + 0 + j);
            FloatVector d33 = FloatVector.fromArray(F, x, off + 0 * rs + 15 * ps + 0 + j);
            FloatVector d43 = FloatVector.fromArray(F, x, off + 1 * rs + 3 * ps + 0 + j);
            FloatVector d53 = FloatVector.fromArray(F, x, off + 1 * rs + 7 * ps + 0 + j);
            FloatVector c3a = d33.sub(d13), c3b = d43.sub(d23);
            FloatVector e03 = d03.fma(four, d23.fma(mfive, d43));
            FloatVector e13 = d13.add(d23).fma(mfour, d33.add(d43));
            FloatVector e23 = d13.sub(d23).fma(four, d43.sub(d33));
            FloatVector e33 = c3a.fma(two, c3b);
            FloatVector e43 = c3a.fma(mtwo, c3b);
            FloatVector e53 = d13.fma(four, d33.fma(mfive, d53));
            FloatVector d04 = FloatVector.fromArray(F, x, off + 0 * rs + 0 * ps + 1 + j);
            FloatVector d14 = FloatVector.fromArray(F, x, off + 0 * rs + 4 * ps + 1 + j);
            FloatVector d24 = FloatVector.fromArray(F, x, off + 0 * rs + 8 * ps + 1 + j);
            FloatVector d34 = FloatVector.fromArray(F, x, off + 0 * rs + 12 * ps + 1 + j);
            FloatVector d44 = FloatVector.fromArray(F, x, off + 1 * rs + 0 * ps + 1 + j);
            FloatVector d54 = FloatVector.fromArray(F, x, off + 1 * rs + 4 * ps + 1 + j);
            FloatVector c4a = d34.sub(d14), c4b = d44.sub(d24);
            FloatVector e04 = d04.fma(four, d24.fma(mfive, d44));
            FloatVector e14 = d14.add(d24).fma(mfour, d34.add(d44));
            FloatVector e24 = d14.sub(d24).fma(four, d44.sub(d34));
            FloatVector e34 = c4a.fma(two, c4b);
            FloatVector e44 = c4a.fma(mtwo, c4b);
            FloatVector e54 = d14.fma(four, d34.fma(mfive, d54));
            FloatVector d05 = FloatVector.fromArray(F, x, off + 0 * rs + 1 * ps + 1 + j);
            FloatVector d15 = FloatVector.fromArray(F, x, off + 0 * rs + 5 * ps + 1 + j);
            FloatVector d25 = FloatVector.fromArray(F, x, off + 0 * rs + 9 * ps + 1 + j);
            FloatVector d35 = FloatVector.fromArray(F, x, off + 0 * rs + 13 * ps + 1 + j);
            FloatVector d45 = FloatVector.fromArray(F, x, off + 1 * rs + 1 * ps + 1 + j);
            FloatVector d55 = FloatVector.fromArray(F, x, off + 1 * rs + 5 * ps + 1 + j);
            FloatVector c5a = d35.sub(d15), c5b = d45.sub(d25);
            FloatVector e05 = d05.fma(four, d25.fma(mfive, d45));
            FloatVector e15 = d15.add(d25).fma(mfour, d35.add(d45));
            FloatVector e25 = d15.sub(d25).fma(four, d45.sub(d35));
            FloatVector e35 = c5a.fma(two, c5b);
            FloatVector e45 = c5a.fma(mtwo, c5b);
            FloatVector e55 = d15.fma(four, d35.fma(mfive, d55));
            FloatVector r0a = e03.sub(e01), r0b = e04.sub(e02);
            e00.fma(four, e02.fma(mfive, e04)).intoArray(v, vOff + 0 * vs + j);
            e01.add(e02).fma(mfour, e03.add(e04)).intoArray(v, vOff + 1 * vs + j);
            e01.sub(e02).fma(four, e04.sub(e03)).intoArray(v, vOff + 2 * vs + j);
            r0a.fma(two, r0b).intoArray(v, vOff + 3 * vs + j);
            r0a.fma(mtwo, r0b).intoArray(v, vOff + 4 * vs + j);
            e01.fma(four, e03.fma(mfive, e05)).intoArray(v, vOff + 5 * vs + j);
            FloatVector r1a = e13.sub(e11), r1b = e14.sub(e12);
            e10.fma(four, e12.fma(mfive, e14)).intoArray(v, vOff + 6 * vs + j);
            e11.add(e12).fma(mfour, e13.add(e14)).intoArray(v, vOff + 7 * vs + j);
            e11.sub(e12).fma(four, e14.sub(e13)).intoArray(v, vOff + 8 * vs + j);
            r1a.fma(two, r1b).intoArray(v, vOff + 9 * vs + j);
            r1a.fma(mtwo, r1b).intoArray(v, vOff + 10 * vs + j);
            e11.fma(four, e13.fma(mfive, e15)).intoArray(v, vOff + 11 * vs + j);
            FloatVector r2a = e23.sub(e21), r2b = e24.sub(e22);
            e20.fma(four, e22.fma(mfive, e24)).intoArray(v, vOff + 12 * vs + j);
            e21.add(e22).fma(mfour, e23.add(e24)).intoArray(v, vOff + 13 * vs + j);
            e21.sub(e22).fma(four, e24.sub(e23)).intoArray(v, vOff + 14 * vs + j);
            r2a.fma(two, r2b).intoArray(v, vOff + 15 * vs + j);
            r2a.fma(mtwo, r2b).intoArray(v, vOff + 16 * vs + j);
            e21.fma(four, e23.fma(mfive, e25)).intoArray(v, vOff + 17 * vs + j);
            FloatVector r3a = e33.sub(e31), r3b = e34.sub(e32);
            e30.fma(four, e32.fma(mfive, e34)).intoArray(v, vOff + 18 * vs + j);
            e31.add(e32).fma(mfour, e33.add(e34)).intoArray(v, vOff + 19 * vs + j);
            e31.sub(e32).fma(four, e34.sub(e33)).intoArray(v, vOff + 20 * vs + j);
            r3a.fma(two, r3b).intoArray(v, vOff + 21 * vs + j);
            r3a.fma(mtwo, r3b).intoArray(v, vOff + 22 * vs + j);
            e31.fma(four, e33.fma(mfive, e35)).intoArray(v, vOff + 23 * vs + j);
            FloatVector r4a = e43.sub(e41), r4b = e44.sub(e42);
            e40.fma(four, e42.fma(mfive, e44)).intoArray(v, vOff + 24 * vs + j);
            e41.add(e42).fma(mfour, e43.add(e44)).intoArray(v, vOff + 25 * vs + j);
            e41.sub(e42).fma(four, e44.sub(e43)).intoArray(v, vOff + 26 * vs + j);
            r4a.fma(two, r4b).intoArray(v, vOff + 27 * vs + j);
            r4a.fma(mtwo, r4b).intoArray(v, vOff + 28 * vs + j);
            e41.fma(four, e43.fma(mfive, e45)).intoArray(v, vOff + 29 * vs + j);
            FloatVector r5a = e53.sub(e51), r5b = e54.sub(e52);
            e50.fma(four, e52.fma(mfive, e54)).intoArray(v, vOff + 30 * vs + j);
            e51.add(e52).fma(mfour, e53.add(e54)).intoArray(v, vOff + 31 * vs + j);
            e51.sub(e52).fma(four, e54.sub(e53)).intoArray(v, vOff + 32 * vs + j);
            r5a.fma(two, r5b).intoArray(v, vOff + 33 * vs + j);
            r5a.fma(mtwo, r5b).intoArray(v, vOff + 34 * vs + j);
            e51.fma(four, e53.fma(mfive, e55)).intoArray(v, vOff + 35 * vs + j);
        }
    }

    /** F(2×2,3×3) output transform of whole vectors of tiles in registers, bias, optional pool and ReLU. */
    private static void output2Fused(float[] mm, int off, int xs, float bias, boolean relu, boolean pool, float[] out,
                                     int o, int os, int nv) {
        FloatVector vb = FloatVector.broadcast(F, bias);
        for (int j = 0; j < nv; j += LANES) {
            FloatVector m00 = FloatVector.fromArray(F, mm, off + 0 * xs + j);
            FloatVector m01 = FloatVector.fromArray(F, mm, off + 1 * xs + j);
            FloatVector m02 = FloatVector.fromArray(F, mm, off + 2 * xs + j);
            FloatVector m03 = FloatVector.fromArray(F, mm, off + 3 * xs + j);
            FloatVector m10 = FloatVector.fromArray(F, mm, off + 4 * xs + j);
            FloatVector m11 = FloatVector.fromArray(F, mm, off + 5 * xs + j);
            FloatVector m12 = FloatVector.fromArray(F, mm, off + 6 * xs + j);
            FloatVector m13 = FloatVector.fromArray(F, mm, off + 7 * xs + j);
            FloatVector m20 = FloatVector.fromArray(F, mm, off + 8 * xs + j);
            FloatVector m21 = FloatVector.fromArray(F, mm, off + 9 * xs + j);
            FloatVector m22 = FloatVector.fromArray(F, mm, off + 10 * xs + j);
            FloatVector m23 = FloatVector.fromArray(F, mm, off + 11 * xs + j);
            FloatVector m30 = FloatVector.fromArray(F, mm, off + 12 * xs + j);
            FloatVector m31 = FloatVector.fromArray(F, mm, off + 13 * xs + j);
            FloatVector m32 = FloatVector.fromArray(F, mm, off + 14 * xs + j);
            FloatVector m33 = FloatVector.fromArray(F, mm, off + 15 * xs + j);
            FloatVector s00 = m00.add(m10).add(m20);
            FloatVector s10 = m10.sub(m20).sub(m30);
            FloatVector s01 = m01.add(m11).add(m21);
            FloatVector s11 = m11.sub(m21).sub(m31);
            FloatVector s02 = m02.add(m12).add(m22);
            FloatVector s12 = m12.sub(m22).sub(m32);
            FloatVector s03 = m03.add(m13).add(m23);
            FloatVector s13 = m13.sub(m23).sub(m33);
            FloatVector y00 = s00.add(s01).add(s02);
            FloatVector y01 = s01.sub(s02).sub(s03);
            FloatVector y10 = s10.add(s11).add(s12);
            FloatVector y11 = s11.sub(s12).sub(s13);
            if (pool) {
                FloatVector y = y00.max(y01).max(y10.max(y11)).add(vb);
                if (relu) {
                    y = y.max(0f);
                }
                y.intoArray(out, o + j);
            } else {
                y00 = y00.add(vb);
                y01 = y01.add(vb);
                y10 = y10.add(vb);
                y11 = y11.add(vb);
                if (relu) {
                    y00 = y00.max(0f);
                    y01 = y01.max(0f);
                    y10 = y10.max(0f);
                    y11 = y11.max(0f);
                }
                y00.intoArray(out, o + 0 * os + j);
                y01.intoArray(out, o + 1 * os + j);
                y10.intoArray(out, o + 2 * os + j);
                y11.intoArray(out, o + 3 * os + j);
            }
        }
    }

    /** F(4×4,3×3) output transform of whole vectors of tiles in registers, bias, optional pool and ReLU. */
    private static void output4Fused(float[] mm, int off, int xs, float bias, boolean relu, boolean pool, float[] out,
                                     int o, int os, int nv) {
        FloatVector two = FloatVector.broadcast(F, 2f), four = FloatVector.broadcast(F, 4f);
        FloatVector eight = FloatVector.broadcast(F, 8f);
        FloatVector vb = FloatVector.broadcast(F, bias);
        for (int j = 0; j < nv; j += LANES) {
            FloatVector m00 = FloatVector.fromArray(F, mm, off + 0 * xs + j);
            FloatVector m10 = FloatVector.fromArray(F, mm, off + 6 * xs + j);
            FloatVector m20 = FloatVector.fromArray(F, mm, off + 12 * xs + j);
            FloatVector m30 = FloatVector.fromArray(F, mm, off + 18 * xs + j);
            FloatVector m40 = FloatVector.fromArray(F, mm, off + 24 * xs + j);
            FloatVector m50 = FloatVector.fromArray(F, mm, off + 30 * xs + j);
            FloatVector c0p = m10.add(m20), c0q = m10.sub(m20), c0s = m30.add(m40), c0t = m30.sub(m40);
            FloatVector s00 = m00.add(c0p).add(c0s);
            FloatVector s10 = c0t.fma(two, c0q);
            FloatVector s20 = c0s.fma(four, c0p);
            FloatVector s30 = c0t.fma(eight, c0q).add(m50);
            FloatVector m01 = FloatVector.fromArray(F, mm, off + 1 * xs + j);
            FloatVector m11 = FloatVector.fromArray(F, mm, off + 7 * xs + j);
            FloatVector m21 = FloatVector.fromArray(F, mm, off + 13 * xs + j);
            FloatVector m31 = FloatVector.fromArray(F, mm, off + 19 * xs + j);
            FloatVector m41 = FloatVector.fromArray(F, mm, off + 25 * xs + j);
            FloatVector m51 = FloatVector.fromArray(F, mm, off + 31 * xs + j);
            FloatVector c1p = m11.add(m21), c1q = m11.sub(m21), c1s = m31.add(m41), c1t = m31.sub(m41);
            FloatVector s01 = m01.add(c1p).add(c1s);
            FloatVector s11 = c1t.fma(two, c1q);
            FloatVector s21 = c1s.fma(four, c1p);
            FloatVector s31 = c1t.fma(eight, c1q).add(m51);
            FloatVector m02 = FloatVector.fromArray(F, mm, off + 2 * xs + j);
            FloatVector m12 = FloatVector.fromArray(F, mm, off + 8 * xs + j);
            FloatVector m22 = FloatVector.fromArray(F, mm, off + 14 * xs + j);
            FloatVector m32 = FloatVector.fromArray(F, mm, off + 20 * xs + j);
            FloatVector m42 = FloatVector.fromArray(F, mm, off + 26 * xs + j);
            FloatVector m52 = FloatVector.fromArray(F, mm, off + 32 * xs + j);
            FloatVector c2p = m12.add(m22), c2q = m12.sub(m22), c2s = m32.add(m42), c2t = m32.sub(m42);
            FloatVector s02 = m02.add(c2p).add(c2s);
            FloatVector s12 = c2t.fma(two, c2q);
            FloatVector s22 = c2s.fma(four, c2p);
            FloatVector s32 = c2t.fma(eight, c2q).add(m52);
            FloatVector m03 = FloatVector.fromArray(F, mm, off + 3 * xs + j);
            FloatVector m13 = FloatVector.fromArray(F, mm, off + 9 * xs + j);
            FloatVector m23 = FloatVector.fromArray(F, mm, off + 15 * xs + j);
            FloatVector m33 = FloatVector.fromArray(F, mm, off + 21 * xs + j);
            FloatVector m43 = FloatVector.fromArray(F, mm, off + 27 * xs + j);
            FloatVector m53 = FloatVector.fromArray(F, mm, off + 33 * xs + j);
            FloatVector c3p = m13.add(m23), c3q = m13.sub(m23), c3s = m33.add(m43), c3t = m33.sub(m43);
            FloatVector s03 = m03.add(c3p).add(c3s);
            FloatVector s13 = c3t.fma(two, c3q);
            FloatVector s23 = c3s.fma(four, c3p);
            FloatVector s33 = c3t.fma(eight, c3q).add(m53);
            FloatVector m04 = FloatVector.fromArray(F, mm, off + 4 * xs + j);
            FloatVector m14 = FloatVector.fromArray(F, mm, off + 10 * xs + j);
            FloatVector m24 = FloatVector.fromArray(F, mm, off + 16 * xs + j);
            FloatVector m34 = FloatVector.fromArray(F, mm, off + 22 * xs + j);
            FloatVector m44 = FloatVector.fromArray(F, mm, off + 28 * xs + j);
            FloatVector m54 = FloatVector.fromArray(F, mm, off + 34 * xs + j);
            FloatVector c4p = m14.add(m24), c4q = m14.sub(m24), c4s = m34.add(m44), c4t = m34.sub(m44);
            FloatVector s04 = m04.add(c4p).add(c4s);
            FloatVector s14 = c4t.fma(two, c4q);
            FloatVector s24 = c4s.fma(four, c4p);
            FloatVector s34 = c4t.fma(eight, c4q).add(m54);
            FloatVector m05 = FloatVector.fromArray(F, mm, off + 5 * xs + j);
            FloatVector m15 = FloatVector.fromArray(F, mm, off + 11 * xs + j);
            FloatVector m25 = FloatVector.fromArray(F, mm, off + 17 * xs + j);
            FloatVector m35 = FloatVector.fromArray(F, mm, off + 23 * xs + j);
            FloatVector m45 = FloatVector.fromArray(F, mm, off + 29 * xs + j);
            FloatVector m55 = FloatVector.fromArray(F, mm, off + 35 * xs + j);
            FloatVector c5p = m15.add(m25), c5q = m15.sub(m25), c5s = m35.add(m45), c5t = m35.sub(m45);
            FloatVector s05 = m05.add(c5p).add(c5s);
            FloatVector s15 = c5t.fma(two, c5q);
            FloatVector s25 = c5s.fma(four, c5p);
            FloatVector s35 = c5t.fma(eight, c5q).add(m55);
            FloatVector r0p = s01.add(s02), r0q = s01.sub(s02), r0s = s03.add(s04), r0t = s03.sub(s04);
            FloatVector y00 = s00.add(r0p).add(r0s);
            FloatVector y01 = r0t.fma(two, r0q);
            FloatVector y02 = r0s.fma(four, r0p);
            FloatVector y03 = r0t.fma(eight, r0q).add(s05);
            FloatVector r1p = s11.add(s12), r1q = s11.sub(s12), r1s = s13.add(s14), r1t = s13.sub(s14);
            FloatVector y10 = s10.add(r1p).add(r1s);
            FloatVector y11 = r1t.fma(two, r1q);
            FloatVector y12 = r1s.fma(four, r1p);
            FloatVector y13 = r1t.fma(eight, r1q).add(s15);
            FloatVector r2p = s21.add(s22), r2q = s21.sub(s22), r2s = s23.add(s24), r2t = s23.sub(s24);
            FloatVector y20 = s20.add(r2p).add(r2s);
            FloatVector y21 = r2t.fma(two, r2q);
            FloatVector y22 = r2s.fma(four, r2p);
            FloatVector y23 = r2t.fma(eight, r2q).add(s25);
            FloatVector r3p = s31.add(s32), r3q = s31.sub(s32), r3s = s33.add(s34), r3t = s33.sub(s34);
            FloatVector y30 = s30.add(r3p).add(r3s);
            FloatVector y31 = r3t.fma(two, r3q);
            FloatVector y32 = r3s.fma(four, r3p);
            FloatVector y33 = r3t.fma(eight, r3q).add(s35);
            if (pool) {
                FloatVector u00 = y00.max(y01).max(y10.max(y11)).add(vb);
                FloatVector u01 = y02.max(y03).max(y12.max(y13)).add(vb);
                FloatVector u10 = y20.max(y21).max(y30.max(y31)).add(vb);
                FloatVector u11 = y22.max(y23).max(y32.max(y33)).add(vb);
                if (relu) {
                    u00 = u00.max(0f);
                    u01 = u01.max(0f);
                    u10 = u10.max(0f);
                    u11 = u11.max(0f);
                }
                u00.intoArray(out, o + 0 * os + j);
                u01.intoArray(out, o + 1 * os + j);
                u10.intoArray(out, o + 2 * os + j);
                u11.intoArray(out, o + 3 * os + j);
            } else {
                y00 = y00.add(vb);
                y01 = y01.add(vb);
                y02 = y02.add(vb);
                y03 = y03.add(vb);
                y10 = y10.add(vb);
                y11 = y11.add(vb);
                y12 = y12.add(vb);
                y13 = y13.add(vb);
                y20 = y20.add(vb);
                y21 = y21.add(vb);
                y22 = y22.add(vb);
                y23 = y23.add(vb);
                y30 = y30.add(vb);
                y31 = y31.add(vb);
                y32 = y32.add(vb);
                y33 = y33.add(vb);
                if (relu) {
                    y00 = y00.max(0f);
                    y01 = y01.max(0f);
                    y02 = y02.max(0f);
                    y03 = y03.max(0f);
                    y10 = y10.max(0f);
                    y11 = y11.max(0f);
                    y12 = y12.max(0f);
                    y13 = y13.max(0f);
                    y20 = y20.max(0f);
                    y21 = y21.max(0f);
                    y22 = y22.max(0f);
                    y23 = y23.max(0f);
                    y30 = y30.max(0f);
                    y31 = y31.max(0f);
                    y32 = y32.max(0f);
                    y33 = y33.max(0f);
                }
                y00.intoArray(out, o + 0 * os + j);
                y01.intoArray(out, o + 1 * os + j);
                y02.intoArray(out, o + 2 * os + j);
                y03.intoArray(out, o + 3 * os + j);
                y10.intoArray(out, o + 4 * os + j);
                y11.intoArray(out, o + 5 * os + j);
                y12.intoArray(out, o + 6 * os + j);
                y13.intoArray(out, o + 7 * os + j);
                y20.intoArray(out, o + 8 * os + j);
                y21.intoArray(out, o + 9 * os + j);
                y22.intoArray(out, o + 10 * os + j);
                y23.intoArray(out, o + 11 * os + j);
                y30.intoArray(out, o + 12 * os + j);
                y31.intoArray(out, o + 13 * os + j);
                y32.intoArray(out, o + 14 * os + j);
                y33.intoArray(out, o + 15 * os + j);
            }
        }
    }
}
