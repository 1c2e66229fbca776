package dev.delp.simd;

import jdk.incubator.vector.FloatVector;
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

    private static FloatVector ld(float[] a, int i) {
        return FloatVector.fromArray(F, a, i);
    }

    /** Stores {@code v·w} (or {@code v} when {@code unit}) at lane {@code i} of output planes re/im. */
    private static void put(float[] y, int re, int im, int i, FloatVector vr, FloatVector vi,
                            boolean unit, FloatVector wr, FloatVector wi) {
        if (unit) {
            vr.intoArray(y, re + i);
            vi.intoArray(y, im + i);
        } else {
            vr.mul(wr).sub(vi.mul(wi)).intoArray(y, re + i);
            vr.mul(wi).add(vi.mul(wr)).intoArray(y, im + i);
        }
    }

    private static FloatVector twr(float[] tw, int t) {
        return tw == null ? null : FloatVector.broadcast(F, tw[t]);
    }

    private static FloatVector twi(float[] tw, int t) {
        return tw == null ? null : FloatVector.broadcast(F, tw[t + 1]);
    }

    @Override
    public void radix2(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                       float[] tw, int twOff) {
        boolean unit = tw == null;
        FloatVector w1r = twr(tw, twOff), w1i = twi(tw, twOff);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += LANES) {
            FloatVector a0r = ld(x, xRe + i), a0i = ld(x, xIm + i), a1r = ld(x, xRe + is + i), a1i = ld(x, xIm + is + i);
            a0r.add(a1r).intoArray(y, yRe + i);
            a0i.add(a1i).intoArray(y, yIm + i);
            put(y, yRe + os, yIm + os, i, a0r.sub(a1r), a0i.sub(a1i), unit, w1r, w1i);
        }
        ScalarFftKernels.radix2From(i, x, xRe, xIm, is, y, yRe, yIm, os, len, tw, twOff); // scalar tail
    }

    @Override
    public void radix3(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                       float[] tw, int twOff, int sign) {
        boolean unit = tw == null;
        FloatVector w1r = twr(tw, twOff), w1i = twi(tw, twOff), w2r = twr(tw, twOff + 2), w2i = twi(tw, twOff + 2);
        float sn = sign * ScalarFftKernels.SIN60;
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += LANES) {
            FloatVector a0r = ld(x, xRe + i), a0i = ld(x, xIm + i);
            FloatVector a1r = ld(x, xRe + is + i), a1i = ld(x, xIm + is + i);
            FloatVector a2r = ld(x, xRe + 2 * is + i), a2i = ld(x, xIm + 2 * is + i);
            FloatVector sr = a1r.add(a2r), si = a1i.add(a2i), dr = a1r.sub(a2r), di = a1i.sub(a2i);
            FloatVector ar = a0r.sub(sr.mul(0.5f)), ai = a0i.sub(si.mul(0.5f));
            FloatVector br = di.mul(-sn), bi = dr.mul(sn);
            a0r.add(sr).intoArray(y, yRe + i);
            a0i.add(si).intoArray(y, yIm + i);
            put(y, yRe + os, yIm + os, i, ar.add(br), ai.add(bi), unit, w1r, w1i);
            put(y, yRe + 2 * os, yIm + 2 * os, i, ar.sub(br), ai.sub(bi), unit, w2r, w2i);
        }
        ScalarFftKernels.radix3From(i, x, xRe, xIm, is, y, yRe, yIm, os, len, tw, twOff, sign); // scalar tail
    }

    @Override
    public void radix4(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                       float[] tw, int twOff, int sign) {
        boolean unit = tw == null;
        FloatVector w1r = twr(tw, twOff), w1i = twi(tw, twOff), w2r = twr(tw, twOff + 2), w2i = twi(tw, twOff + 2);
        FloatVector w3r = twr(tw, twOff + 4), w3i = twi(tw, twOff + 4);
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += LANES) {
            FloatVector a0r = ld(x, xRe + i), a0i = ld(x, xIm + i);
            FloatVector a1r = ld(x, xRe + is + i), a1i = ld(x, xIm + is + i);
            FloatVector a2r = ld(x, xRe + 2 * is + i), a2i = ld(x, xIm + 2 * is + i);
            FloatVector a3r = ld(x, xRe + 3 * is + i), a3i = ld(x, xIm + 3 * is + i);
            FloatVector t0r = a0r.add(a2r), t0i = a0i.add(a2i), t1r = a0r.sub(a2r), t1i = a0i.sub(a2i);
            FloatVector t2r = a1r.add(a3r), t2i = a1i.add(a3i);
            FloatVector ur = a1r.sub(a3r), ui = a1i.sub(a3i);
            // (a1 − a3)·ω with ω = sign·i
            FloatVector t3r = sign < 0 ? ui : ui.neg(), t3i = sign < 0 ? ur.neg() : ur;
            t0r.add(t2r).intoArray(y, yRe + i);
            t0i.add(t2i).intoArray(y, yIm + i);
            put(y, yRe + os, yIm + os, i, t1r.add(t3r), t1i.add(t3i), unit, w1r, w1i);
            put(y, yRe + 2 * os, yIm + 2 * os, i, t0r.sub(t2r), t0i.sub(t2i), unit, w2r, w2i);
            put(y, yRe + 3 * os, yIm + 3 * os, i, t1r.sub(t3r), t1i.sub(t3i), unit, w3r, w3i);
        }
        ScalarFftKernels.radix4From(i, x, xRe, xIm, is, y, yRe, yIm, os, len, tw, twOff, sign); // scalar tail
    }

    @Override
    public void radix5(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                       float[] tw, int twOff, int sign) {
        boolean unit = tw == null;
        FloatVector w1r = twr(tw, twOff), w1i = twi(tw, twOff), w2r = twr(tw, twOff + 2), w2i = twi(tw, twOff + 2);
        FloatVector w3r = twr(tw, twOff + 4), w3i = twi(tw, twOff + 4), w4r = twr(tw, twOff + 6), w4i = twi(tw, twOff + 6);
        float c1 = ScalarFftKernels.C1, c2 = ScalarFftKernels.C2;
        float s1 = sign * ScalarFftKernels.S1, s2 = sign * ScalarFftKernels.S2;
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += LANES) {
            FloatVector a0r = ld(x, xRe + i), a0i = ld(x, xIm + i);
            FloatVector a1r = ld(x, xRe + is + i), a1i = ld(x, xIm + is + i);
            FloatVector a2r = ld(x, xRe + 2 * is + i), a2i = ld(x, xIm + 2 * is + i);
            FloatVector a3r = ld(x, xRe + 3 * is + i), a3i = ld(x, xIm + 3 * is + i);
            FloatVector a4r = ld(x, xRe + 4 * is + i), a4i = ld(x, xIm + 4 * is + i);
            FloatVector p1r = a1r.add(a4r), p1i = a1i.add(a4i), d1r = a1r.sub(a4r), d1i = a1i.sub(a4i);
            FloatVector p2r = a2r.add(a3r), p2i = a2i.add(a3i), d2r = a2r.sub(a3r), d2i = a2i.sub(a3i);
            FloatVector A1r = a0r.add(p1r.mul(c1)).add(p2r.mul(c2)), A1i = a0i.add(p1i.mul(c1)).add(p2i.mul(c2));
            FloatVector A2r = a0r.add(p1r.mul(c2)).add(p2r.mul(c1)), A2i = a0i.add(p1i.mul(c2)).add(p2i.mul(c1));
            FloatVector B1r = d1i.mul(s1).add(d2i.mul(s2)).neg(), B1i = d1r.mul(s1).add(d2r.mul(s2));
            FloatVector B2r = d1i.mul(s2).sub(d2i.mul(s1)).neg(), B2i = d1r.mul(s2).sub(d2r.mul(s1));
            a0r.add(p1r).add(p2r).intoArray(y, yRe + i);
            a0i.add(p1i).add(p2i).intoArray(y, yIm + i);
            put(y, yRe + os, yIm + os, i, A1r.add(B1r), A1i.add(B1i), unit, w1r, w1i);
            put(y, yRe + 2 * os, yIm + 2 * os, i, A2r.add(B2r), A2i.add(B2i), unit, w2r, w2i);
            put(y, yRe + 3 * os, yIm + 3 * os, i, A2r.sub(B2r), A2i.sub(B2i), unit, w3r, w3i);
            put(y, yRe + 4 * os, yIm + 4 * os, i, A1r.sub(B1r), A1i.sub(B1i), unit, w4r, w4i);
        }
        ScalarFftKernels.radix5From(i, x, xRe, xIm, is, y, yRe, yIm, os, len, tw, twOff, sign); // scalar tail
    }

    @Override
    public void radixOdd(int r, float[] cos, float[] sin, float[] x, int xRe, int xIm, int is, float[] y,
                         int yRe, int yIm, int os, int len, float[] tw, int twOff, int sign) {
        boolean unit = tw == null;
        int h = (r - 1) / 2;
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += LANES) {
            FloatVector a0r = ld(x, xRe + i), a0i = ld(x, xIm + i);
            FloatVector y0r = a0r, y0i = a0i;
            for (int k = 1; k < r; k++) {
                y0r = y0r.add(ld(x, xRe + k * is + i));
                y0i = y0i.add(ld(x, xIm + k * is + i));
            }
            y0r.intoArray(y, yRe + i);
            y0i.intoArray(y, yIm + i);
            for (int j = 1; j <= h; j++) {
                FloatVector ar = a0r, ai = a0i, br = FloatVector.zero(F), bi = FloatVector.zero(F);
                for (int k = 1; k <= h; k++) {
                    FloatVector pr = ld(x, xRe + k * is + i), pi = ld(x, xIm + k * is + i);
                    FloatVector qr = ld(x, xRe + (r - k) * is + i), qi = ld(x, xIm + (r - k) * is + i);
                    int jk = (j * k) % r;
                    float c = cos[jk], s = sign * sin[jk];
                    ar = ar.add(pr.add(qr).mul(c));
                    ai = ai.add(pi.add(qi).mul(c));
                    br = br.sub(pi.sub(qi).mul(s));
                    bi = bi.add(pr.sub(qr).mul(s));
                }
                int tj = twOff + 2 * (j - 1), tk = twOff + 2 * (r - j - 1);
                put(y, yRe + j * os, yIm + j * os, i, ar.add(br), ai.add(bi), unit, twr(tw, tj), twi(tw, tj));
                put(y, yRe + (r - j) * os, yIm + (r - j) * os, i, ar.sub(br), ai.sub(bi), unit, twr(tw, tk), twi(tw, tk));
            }
        }
        ScalarFftKernels.radixOddFrom(i, r, cos, sin, x, xRe, xIm, is, y, yRe, yIm, os, len, tw, twOff, sign); // scalar tail
    }

    @Override
    public void rotate(float[] x, int xRe, int xIm, float[] y, int yRe, int yIm, int len, float wr, float wi) {
        int i = 0;
        for (int bound = F.loopBound(len); i < bound; i += LANES) {
            FloatVector vr = ld(x, xRe + i), vi = ld(x, xIm + i);
            vr.mul(wr).sub(vi.mul(wi)).intoArray(y, yRe + i);
            vr.mul(wi).add(vi.mul(wr)).intoArray(y, yIm + i);
        }
        ScalarFftKernels.rotateFrom(i, x, xRe, xIm, y, yRe, yIm, len, wr, wi); // scalar tail
    }
}
