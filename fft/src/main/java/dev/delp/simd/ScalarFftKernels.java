package dev.delp.simd;

/**
 * Reference implementation of {@link FftKernels}: plain loops. The static {@code *From} methods
 * start at lane {@code from}, so the vector implementation uses them for its tails.
 */
final class ScalarFftKernels implements FftKernels {
    static final float SIN60 = (float) (Math.sqrt(3) / 2);
    static final float C1 = (float) Math.cos(2 * Math.PI / 5), C2 = (float) Math.cos(4 * Math.PI / 5);
    static final float S1 = (float) Math.sin(2 * Math.PI / 5), S2 = (float) Math.sin(4 * Math.PI / 5);

    private final String description;

    ScalarFftKernels(String description) {
        this.description = description;
    }

    @Override public String description() { return description; }

    @Override
    public void radix2(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                       float[] tw, int twOff) {
        radix2From(0, x, xRe, xIm, is, y, yRe, yIm, os, len, tw, twOff);
    }

    @Override
    public void radix3(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                       float[] tw, int twOff, int sign) {
        radix3From(0, x, xRe, xIm, is, y, yRe, yIm, os, len, tw, twOff, sign);
    }

    @Override
    public void radix4(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                       float[] tw, int twOff, int sign) {
        radix4From(0, x, xRe, xIm, is, y, yRe, yIm, os, len, tw, twOff, sign);
    }

    @Override
    public void radix5(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                       float[] tw, int twOff, int sign) {
        radix5From(0, x, xRe, xIm, is, y, yRe, yIm, os, len, tw, twOff, sign);
    }

    @Override
    public void radixOdd(int r, float[] cos, float[] sin, float[] x, int xRe, int xIm, int is, float[] y,
                         int yRe, int yIm, int os, int len, float[] tw, int twOff, int sign) {
        radixOddFrom(0, r, cos, sin, x, xRe, xIm, is, y, yRe, yIm, os, len, tw, twOff, sign);
    }

    @Override
    public void rotate(float[] x, int xRe, int xIm, float[] y, int yRe, int yIm, int len, float wr, float wi) {
        rotateFrom(0, x, xRe, xIm, y, yRe, yIm, len, wr, wi);
    }

    /** Stores {@code (vr, vi)·w_j} at output {@code j}, lane {@code i}. */
    private static void put(float[] y, int re, int im, int i, float vr, float vi, float[] tw, int t) {
        if (tw == null) {
            y[re + i] = vr;
            y[im + i] = vi;
        } else {
            float wr = tw[t], wi = tw[t + 1];
            y[re + i] = vr * wr - vi * wi;
            y[im + i] = vr * wi + vi * wr;
        }
    }

    static void radix2From(int from, float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os,
                           int len, float[] tw, int twOff) {
        for (int i = from; i < len; i++) {
            float a0r = x[xRe + i], a0i = x[xIm + i], a1r = x[xRe + is + i], a1i = x[xIm + is + i];
            y[yRe + i] = a0r + a1r;
            y[yIm + i] = a0i + a1i;
            put(y, yRe + os, yIm + os, i, a0r - a1r, a0i - a1i, tw, twOff);
        }
    }

    static void radix3From(int from, float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os,
                           int len, float[] tw, int twOff, int sign) {
        float sn = sign * SIN60;
        for (int i = from; i < len; i++) {
            float a0r = x[xRe + i], a0i = x[xIm + i];
            float a1r = x[xRe + is + i], a1i = x[xIm + is + i];
            float a2r = x[xRe + 2 * is + i], a2i = x[xIm + 2 * is + i];
            float sr = a1r + a2r, si = a1i + a2i, dr = a1r - a2r, di = a1i - a2i;
            float ar = a0r - 0.5f * sr, ai = a0i - 0.5f * si;
            float br = -sn * di, bi = sn * dr;
            y[yRe + i] = a0r + sr;
            y[yIm + i] = a0i + si;
            put(y, yRe + os, yIm + os, i, ar + br, ai + bi, tw, twOff);
            put(y, yRe + 2 * os, yIm + 2 * os, i, ar - br, ai - bi, tw, twOff + 2);
        }
    }

