package dev.delp.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
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
            if (j < n) { // masked column tail
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
            if (j < n) {
                VectorMask<Float> mask = F.indexInRange(j, n);
                FloatVector s0 = FloatVector.fromArray(F, c, ci + j, mask);
                for (int p = 0, bp = bOff + j; p < k; p++, bp += ldb) {
                    s0 = FloatVector.fromArray(F, b, bp, mask).fma(FloatVector.broadcast(F, a[ai + p]), s0);
                }
                s0.intoArray(c, ci + j, mask);
            }
        }
    }
}
