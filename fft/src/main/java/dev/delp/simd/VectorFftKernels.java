package dev.delp.simd;

import static jdk.incubator.vector.FloatVector.broadcast;
import static jdk.incubator.vector.FloatVector.fromArray;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector-API implementation of {@link FftKernels}: every butterfly works on {@code LANES}
 * independent transforms at once (split planes, so no shuffles); tails use the scalar reference.
 * Loaded by name from {@link Simd} only when {@code jdk.incubator.vector} is in the boot layer.
 */
final class VectorFftKernels implements FftKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = F.length();

    VectorFftKernels() {
        if (F.vectorBitSize() < 128) {
            throw new UnsupportedOperationException("vectors of " + F.vectorBitSize() + " bits are too narrow");
        }
    }

    @Override public String description() { return "vector " + F.vectorBitSize() + "-bit"; }

    @Override public int vectorFloats() { return LANES; }

    /**
     * Unit twiddles, used when the caller passes none: every vector below is then a real object
     * on all paths (never null), which lets C2 keep them in registers instead of boxing them.
     */
    private static final float[] UNIT = unit();

    private static float[] unit() {
        float[] u = new float[64];
        for (int j = 0; j < u.length; j += 2) {
            u[j] = 1f;
        }
        return u;
    }

    @Override
    public void radix2(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                       float[] tw, int twOff) {
        float[] w = tw == null ? UNIT : tw;
        int wo = tw == null ? 0 : twOff;
        FloatVector w1r = broadcast(F, w[wo]), w1i = broadcast(F, w[wo + 1]);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += LANES) {
            FloatVector a0r = fromArray(F, x, xRe + i), a0i = fromArray(F, x, xIm + i);
            FloatVector a1r = fromArray(F, x, xRe + is + i), a1i = fromArray(F, x, xIm + is + i);
            a0r.add(a1r).intoArray(y, yRe + i);
            a0i.add(a1i).intoArray(y, yIm + i);
            { // v·w at lane i of the output planes
                FloatVector vr = a0r.sub(a1r), vi = a0i.sub(a1i);
                vr.mul(w1r).sub(vi.mul(w1i)).intoArray(y, yRe + os + i);
                vr.mul(w1i).add(vi.mul(w1r)).intoArray(y, yIm + os + i);
            }
        }
        // scalar tail inline, as ScalarFftKernels.radix2From: above FreqInlineSize (see rowsToInterleaved)
        float wr = tw == null ? 1f : tw[twOff], wi = tw == null ? 0f : tw[twOff + 1];
        for (; i < len; i++) {
            float a0r = x[xRe + i], a0i = x[xIm + i], a1r = x[xRe + is + i], a1i = x[xIm + is + i];
            float vr = a0r - a1r, vi = a0i - a1i;
            y[yRe + i] = a0r + a1r;
            y[yIm + i] = a0i + a1i;
            if (tw == null) {
                y[yRe + os + i] = vr;
                y[yIm + os + i] = vi;
            } else {
                y[yRe + os + i] = vr * wr - vi * wi;
                y[yIm + os + i] = vr * wi + vi * wr;
            }
        }
    }

    @Override
    public void radix3(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                       float[] tw, int twOff, int sign) {
        float[] w = tw == null ? UNIT : tw;
        int wo = tw == null ? 0 : twOff;
        float sn = sign * ScalarFftKernels.SIN60;
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += LANES) {
            FloatVector a0r = fromArray(F, x, xRe + i), a0i = fromArray(F, x, xIm + i);
            FloatVector a1r = fromArray(F, x, xRe + is + i), a1i = fromArray(F, x, xIm + is + i);
            FloatVector a2r = fromArray(F, x, xRe + 2 * is + i), a2i = fromArray(F, x, xIm + 2 * is + i);
            FloatVector sr = a1r.add(a2r), si = a1i.add(a2i), dr = a1r.sub(a2r), di = a1i.sub(a2i);
            FloatVector ar = a0r.sub(sr.mul(0.5f)), ai = a0i.sub(si.mul(0.5f));
            FloatVector br = di.mul(-sn), bi = dr.mul(sn);
            a0r.add(sr).intoArray(y, yRe + i);
            a0i.add(si).intoArray(y, yIm + i);
            ar.add(br).intoArray(y, yRe + os + i); // v1, v2: twiddled by twiddleSplitRows
            ai.add(bi).intoArray(y, yIm + os + i);
            ar.sub(br).intoArray(y, yRe + 2 * os + i);
            ai.sub(bi).intoArray(y, yIm + 2 * os + i);
        }
        twiddleSplitRows(y, yRe, yIm, os, 3, i, w, wo);
        ScalarFftKernels.radix3From(i, x, xRe, xIm, is, y, yRe, yIm, os, len, tw, twOff, sign); // scalar tail
    }

    @Override
    public void radix4(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                       float[] tw, int twOff, int sign) {
        float[] w = tw == null ? UNIT : tw;
        int wo = tw == null ? 0 : twOff;
        float sg = sign;
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += LANES) {
            FloatVector a0r = fromArray(F, x, xRe + i), a0i = fromArray(F, x, xIm + i);
            FloatVector a1r = fromArray(F, x, xRe + is + i), a1i = fromArray(F, x, xIm + is + i);
            FloatVector a2r = fromArray(F, x, xRe + 2 * is + i), a2i = fromArray(F, x, xIm + 2 * is + i);
            FloatVector a3r = fromArray(F, x, xRe + 3 * is + i), a3i = fromArray(F, x, xIm + 3 * is + i);
            FloatVector t0r = a0r.add(a2r), t0i = a0i.add(a2i), t1r = a0r.sub(a2r), t1i = a0i.sub(a2i);
            FloatVector t2r = a1r.add(a3r), t2i = a1i.add(a3i);
            FloatVector ur = a1r.sub(a3r), ui = a1i.sub(a3i);
            // (a1 − a3)·ω with ω = sign·i
            FloatVector t3r = ui.mul(-sg), t3i = ur.mul(sg);
            t0r.add(t2r).intoArray(y, yRe + i);
            t0i.add(t2i).intoArray(y, yIm + i);
            t1r.add(t3r).intoArray(y, yRe + os + i); // v1, v2, v3: twiddled by twiddleSplitRows
            t1i.add(t3i).intoArray(y, yIm + os + i);
            t0r.sub(t2r).intoArray(y, yRe + 2 * os + i);
            t0i.sub(t2i).intoArray(y, yIm + 2 * os + i);
            t1r.sub(t3r).intoArray(y, yRe + 3 * os + i);
            t1i.sub(t3i).intoArray(y, yIm + 3 * os + i);
        }
        twiddleSplitRows(y, yRe, yIm, os, 4, i, w, wo);
        ScalarFftKernels.radix4From(i, x, xRe, xIm, is, y, yRe, yIm, os, len, tw, twOff, sign); // scalar tail
    }

    /*
     * C2 inlines a limited amount of code into one compiled method (NodeCountInliningCutoff, counted
     * before the Vector-API intrinsics shrink it); a butterfly with many vector operations exceeds
     * it, and vectors that cross a call that was not inlined get boxed (heap-allocated: about 15
     * bytes per point of a 1000² transform when radix 5 ran as one loop with a flag), which is also
     * several times slower. So radix 5 runs as two loops over the lanes, each computing part of the
     * outputs with its constants broadcast once before the loop (a broadcast inside the loop costs
     * as many nodes as an add), and there is no radix-8 kernel (one was 2.5x slower than two
     * radix-4 passes for this reason).
     */
    @Override
    public void radix5(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                       float[] tw, int twOff, int sign) {
        float[] w = tw == null ? UNIT : tw;
        int wo = tw == null ? 0 : twOff;
        int bound = F.loopBound(len);
        radix5Outer(x, xRe, xIm, is, y, yRe, yIm, os, bound, sign);
        radix5Inner(x, xRe, xIm, is, y, yRe, yIm, os, bound, sign);
        twiddleSplitRows(y, yRe, yIm, os, 5, bound, w, wo);
        ScalarFftKernels.radix5From(bound, x, xRe, xIm, is, y, yRe, yIm, os, len, tw, twOff, sign); // scalar tail
    }

    /**
     * Outputs 0, 1 and 4 of the radix-5 butterfly: with {@code p1 = a1 + a4}, {@code p2 = a2 + a3},
     * {@code d1 = a1 − a4}, {@code d2 = a2 − a3}: {@code y0 = a0 + p1 + p2},
     * {@code A = a0 + c1·p1 + c2·p2}, {@code B = i·sign·(s1·d1 + s2·d2)}, {@code y1 = A + B},
     * {@code y4 = A − B}, stored untwiddled: {@link #twiddleSplitRows} multiplies them (session 7: with
     * its twiddle products this unit was about 127 % of C2's parse node budget and, after DelpNet and
     * other transform sizes had run in the same JVM, boxed Bluestein's rows, bench/RESULTS.md FFT
     * session 7, lead).
     */
    private static void radix5Outer(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os,
                                    int bound, int sign) {
        FloatVector ca = broadcast(F, ScalarFftKernels.C1), cb = broadcast(F, ScalarFftKernels.C2);
        FloatVector sa = broadcast(F, sign * ScalarFftKernels.S1);
        FloatVector sb = broadcast(F, sign * ScalarFftKernels.S2);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector a0r = fromArray(F, x, xRe + i), a0i = fromArray(F, x, xIm + i);
            FloatVector a1r = fromArray(F, x, xRe + is + i), a1i = fromArray(F, x, xIm + is + i);
            FloatVector a4r = fromArray(F, x, xRe + 4 * is + i), a4i = fromArray(F, x, xIm + 4 * is + i);
            FloatVector a2r = fromArray(F, x, xRe + 2 * is + i), a2i = fromArray(F, x, xIm + 2 * is + i);
            FloatVector a3r = fromArray(F, x, xRe + 3 * is + i), a3i = fromArray(F, x, xIm + 3 * is + i);
            FloatVector p1r = a1r.add(a4r), p1i = a1i.add(a4i), d1r = a1r.sub(a4r), d1i = a1i.sub(a4i);
            FloatVector p2r = a2r.add(a3r), p2i = a2i.add(a3i), d2r = a2r.sub(a3r), d2i = a2i.sub(a3i);
            a0r.add(p1r).add(p2r).intoArray(y, yRe + i);
            a0i.add(p1i).add(p2i).intoArray(y, yIm + i);
            FloatVector ar = a0r.add(p1r.mul(ca)).add(p2r.mul(cb)), ai = a0i.add(p1i.mul(ca)).add(p2i.mul(cb));
            FloatVector bi = d1r.mul(sa).add(d2r.mul(sb)), nbr = d1i.mul(sa).add(d2i.mul(sb)); // B = (−nbr, bi)
            FloatVector v1r = ar.sub(nbr), v1i = ai.add(bi), v4r = ar.add(nbr), v4i = ai.sub(bi);
            v1r.intoArray(y, yRe + os + i);
            v1i.intoArray(y, yIm + os + i);
            v4r.intoArray(y, yRe + 4 * os + i);
            v4i.intoArray(y, yIm + 4 * os + i);
        }
    }

    /**
     * Outputs 2 and 3: {@code A = a0 + c2·p1 + c1·p2}, {@code B = i·sign·(s2·d1 − s1·d2)}, {@code y2 = A + B},
     * {@code y3 = A − B}, stored untwiddled (as {@link #radix5Outer}).
     */
    private static void radix5Inner(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os,
                                    int bound, int sign) {
        FloatVector ca = broadcast(F, ScalarFftKernels.C2), cb = broadcast(F, ScalarFftKernels.C1);
        FloatVector sa = broadcast(F, sign * ScalarFftKernels.S2);
        FloatVector sb = broadcast(F, sign * -ScalarFftKernels.S1);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector a0r = fromArray(F, x, xRe + i), a0i = fromArray(F, x, xIm + i);
            FloatVector a1r = fromArray(F, x, xRe + is + i), a1i = fromArray(F, x, xIm + is + i);
            FloatVector a4r = fromArray(F, x, xRe + 4 * is + i), a4i = fromArray(F, x, xIm + 4 * is + i);
            FloatVector a2r = fromArray(F, x, xRe + 2 * is + i), a2i = fromArray(F, x, xIm + 2 * is + i);
            FloatVector a3r = fromArray(F, x, xRe + 3 * is + i), a3i = fromArray(F, x, xIm + 3 * is + i);
            FloatVector p1r = a1r.add(a4r), p1i = a1i.add(a4i), d1r = a1r.sub(a4r), d1i = a1i.sub(a4i);
            FloatVector p2r = a2r.add(a3r), p2i = a2i.add(a3i), d2r = a2r.sub(a3r), d2i = a2i.sub(a3i);
            FloatVector ar = a0r.add(p1r.mul(ca)).add(p2r.mul(cb)), ai = a0i.add(p1i.mul(ca)).add(p2i.mul(cb));
            FloatVector bi = d1r.mul(sa).add(d2r.mul(sb)), nbr = d1i.mul(sa).add(d2i.mul(sb)); // B = (−nbr, bi)
            FloatVector v2r = ar.sub(nbr), v2i = ai.add(bi), v3r = ar.add(nbr), v3i = ai.sub(bi);
            v2r.intoArray(y, yRe + 2 * os + i);
            v2i.intoArray(y, yIm + 2 * os + i);
            v3r.intoArray(y, yRe + 3 * os + i);
            v3i.intoArray(y, yIm + 3 * os + i);
        }
    }

    @Override
    public void radixOdd(int r, float[] cos, float[] sin, float[] x, int xRe, int xIm, int is, float[] y,
                         int yRe, int yIm, int os, int len, float[] tw, int twOff, int sign) {
        float[] w = tw == null ? UNIT : tw;
        int wo = tw == null ? 0 : twOff;
        int h = (r - 1) / 2;
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += LANES) {
            FloatVector a0r = fromArray(F, x, xRe + i), a0i = fromArray(F, x, xIm + i);
            FloatVector y0r = a0r, y0i = a0i;
            for (int k = 1; k < r; k++) {
                y0r = y0r.add(fromArray(F, x, xRe + k * is + i));
                y0i = y0i.add(fromArray(F, x, xIm + k * is + i));
            }
            y0r.intoArray(y, yRe + i);
            y0i.intoArray(y, yIm + i);
            for (int j = 1; j <= h; j++) {
                FloatVector ar = a0r, ai = a0i, br = FloatVector.zero(F), bi = FloatVector.zero(F);
                for (int k = 1; k <= h; k++) {
                    FloatVector pr = fromArray(F, x, xRe + k * is + i), pi = fromArray(F, x, xIm + k * is + i);
                    FloatVector qr = fromArray(F, x, xRe + (r - k) * is + i);
                    FloatVector qi = fromArray(F, x, xIm + (r - k) * is + i);
                    int jk = (j * k) % r;
                    float c = cos[jk], s = sign * sin[jk];
                    ar = ar.add(pr.add(qr).mul(c));
                    ai = ai.add(pi.add(qi).mul(c));
                    br = br.sub(pi.sub(qi).mul(s));
                    bi = bi.add(pr.sub(qr).mul(s));
                }
                ar.add(br).intoArray(y, yRe + j * os + i); // v_j, v_{r−j}: twiddled by twiddleSplitRows
                ai.add(bi).intoArray(y, yIm + j * os + i);
                ar.sub(br).intoArray(y, yRe + (r - j) * os + i);
                ai.sub(bi).intoArray(y, yIm + (r - j) * os + i);
            }
        }
        twiddleSplitRows(y, yRe, yIm, os, r, i, w, wo);
        ScalarFftKernels.radixOddFrom(i, r, cos, sin, x, xRe, xIm, is, y, yRe, yIm, os, len, tw, twOff, sign); // scalar tail
    }

    /**
     * Rows {@code 1 … r−1} of a split-plane radix-{@code r} butterfly's untwiddled outputs, lanes
     * {@code [0, bound)}, times their twiddles {@code w[wo + 2(j−1)]} in place: {@code (vr·wr − vi·wi,
     * vr·wi + vi·wr)}, the very products {@link #radixOdd} computed before (a float stored and loaded
     * again is the same float, so the bits are the same). A root of its own (session 7, as
     * {@link #twiddleRows} for radix 5 in session 6): with its twiddle products {@code radixOdd} (51
     * Vector-API calls, about 99 % of C2's parse node budget by {@code KernelParseBudgetTest}'s model)
     * deferred its last stores after DelpNet had run in the same JVM and boxed every call of the
     * radix-7 rows at 84² (bench/RESULTS.md, FFT session 7). Two vectors per iteration and a
     * single-vector remainder: above FreqInlineSize.
     */
    private static void twiddleSplitRows(float[] y, int yRe, int yIm, int os, int r, int bound, float[] w, int wo) {
        for (int j = 1; j < r; j++) {
            FloatVector ur = broadcast(F, w[wo + 2 * j - 2]), ui = broadcast(F, w[wo + 2 * j - 1]);
            int re = yRe + j * os, im = yIm + j * os, i = 0;
            for (; i + LANES < bound; i += 2 * LANES) {
                FloatVector vr = fromArray(F, y, re + i), vi = fromArray(F, y, im + i);
                FloatVector pr = fromArray(F, y, re + i + LANES), pi = fromArray(F, y, im + i + LANES);
                vr.mul(ur).sub(vi.mul(ui)).intoArray(y, re + i);
                vr.mul(ui).add(vi.mul(ur)).intoArray(y, im + i);
                pr.mul(ur).sub(pi.mul(ui)).intoArray(y, re + i + LANES);
                pr.mul(ui).add(pi.mul(ur)).intoArray(y, im + i + LANES);
            }
            for (; i < bound; i += LANES) {
                FloatVector vr = fromArray(F, y, re + i), vi = fromArray(F, y, im + i);
                vr.mul(ur).sub(vi.mul(ui)).intoArray(y, re + i);
                vr.mul(ui).add(vi.mul(ur)).intoArray(y, im + i);
            }
        }
    }

    @Override
    public void rotate(float[] x, int xRe, int xIm, float[] y, int yRe, int yIm, int len, float wr, float wi) {
        int i = 0;
        // two vectors per iteration and the scalar tail inline: above FreqInlineSize (see rowsToInterleaved)
        for (int bound = F.loopBound(len) - LANES; i < bound; i += 2 * LANES) {
            FloatVector vr = fromArray(F, x, xRe + i), vi = fromArray(F, x, xIm + i);
            FloatVector ur = fromArray(F, x, xRe + i + LANES), ui = fromArray(F, x, xIm + i + LANES);
            vr.mul(wr).sub(vi.mul(wi)).intoArray(y, yRe + i);
            vr.mul(wi).add(vi.mul(wr)).intoArray(y, yIm + i);
            ur.mul(wr).sub(ui.mul(wi)).intoArray(y, yRe + i + LANES);
            ur.mul(wi).add(ui.mul(wr)).intoArray(y, yIm + i + LANES);
        }
        for (int bound = F.loopBound(len); i < bound; i += LANES) {
            FloatVector vr = fromArray(F, x, xRe + i), vi = fromArray(F, x, xIm + i);
            vr.mul(wr).sub(vi.mul(wi)).intoArray(y, yRe + i);
            vr.mul(wi).add(vi.mul(wr)).intoArray(y, yIm + i);
        }
        for (; i < len; i++) { // scalar tail, as ScalarFftKernels.rotateFrom
            float vr = x[xRe + i], vi = x[xIm + i];
            y[yRe + i] = vr * wr - vi * wi;
            y[yIm + i] = vr * wi + vi * wr;
        }
    }

    // Deinterleaving with two-vector rearranges measured slower than the scalar loops on JDK 17
    // (AVX-512), so the column copies use the scalar reference.
    private static final ScalarFftKernels SCALAR = new ScalarFftKernels("scalar");

    @Override
    public void columnsToSplit(float[] src, int off, int stride, int lanes, int len, float[] a, int im) {
        SCALAR.columnsToSplit(src, off, stride, lanes, len, a, im);
    }

    @Override
    public void splitToColumns(float[] a, int im, int lanes, int len, float[] dst, int off, int stride, float scale) {
        SCALAR.splitToColumns(a, im, lanes, len, dst, off, stride, scale);
    }

    /*
     * The real pre/post kernels carry their scalar tails inline rather than calling
     * ScalarFftKernels: that keeps each above C2's FreqInlineSize (325 bytecodes), so C2 always
     * compiles it as a unit of its own. Small enough to be inlined, they were inlined together with
     * the row transposes into RealRows' tile methods, where (depending on compilation order) the
     * combined unit hit NodeCountInliningCutoff half-way through a kernel and its vectors were boxed
     * on every call from then on (SteadyStateAllocationTest caught it in 2 of 4 suite runs). The
     * transposes below have 4 vector operations each and may be inlined.
     */
    @Override
    public void realForwardPost(float[] z, int zIm, float[] x, int xIm, int h, int lanes, float[] cos, float[] sin) {
        int bound = F.loopBound(lanes);
        for (int k = 0; k <= h; k++) {
            float wr = cos[k], wi = -sin[k];
            int i1 = (k == h ? 0 : k) * lanes, i2 = (k == 0 ? 0 : h - k) * lanes, o = k * lanes;
            int t = 0;
            for (; t < bound; t += LANES) {
                FloatVector zr = fromArray(F, z, i1 + t), zi = fromArray(F, z, zIm + i1 + t);
                FloatVector cr = fromArray(F, z, i2 + t), cim = fromArray(F, z, zIm + i2 + t);
                FloatVector er = zr.add(cr).mul(0.5f), ei = zi.sub(cim).mul(0.5f); // conj partner: ci = −cim
                FloatVector or = zi.add(cim).mul(0.5f), oi = cr.sub(zr).mul(0.5f);
                er.add(or.mul(wr)).sub(oi.mul(wi)).intoArray(x, o + t);
                ei.add(oi.mul(wr)).add(or.mul(wi)).intoArray(x, xIm + o + t);
            }
            for (; t < lanes; t++) { // scalar tail, as ScalarFftKernels.realForwardPostFrom
                float zr = z[i1 + t], zi = z[zIm + i1 + t], cr = z[i2 + t], ci = -z[zIm + i2 + t];
                float er = 0.5f * (zr + cr), ei = 0.5f * (zi + ci);
                float or = 0.5f * (zi - ci), oi = -0.5f * (zr - cr);
                x[o + t] = er + wr * or - wi * oi;
                x[xIm + o + t] = ei + wr * oi + wi * or;
            }
        }
    }

    @Override
    public void realInversePre(float[] x, int xIm, float[] z, int zIm, int h, int lanes, float[] cos, float[] sin) {
        int bound = F.loopBound(lanes);
        for (int k = 0; k < h; k++) {
            float wr = cos[k], wi = sin[k];
            int i1 = k * lanes, i2 = (h - k) * lanes;
            int t = 0;
            for (; t < bound; t += LANES) {
                FloatVector xr = fromArray(F, x, i1 + t), xi = fromArray(F, x, xIm + i1 + t);
                FloatVector cr = fromArray(F, x, i2 + t), cim = fromArray(F, x, xIm + i2 + t);
                FloatVector er = xr.add(cr).mul(0.5f), ei = xi.sub(cim).mul(0.5f);
                FloatVector dr = xr.sub(cr).mul(0.5f), di = xi.add(cim).mul(0.5f);
                FloatVector or = dr.mul(wr).sub(di.mul(wi)), oi = dr.mul(wi).add(di.mul(wr));
                er.sub(oi).intoArray(z, i1 + t);
                ei.add(or).intoArray(z, zIm + i1 + t);
            }
            for (; t < lanes; t++) { // scalar tail, as ScalarFftKernels.realInversePreFrom
                float xr = x[i1 + t], xi = x[xIm + i1 + t], cr = x[i2 + t], ci = -x[xIm + i2 + t];
                float er = 0.5f * (xr + cr), ei = 0.5f * (xi + ci);
                float dr = 0.5f * (xr - cr), di = 0.5f * (xi - ci);
                float or = dr * wr - di * wi, oi = dr * wi + di * wr;
                z[i1 + t] = er - oi;
                z[zIm + i1 + t] = ei + or;
            }
        }
    }

    @Override
    public void rowsToSplit(float[] src, int off, int[] rowIndex, int lanes, int len, float[] a, int im) {
        int t0 = 0;
        for (int bound = F.loopBound(lanes); t0 < bound; t0 += LANES) {
            int e = 0;
            // one gather per plane: lane t reads row t0 + t; two elements per iteration (size: see rowsToInterleaved)
            for (; e + 1 < len; e += 2) {
                int d = e * lanes + t0, s = off + 2 * e;
                FloatVector r0 = fromArray(F, src, s, rowIndex, t0);
                FloatVector i0 = fromArray(F, src, s + 1, rowIndex, t0);
                FloatVector r1 = fromArray(F, src, s + 2, rowIndex, t0);
                FloatVector i1 = fromArray(F, src, s + 3, rowIndex, t0);
                r0.intoArray(a, d);
                i0.intoArray(a, im + d);
                r1.intoArray(a, d + lanes);
                i1.intoArray(a, im + d + lanes);
            }
            for (; e < len; e++) {
                int d = e * lanes + t0;
                fromArray(F, src, off + 2 * e, rowIndex, t0).intoArray(a, d);
                fromArray(F, src, off + 2 * e + 1, rowIndex, t0).intoArray(a, im + d);
            }
        }
        for (; t0 < lanes; t0 += 8) { // scalar tail, as ScalarFftKernels.rowsToSplitFrom
            int t1 = Math.min(lanes, t0 + 8);
            for (int e = 0; e < len; e++) {
                int d = e * lanes;
                for (int t = t0; t < t1; t++) {
                    int s = off + rowIndex[t] + 2 * e;
                    a[d + t] = src[s];
                    a[im + d + t] = src[s + 1];
                }
            }
        }
    }

    /**
     * Row strides that are multiples of 1024 floats (4 KiB: widths 1024, 2048, ...) put every row of
     * a tile in the same L1 set; a 16-lane scatter then keeps 16 lines live in a 12-way set and
     * misses on every store (the inverse rows at 1024² took twice the forward rows' time). Such
     * strides use the scalar copy, which writes 8 rows at a time (inverse rows at 1024²: 4.0 ms
     * instead of 6, forward rows 3.3 ms, one thread on the loaded machine). The gathers of
     * {@link #rowsToSplit} were not faster with the scalar copy, so they stay vector.
     */
    private static boolean setConflict(int[] rowIndex, int lanes) {
        return lanes > 1 && (rowIndex[1] - rowIndex[0]) % 1024 == 0;
    }

    @Override
    public void splitToRows(float[] a, int im, int lanes, int len, float[] dst, int off, int[] rowIndex, float scale) {
        int t0 = 0;
        int bound = setConflict(rowIndex, lanes) ? 0 : F.loopBound(lanes); // see setConflict
        for (; t0 < bound; t0 += LANES) {
            int e = 0;
            // one scatter per plane: lane t writes row t0 + t; two elements per iteration (size: see rowsToInterleaved)
            for (; e + 1 < len; e += 2) {
                int s = e * lanes + t0, d = off + 2 * e;
                FloatVector r0 = fromArray(F, a, s).mul(scale);
                FloatVector i0 = fromArray(F, a, im + s).mul(scale);
                FloatVector r1 = fromArray(F, a, s + lanes).mul(scale);
                FloatVector i1 = fromArray(F, a, im + s + lanes).mul(scale);
                r0.intoArray(dst, d, rowIndex, t0);
                i0.intoArray(dst, d + 1, rowIndex, t0);
                r1.intoArray(dst, d + 2, rowIndex, t0);
                i1.intoArray(dst, d + 3, rowIndex, t0);
            }
            for (; e < len; e++) {
                int s = e * lanes + t0;
                fromArray(F, a, s).mul(scale).intoArray(dst, off + 2 * e, rowIndex, t0);
                fromArray(F, a, im + s).mul(scale).intoArray(dst, off + 2 * e + 1, rowIndex, t0);
            }
        }
        for (; t0 < lanes; t0 += 8) { // scalar tail, as ScalarFftKernels.splitToRowsFrom
            int t1 = Math.min(lanes, t0 + 8);
            for (int e = 0; e < len; e++) {
                int s = e * lanes;
                for (int t = t0; t < t1; t++) {
                    int d = off + rowIndex[t] + 2 * e;
                    dst[d] = a[s + t] * scale;
                    dst[d + 1] = a[im + s + t] * scale;
                }
            }
        }
    }

    /*
     * The fused real post/pre kernels below replace a pass over the tile (the split planes of
     * X_k, 2(h+1)·lanes floats written and read back) by scattering / gathering the rows directly.
     * They keep their scalar tails inline for the same reason as realForwardPost (compiled as
     * units of their own). Row groups of LANES rows outer, bins inner: each of the LANES rows is
     * written (read) sequentially, as in splitToRows (rowsToSplit).
     */
    @Override
    public void realForwardPostToRows(float[] z, int zIm, int h, int lanes, float[] cos, float[] sin, float[] dst,
                                      int off, int[] rowIndex) {
        int t0 = 0;
        for (int bound = F.loopBound(lanes); t0 < bound; t0 += LANES) {
            for (int k = 0; k <= h; k++) {
                float wr = cos[k], wi = -sin[k];
                int i1 = (k == h ? 0 : k) * lanes + t0, i2 = (k == 0 ? 0 : h - k) * lanes + t0;
                FloatVector zr = fromArray(F, z, i1), zi = fromArray(F, z, zIm + i1), cr = fromArray(F, z, i2);
                FloatVector cim = fromArray(F, z, zIm + i2);
                FloatVector er = zr.add(cr).mul(0.5f), ei = zi.sub(cim).mul(0.5f); // conj partner: ci = −cim
                FloatVector or = zi.add(cim).mul(0.5f), oi = cr.sub(zr).mul(0.5f);
                er.add(or.mul(wr)).sub(oi.mul(wi)).intoArray(dst, off + 2 * k, rowIndex, t0);
                ei.add(oi.mul(wr)).add(or.mul(wi)).intoArray(dst, off + 2 * k + 1, rowIndex, t0);
            }
        }
        for (; t0 < lanes; t0++) { // scalar tail, one row at a time, as ScalarFftKernels.realForwardPostToRowsFrom
            int row = off + rowIndex[t0];
            for (int k = 0; k <= h; k++) {
                float wr = cos[k], wi = -sin[k];
                int i1 = (k == h ? 0 : k) * lanes + t0, i2 = (k == 0 ? 0 : h - k) * lanes + t0;
                float zr = z[i1], zi = z[zIm + i1], cr = z[i2], ci = -z[zIm + i2];
                float er = 0.5f * (zr + cr), ei = 0.5f * (zi + ci);
                float or = 0.5f * (zi - ci), oi = -0.5f * (zr - cr);
                dst[row + 2 * k] = er + wr * or - wi * oi;
                dst[row + 2 * k + 1] = ei + wr * oi + wi * or;
            }
        }
    }

    /**
     * One output bin per iteration ({@code Z_k} from {@code X_k} and its partner {@code conj X_{h−k}}: four
     * gathers), like {@link #rowsToRealInversePreInterleaved}: with both partners' outputs per iteration
     * (session 6: four gathers per pair, 41 Vector-API calls, about 104 % of C2's parse node budget by
     * {@code KernelParseBudgetTest}'s model) the unit passed the budget after DelpNet had run in the
     * same JVM, its late-inlined stores boxed every call at 84² (bench/RESULTS.md, FFT session 7). The
     * pair's second output was {@code (b + a)·½ − …}; float addition and multiplication commute, so
     * computing it as its own bin gives the same bits.
     */
    @Override
    public void rowsToRealInversePre(float[] src, int off, int[] rowIndex, int lanes, int h, float[] cos,
                                     float[] sin, float[] z, int zIm) {
        int t0 = 0;
        for (int bound = F.loopBound(lanes); t0 < bound; t0 += LANES) {
            for (int k = 0; k < h; k++) {
                int k2 = h - k;
                FloatVector ar = fromArray(F, src, off + 2 * k, rowIndex, t0);
                FloatVector ai = fromArray(F, src, off + 2 * k + 1, rowIndex, t0);
                FloatVector br = fromArray(F, src, off + 2 * k2, rowIndex, t0);
                FloatVector bim = fromArray(F, src, off + 2 * k2 + 1, rowIndex, t0);
                // Z_k from X_k = a with partner conj X_{h−k} = (br, −bim)
                FloatVector er = ar.add(br).mul(0.5f), ei = ai.sub(bim).mul(0.5f);
                FloatVector dr = ar.sub(br).mul(0.5f), di = ai.add(bim).mul(0.5f);
                float wr = cos[k], wi = sin[k];
                FloatVector or = dr.mul(wr).sub(di.mul(wi)), oi = dr.mul(wi).add(di.mul(wr));
                er.sub(oi).intoArray(z, k * lanes + t0);
                ei.add(or).intoArray(z, zIm + k * lanes + t0);
            }
        }
        for (; t0 < lanes; t0++) { // scalar tail, one row at a time, as ScalarFftKernels.rowsToRealInversePreFrom
            int s = off + rowIndex[t0];
            for (int k = 0; k < h; k++) {
                float wr = cos[k], wi = sin[k];
                float xr = src[s + 2 * k], xi = src[s + 2 * k + 1];
                float cr = src[s + 2 * (h - k)], ci = -src[s + 2 * (h - k) + 1];
                float er = 0.5f * (xr + cr), ei = 0.5f * (xi + ci);
                float dr = 0.5f * (xr - cr), di = 0.5f * (xi - ci);
                float or = dr * wr - di * wi, oi = dr * wi + di * wr;
                z[k * lanes + t0] = er - oi;
                z[zIm + k * lanes + t0] = ei + or;
            }
        }
    }

    /*
     * Interleaved butterflies: a vector holds LANES/2 complex values (re, im, re, im, …). A complex
     * product v·w is v·wr + swap(v)·(−wi, +wi, …), swap exchanging the two floats of each pair,
     * with the same rounding as the split kernels' (vr·wr − vi·wi, vr·wi + vi·wr). The (±i)
     * rotation of radix 4 is swap(v)·(∓1, ±1, …).
     */

    /**
     * The pair swap (re, im) → (im, re). On JDK 17 every {@code rearrange(shuffle)} first checks
     * the shuffle's indices ({@code AbstractShuffle.checkIndexes}: the shuffle converted to a
     * vector, a compare, a test and a branch per call, which C2 does not remove), and that check
     * was a large part of the interleaved kernels' time (512², per direction: blocked rows 0.27 ms
     * with the Vector API's checks, 0.16 with {@code -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0};
     * columns 0.31 vs 0.21). There the swap is two 64-bit lane shifts and an or (bits only move:
     * exact), which removed that gap (TileProbe ilvpasses). JDK 25's rearrange has no such check
     * (its {@code rearrangeTemplate}) and the shifts were slower there (×1.13 at 256², ×1.14 at
     * 1024², VersionAb), so from 25 on the swap stays a rearrange (one vpermilps). JDKs 18–24 were
     * not measured; they take the shifts (correct either way). A constant, so C2 parses one branch.
     *
     * <p>The swap is written out at every use rather than called as a helper (session 6): C2 stops
     * inlining ordinary methods into a compilation unit past its parse-time node budget
     * (NodeCountInliningCutoff), while the Vector API's own methods (@ForceInline) are only deferred
     * there. radix4Interleaved sat at that budget on JDK 17 (its scalar-tail call was refused for it in
     * every process), so a swap helper parsed late in a butterfly could be refused now and then, its
     * vector boxed, and every store after it ran the allocating fallback (121 MB per 1024² call, seen
     * once in 41 processes at MaxInlineLevel=10). Without delp helpers in a kernel, nothing in it can
     * be refused: only the Vector API's calls, which the budget defers but does not drop.
     */
    private static final boolean SWAP_BY_SHIFTS = Runtime.version().feature() < 25;
    private static final VectorShuffle<Float> SWAP_PAIRS = VectorShuffle.fromOp(F, i -> i ^ 1);

    private static final float[] ALTERNATING = alternating();

    private static float[] alternating() {
        float[] a = new float[LANES];
        for (int i = 0; i < LANES; i++) {
            a[i] = (i & 1) == 0 ? -1f : 1f;
        }
        return a;
    }

    /**
     * Radix 4 in two loops over the whole stage, each a C2 compilation root of its own (session 7):
     * as one loop (about 50 Vector-API calls) the butterfly passed C2's parse node budget
     * (NodeCountInliningCutoff) on JDK 17 — alone its last multiplies, adds and stores were deferred
     * in every process, and after DelpNet in the same JVM one more, so that a store's late inline ran
     * before the multiply computing its operand and every call boxed (28–57 MB per 1024² call in 6 of 8
     * processes; bench/RESULTS.md, FFT session 7). Out of place, {@link #radix4InterleavedEven} writes
     * outputs 0 and 2 (from {@code a0 ± a2}, {@code a1 + a3}) and {@link #radix4InterleavedOdd} outputs
     * 1 and 3 (from {@code a0 − a2}, {@code a1 − a3}), each reading the four inputs; in place (x == y:
     * {@code BlockedStockham}'s head, where the second loop would read inputs the first overwrote)
     * {@link #radix4InterleavedFirst} writes outputs 0 and 2 and leaves {@code t1 = a0 − a2},
     * {@code d = a1 − a3} in rows 1 and 3, which {@link #radix4InterleavedSecond} turns into outputs 1
     * and 3. Every output is the same float expression of the same inputs as in the single loop of
     * session 6 (a float stored and loaded again is the same float; {@code swap(v1) = swap(t1) + swap(t3)}
     * exactly), so results are bit-identical to it.
     */
    @Override
    public void radix4Interleaved(float[] x, int xo, int is, int xq, float[] y, int yo, int os, int yq, int len,
                                  int count, float[] tw, int twOff, int twStep, int sign) {
        if (x == y) {
            radix4InterleavedFirst(x, xo, is, xq, y, yo, os, yq, len, count, tw, twOff, twStep, sign);
            radix4InterleavedSecond(y, yo, os, yq, F.loopBound(len), count, tw, twOff, twStep, sign);
        } else {
            radix4InterleavedEven(x, xo, is, xq, y, yo, os, yq, len, count, tw, twOff, twStep, sign);
            radix4InterleavedOdd(x, xo, is, xq, y, yo, os, yq, F.loopBound(len), count, tw, twOff, twStep, sign);
        }
    }

    /**
     * Outputs 0 and 2 of {@link #radix4Interleaved} out of place: {@code y0 = t0 + t2},
     * {@code y2 = v2·w2r + swap(v2)·(−w2i, w2i)}, {@code v2 = t0 − t2}. Lanes {@code [0, bound)} of every run.
     */
    private static void radix4InterleavedEven(float[] x, int xo, int is, int xq, float[] y, int yo, int os, int yq,
                                              int len, int count, float[] tw, int twOff, int twStep, int sign) {
        float[] w = tw == null ? UNIT : tw;
        int step = tw == null ? 0 : twStep, w0 = tw == null ? 0 : twOff, bound = F.loopBound(len);
        FloatVector alt = fromArray(F, ALTERNATING, 0);
        for (int q = 0; q < count; q++) {
            int xb = xo + q * xq, yb = yo + q * yq, wo = w0 + q * step;
            FloatVector w2r = broadcast(F, w[wo + 2]), w2i = alt.mul(w[wo + 3]);
            for (int i = 0; i < bound; i += LANES) {
                FloatVector a0 = fromArray(F, x, xb + i), a1 = fromArray(F, x, xb + is + i);
                FloatVector a2 = fromArray(F, x, xb + 2 * is + i);
                FloatVector a3 = fromArray(F, x, xb + 3 * is + i);
                FloatVector t0 = a0.add(a2), t2 = a1.add(a3);
                t0.add(t2).intoArray(y, yb + i);
                FloatVector v2 = t0.sub(t2);
                FloatVector sv2;
                if (SWAP_BY_SHIFTS) { // swap(v2), written out (see SWAP_BY_SHIFTS)
                    LongVector l = v2.reinterpretAsLongs();
                    sv2 = l.lanewise(LSHL, 32).or(l.lanewise(LSHR, 32)).reinterpretAsFloats();
                } else {
                    sv2 = v2.rearrange(SWAP_PAIRS);
                }
                v2.mul(w2r).add(sv2.mul(w2i)).intoArray(y, yb + 2 * os + i);
            }
            if (bound < len) { // all four outputs of the lanes the loops do not reach
                ScalarFftKernels.radix4InterleavedFrom(bound, x, xb, is, y, yb, os, len, tw, wo, sign);
            }
        }
    }

    /**
     * Outputs 1 and 3 of {@link #radix4Interleaved} out of place: {@code t3 = swap(d)·rot},
     * {@code v1 = t1 + t3}, {@code v3 = t1 − t3}, {@code y_j = v_j·wjr + swap(v_j)·(−wji, wji)} with
     * {@code swap(v1) = swap(t1) + d·(−rot)} and {@code swap(v3) = swap(t1) − d·(−rot)} (the lanes' very sums).
     */
    private static void radix4InterleavedOdd(float[] x, int xo, int is, int xq, float[] y, int yo, int os, int yq,
                                             int bound, int count, float[] tw, int twOff, int twStep, int sign) {
        float[] w = tw == null ? UNIT : tw;
        int step = tw == null ? 0 : twStep, w0 = tw == null ? 0 : twOff;
        FloatVector alt = fromArray(F, ALTERNATING, 0);
        FloatVector rot = alt.mul((float) sign); // (re, im)·(sign·i) = swap·(−sign, +sign)
        FloatVector nrot = alt.mul((float) -sign); // swap(rot), exactly −rot
        for (int q = 0; q < count; q++) {
            int xb = xo + q * xq, yb = yo + q * yq, wo = w0 + q * step;
            FloatVector w1r = broadcast(F, w[wo]), w1i = alt.mul(w[wo + 1]);
            FloatVector w3r = broadcast(F, w[wo + 4]), w3i = alt.mul(w[wo + 5]);
            for (int i = 0; i < bound; i += LANES) {
                FloatVector a0 = fromArray(F, x, xb + i), a1 = fromArray(F, x, xb + is + i);
                FloatVector a2 = fromArray(F, x, xb + 2 * is + i);
                FloatVector a3 = fromArray(F, x, xb + 3 * is + i);
                FloatVector t1 = a0.sub(a2), d = a1.sub(a3);
                FloatVector sd;
                if (SWAP_BY_SHIFTS) { // swap(d), written out (see SWAP_BY_SHIFTS)
                    LongVector l = d.reinterpretAsLongs();
                    sd = l.lanewise(LSHL, 32).or(l.lanewise(LSHR, 32)).reinterpretAsFloats();
                } else {
                    sd = d.rearrange(SWAP_PAIRS);
                }
                FloatVector st1;
                if (SWAP_BY_SHIFTS) { // swap(t1), written out (see SWAP_BY_SHIFTS)
                    LongVector l = t1.reinterpretAsLongs();
                    st1 = l.lanewise(LSHL, 32).or(l.lanewise(LSHR, 32)).reinterpretAsFloats();
                } else {
                    st1 = t1.rearrange(SWAP_PAIRS);
                }
                FloatVector t3 = sd.mul(rot), st3 = d.mul(nrot);
                FloatVector v1 = t1.add(t3), v3 = t1.sub(t3);
                v1.mul(w1r).add(st1.add(st3).mul(w1i)).intoArray(y, yb + os + i);
                v3.mul(w3r).add(st1.sub(st3).mul(w3i)).intoArray(y, yb + 3 * os + i);
            }
        }
    }

    /**
     * In place, first half of {@link #radix4Interleaved}: outputs 0 and 2 as {@link #radix4InterleavedEven},
     * and {@code t1 = a0 − a2}, {@code d = a1 − a3} into rows 1 and 3 (where outputs 1 and 3 go) for
     * {@link #radix4InterleavedSecond}: every input of a butterfly is read before its rows are written.
     */
    private static void radix4InterleavedFirst(float[] x, int xo, int is, int xq, float[] y, int yo, int os, int yq,
                                               int len, int count, float[] tw, int twOff, int twStep, int sign) {
        float[] w = tw == null ? UNIT : tw;
        int step = tw == null ? 0 : twStep, w0 = tw == null ? 0 : twOff, bound = F.loopBound(len);
        FloatVector alt = fromArray(F, ALTERNATING, 0);
        for (int q = 0; q < count; q++) {
            int xb = xo + q * xq, yb = yo + q * yq, wo = w0 + q * step;
            FloatVector w2r = broadcast(F, w[wo + 2]), w2i = alt.mul(w[wo + 3]);
            for (int i = 0; i < bound; i += LANES) {
                FloatVector a0 = fromArray(F, x, xb + i), a1 = fromArray(F, x, xb + is + i);
                FloatVector a2 = fromArray(F, x, xb + 2 * is + i);
                FloatVector a3 = fromArray(F, x, xb + 3 * is + i);
                FloatVector t0 = a0.add(a2), t1 = a0.sub(a2), t2 = a1.add(a3), d = a1.sub(a3);
                t0.add(t2).intoArray(y, yb + i);
                t1.intoArray(y, yb + os + i);
                d.intoArray(y, yb + 3 * os + i);
                FloatVector v2 = t0.sub(t2);
                FloatVector sv2;
                if (SWAP_BY_SHIFTS) { // swap(v2), written out (see SWAP_BY_SHIFTS)
                    LongVector l = v2.reinterpretAsLongs();
                    sv2 = l.lanewise(LSHL, 32).or(l.lanewise(LSHR, 32)).reinterpretAsFloats();
                } else {
                    sv2 = v2.rearrange(SWAP_PAIRS);
                }
                v2.mul(w2r).add(sv2.mul(w2i)).intoArray(y, yb + 2 * os + i);
            }
            if (bound < len) { // all four outputs of the lanes the loops do not reach
                ScalarFftKernels.radix4InterleavedFrom(bound, x, xb, is, y, yb, os, len, tw, wo, sign);
            }
        }
    }

    /** In place, second half of {@link #radix4Interleaved}: outputs 1 and 3 from the {@code t1}, {@code d} in rows 1 and 3. */
    private static void radix4InterleavedSecond(float[] y, int yo, int os, int yq, int bound, int count, float[] tw,
                                                int twOff, int twStep, int sign) {
        float[] w = tw == null ? UNIT : tw;
        int step = tw == null ? 0 : twStep, w0 = tw == null ? 0 : twOff;
        FloatVector alt = fromArray(F, ALTERNATING, 0);
        FloatVector rot = alt.mul((float) sign); // (re, im)·(sign·i) = swap·(−sign, +sign)
        FloatVector nrot = alt.mul((float) -sign); // swap(rot), exactly −rot
        for (int q = 0; q < count; q++) {
            int yb = yo + q * yq, wo = w0 + q * step;
            FloatVector w1r = broadcast(F, w[wo]), w1i = alt.mul(w[wo + 1]);
            FloatVector w3r = broadcast(F, w[wo + 4]), w3i = alt.mul(w[wo + 5]);
            for (int i = 0; i < bound; i += LANES) {
                FloatVector t1 = fromArray(F, y, yb + os + i), d = fromArray(F, y, yb + 3 * os + i);
                FloatVector sd;
                if (SWAP_BY_SHIFTS) { // swap(d), written out (see SWAP_BY_SHIFTS)
                    LongVector l = d.reinterpretAsLongs();
                    sd = l.lanewise(LSHL, 32).or(l.lanewise(LSHR, 32)).reinterpretAsFloats();
                } else {
                    sd = d.rearrange(SWAP_PAIRS);
                }
                FloatVector st1;
                if (SWAP_BY_SHIFTS) { // swap(t1), written out (see SWAP_BY_SHIFTS)
                    LongVector l = t1.reinterpretAsLongs();
                    st1 = l.lanewise(LSHL, 32).or(l.lanewise(LSHR, 32)).reinterpretAsFloats();
                } else {
                    st1 = t1.rearrange(SWAP_PAIRS);
                }
                FloatVector t3 = sd.mul(rot), st3 = d.mul(nrot);
                FloatVector v1 = t1.add(t3), v3 = t1.sub(t3);
                v1.mul(w1r).add(st1.add(st3).mul(w1i)).intoArray(y, yb + os + i);
                v3.mul(w3r).add(st1.sub(st3).mul(w3i)).intoArray(y, yb + 3 * os + i);
            }
        }
    }

    @Override
    public void radix2Interleaved(float[] x, int xo, int is, int xq, float[] y, int yo, int os, int yq, int len,
                                  int count, float[] tw, int twOff, int twStep) {
        float[] w = tw == null ? UNIT : tw;
        int step = tw == null ? 0 : twStep;
        FloatVector alt = fromArray(F, ALTERNATING, 0);
        int bound = F.loopBound(len);
        for (int q = 0; q < count; q++) {
            int xb = xo + q * xq, yb = yo + q * yq, wo = (tw == null ? 0 : twOff) + q * step;
            FloatVector w1r = broadcast(F, w[wo]), w1i = alt.mul(w[wo + 1]);
            for (int i = 0; i < bound; i += LANES) {
                FloatVector a0 = fromArray(F, x, xb + i), a1 = fromArray(F, x, xb + is + i);
                a0.add(a1).intoArray(y, yb + i);
                FloatVector v = a0.sub(a1);
                FloatVector sv;
                if (SWAP_BY_SHIFTS) { // swap(v), inline (see swap)
                    LongVector l = v.reinterpretAsLongs();
                    sv = l.lanewise(LSHL, 32).or(l.lanewise(LSHR, 32)).reinterpretAsFloats();
                } else {
                    sv = v.rearrange(SWAP_PAIRS);
                }
                v.mul(w1r).add(sv.mul(w1i)).intoArray(y, yb + os + i);
            }
            for (int i = bound; i < len; i += 2) { // scalar tail inline (above FreqInlineSize, as radix4Interleaved)
                float a0r = x[xb + i], a0i = x[xb + i + 1], a1r = x[xb + is + i], a1i = x[xb + is + i + 1];
                float vr = a0r - a1r, vi = a0i - a1i;
                y[yb + i] = a0r + a1r;
                y[yb + i + 1] = a0i + a1i;
                if (tw == null) {
                    y[yb + os + i] = vr;
                    y[yb + os + i + 1] = vi;
                } else {
                    float wr = tw[wo], wi = tw[wo + 1];
                    y[yb + os + i] = vr * wr - vi * wi;
                    y[yb + os + i + 1] = vr * wi + vi * wr;
                }
            }
        }
    }

    /*
     * Rows in the interleaved tile order: a vector holds one complex value of LANES/2 rows, read or
     * written by one gather/scatter whose index map is the rows' pair offsets (pairIndex). Same
     * number of gathers per element as the split copies (two half-vectors' worth of rows each).
     */
    private static final int ROWS = LANES / 2; // rows per vector in the interleaved order
    private static final float[] CONJUGATE = conjugate();

    private static float[] conjugate() {
        float[] a = new float[LANES];
        for (int i = 0; i < LANES; i++) {
            a[i] = (i & 1) == 0 ? 1f : -1f;
        }
        return a;
    }

    /*
     * The gathers and scatters of the row transposes below are the Vector API's deepest call chains
     * (JDK 17: fromArray(…, int[] indexMap, …) builds and bounds-checks an index vector,
     * about ten JDK frames down to the VectorSupport intrinsic). When C2 inlined these kernels into a
     * tile method, and that into a tile lambda, the innermost frames passed MaxInlineLevel and ran the
     * boxed Java fallback (121 MB and 25 ms per 1024² forward + inverse instead of 184 bytes and 6 ms;
     * bench/RESULTS.md, FFT session 6). So every vector kernel is larger than FreqInlineSize (325
     * bytecodes): C2 never inlines it into a caller ("hot method too big") and compiles it as a root
     * of its own, where those chains start at depth 1. Here that size comes from the scalar tail
     * inline and four elements per iteration (four independent gathers in flight).
     */
    @Override
    public void rowsToInterleaved(float[] src, int off, int[] pairIndex, int lanes, int len, float[] a) {
        int t0 = 0;
        for (; t0 + ROWS <= lanes; t0 += ROWS) {
            int e = 0, m = 2 * t0, el = 2 * lanes;
            for (; e + 3 < len; e += 4) {
                int s = off + 2 * e, d = e * el + m;
                FloatVector v0 = fromArray(F, src, s, pairIndex, m);
                FloatVector v1 = fromArray(F, src, s + 2, pairIndex, m);
                FloatVector v2 = fromArray(F, src, s + 4, pairIndex, m);
                FloatVector v3 = fromArray(F, src, s + 6, pairIndex, m);
                v0.intoArray(a, d);
                v1.intoArray(a, d + el);
                v2.intoArray(a, d + 2 * el);
                v3.intoArray(a, d + 3 * el);
            }
            for (; e < len; e++) {
                fromArray(F, src, off + 2 * e, pairIndex, m).intoArray(a, e * el + m);
            }
        }
        for (; t0 < lanes; t0 += 8) { // scalar tail, as ScalarFftKernels.rowsToInterleavedFrom
            int t1 = Math.min(lanes, t0 + 8);
            for (int e = 0; e < len; e++) {
                int d = 2 * e * lanes;
                for (int t = t0; t < t1; t++) {
                    int s = off + pairIndex[2 * t] + 2 * e;
                    a[d + 2 * t] = src[s];
                    a[d + 2 * t + 1] = src[s + 1];
                }
            }
        }
    }

    @Override
    public void interleavedToRows(float[] a, int lanes, int len, float[] dst, int off, int[] pairIndex, float scale) {
        // Unlike splitToRows (16 rows per scatter), 8 rows per scatter stay fast at row strides that
        // are multiples of 4 KiB: real rows of width 1024, all tiles, 0.54 ms against 1.47 ms with
        // the scalar 8-row copy (TileProbe ilvpasses, one thread, two runs each).
        int t0 = 0;
        for (; t0 + ROWS <= lanes; t0 += ROWS) {
            int e = 0, m = 2 * t0, el = 2 * lanes;
            // three scatters per iteration (four scatter chains in all): with four per iteration the
            // kernel was at C2's parse node budget (RESULTS, FFT session 6, part 2)
            for (; e + 2 < len; e += 3) {
                int s = e * el + m, d = off + 2 * e;
                FloatVector v0 = fromArray(F, a, s).mul(scale);
                FloatVector v1 = fromArray(F, a, s + el).mul(scale);
                FloatVector v2 = fromArray(F, a, s + 2 * el).mul(scale);
                v0.intoArray(dst, d, pairIndex, m);
                v1.intoArray(dst, d + 2, pairIndex, m);
                v2.intoArray(dst, d + 4, pairIndex, m);
            }
            for (; e < len; e++) {
                fromArray(F, a, e * el + m).mul(scale).intoArray(dst, off + 2 * e, pairIndex, m);
            }
        }
        for (; t0 < lanes; t0 += 8) { // scalar tail, as ScalarFftKernels.interleavedToRowsFrom
            int t1 = Math.min(lanes, t0 + 8);
            for (int e = 0; e < len; e++) {
                int s = 2 * e * lanes;
                for (int t = t0; t < t1; t++) {
                    int d = off + pairIndex[2 * t] + 2 * e;
                    dst[d] = a[s + 2 * t] * scale;
                    dst[d + 1] = a[s + 2 * t + 1] * scale;
                }
            }
        }
    }

    /**
     * With {@code C = conj Z_{h−k}} (a sign mask), {@code E = (Z + C)/2}, {@code O = −i(Z − C)/2}
     * (a pair swap and a sign mask) and {@code X = (E + O·wr) + swap(O)·(−wi, wi)}: the split
     * kernel's roundings, operation for operation.
     */
    @Override
    public void realForwardPostInterleavedToRows(float[] z, int h, int lanes, float[] cos, float[] sin, float[] dst,
                                                 int off, int[] pairIndex) {
        FloatVector conj = fromArray(F, CONJUGATE, 0), alt = fromArray(F, ALTERNATING, 0);
        int t0 = 0;
        for (; t0 + ROWS <= lanes; t0 += ROWS) {
            for (int k = 0; k <= h; k++) {
                int i1 = 2 * (k == h ? 0 : k) * lanes + 2 * t0, i2 = 2 * (k == 0 ? 0 : h - k) * lanes + 2 * t0;
                FloatVector zv = fromArray(F, z, i1), c = fromArray(F, z, i2).mul(conj);
                FloatVector e = zv.add(c).mul(0.5f);
                FloatVector q = zv.sub(c).mul(0.5f);
                FloatVector sq;
                if (SWAP_BY_SHIFTS) { // swap(q), inline (see swap)
                    LongVector l = q.reinterpretAsLongs();
                    sq = l.lanewise(LSHL, 32).or(l.lanewise(LSHR, 32)).reinterpretAsFloats();
                } else {
                    sq = q.rearrange(SWAP_PAIRS);
                }
                FloatVector o = sq.mul(conj);
                // swap(O)·(−wi, wi) with swap(O) = q·(−1, 1): q·(−wi) exactly (sign flips are exact)
                FloatVector x = e.add(o.mul(cos[k])).add(q.mul(-sin[k]));
                x.intoArray(dst, off + 2 * k, pairIndex, 2 * t0);
            }
        }
        // scalar tail inline, as ScalarFftKernels.realForwardPostInterleavedToRowsFrom: it keeps this
        // kernel above FreqInlineSize, so that C2 compiles it as a unit of its own instead of inlining
        // it with the row copies and the butterflies into RealRows (see realForwardPost); with the
        // tail called, SteadyStateAllocationTest caught boxing in one suite run
        for (; t0 < lanes; t0++) {
            int row = off + pairIndex[2 * t0];
            for (int k = 0; k <= h; k++) {
                float wr = cos[k], wi = -sin[k];
                int i1 = 2 * (k == h ? 0 : k) * lanes + 2 * t0, i2 = 2 * (k == 0 ? 0 : h - k) * lanes + 2 * t0;
                float zr = z[i1], zi = z[i1 + 1], cr = z[i2], ci = -z[i2 + 1];
                float er = 0.5f * (zr + cr), ei = 0.5f * (zi + ci);
                float or = 0.5f * (zi - ci), oi = -0.5f * (zr - cr);
                dst[row + 2 * k] = er + wr * or - wi * oi;
                dst[row + 2 * k + 1] = ei + wr * oi + wi * or;
            }
        }
    }

    /**
     * Bin {@code k} with its partner {@code h − k} (as {@link #rowsToRealInversePre}): with
     * {@code C} the conjugate partner, {@code E = (X + C)/2}, {@code D = (X − C)/2},
     * {@code Z = E + i·(D·w)}, computed as {@code E + D·(−wi) + swap(D)·(−wr, wr)} (one pair swap).
     * One output per iteration (each pair's two rows are gathered twice): the two-output body of
     * session 3 (about 45 Vector-API calls with two gathers) passed C2's parse node budget after
     * DelpNet had run in the same JVM, and its stores then boxed (bench/RESULTS.md, FFT session 6,
     * part 2). The scalar tail is inline, as ScalarFftKernels.rowsToRealInversePreInterleavedFrom,
     * which keeps this kernel above FreqInlineSize (a compilation root of its own).
     */
    @Override
    public void rowsToRealInversePreInterleaved(float[] src, int off, int[] pairIndex, int lanes, int h, float[] cos,
                                                float[] sin, float[] z) {
        FloatVector conj = fromArray(F, CONJUGATE, 0), alt = fromArray(F, ALTERNATING, 0);
        int t0 = 0;
        for (; t0 + ROWS <= lanes; t0 += ROWS) {
            for (int k = 0; k < h; k++) {
                FloatVector x = fromArray(F, src, off + 2 * k, pairIndex, 2 * t0);
                FloatVector c = fromArray(F, src, off + 2 * (h - k), pairIndex, 2 * t0).mul(conj);
                FloatVector e = x.add(c).mul(0.5f), d = x.sub(c).mul(0.5f);
                // E + i·(D·w) as E + D·(−wi) + swap(D)·(−wr, wr): the same products and sums, one swap
                FloatVector sd;
                if (SWAP_BY_SHIFTS) { // sd = swap(d), written out (see SWAP_BY_SHIFTS)
                    LongVector l = d.reinterpretAsLongs();
                    sd = l.lanewise(LSHL, 32).or(l.lanewise(LSHR, 32)).reinterpretAsFloats();
                } else {
                    sd = d.rearrange(SWAP_PAIRS);
                }
                e.add(d.mul(-sin[k]).add(sd.mul(alt.mul(cos[k])))).intoArray(z, 2 * k * lanes + 2 * t0);
            }
        }
        for (; t0 < lanes; t0 += 8) { // scalar tail, as ScalarFftKernels.rowsToRealInversePreInterleavedFrom
            int t1 = Math.min(lanes, t0 + 8);
            for (int k = 0; k < h; k++) {
                float wr = cos[k], wi = sin[k];
                int i1 = 2 * k * lanes;
                for (int t = t0; t < t1; t++) {
                    int s = off + pairIndex[2 * t];
                    float xr = src[s + 2 * k], xi = src[s + 2 * k + 1];
                    float cr = src[s + 2 * (h - k)], ci = -src[s + 2 * (h - k) + 1];
                    float er = 0.5f * (xr + cr), ei = 0.5f * (xi + ci);
                    float dr = 0.5f * (xr - cr), di = 0.5f * (xi - ci);
                    float or = dr * wr - di * wi, oi = dr * wi + di * wr;
                    z[i1 + 2 * t] = er - oi;
                    z[i1 + 2 * t + 1] = ei + or;
                }
            }
        }
    }

    /**
     * Radix 3 on interleaved values: stores the untwiddled outputs 1 and 2 and lets {@link #twiddleRows}
     * (a root of its own) multiply them (session 7: with the twiddle products, three pair swaps, the unit
     * was about 108 % of C2's parse node budget by {@code KernelParseBudgetTest}'s model, now about half).
     * Same products and sums as before (a float stored and loaded again is the same float): same bits.
     */
    @Override
    public void radix3Interleaved(float[] x, int xo, int is, int xq, float[] y, int yo, int os, int yq, int len,
                                  int count, float[] tw, int twOff, int twStep, int sign) {
        float[] w = tw == null ? UNIT : tw;
        int step = tw == null ? 0 : twStep;
        FloatVector alt = fromArray(F, ALTERNATING, 0);
        FloatVector rot = alt.mul(sign * ScalarFftKernels.SIN60); // B = i·sn·D = swap(D)·(−sn, sn)
        int bound = F.loopBound(len);
        for (int q = 0; q < count; q++) {
            int xb = xo + q * xq, yb = yo + q * yq, wo = (tw == null ? 0 : twOff) + q * step;
            for (int i = 0; i < bound; i += LANES) {
                FloatVector a0 = fromArray(F, x, xb + i), a1 = fromArray(F, x, xb + is + i);
                FloatVector a2 = fromArray(F, x, xb + 2 * is + i);
                FloatVector sm = a1.add(a2), d = a1.sub(a2);
                FloatVector sd;
                if (SWAP_BY_SHIFTS) { // sd = swap(d), written out (see SWAP_BY_SHIFTS)
                    LongVector l = d.reinterpretAsLongs();
                    sd = l.lanewise(LSHL, 32).or(l.lanewise(LSHR, 32)).reinterpretAsFloats();
                } else {
                    sd = d.rearrange(SWAP_PAIRS);
                }
                FloatVector a = a0.sub(sm.mul(0.5f)), b = sd.mul(rot);
                a0.add(sm).intoArray(y, yb + i);
                a.add(b).intoArray(y, yb + os + i); // u1, u2: twiddled by twiddleRows
                a.sub(b).intoArray(y, yb + 2 * os + i);
            }
            twiddleRows(y, yb, os, 3, bound, w, wo);
            if (bound < len) {
                ScalarFftKernels.radix3InterleavedFrom(bound, x, xb, is, y, yb, os, len, tw, wo, sign); // scalar tail
            }
        }
    }

    /**
     * Radix 5 in three loops over the lanes: the butterfly's outputs 0, 1, 4 and 2, 3 as {@link #radix5}
     * (each loop a C2 compilation root of its own), stored before the twiddles, then the twiddle
     * products of outputs 1–4 in place. The same operations as one loop (a float stored and loaded
     * again is the same float); split so that no compiled unit comes near C2's parse node budget
     * (NodeCountInliningCutoff), which the butterflies with their twiddle products (three pair swaps,
     * about 45 Vector-API calls each) passed after DelpNet had run in the same JVM: the last stores'
     * intrinsics were then not expanded and every call boxed (bench/RESULTS.md, FFT session 6, part 2).
     */
    @Override
    public void radix5Interleaved(float[] x, int xo, int is, int xq, float[] y, int yo, int os, int yq, int len,
                                  int count, float[] tw, int twOff, int twStep, int sign) {
        float[] w = tw == null ? UNIT : tw;
        int step = tw == null ? 0 : twStep;
        int bound = F.loopBound(len);
        for (int q = 0; q < count; q++) {
            int xb = xo + q * xq, yb = yo + q * yq, wo = (tw == null ? 0 : twOff) + q * step;
            radix5InterleavedOuter(x, xb, is, y, yb, os, bound, sign);
            radix5InterleavedInner(x, xb, is, y, yb, os, bound, sign);
            twiddleRows(y, yb, os, 5, bound, w, wo);
            if (bound < len) {
                ScalarFftKernels.radix5InterleavedFrom(bound, x, xb, is, y, yb, os, len, tw, wo, sign); // scalar tail
            }
        }
    }

    /**
     * Outputs 0, 1, 4 as in {@link #radix5Outer}: {@code T = sa·d1 + sb·d2} holds (bi, nbr), so
     * {@code B = swap(T)·(−1, 1)} = (−nbr, bi), {@code y1 = A + B}, {@code y4 = A − B}.
     */
    private static void radix5InterleavedOuter(float[] x, int xb, int is, float[] y, int yb, int os, int bound,
                                               int sign) {
        FloatVector alt = fromArray(F, ALTERNATING, 0);
        FloatVector ca = broadcast(F, ScalarFftKernels.C1), cb = broadcast(F, ScalarFftKernels.C2);
        FloatVector sa = broadcast(F, sign * ScalarFftKernels.S1);
        FloatVector sb = broadcast(F, sign * ScalarFftKernels.S2);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector a0 = fromArray(F, x, xb + i), a1 = fromArray(F, x, xb + is + i);
            FloatVector a4 = fromArray(F, x, xb + 4 * is + i);
            FloatVector a2 = fromArray(F, x, xb + 2 * is + i), a3 = fromArray(F, x, xb + 3 * is + i);
            FloatVector p1 = a1.add(a4), d1 = a1.sub(a4), p2 = a2.add(a3), d2 = a2.sub(a3);
            a0.add(p1).add(p2).intoArray(y, yb + i);
            FloatVector a = a0.add(p1.mul(ca)).add(p2.mul(cb));
            FloatVector t = d1.mul(sa).add(d2.mul(sb));
            FloatVector st;
            if (SWAP_BY_SHIFTS) { // st = swap(t), written out (see SWAP_BY_SHIFTS)
                LongVector l = t.reinterpretAsLongs();
                st = l.lanewise(LSHL, 32).or(l.lanewise(LSHR, 32)).reinterpretAsFloats();
            } else {
                st = t.rearrange(SWAP_PAIRS);
            }
            FloatVector b = st.mul(alt);
            a.add(b).intoArray(y, yb + os + i); // u1, u4: twiddled by twiddleRows
            a.sub(b).intoArray(y, yb + 4 * os + i);
        }
    }

    /** Outputs 2 and 3, as {@link #radix5Inner}. */
    private static void radix5InterleavedInner(float[] x, int xb, int is, float[] y, int yb, int os, int bound,
                                               int sign) {
        FloatVector alt = fromArray(F, ALTERNATING, 0);
        FloatVector ca = broadcast(F, ScalarFftKernels.C2), cb = broadcast(F, ScalarFftKernels.C1);
        FloatVector sa = broadcast(F, sign * ScalarFftKernels.S2);
        FloatVector sb = broadcast(F, sign * -ScalarFftKernels.S1);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector a0 = fromArray(F, x, xb + i), a1 = fromArray(F, x, xb + is + i);
            FloatVector a4 = fromArray(F, x, xb + 4 * is + i);
            FloatVector a2 = fromArray(F, x, xb + 2 * is + i), a3 = fromArray(F, x, xb + 3 * is + i);
            FloatVector p1 = a1.add(a4), d1 = a1.sub(a4), p2 = a2.add(a3), d2 = a2.sub(a3);
            FloatVector a = a0.add(p1.mul(ca)).add(p2.mul(cb));
            FloatVector t = d1.mul(sa).add(d2.mul(sb));
            FloatVector st;
            if (SWAP_BY_SHIFTS) { // st = swap(t), written out (see SWAP_BY_SHIFTS)
                LongVector l = t.reinterpretAsLongs();
                st = l.lanewise(LSHL, 32).or(l.lanewise(LSHR, 32)).reinterpretAsFloats();
            } else {
                st = t.rearrange(SWAP_PAIRS);
            }
            FloatVector b = st.mul(alt);
            a.add(b).intoArray(y, yb + 2 * os + i); // u2, u3: twiddled by twiddleRows
            a.sub(b).intoArray(y, yb + 3 * os + i);
        }
    }

    /**
     * Rows {@code 1 … r−1} of a radix-{@code r} butterfly's untwiddled outputs ({@code y + yb + j·os},
     * lanes {@code [0, bound)}) times their twiddles {@code w[wo + 2(j−1)]}, in place:
     * {@code u·wr + swap(u)·(−wi, wi)}, the very products and sum the butterflies computed before
     * (a float stored and loaded again is the same float). A pass of its own so that no radix-5
     * compilation unit comes near C2's parse node budget (NodeCountInliningCutoff): with their twiddle
     * products (three pair swaps, about 45 Vector-API calls) the radix-5 butterflies passed it after
     * DelpNet had run in the same JVM, the last stores' intrinsics were not expanded and every call
     * boxed (bench/RESULTS.md, FFT session 6, part 2). Used by radix 5 and (session 7) radix 3 and the
     * generic odd radix (radix 3 with it: 84² ×1.10, 270² ×1.00, 1000² ×0.85 against session 6's kernels,
     * bench/RESULTS.md FFT session 7 part 2; for radix 4 such a pass cost 10–25 %, session 6). Two
     * rows per iteration (session 7: two vectors of one row and a one-vector remainder loop were about
     * 87 % of the parse node budget by {@code KernelParseBudgetTest}'s model; {@code r − 1} is even);
     * above FreqInlineSize, so C2 compiles it as a root of its own.
     */
    private static void twiddleRows(float[] y, int yb, int os, int r, int bound, float[] w, int wo) {
        FloatVector alt = fromArray(F, ALTERNATING, 0);
        for (int j = 1; j < r; j += 2) { // r − 1 rows, an even number: rows j and j + 1 side by side
            FloatVector wr = broadcast(F, w[wo + 2 * j - 2]), wi = alt.mul(w[wo + 2 * j - 1]);
            FloatVector vr = broadcast(F, w[wo + 2 * j]), vi = alt.mul(w[wo + 2 * j + 1]);
            int row = yb + j * os, next = row + os;
            for (int i = 0; i < bound; i += LANES) {
                FloatVector u = fromArray(F, y, row + i), v = fromArray(F, y, next + i);
                FloatVector su;
                if (SWAP_BY_SHIFTS) { // su = swap(u), written out (see SWAP_BY_SHIFTS)
                    LongVector l = u.reinterpretAsLongs();
                    su = l.lanewise(LSHL, 32).or(l.lanewise(LSHR, 32)).reinterpretAsFloats();
                } else {
                    su = u.rearrange(SWAP_PAIRS);
                }
                FloatVector sv;
                if (SWAP_BY_SHIFTS) { // sv = swap(v), written out (see SWAP_BY_SHIFTS)
                    LongVector l = v.reinterpretAsLongs();
                    sv = l.lanewise(LSHL, 32).or(l.lanewise(LSHR, 32)).reinterpretAsFloats();
                } else {
                    sv = v.rearrange(SWAP_PAIRS);
                }
                u.mul(wr).add(su.mul(wi)).intoArray(y, row + i);
                v.mul(vr).add(sv.mul(vi)).intoArray(y, next + i);
            }
        }
    }

    /**
     * The generic odd radix on interleaved values. Stores the untwiddled outputs and lets
     * {@link #twiddleRows} (a root of its own) multiply rows {@code 1 … r−1} by their twiddles, as radix 5
     * does (session 7): with the twiddle products (two more pair swaps per output pair) the unit was
     * about 112 % of C2's parse node budget by {@code KernelParseBudgetTest}'s model. Same products and
     * sums as before (a float stored and loaded again is the same float): same bits.
     */
    @Override
    public void radixOddInterleaved(int r, float[] cos, float[] sin, float[] x, int xo, int is, int xq, float[] y,
                                    int yo, int os, int yq, int len, int count, float[] tw, int twOff, int twStep,
                                    int sign) {
        float[] w = tw == null ? UNIT : tw;
        int step = tw == null ? 0 : twStep;
        FloatVector alt = fromArray(F, ALTERNATING, 0);
        int h = (r - 1) / 2;
        int bound = F.loopBound(len);
        for (int q = 0; q < count; q++) {
            int xb = xo + q * xq, yb = yo + q * yq, wo = (tw == null ? 0 : twOff) + q * step;
            for (int i = 0; i < bound; i += LANES) {
                FloatVector a0 = fromArray(F, x, xb + i);
                FloatVector y0 = a0;
                for (int k = 1; k < r; k++) {
                    y0 = y0.add(fromArray(F, x, xb + k * is + i));
                }
                y0.intoArray(y, yb + i);
                for (int j = 1; j <= h; j++) {
                    FloatVector a = a0, b = FloatVector.zero(F);
                    for (int k = 1; k <= h; k++) {
                        FloatVector p = fromArray(F, x, xb + k * is + i), pq = fromArray(F, x, xb + (r - k) * is + i);
                        int jk = (j * k) % r;
                        a = a.add(p.add(pq).mul(cos[jk]));
                        FloatVector dq = p.sub(pq);
                        FloatVector sdq;
                        if (SWAP_BY_SHIFTS) { // sdq = swap(dq), written out (see SWAP_BY_SHIFTS)
                            LongVector l = dq.reinterpretAsLongs();
                            sdq = l.lanewise(LSHL, 32).or(l.lanewise(LSHR, 32)).reinterpretAsFloats();
                        } else {
                            sdq = dq.rearrange(SWAP_PAIRS);
                        }
                        b = b.add(sdq.mul(alt.mul(sign * sin[jk])));
                    }
                    a.add(b).intoArray(y, yb + j * os + i); // u_j, u_{r−j}: twiddled by twiddleRows
                    a.sub(b).intoArray(y, yb + (r - j) * os + i);
                }
            }
            twiddleRows(y, yb, os, r, bound, w, wo);
            if (bound < len) { // scalar tail
                ScalarFftKernels.radixOddInterleavedFrom(bound, r, cos, sin, x, xb, is, y, yb, os, len, tw, wo, sign);
            }
        }
    }
}
