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
    // Lane signs of the complex products (one vector's worth each).
    private static final float[] MINUS_PLUS = new float[F.length()];
    private static final float[] PLUS_MINUS = new float[F.length()];

    static {
        for (int l = 0; l < F.length(); l++) {
            MINUS_PLUS[l] = l % 2 == 0 ? -1f : 1f;
            PLUS_MINUS[l] = -MINUS_PLUS[l];
        }
    }

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
        // (ar·br − ai·bi, ai·br + ar·bi) = re + s·cross with re = a·dup_re(b), cross = swap(a)·dup_im(b) and the
        // lane signs s = (−1, +1, −1, +1, …): s·cross is exact, so the fused multiply-add rounds once, to the same float
        // as re ± cross (the scalar tail's operations). One fma instead of a negation, two masked adds
        // and a mask inversion: 9 Vector-API calls per vector, so two vectors per iteration, one, and
        // the scalar tail stay well under C2's parse node budget (KernelParseBudgetTest; with the
        // masked adds the unit passed it and deferred its last adds and store in every process logged,
        // bench/RESULTS.md nn session 7).
        FloatVector s = FloatVector.fromArray(F, MINUS_PLUS, 0);
        for (int bound = n - 2 * LANES; i <= bound; i += 2 * LANES) {
            FloatVector va = FloatVector.fromArray(F, a, i);
            FloatVector vb = FloatVector.fromArray(F, b, i);
            FloatVector wa = FloatVector.fromArray(F, a, i + LANES);
            FloatVector wb = FloatVector.fromArray(F, b, i + LANES);
            FloatVector cross = va.rearrange(SWAP).mul(vb.rearrange(DUP_IM));
            FloatVector crossW = wa.rearrange(SWAP).mul(wb.rearrange(DUP_IM));
            cross.fma(s, va.mul(vb.rearrange(DUP_RE))).intoArray(out, i);
            crossW.fma(s, wa.mul(wb.rearrange(DUP_RE))).intoArray(out, i + LANES);
        }
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector va = FloatVector.fromArray(F, a, i);
            FloatVector vb = FloatVector.fromArray(F, b, i);
            FloatVector cross = va.rearrange(SWAP).mul(vb.rearrange(DUP_IM));
            cross.fma(s, va.mul(vb.rearrange(DUP_RE))).intoArray(out, i);
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
        // (ar·br + ai·bi, ai·br − ar·bi) = re + s·cross with re = a·dup_re(b), cross = swap(a)·dup_im(b) and the
        // lane signs s = (+1, −1, +1, −1, …): s·cross is exact, so the fused multiply-add rounds once, to the same float
        // as re ± cross (the scalar tail's operations). One fma instead of a negation, two masked adds
        // and a mask inversion: 9 Vector-API calls per vector, so two vectors per iteration, one, and
        // the scalar tail stay well under C2's parse node budget (KernelParseBudgetTest; with the
        // masked adds the unit passed it and deferred its last adds and store in every process logged,
        // bench/RESULTS.md nn session 7).
        FloatVector s = FloatVector.fromArray(F, PLUS_MINUS, 0);
        for (int bound = n - 2 * LANES; i <= bound; i += 2 * LANES) {
            FloatVector va = FloatVector.fromArray(F, a, i);
            FloatVector vb = FloatVector.fromArray(F, b, i);
            FloatVector wa = FloatVector.fromArray(F, a, i + LANES);
            FloatVector wb = FloatVector.fromArray(F, b, i + LANES);
            FloatVector cross = va.rearrange(SWAP).mul(vb.rearrange(DUP_IM));
            FloatVector crossW = wa.rearrange(SWAP).mul(wb.rearrange(DUP_IM));
            cross.fma(s, va.mul(vb.rearrange(DUP_RE))).intoArray(out, i);
            crossW.fma(s, wa.mul(wb.rearrange(DUP_RE))).intoArray(out, i + LANES);
        }
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector va = FloatVector.fromArray(F, a, i);
            FloatVector vb = FloatVector.fromArray(F, b, i);
            FloatVector cross = va.rearrange(SWAP).mul(vb.rearrange(DUP_IM));
            cross.fma(s, va.mul(vb.rearrange(DUP_RE))).intoArray(out, i);
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
        // Three vectors per iteration, then one, then the scalar tail: above FreqInlineSize and at
        // ~75 % of C2's parse node budget (KernelParseBudgetTest; four per iteration with a masked
        // scalar blend and a mask inversion per vector were estimated past it).
        int i = 0;
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int bound = n - 3 * LANES; i <= bound; i += 3 * LANES) {
            FloatVector d = FloatVector.fromArray(F, den, i);
            FloatVector e = FloatVector.fromArray(F, den, i + LANES);
            FloatVector f = FloatVector.fromArray(F, den, i + 2 * LANES);
            VectorMask<Float> okD = d.compare(VectorOperators.GT, eps);
            VectorMask<Float> okE = e.compare(VectorOperators.GT, eps);
            VectorMask<Float> okF = f.compare(VectorOperators.GT, eps);
            zero.blend(FloatVector.fromArray(F, num, i).div(one.blend(d, okD)), okD).intoArray(out, i);
            zero.blend(FloatVector.fromArray(F, num, i + LANES).div(one.blend(e, okE)), okE).intoArray(out, i + LANES);
            zero.blend(FloatVector.fromArray(F, num, i + 2 * LANES).div(one.blend(f, okF)), okF)
                    .intoArray(out, i + 2 * LANES);
        }
        for (int bound = F.loopBound(n); i < bound; i += LANES) {
            FloatVector d = FloatVector.fromArray(F, den, i);
            VectorMask<Float> ok = d.compare(VectorOperators.GT, eps);
            zero.blend(FloatVector.fromArray(F, num, i).div(one.blend(d, ok)), ok).intoArray(out, i);
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
    public void gatherAffine(float[] src, int srcOff, int[] map, int mapOff, float[] sub, float[] mul, int abOff,
                             float[] dst, int dstOff, int n) {
        ScalarKernels.checkGatherAffine(src, map, mapOff, sub, mul, abOff, dst, dstOff, n);
        // whole vectors (gather, sub, mul: the scalar expression's two roundings), two per iteration,
        // then single vectors, then a scalar tail: a root of its own (> FreqInlineSize)
        int i = 0;
        for (; i + 2 * LANES <= n; i += 2 * LANES) {
            FloatVector.fromArray(F, src, srcOff, map, mapOff + i).sub(FloatVector.fromArray(F, sub, abOff + i))
                    .mul(FloatVector.fromArray(F, mul, abOff + i)).intoArray(dst, dstOff + i);
            FloatVector.fromArray(F, src, srcOff, map, mapOff + i + LANES).sub(FloatVector.fromArray(F, sub, abOff + i + LANES))
                    .mul(FloatVector.fromArray(F, mul, abOff + i + LANES)).intoArray(dst, dstOff + i + LANES);
        }
        for (; i + LANES <= n; i += LANES) {
            FloatVector.fromArray(F, src, srcOff, map, mapOff + i).sub(FloatVector.fromArray(F, sub, abOff + i))
                    .mul(FloatVector.fromArray(F, mul, abOff + i)).intoArray(dst, dstOff + i);
        }
        for (; i + 1 < n; i += 2) {
            dst[dstOff + i] = (src[srcOff + map[mapOff + i]] - sub[abOff + i]) * mul[abOff + i];
            dst[dstOff + i + 1] = (src[srcOff + map[mapOff + i + 1]] - sub[abOff + i + 1]) * mul[abOff + i + 1];
        }
        if (i < n) {
            dst[dstOff + i] = (src[srcOff + map[mapOff + i]] - sub[abOff + i]) * mul[abOff + i];
        }
    }

    @Override
    public void widen(float[] x, int xOff, double[] y, int yOff, int n) {
        Checks.range(x, xOff, n);
        ScalarKernels.checkRange(y, yOff, n);
        int dl = D.length(), i = 0;
        if (LANES == 2 * dl) { // a float vector's first half → one double vector (the loads overlap by half)
            // Only the preferred species F and D: a second float species in the process (e.g. a 256-bit
            // one for this conversion) made C2's code of the GEMM tiles box every vector (2.9 GB per
            // 64-patch call, JDK 17; bench/RESULTS.md, nn session 10).
            for (; i + 5 * dl <= n; i += 4 * dl) { // four per iteration (and a root of its own: > FreqInlineSize)
                ((DoubleVector) FloatVector.fromArray(F, x, xOff + i).convertShape(VectorOperators.F2D, D, 0))
                        .intoArray(y, yOff + i);
                ((DoubleVector) FloatVector.fromArray(F, x, xOff + i + dl).convertShape(VectorOperators.F2D, D, 0))
                        .intoArray(y, yOff + i + dl);
                ((DoubleVector) FloatVector.fromArray(F, x, xOff + i + 2 * dl).convertShape(VectorOperators.F2D, D, 0))
                        .intoArray(y, yOff + i + 2 * dl);
                ((DoubleVector) FloatVector.fromArray(F, x, xOff + i + 3 * dl).convertShape(VectorOperators.F2D, D, 0))
                        .intoArray(y, yOff + i + 3 * dl);
            }
            for (; i + 2 * dl <= n; i += dl) { // whole float loads in range
                ((DoubleVector) FloatVector.fromArray(F, x, xOff + i).convertShape(VectorOperators.F2D, D, 0))
                        .intoArray(y, yOff + i);
            }
        }
        for (; i + 1 < n; i += 2) { // scalar tail
            y[yOff + i] = x[xOff + i];
            y[yOff + i + 1] = x[xOff + i + 1];
        }
        if (i < n) {
            y[yOff + i] = x[xOff + i];
        }
    }

    @Override
    public void sumsAndSquares8(float[] x, int off, int n, double[] sums) {
        Checks.range(x, off, n);
        ScalarKernels.checkRange(sums, 0, 16);
        int i = off, end = off + n, end8 = off + (n & ~7);
        if (D.length() == 8 && LANES == 16) { // one double vector = the eight chains, lane j = chain j
            DoubleVector s = DoubleVector.zero(D), q = s;
            // the first half of a 16-float load → 8 doubles; loads stay within [off, end)
            for (; i + 24 <= end8 + 8 && i + 24 <= end; i += 16) {
                DoubleVector a = (DoubleVector) FloatVector.fromArray(F, x, i).convertShape(VectorOperators.F2D, D, 0);
                DoubleVector b = (DoubleVector) FloatVector.fromArray(F, x, i + 8).convertShape(VectorOperators.F2D, D, 0);
                s = s.add(a);
                q = a.fma(a, q);
                s = s.add(b);
                q = b.fma(b, q);
            }
            for (; i + 8 <= end8 && i + 16 <= end; i += 8) {
                DoubleVector a = (DoubleVector) FloatVector.fromArray(F, x, i).convertShape(VectorOperators.F2D, D, 0);
                s = s.add(a);
                q = a.fma(a, q);
            }
            s.intoArray(sums, 0);
            q.intoArray(sums, 8);
            for (; i < end8; i += 8) { // the chains' last eight when a whole load would pass the end
                for (int j = 0; j < 8; j++) {
                    double v = x[i + j];
                    sums[j] += v;
                    sums[8 + j] = Math.fma(v, v, sums[8 + j]);
                }
            }
        } else { // other vector sizes: the chains as scalars (the same bits)
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            double q0 = 0, q1 = 0, q2 = 0, q3 = 0, q4 = 0, q5 = 0, q6 = 0, q7 = 0;
            for (; i < end8; i += 8) {
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
        double s0 = sums[0], q0 = sums[8];
        for (; i < end; i++) { // the rest into chain 0
            double v = x[i];
            s0 += v;
            q0 = Math.fma(v, v, q0);
        }
        sums[0] = s0;
        sums[8] = q0;
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
        // inner index p runs; each C element still sums its products in ascending p (fma). The
        // 4-row strips are a compiled unit of their own (gemm4Rows): with them, the single rows and
        // two masked tails in this one method, C2 passed its parse node budget (~120 %) and the
        // trainer's layer-by-layer path boxed in most JDK 17 processes (83-966 MB per 16-patch call
        // instead of 36; bench/RESULTS.md, nn session 7).
        int i = 0;
        for (; i + 3 < m; i += 4) {
            gemm4Rows(n, k, a, aOff + i * lda, lda, b, bOff, ldb, c, cOff + i * ldc, ldc);
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
                    && (long) ci + j + LANES <= c.length) { // unmasked loads, as in gemm4Rows
                FloatVector s0 = FloatVector.fromArray(F, c, ci + j);
                for (int p = 0, bp = bOff + j; p < k; p++, bp += ldb) {
                    s0 = FloatVector.fromArray(F, b, bp).fma(FloatVector.broadcast(F, a[ai + p]), s0);
                }
                for (int l = 0; l < n - j; l++) {
                    c[ci + j + l] = s0.lane(l);
                }
            } else {
                gemmScalarColumns(j, n, k, a, ai, b, bOff, ldb, c, ci);
            }
        }
    }

    /** Rows {@code a0 .. a0 + 3·lda} of A times B into four rows of C from {@code c0}: whole vectors, then the column tail. */
    private static void gemm4Rows(int n, int k, float[] a, int a0, int lda, float[] b, int bOff, int ldb,
                                  float[] c, int c0, int ldc) {
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
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
        if (j == n) {
            return;
        }
        if ((long) bOff + (long) Math.max(k - 1, 0) * ldb + j + LANES <= b.length
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
        } else { // at the very end of the arrays: scalar (the masked vectors of before boxed on JDK 17)
            gemmScalarColumns(j, n, k, a, a0, b, bOff, ldb, c, c0);
            gemmScalarColumns(j, n, k, a, a1, b, bOff, ldb, c, c1);
            gemmScalarColumns(j, n, k, a, a2, b, bOff, ldb, c, c2);
            gemmScalarColumns(j, n, k, a, a3, b, bOff, ldb, c, c3);
        }
    }

    /** Columns {@code j0 .. n} of one row of C: the vector lanes' fused multiply-adds in the same order (same bits). */
    private static void gemmScalarColumns(int j0, int n, int k, float[] a, int ai, float[] b, int bOff, int ldb,
                                          float[] c, int ci) {
        for (int j = j0; j < n; j++) {
            float s = c[ci + j];
            for (int p = 0, bp = bOff + j; p < k; p++, bp += ldb) {
                s = Math.fma(b[bp], a[ai + p], s);
            }
            c[ci + j] = s;
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
                tile8x3(k, a, i * k, bias, i, b, bj, bRows, c, cj + i * ldc, ldc);
                if (relu) {
                    relu8x3(c, cj + i * ldc, ldc);
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
     * No ReLU here ({@link #relu8x3} after it): with both paths in one method C2's code called
     * {@code fma} out of line (bench/RESULTS.md, nn session 3: ~20× slower), and with the ReLU's 24
     * max calls in a second copy of the tile the unit passed C2's parse node budget (session 7).
     */
    private static void tile8x3(int k, float[] a, int ap, float[] bias, int i, float[] b, int bj, int[] bRows,
                                  float[] c, int co, int ldc) {
        // Accumulators start at the bias of their row: one broadcast in a loop that moves the rows up
        // by one per iteration (after 8, row r holds bias[i + r]), and the stores below likewise, so
        // C2 parses 1 + 1 + 35 + 3 Vector-API calls instead of 67: under its parse node budget (see the
        // F(2×2) transforms below; with 67, C2 deferred the last 8 stores in every process, harmless as
        // their operands were already intrinsified, but 76 % of the budget was spent before them).
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        FloatVector c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
        c00 = c10 = c20 = c30 = c40 = c50 = c60 = c70 = FloatVector.zero(F);
        for (int r = 0; r < PANEL_ROWS; r++) {
            c00 = c10; c10 = c20; c20 = c30; c30 = c40; c40 = c50; c50 = c60; c60 = c70;
            c70 = FloatVector.broadcast(F, bias[i + r]);
        }
        c01 = c02 = c00; c11 = c12 = c10; c21 = c22 = c20; c31 = c32 = c30;
        c41 = c42 = c40; c51 = c52 = c50; c61 = c62 = c60; c71 = c72 = c70;
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
        for (int r = 0; r < PANEL_ROWS; r++, co += ldc) { // row r of C, then the rows move up by one
            c00.intoArray(c, co); c01.intoArray(c, co + 1 * LANES); c02.intoArray(c, co + 2 * LANES);
            c00 = c10; c01 = c11; c02 = c12; c10 = c20; c11 = c21; c12 = c22;
            c20 = c30; c21 = c31; c22 = c32; c30 = c40; c31 = c41; c32 = c42;
            c40 = c50; c41 = c51; c42 = c52; c50 = c60; c51 = c61; c52 = c62;
            c60 = c70; c61 = c71; c62 = c72;
        }
    }

    /**
     * ReLU in place on the 8 rows × 3 vectors of C that {@link #tile8x3} has just written (still in L1):
     * the max of a stored float is the max of the register it came from, so the same bits as a ReLU
     * on the accumulators; kept out of the tile, whose parse would otherwise pass C2's node budget
     * (24 more max calls: with them C2 deferred 17–18 of the 24 max calls in every process logged,
     * and a store whose max was not inlined yet when the store was expanded would box). Small: C2
     * inlines it into {@link #convGemm} (a root).
     */
    private static void relu8x3(float[] c, int co, int ldc) {
        FloatVector zero = FloatVector.zero(F);
        for (int r = 0; r < PANEL_ROWS; r++, co += ldc) {
            FloatVector.fromArray(F, c, co).max(zero).intoArray(c, co);
            FloatVector.fromArray(F, c, co + LANES).max(zero).intoArray(c, co + LANES);
            FloatVector.fromArray(F, c, co + 2 * LANES).max(zero).intoArray(c, co + 2 * LANES);
        }
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
            FloatVector zero = FloatVector.zero(F); // max(zero): fewer parse nodes than max(0f), same +0.0
            c00 = c00.max(zero); c10 = c10.max(zero); c20 = c20.max(zero);
            c30 = c30.max(zero); c40 = c40.max(zero); c50 = c50.max(zero);
            c60 = c60.max(zero); c70 = c70.max(zero);
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
    public void convGemmStrided(int m, int n, int k, float[] a, int aOff, float[] bias, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc, boolean relu) {
        long lastRow = ConvGemm.checkStrided(m, n, k, a, aOff, bias, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        // As convGemm: whole vectors past n when C's rows and B have room, else a scalar column tail.
        int nUp = (n + LANES - 1) / LANES * LANES;
        boolean room = nUp <= ldc && (long) cOff + (long) (m - 1) * ldc + nUp <= c.length
                && (k == 0 || lastRow + nUp <= b.length);
        int nVec = room ? nUp : n / LANES * LANES;
        int full = m / PANEL_ROWS * PANEL_ROWS;
        // 8-row tiles over 3, 2 or 1 vectors of columns (the B row offset bj + p·ldb is linear in p);
        // rows past the last full panel (none in DelpNet) by the reference loop, in the same order.
        int j = 0;
        for (; j + 3 * LANES <= nVec; j += 3 * LANES) {
            for (int i = 0; i < full; i += PANEL_ROWS) {
                tile8x3s(k, a, aOff + i * k, bias, i, b, bOff + j, ldb, c, cOff + j + i * ldc, ldc);
                if (relu) {
                    relu8x3(c, cOff + j + i * ldc, ldc);
                }
            }
        }
        if (j + 2 * LANES <= nVec) {
            for (int i = 0; i < full; i += PANEL_ROWS) {
                tile8x2s(k, a, aOff + i * k, bias, i, b, bOff + j, ldb, c, cOff + j + i * ldc, ldc, relu);
            }
            j += 2 * LANES;
        }
        if (j < nVec) { // one vector left
            for (int i = 0; i < full; i += PANEL_ROWS) {
                tile8x1s(k, a, aOff + i * k, bias, i, b, bOff + j, ldb, c, cOff + j + i * ldc, ldc, relu);
            }
            j += LANES;
        }
        if (j < n) {
            ConvGemm.scalarStrided(m, 0, full, j, n, k, a, aOff, bias, b, bOff, ldb, c, cOff, ldc, relu);
        }
        if (full < m) {
            ConvGemm.scalarStrided(m, full, m, 0, n, k, a, aOff, bias, b, bOff, ldb, c, cOff, ldc, relu);
        }
    }

    /**
     * {@link #tile8x3} with B row p at {@code bj + p·ldb}: the offset is linear in the loop counter,
     * so C2 checks the bounds of the vector loads before the loop instead of three times per row
     * (an offset read from {@code bRows} defeats that; ~1.3× faster on this machine, bench/RESULTS.md,
     * nn session 8). Same operations in the same order as {@link #tile8x3}: the same bits.
     */
    private static void tile8x3s(int k, float[] a, int ap, float[] bias, int i, float[] b, int bj, int ldb,
                                 float[] c, int co, int ldc) {
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        FloatVector c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
        c00 = c10 = c20 = c30 = c40 = c50 = c60 = c70 = FloatVector.zero(F);
        for (int r = 0; r < PANEL_ROWS; r++) { // bias rows, rotating (as tile8x3: under the parse budget)
            c00 = c10; c10 = c20; c20 = c30; c30 = c40; c40 = c50; c50 = c60; c60 = c70;
            c70 = FloatVector.broadcast(F, bias[i + r]);
        }
        c01 = c02 = c00; c11 = c12 = c10; c21 = c22 = c20; c31 = c32 = c30;
        c41 = c42 = c40; c51 = c52 = c50; c61 = c62 = c60; c71 = c72 = c70;
        for (int p = 0; p < k; p++) {
            int bp = bj + p * ldb, aq = ap + p * PANEL_ROWS;
            FloatVector b0 = FloatVector.fromArray(F, b, bp);
            FloatVector b1 = FloatVector.fromArray(F, b, bp + 1 * LANES);
            FloatVector b2 = FloatVector.fromArray(F, b, bp + 2 * LANES);
            FloatVector x;
            x = FloatVector.broadcast(F, a[aq]); c00 = b0.fma(x, c00); c01 = b1.fma(x, c01); c02 = b2.fma(x, c02);
            x = FloatVector.broadcast(F, a[aq + 1]); c10 = b0.fma(x, c10); c11 = b1.fma(x, c11); c12 = b2.fma(x, c12);
            x = FloatVector.broadcast(F, a[aq + 2]); c20 = b0.fma(x, c20); c21 = b1.fma(x, c21); c22 = b2.fma(x, c22);
            x = FloatVector.broadcast(F, a[aq + 3]); c30 = b0.fma(x, c30); c31 = b1.fma(x, c31); c32 = b2.fma(x, c32);
            x = FloatVector.broadcast(F, a[aq + 4]); c40 = b0.fma(x, c40); c41 = b1.fma(x, c41); c42 = b2.fma(x, c42);
            x = FloatVector.broadcast(F, a[aq + 5]); c50 = b0.fma(x, c50); c51 = b1.fma(x, c51); c52 = b2.fma(x, c52);
            x = FloatVector.broadcast(F, a[aq + 6]); c60 = b0.fma(x, c60); c61 = b1.fma(x, c61); c62 = b2.fma(x, c62);
            x = FloatVector.broadcast(F, a[aq + 7]); c70 = b0.fma(x, c70); c71 = b1.fma(x, c71); c72 = b2.fma(x, c72);
        }
        for (int r = 0; r < PANEL_ROWS; r++, co += ldc) { // row r of C, then the rows move up by one
            c00.intoArray(c, co); c01.intoArray(c, co + 1 * LANES); c02.intoArray(c, co + 2 * LANES);
            c00 = c10; c01 = c11; c02 = c12; c10 = c20; c11 = c21; c12 = c22;
            c20 = c30; c21 = c31; c22 = c32; c30 = c40; c31 = c41; c32 = c42;
            c40 = c50; c41 = c51; c42 = c52; c50 = c60; c51 = c61; c52 = c62;
            c60 = c70; c61 = c71; c62 = c72;
        }
    }

    /** 8 rows × 2 vectors of {@link #convGemmStrided} (a two-vector column remainder), optional ReLU. */
    private static void tile8x2s(int k, float[] a, int ap, float[] bias, int i, float[] b, int bj, int ldb,
                                 float[] c, int co, int ldc, boolean relu) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        c00 = c10 = c20 = c30 = c40 = c50 = c60 = c70 = FloatVector.zero(F);
        for (int r = 0; r < PANEL_ROWS; r++) {
            c00 = c10; c10 = c20; c20 = c30; c30 = c40; c40 = c50; c50 = c60; c60 = c70;
            c70 = FloatVector.broadcast(F, bias[i + r]);
        }
        c01 = c00; c11 = c10; c21 = c20; c31 = c30; c41 = c40; c51 = c50; c61 = c60; c71 = c70;
        for (int p = 0; p < k; p++) {
            int bp = bj + p * ldb, aq = ap + p * PANEL_ROWS;
            FloatVector b0 = FloatVector.fromArray(F, b, bp);
            FloatVector b1 = FloatVector.fromArray(F, b, bp + LANES);
            FloatVector x;
            x = FloatVector.broadcast(F, a[aq]); c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(F, a[aq + 1]); c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(F, a[aq + 2]); c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(F, a[aq + 3]); c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(F, a[aq + 4]); c40 = b0.fma(x, c40); c41 = b1.fma(x, c41);
            x = FloatVector.broadcast(F, a[aq + 5]); c50 = b0.fma(x, c50); c51 = b1.fma(x, c51);
            x = FloatVector.broadcast(F, a[aq + 6]); c60 = b0.fma(x, c60); c61 = b1.fma(x, c61);
            x = FloatVector.broadcast(F, a[aq + 7]); c70 = b0.fma(x, c70); c71 = b1.fma(x, c71);
        }
        FloatVector zero = FloatVector.zero(F);
        for (int r = 0; r < PANEL_ROWS; r++, co += ldc) {
            if (relu) { // max(zero): the same +0.0 as max(0f), fewer parse nodes
                c00 = c00.max(zero);
                c01 = c01.max(zero);
            }
            c00.intoArray(c, co); c01.intoArray(c, co + LANES);
            c00 = c10; c01 = c11; c10 = c20; c11 = c21; c20 = c30; c21 = c31; c30 = c40; c31 = c41;
            c40 = c50; c41 = c51; c50 = c60; c51 = c61; c60 = c70; c61 = c71;
        }
    }

    /** 8 rows × 1 vector of {@link #convGemmStrided} (a one-vector column remainder), optional ReLU. */
    private static void tile8x1s(int k, float[] a, int ap, float[] bias, int i, float[] b, int bj, int ldb,
                                 float[] c, int co, int ldc, boolean relu) {
        FloatVector c00 = FloatVector.broadcast(F, bias[i + 0]);
        FloatVector c10 = FloatVector.broadcast(F, bias[i + 1]);
        FloatVector c20 = FloatVector.broadcast(F, bias[i + 2]);
        FloatVector c30 = FloatVector.broadcast(F, bias[i + 3]);
        FloatVector c40 = FloatVector.broadcast(F, bias[i + 4]);
        FloatVector c50 = FloatVector.broadcast(F, bias[i + 5]);
        FloatVector c60 = FloatVector.broadcast(F, bias[i + 6]);
        FloatVector c70 = FloatVector.broadcast(F, bias[i + 7]);
        for (int p = 0; p < k; p++) {
            int aq = ap + p * PANEL_ROWS;
            FloatVector b0 = FloatVector.fromArray(F, b, bj + p * ldb);
            FloatVector x;
            x = FloatVector.broadcast(F, a[aq]); c00 = b0.fma(x, c00);
            x = FloatVector.broadcast(F, a[aq + 1]); c10 = b0.fma(x, c10);
            x = FloatVector.broadcast(F, a[aq + 2]); c20 = b0.fma(x, c20);
            x = FloatVector.broadcast(F, a[aq + 3]); c30 = b0.fma(x, c30);
            x = FloatVector.broadcast(F, a[aq + 4]); c40 = b0.fma(x, c40);
            x = FloatVector.broadcast(F, a[aq + 5]); c50 = b0.fma(x, c50);
            x = FloatVector.broadcast(F, a[aq + 6]); c60 = b0.fma(x, c60);
            x = FloatVector.broadcast(F, a[aq + 7]); c70 = b0.fma(x, c70);
        }
        if (relu) {
            FloatVector zero = FloatVector.zero(F);
            c00 = c00.max(zero); c10 = c10.max(zero); c20 = c20.max(zero);
            c30 = c30.max(zero); c40 = c40.max(zero); c50 = c50.max(zero);
            c60 = c60.max(zero); c70 = c70.max(zero);
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

    @Override
    public void reluMax2x2(float[] x, int off, int rowStride, float[] out, int n) {
        ConvGemm.checkMax2x2(x, off, rowStride, out, n);
        // two vectors per iteration, then the scalar tail (under 2 vectors), both in this method: above
        // FreqInlineSize, so a root of its own (see the element-wise kernels above), and at ~57 % of
        // C2's parse node budget (a one-vector loop as well put it at ~85 %; see the F(2×2)
        // transforms and KernelParseBudgetTest)
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
        for (; i < n; i++) { // scalar tail (ConvGemm.reluMax2x2, written out)
            int a = off + i, b = a + rowStride;
            int m = Math.max(Math.max(Float.floatToRawIntBits(x[a]), Float.floatToRawIntBits(x[a + 1])),
                    Math.max(Float.floatToRawIntBits(x[b]), Float.floatToRawIntBits(x[b + 1])));
            out[i] = Float.intBitsToFloat(Math.max(m, 0));
        }
    }

    @Override
    public void reluMax2x2Strided(float[] x, int off, int colStride, int rowStride, float[] out, int outOff, int n) {
        ConvGemm.checkMax2x2Strided(x, off, colStride, rowStride, out, outOff, n);
        // one vector per iteration, then the last whole vector again at n − LANES (overlapping: the
        // same values written twice; out does not overlap x) instead of a scalar tail of up to
        // 2·LANES − 1 elements (DelpNet's first layer: 16 of 176 per call, ~2 µs per patch; session 10);
        // a root of its own, ~57 % of C2's parse node budget by KernelParseBudgetTest's model
        IntVector zero = IntVector.zero(I);
        int i = 0;
        for (int bound = n - LANES; i <= bound; i += LANES) {
            int a = off + i, b = a + rowStride;
            IntVector a0 = FloatVector.fromArray(F, x, a).reinterpretAsInts();
            IntVector a1 = FloatVector.fromArray(F, x, a + colStride).reinterpretAsInts();
            IntVector b0 = FloatVector.fromArray(F, x, b).reinterpretAsInts();
            IntVector b1 = FloatVector.fromArray(F, x, b + colStride).reinterpretAsInts();
            a0.max(a1).max(b0.max(b1)).max(zero).reinterpretAsFloats().intoArray(out, outOff + i);
        }
        if (i < n && n >= LANES) {
            int last = n - LANES, a = off + last, b = a + rowStride;
            IntVector a0 = FloatVector.fromArray(F, x, a).reinterpretAsInts();
            IntVector a1 = FloatVector.fromArray(F, x, a + colStride).reinterpretAsInts();
            IntVector b0 = FloatVector.fromArray(F, x, b).reinterpretAsInts();
            IntVector b1 = FloatVector.fromArray(F, x, b + colStride).reinterpretAsInts();
            a0.max(a1).max(b0.max(b1)).max(zero).reinterpretAsFloats().intoArray(out, outOff + last);
            i = n;
        }
        for (; i < n; i++) { // scalar tail (n < LANES; ConvGemm.reluMax2x2Strided, written out)
            int a = off + i, b = a + rowStride;
            int m = Math.max(Math.max(Float.floatToRawIntBits(x[a]), Float.floatToRawIntBits(x[a + colStride])),
                    Math.max(Float.floatToRawIntBits(x[b]), Float.floatToRawIntBits(x[b + colStride])));
            out[outOff + i] = Float.intBitsToFloat(Math.max(m, 0));
        }
    }

    // The Winograd kernels: one pass per whole vector of tiles with every intermediate in
    // registers (the reference in ConvGemm makes two passes through memory with the same float
    // operations, so the results are identical), one small method per case so that C2 inlines
    // every vector operation.

    @Override
    public void winogradInput(float[] x, int off, int rs, int ps, float[] v, int vOff, int vs, int n) {
        ConvGemm.checkWinogradInput(x, off, rs, ps, v, vOff, vs, n);
        int nv = F.loopBound(n);
        input2Fused(x, off, rs, ps, v, vOff, vs, nv);
        ConvGemm.winogradInput(x, off, rs, ps, v, vOff, vs, nv, n);
    }

    @Override
    public void winogradOutput(float[] mm, int off, int xs, float bias, boolean relu, boolean pool,
                               float[] out, int outOff, int os, int n) {
        ConvGemm.checkWinogradOutput(mm, off, xs, out, outOff, os, pool, n);
        int nv = F.loopBound(n);
        if (pool) {
            output2Pooled(mm, off, xs, bias, relu, out, outOff, nv);
        } else {
            output2Plain(mm, off, xs, bias, relu, out, outOff, os, nv);
        }
        ConvGemm.winogradOutput(mm, off, xs, bias, relu, pool, out, outOff, os, nv, n);
    }

    // The F(2×2) transforms below are written as short loops over the rows of a tile whose body holds
    // 20–30 Vector-API calls, not as one straight block of 60 (bench/RESULTS.md, nn session 7): C2
    // parses a loop body once, and a unit with ~50 or more calls passed its parse node budget
    // (NodeCountInliningCutoff, 18,000 nodes: ~350 per call here), past which it defers the rest of
    // the Vector API's @ForceInline calls to late inlining; a store whose operand came from a deferred
    // call that was not inlined yet could not be intrinsified, and the unit then boxed every vector
    // (8.6 MB per 64-patch inference call in 3 of 8 fresh JVMs). The rows differ only in which rows
    // they combine and in a sign s = ±1, applied as a fused multiply-add d_b·s + d_a: s·d_b is exact,
    // so its one rounding gives the same float as d_a ± d_b (the reference's operations, same bits).

    /** Signs of the F(2×2) input transform's first pass: e_i = d_a(i) + s_i·d_b(i). */
    private static final float[] IN2_SIGN = {-1f, 1f, -1f, -1f};
    /** Rows a(i), b(i) of the 4×4 input tile that row i of Bᵀ d combines. */
    private static final int[] IN2_ROW_A = {0, 1, 2, 1};
    private static final int[] IN2_ROW_B = {2, 2, 1, 3};

    /**
     * F(2×2,3×3) input transform of whole vectors of tiles: for each row i of Bᵀ d, the four columns
     * e_i,c = d_a,c + s_i·d_b,c and then the four outputs of row i of (Bᵀ d) B, all in registers.
     * Tile row y is phase row (y mod 2) of input row y / 2, column x phase column (x mod 2) of x / 2.
     */
    private static void input2Fused(float[] x, int off, int rs, int ps, float[] v, int vOff, int vs, int nv) {
        for (int i = 0; i < 4; i++) {
            int ya = IN2_ROW_A[i], yb = IN2_ROW_B[i];
            int pa = off + (ya >> 1) * rs + (ya & 1) * 2 * ps;
            int pb = off + (yb >> 1) * rs + (yb & 1) * 2 * ps;
            int po = vOff + 4 * i * vs;
            FloatVector s = FloatVector.broadcast(F, IN2_SIGN[i]);
            for (int j = 0; j < nv; j += LANES) {
                FloatVector e0 = FloatVector.fromArray(F, x, pb + j).fma(s, FloatVector.fromArray(F, x, pa + j));
                FloatVector e1 = FloatVector.fromArray(F, x, pb + ps + j).fma(s, FloatVector.fromArray(F, x, pa + ps + j));
                FloatVector e2 = FloatVector.fromArray(F, x, pb + 1 + j).fma(s, FloatVector.fromArray(F, x, pa + 1 + j));
                FloatVector e3 = FloatVector.fromArray(F, x, pb + ps + 1 + j)
                        .fma(s, FloatVector.fromArray(F, x, pa + ps + 1 + j));
                e0.sub(e2).intoArray(v, po + j);
                e1.add(e2).intoArray(v, po + vs + j);
                e2.sub(e1).intoArray(v, po + 2 * vs + j);
                e1.sub(e3).intoArray(v, po + 3 * vs + j);
            }
        }
    }

    /** Signs of the F(2×2) output transform's first pass: row r of Aᵀ m is (m_r + s_r·m_r+1) + s_r·m_r+2. */
    private static final float[] OUT2_SIGN = {1f, -1f};

    /**
     * F(2×2,3×3) output transform of whole vectors of tiles with the 2×2 max-pool, bias and optional
     * ReLU: for each row r of Aᵀ m (r = 0, 1) the two outputs of row r of (Aᵀ m) A, pooled in a
     * running maximum that starts at −∞ (max(−∞, y) = y, so the same maxima in the same order).
     */
    private static void output2Pooled(float[] mm, int off, int xs, float bias, boolean relu, float[] out, int o,
                                      int nv) {
        FloatVector vb = FloatVector.broadcast(F, bias);
        FloatVector low = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < nv; j += LANES) {
            FloatVector y = low;
            for (int r = 0; r < 2; r++) {
                FloatVector s = FloatVector.broadcast(F, OUT2_SIGN[r]);
                int p = off + 4 * r * xs + j;
                FloatVector s0 = FloatVector.fromArray(F, mm, p + 8 * xs).fma(s,
                        FloatVector.fromArray(F, mm, p + 4 * xs).fma(s, FloatVector.fromArray(F, mm, p)));
                FloatVector s1 = FloatVector.fromArray(F, mm, p + 9 * xs).fma(s,
                        FloatVector.fromArray(F, mm, p + 5 * xs).fma(s, FloatVector.fromArray(F, mm, p + xs)));
                FloatVector s2 = FloatVector.fromArray(F, mm, p + 10 * xs).fma(s,
                        FloatVector.fromArray(F, mm, p + 6 * xs).fma(s, FloatVector.fromArray(F, mm, p + 2 * xs)));
                FloatVector s3 = FloatVector.fromArray(F, mm, p + 11 * xs).fma(s,
                        FloatVector.fromArray(F, mm, p + 7 * xs).fma(s, FloatVector.fromArray(F, mm, p + 3 * xs)));
                y = y.max(s0.add(s1).add(s2).max(s1.sub(s2).sub(s3)));
            }
            y = y.add(vb);
            if (relu) {
                y = y.max(0f);
            }
            y.intoArray(out, o + j);
        }
    }

    /**
     * F(2×2,3×3) output transform of whole vectors of tiles without pooling, bias and optional ReLU:
     * row r of the 2×2 output tile goes to output planes 2r and 2r + 1.
     */
    private static void output2Plain(float[] mm, int off, int xs, float bias, boolean relu, float[] out, int o,
                                     int os, int nv) {
        FloatVector vb = FloatVector.broadcast(F, bias);
        for (int r = 0; r < 2; r++) {
            FloatVector s = FloatVector.broadcast(F, OUT2_SIGN[r]);
            int p = off + 4 * r * xs;
            int q = o + 2 * r * os;
            for (int j = 0; j < nv; j += LANES) {
                FloatVector s0 = FloatVector.fromArray(F, mm, p + 8 * xs + j).fma(s,
                        FloatVector.fromArray(F, mm, p + 4 * xs + j).fma(s, FloatVector.fromArray(F, mm, p + j)));
                FloatVector s1 = FloatVector.fromArray(F, mm, p + 9 * xs + j).fma(s,
                        FloatVector.fromArray(F, mm, p + 5 * xs + j).fma(s, FloatVector.fromArray(F, mm, p + xs + j)));
                FloatVector s2 = FloatVector.fromArray(F, mm, p + 10 * xs + j).fma(s,
                        FloatVector.fromArray(F, mm, p + 6 * xs + j).fma(s, FloatVector.fromArray(F, mm, p + 2 * xs + j)));
                FloatVector s3 = FloatVector.fromArray(F, mm, p + 11 * xs + j).fma(s,
                        FloatVector.fromArray(F, mm, p + 7 * xs + j).fma(s, FloatVector.fromArray(F, mm, p + 3 * xs + j)));
                FloatVector y0 = s0.add(s1).add(s2).add(vb);
                FloatVector y1 = s1.sub(s2).sub(s3).add(vb);
                if (relu) {
                    y0 = y0.max(0f);
                    y1 = y1.max(0f);
                }
                y0.intoArray(out, q + j);
                y1.intoArray(out, q + os + j);
            }
        }
    }
}