    static void radix4From(int from, float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os,
                           int len, float[] tw, int twOff, int sign) {
        for (int i = from; i < len; i++) {
            float a0r = x[xRe + i], a0i = x[xIm + i];
            float a1r = x[xRe + is + i], a1i = x[xIm + is + i];
            float a2r = x[xRe + 2 * is + i], a2i = x[xIm + 2 * is + i];
            float a3r = x[xRe + 3 * is + i], a3i = x[xIm + 3 * is + i];
            float t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
            float t2r = a1r + a3r, t2i = a1i + a3i;
            float t3r = -sign * (a1i - a3i), t3i = sign * (a1r - a3r); // (a1 − a3)·ω, ω = sign·i
            y[yRe + i] = t0r + t2r;
            y[yIm + i] = t0i + t2i;
            put(y, yRe + os, yIm + os, i, t1r + t3r, t1i + t3i, tw, twOff);
            put(y, yRe + 2 * os, yIm + 2 * os, i, t0r - t2r, t0i - t2i, tw, twOff + 2);
            put(y, yRe + 3 * os, yIm + 3 * os, i, t1r - t3r, t1i - t3i, tw, twOff + 4);
        }
    }

    static void radix5From(int from, float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os,
                           int len, float[] tw, int twOff, int sign) {
        float s1 = sign * S1, s2 = sign * S2;
        for (int i = from; i < len; i++) {
            float a0r = x[xRe + i], a0i = x[xIm + i];
            float a1r = x[xRe + is + i], a1i = x[xIm + is + i];
            float a2r = x[xRe + 2 * is + i], a2i = x[xIm + 2 * is + i];
            float a3r = x[xRe + 3 * is + i], a3i = x[xIm + 3 * is + i];
            float a4r = x[xRe + 4 * is + i], a4i = x[xIm + 4 * is + i];
            float p1r = a1r + a4r, p1i = a1i + a4i, d1r = a1r - a4r, d1i = a1i - a4i;
            float p2r = a2r + a3r, p2i = a2i + a3i, d2r = a2r - a3r, d2i = a2i - a3i;
            float A1r = a0r + C1 * p1r + C2 * p2r, A1i = a0i + C1 * p1i + C2 * p2i;
            float A2r = a0r + C2 * p1r + C1 * p2r, A2i = a0i + C2 * p1i + C1 * p2i;
            float B1r = -(s1 * d1i + s2 * d2i), B1i = s1 * d1r + s2 * d2r;
            float B2r = -(s2 * d1i - s1 * d2i), B2i = s2 * d1r - s1 * d2r;
            y[yRe + i] = a0r + p1r + p2r;
            y[yIm + i] = a0i + p1i + p2i;
            put(y, yRe + os, yIm + os, i, A1r + B1r, A1i + B1i, tw, twOff);
            put(y, yRe + 2 * os, yIm + 2 * os, i, A2r + B2r, A2i + B2i, tw, twOff + 2);
            put(y, yRe + 3 * os, yIm + 3 * os, i, A2r - B2r, A2i - B2i, tw, twOff + 4);
            put(y, yRe + 4 * os, yIm + 4 * os, i, A1r - B1r, A1i - B1i, tw, twOff + 6);
        }
    }

    /**
     * Odd radix by symmetric pairs: {@code y_j = A_j + B_j}, {@code y_{r−j} = A_j − B_j} with
     * {@code A_j = a_0 + Σ_k (a_k + a_{r−k}) cos(2πjk/r)}, {@code B_j = i·sign·Σ_k (a_k − a_{r−k}) sin(2πjk/r)}.
     */
    static void radixOddFrom(int from, int r, float[] cos, float[] sin, float[] x, int xRe, int xIm, int is,
                             float[] y, int yRe, int yIm, int os, int len, float[] tw, int twOff, int sign) {
        int h = (r - 1) / 2;
        for (int i = from; i < len; i++) {
            float a0r = x[xRe + i], a0i = x[xIm + i];
            float y0r = a0r, y0i = a0i;
            for (int k = 1; k < r; k++) {
                y0r += x[xRe + k * is + i];
                y0i += x[xIm + k * is + i];
            }
            y[yRe + i] = y0r;
            y[yIm + i] = y0i;
            for (int j = 1; j <= h; j++) {
                float ar = a0r, ai = a0i, br = 0, bi = 0;
                for (int k = 1; k <= h; k++) {
                    float pr = x[xRe + k * is + i], pi = x[xIm + k * is + i];
                    float qr = x[xRe + (r - k) * is + i], qi = x[xIm + (r - k) * is + i];
                    int jk = (j * k) % r;
                    float c = cos[jk], s = sign * sin[jk];
                    ar += c * (pr + qr);
                    ai += c * (pi + qi);
                    br -= s * (pi - qi);
                    bi += s * (pr - qr);
                }
                put(y, yRe + j * os, yIm + j * os, i, ar + br, ai + bi, tw, twOff + 2 * (j - 1));
                put(y, yRe + (r - j) * os, yIm + (r - j) * os, i, ar - br, ai - bi, tw, twOff + 2 * (r - j - 1));
            }
        }
    }

    static void rotateFrom(int from, float[] x, int xRe, int xIm, float[] y, int yRe, int yIm, int len,
                           float wr, float wi) {
        for (int i = from; i < len; i++) {
            float vr = x[xRe + i], vi = x[xIm + i];
            y[yRe + i] = vr * wr - vi * wi;
            y[yIm + i] = vr * wi + vi * wr;
        }
    }

    @Override
    public void columnsToSplit(float[] src, int off, int stride, int lanes, int len, float[] a, int im) {
        for (int e = 0; e < len; e++) {
            int s = off + e * stride, d = e * lanes;
            for (int t = 0; t < lanes; t++) {
                a[d + t] = src[s + 2 * t];
                a[im + d + t] = src[s + 2 * t + 1];
            }
        }
    }

    @Override
    public void splitToColumns(float[] a, int im, int lanes, int len, float[] dst, int off, int stride, float scale) {
        for (int e = 0; e < len; e++) {
            int d = off + e * stride, s = e * lanes;
            for (int t = 0; t < lanes; t++) {
                dst[d + 2 * t] = a[s + t] * scale;
                dst[d + 2 * t + 1] = a[im + s + t] * scale;
            }
        }
    }

    @Override
    public void realForwardPost(float[] z, int zIm, float[] x, int xIm, int h, int lanes, float[] cos, float[] sin) {
        for (int k = 0; k <= h; k++) {
            realForwardPostFrom(0, z, zIm, x, xIm, h, lanes, k, cos[k], -sin[k]);
        }
    }

    /** One bin {@code k} of {@link #realForwardPost} for lanes {@code from..lanes}; {@code w = e^{−2πik/2h}}. */
    static void realForwardPostFrom(int from, float[] z, int zIm, float[] x, int xIm, int h, int lanes, int k,
                                    float wr, float wi) {
        int i1 = (k == h ? 0 : k) * lanes, i2 = (k == 0 ? 0 : h - k) * lanes, o = k * lanes;
        for (int t = from; t < lanes; t++) {
            float zr = z[i1 + t], zi = z[zIm + i1 + t], cr = z[i2 + t], ci = -z[zIm + i2 + t];
            float er = 0.5f * (zr + cr), ei = 0.5f * (zi + ci);
            float or = 0.5f * (zi - ci), oi = -0.5f * (zr - cr);
            x[o + t] = er + wr * or - wi * oi;
            x[xIm + o + t] = ei + wr * oi + wi * or;
        }
    }

    @Override
    public void realInversePre(float[] x, int xIm, float[] z, int zIm, int h, int lanes, float[] cos, float[] sin) {
        for (int k = 0; k < h; k++) {
            realInversePreFrom(0, x, xIm, z, zIm, h, lanes, k, cos[k], sin[k]);
        }
    }

    /** One bin {@code k} of {@link #realInversePre}; {@code w = e^{+2πik/2h}}. */
    static void realInversePreFrom(int from, float[] x, int xIm, float[] z, int zIm, int h, int lanes, int k,
                                   float wr, float wi) {
        int i1 = k * lanes, i2 = (h - k) * lanes;
        for (int t = from; t < lanes; t++) {
            float xr = x[i1 + t], xi = x[xIm + i1 + t], cr = x[i2 + t], ci = -x[xIm + i2 + t];
            float er = 0.5f * (xr + cr), ei = 0.5f * (xi + ci);
            float dr = 0.5f * (xr - cr), di = 0.5f * (xi - ci);
            float or = dr * wr - di * wi, oi = dr * wi + di * wr;
            z[i1 + t] = er - oi;
            z[zIm + i1 + t] = ei + or;
        }
    }

    @Override
    public void rowsToSplit(float[] src, int off, int[] rowIndex, int lanes, int len, float[] a, int im) {
        rowsToSplitFrom(0, src, off, rowIndex, lanes, len, a, im);
    }

    /**
     * Rows {@code from..lanes}, eight at a time, so that the eight source lines stay in L1 even
     * when the row stride is a large power of two (every row then maps to the same cache sets).
     */
    static void rowsToSplitFrom(int from, float[] src, int off, int[] rowIndex, int lanes, int len, float[] a,
                                int im) {
        for (int t0 = from; t0 < lanes; t0 += 8) {
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

    @Override
    public void splitToRows(float[] a, int im, int lanes, int len, float[] dst, int off, int[] rowIndex, float scale) {
        splitToRowsFrom(0, a, im, lanes, len, dst, off, rowIndex, scale);
    }

    static void splitToRowsFrom(int from, float[] a, int im, int lanes, int len, float[] dst, int off,
                                int[] rowIndex, float scale) {
        for (int t0 = from; t0 < lanes; t0 += 8) {
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

    @Override
    public void realForwardPostToRows(float[] z, int zIm, int h, int lanes, float[] cos, float[] sin, float[] dst,
                                      int off, int[] rowIndex) {
        realForwardPostToRowsFrom(0, z, zIm, h, lanes, cos, sin, dst, off, rowIndex);
    }

    /** Rows {@code from..lanes} of {@link #realForwardPostToRows}, eight rows at a time (as {@link #splitToRowsFrom}). */
    static void realForwardPostToRowsFrom(int from, float[] z, int zIm, int h, int lanes, float[] cos, float[] sin,
                                          float[] dst, int off, int[] rowIndex) {
        for (int t0 = from; t0 < lanes; t0 += 8) {
            int t1 = Math.min(lanes, t0 + 8);
            for (int k = 0; k <= h; k++) {
                float wr = cos[k], wi = -sin[k];
                int i1 = (k == h ? 0 : k) * lanes, i2 = (k == 0 ? 0 : h - k) * lanes;
                for (int t = t0; t < t1; t++) { // as realForwardPostFrom
                    float zr = z[i1 + t], zi = z[zIm + i1 + t], cr = z[i2 + t], ci = -z[zIm + i2 + t];
                    float er = 0.5f * (zr + cr), ei = 0.5f * (zi + ci);
                    float or = 0.5f * (zi - ci), oi = -0.5f * (zr - cr);
                    int d = off + rowIndex[t] + 2 * k;
                    dst[d] = er + wr * or - wi * oi;
                    dst[d + 1] = ei + wr * oi + wi * or;
                }
            }
        }
    }

    @Override
    public void rowsToRealInversePre(float[] src, int off, int[] rowIndex, int lanes, int h, float[] cos,
                                     float[] sin, float[] z, int zIm) {
        rowsToRealInversePreFrom(0, src, off, rowIndex, lanes, h, cos, sin, z, zIm);
    }

    /** Rows {@code from..lanes} of {@link #rowsToRealInversePre}, eight rows at a time. */
    static void rowsToRealInversePreFrom(int from, float[] src, int off, int[] rowIndex, int lanes, int h,
                                         float[] cos, float[] sin, float[] z, int zIm) {
        for (int t0 = from; t0 < lanes; t0 += 8) {
            int t1 = Math.min(lanes, t0 + 8);
            for (int k = 0; k < h; k++) {
                float wr = cos[k], wi = sin[k];
                int i1 = k * lanes;
                for (int t = t0; t < t1; t++) { // as realInversePreFrom
                    int s = off + rowIndex[t];
                    float xr = src[s + 2 * k], xi = src[s + 2 * k + 1];
                    float cr = src[s + 2 * (h - k)], ci = -src[s + 2 * (h - k) + 1];
                    float er = 0.5f * (xr + cr), ei = 0.5f * (xi + ci);
                    float dr = 0.5f * (xr - cr), di = 0.5f * (xi - ci);
                    float or = dr * wr - di * wi, oi = dr * wi + di * wr;
                    z[i1 + t] = er - oi;
                    z[zIm + i1 + t] = ei + or;
                }
            }
        }
    }

    @Override
    public void radix4Interleaved(float[] x, int xo, int is, int xq, float[] y, int yo, int os, int yq, int len,
                                  int count, float[] tw, int twOff, int twStep, int sign) {
        for (int q = 0; q < count; q++) {
            radix4InterleavedFrom(0, x, xo + q * xq, is, y, yo + q * yq, os, len, tw, twOff + q * twStep, sign);
        }
    }

    /** Floats {@code from..len} (from even) of one run of {@link #radix4Interleaved}; arithmetic as {@link #radix4From}. */
    static void radix4InterleavedFrom(int from, float[] x, int xo, int is, float[] y, int yo, int os, int len,
                                      float[] tw, int twOff, int sign) {
        for (int i = from; i < len; i += 2) {
            float a0r = x[xo + i], a0i = x[xo + i + 1];
            float a1r = x[xo + is + i], a1i = x[xo + is + i + 1];
            float a2r = x[xo + 2 * is + i], a2i = x[xo + 2 * is + i + 1];
            float a3r = x[xo + 3 * is + i], a3i = x[xo + 3 * is + i + 1];
            float t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
            float t2r = a1r + a3r, t2i = a1i + a3i;
            float t3r = -sign * (a1i - a3i), t3i = sign * (a1r - a3r); // (a1 − a3)·ω, ω = sign·i
            y[yo + i] = t0r + t2r;
            y[yo + i + 1] = t0i + t2i;
            put(y, yo + os, yo + os + 1, i, t1r + t3r, t1i + t3i, tw, twOff);
            put(y, yo + 2 * os, yo + 2 * os + 1, i, t0r - t2r, t0i - t2i, tw, twOff + 2);
            put(y, yo + 3 * os, yo + 3 * os + 1, i, t1r - t3r, t1i - t3i, tw, twOff + 4);
        }
    }

    @Override
    public void radix2Interleaved(float[] x, int xo, int is, int xq, float[] y, int yo, int os, int yq, int len,
                                  int count, float[] tw, int twOff, int twStep) {
        for (int q = 0; q < count; q++) {
            radix2InterleavedFrom(0, x, xo + q * xq, is, y, yo + q * yq, os, len, tw, twOff + q * twStep);
        }
    }

    /** Floats {@code from..len} (from even) of one run of {@link #radix2Interleaved}. */
    static void radix2InterleavedFrom(int from, float[] x, int xo, int is, float[] y, int yo, int os, int len,
                                      float[] tw, int twOff) {
        for (int i = from; i < len; i += 2) {
            float a0r = x[xo + i], a0i = x[xo + i + 1], a1r = x[xo + is + i], a1i = x[xo + is + i + 1];
            y[yo + i] = a0r + a1r;
            y[yo + i + 1] = a0i + a1i;
            put(y, yo + os, yo + os + 1, i, a0r - a1r, a0i - a1i, tw, twOff);
        }
    }

    @Override
    public void rowsToInterleaved(float[] src, int off, int[] pairIndex, int lanes, int len, float[] a) {
        rowsToInterleavedFrom(0, src, off, pairIndex, lanes, len, a);
    }

    /** Rows {@code from..lanes} of {@link #rowsToInterleaved}, eight rows at a time (as {@link #rowsToSplitFrom}). */
    static void rowsToInterleavedFrom(int from, float[] src, int off, int[] pairIndex, int lanes, int len, float[] a) {
        for (int t0 = from; t0 < lanes; t0 += 8) {
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
        interleavedToRowsFrom(0, a, lanes, len, dst, off, pairIndex, scale);
    }

    static void interleavedToRowsFrom(int from, float[] a, int lanes, int len, float[] dst, int off, int[] pairIndex,
                                      float scale) {
        for (int t0 = from; t0 < lanes; t0 += 8) {
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

    @Override
    public void realForwardPostInterleavedToRows(float[] z, int h, int lanes, float[] cos, float[] sin, float[] dst,
                                                 int off, int[] pairIndex) {
        realForwardPostInterleavedToRowsFrom(0, z, h, lanes, cos, sin, dst, off, pairIndex);
    }

    static void realForwardPostInterleavedToRowsFrom(int from, float[] z, int h, int lanes, float[] cos, float[] sin,
                                                     float[] dst, int off, int[] pairIndex) {
        for (int t0 = from; t0 < lanes; t0 += 8) {
            int t1 = Math.min(lanes, t0 + 8);
            for (int k = 0; k <= h; k++) {
                float wr = cos[k], wi = -sin[k];
                int i1 = 2 * (k == h ? 0 : k) * lanes, i2 = 2 * (k == 0 ? 0 : h - k) * lanes;
                for (int t = t0; t < t1; t++) { // as realForwardPostFrom
                    float zr = z[i1 + 2 * t], zi = z[i1 + 2 * t + 1], cr = z[i2 + 2 * t], ci = -z[i2 + 2 * t + 1];
                    float er = 0.5f * (zr + cr), ei = 0.5f * (zi + ci);
                    float or = 0.5f * (zi - ci), oi = -0.5f * (zr - cr);
                    int d = off + pairIndex[2 * t] + 2 * k;
                    dst[d] = er + wr * or - wi * oi;
                    dst[d + 1] = ei + wr * oi + wi * or;
                }
            }
        }
    }

    @Override
    public void rowsToRealInversePreInterleaved(float[] src, int off, int[] pairIndex, int lanes, int h, float[] cos,
                                                float[] sin, float[] z) {
        rowsToRealInversePreInterleavedFrom(0, src, off, pairIndex, lanes, h, cos, sin, z);
    }

    static void rowsToRealInversePreInterleavedFrom(int from, float[] src, int off, int[] pairIndex, int lanes, int h,
                                                    float[] cos, float[] sin, float[] z) {
        for (int t0 = from; t0 < lanes; t0 += 8) {
            int t1 = Math.min(lanes, t0 + 8);
            for (int k = 0; k < h; k++) {
                float wr = cos[k], wi = sin[k];
                int i1 = 2 * k * lanes;
                for (int t = t0; t < t1; t++) { // as realInversePreFrom
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

    @Override
    public void radix3Interleaved(float[] x, int xo, int is, int xq, float[] y, int yo, int os, int yq, int len,
                                  int count, float[] tw, int twOff, int twStep, int sign) {
        for (int q = 0; q < count; q++) {
            radix3InterleavedFrom(0, x, xo + q * xq, is, y, yo + q * yq, os, len, tw, twOff + q * twStep, sign);
        }
    }

    /** One run of {@link #radix3Interleaved} from float {@code from}; arithmetic as {@link #radix3From}. */
    static void radix3InterleavedFrom(int from, float[] x, int xo, int is, float[] y, int yo, int os, int len,
                                      float[] tw, int twOff, int sign) {
        float sn = sign * SIN60;
        for (int i = from; i < len; i += 2) {
            float a0r = x[xo + i], a0i = x[xo + i + 1];
            float a1r = x[xo + is + i], a1i = x[xo + is + i + 1];
            float a2r = x[xo + 2 * is + i], a2i = x[xo + 2 * is + i + 1];
            float sr = a1r + a2r, si = a1i + a2i, dr = a1r - a2r, di = a1i - a2i;
            float ar = a0r - 0.5f * sr, ai = a0i - 0.5f * si;
            float br = -sn * di, bi = sn * dr;
            y[yo + i] = a0r + sr;
            y[yo + i + 1] = a0i + si;
            put(y, yo + os, yo + os + 1, i, ar + br, ai + bi, tw, twOff);
            put(y, yo + 2 * os, yo + 2 * os + 1, i, ar - br, ai - bi, tw, twOff + 2);
        }
    }

    @Override
    public void radix5Interleaved(float[] x, int xo, int is, int xq, float[] y, int yo, int os, int yq, int len,
                                  int count, float[] tw, int twOff, int twStep, int sign) {
        for (int q = 0; q < count; q++) {
            radix5InterleavedFrom(0, x, xo + q * xq, is, y, yo + q * yq, os, len, tw, twOff + q * twStep, sign);
        }
    }

    /** One run of {@link #radix5Interleaved} from float {@code from}; arithmetic as {@link #radix5From}. */
    static void radix5InterleavedFrom(int from, float[] x, int xo, int is, float[] y, int yo, int os, int len,
                                      float[] tw, int twOff, int sign) {
        float s1 = sign * S1, s2 = sign * S2;
        for (int i = from; i < len; i += 2) {
            float a0r = x[xo + i], a0i = x[xo + i + 1];
            float a1r = x[xo + is + i], a1i = x[xo + is + i + 1];
            float a2r = x[xo + 2 * is + i], a2i = x[xo + 2 * is + i + 1];
            float a3r = x[xo + 3 * is + i], a3i = x[xo + 3 * is + i + 1];
            float a4r = x[xo + 4 * is + i], a4i = x[xo + 4 * is + i + 1];
            float p1r = a1r + a4r, p1i = a1i + a4i, d1r = a1r - a4r, d1i = a1i - a4i;
            float p2r = a2r + a3r, p2i = a2i + a3i, d2r = a2r - a3r, d2i = a2i - a3i;
            float A1r = a0r + C1 * p1r + C2 * p2r, A1i = a0i + C1 * p1i + C2 * p2i;
            float A2r = a0r + C2 * p1r + C1 * p2r, A2i = a0i + C2 * p1i + C1 * p2i;
            float B1r = -(s1 * d1i + s2 * d2i), B1i = s1 * d1r + s2 * d2r;
            float B2r = -(s2 * d1i - s1 * d2i), B2i = s2 * d1r - s1 * d2r;
            y[yo + i] = a0r + p1r + p2r;
            y[yo + i + 1] = a0i + p1i + p2i;
            put(y, yo + os, yo + os + 1, i, A1r + B1r, A1i + B1i, tw, twOff);
            put(y, yo + 2 * os, yo + 2 * os + 1, i, A2r + B2r, A2i + B2i, tw, twOff + 2);
            put(y, yo + 3 * os, yo + 3 * os + 1, i, A2r - B2r, A2i - B2i, tw, twOff + 4);
            put(y, yo + 4 * os, yo + 4 * os + 1, i, A1r - B1r, A1i - B1i, tw, twOff + 6);
        }
    }

    @Override
    public void radixOddInterleaved(int r, float[] cos, float[] sin, float[] x, int xo, int is, int xq, float[] y,
                                    int yo, int os, int yq, int len, int count, float[] tw, int twOff, int twStep, int sign) {
        for (int q = 0; q < count; q++) {
            radixOddInterleavedFrom(0, r, cos, sin, x, xo + q * xq, is, y, yo + q * yq, os, len, tw, twOff + q * twStep, sign);
        }
    }

    /** One run of {@link #radixOddInterleaved} from float {@code from}; arithmetic as {@link #radixOddFrom}. */
    static void radixOddInterleavedFrom(int from, int r, float[] cos, float[] sin, float[] x, int xo, int is,
                                        float[] y, int yo, int os, int len, float[] tw, int twOff, int sign) {
        int h = (r - 1) / 2;
        for (int i = from; i < len; i += 2) {
            float a0r = x[xo + i], a0i = x[xo + i + 1];
            float y0r = a0r, y0i = a0i;
            for (int k = 1; k < r; k++) {
                y0r += x[xo + k * is + i];
                y0i += x[xo + k * is + i + 1];
            }
            y[yo + i] = y0r;
            y[yo + i + 1] = y0i;
            for (int j = 1; j <= h; j++) {
                float ar = a0r, ai = a0i, br = 0, bi = 0;
                for (int k = 1; k <= h; k++) {
                    float pr = x[xo + k * is + i], pi = x[xo + k * is + i + 1];
                    float qr = x[xo + (r - k) * is + i], qi = x[xo + (r - k) * is + i + 1];
                    int jk = (j * k) % r;
                    float c = cos[jk], s = sign * sin[jk];
                    ar += c * (pr + qr);
                    ai += c * (pi + qi);
                    br -= s * (pi - qi);
                    bi += s * (pr - qr);
                }
                put(y, yo + j * os, yo + j * os + 1, i, ar + br, ai + bi, tw, twOff + 2 * (j - 1));
                put(y, yo + (r - j) * os, yo + (r - j) * os + 1, i, ar - br, ai - bi, tw, twOff + 2 * (r - j - 1));
            }
        }
    }
}
