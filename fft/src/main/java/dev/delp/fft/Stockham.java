package dev.delp.fft;

/**
 * Executes an {@link FftPlan} on one interleaved complex sequence: Stockham autosort stages of
 * radix 2, 3, 4, 5 and a generic odd radix (7, 11, ... 31), ping-ponging between the data and a
 * scratch buffer; or Bluestein. Scalar code: the batch dimension is what {@link BatchFft} vectorises.
 */
final class Stockham {
    private Stockham() {
    }

    /**
     * Unscaled transform of {@code 2n} floats at {@code data[off]} with exponent sign {@code sign}
     * (−1 forward, +1 backward). {@code work} holds at least {@link FftPlan#scratchFloats()} floats.
     */
    static void transform(FftPlan plan, float[] data, int off, float[] work, int sign) {
        if (plan.bluestein != null) {
            bluestein(plan.bluestein, data, off, work, sign);
            return;
        }
        transformAt(plan, data, off, work, 0, sign);
    }

    private static void radix2(float[] x, int xo, float[] y, int yo, int s, int m, float[] tw) {
        int is = 2 * s * m;
        for (int p = 0; p < m; p++) {
            float w1r = tw[2 * p], w1i = tw[2 * p + 1];
            int in = xo + 2 * s * p, out = yo + 4 * s * p;
            for (int q = 0; q < 2 * s; q += 2) {
                int a = in + q;
                float a0r = x[a], a0i = x[a + 1], a1r = x[a + is], a1i = x[a + is + 1];
                int o = out + q;
                y[o] = a0r + a1r;
                y[o + 1] = a0i + a1i;
                float dr = a0r - a1r, di = a0i - a1i;
                y[o + 2 * s] = dr * w1r - di * w1i;
                y[o + 2 * s + 1] = dr * w1i + di * w1r;
            }
        }
    }

    private static void radix3(float[] x, int xo, float[] y, int yo, int s, int m, float[] tw, int sign) {
        final float c = -0.5f;
        final float sn = sign * (float) (Math.sqrt(3) / 2);
        int is = 2 * s * m, os = 2 * s;
        for (int p = 0; p < m; p++) {
            int t = 4 * p;
            float w1r = tw[t], w1i = tw[t + 1], w2r = tw[t + 2], w2i = tw[t + 3];
            int in = xo + 2 * s * p, out = yo + 6 * s * p;
            for (int q = 0; q < 2 * s; q += 2) {
                int a = in + q;
                float a0r = x[a], a0i = x[a + 1];
                float a1r = x[a + is], a1i = x[a + is + 1];
                float a2r = x[a + 2 * is], a2i = x[a + 2 * is + 1];
                float sr = a1r + a2r, si = a1i + a2i, dr = a1r - a2r, di = a1i - a2i;
                float ar = a0r + c * sr, ai = a0i + c * si;
                float br = -sn * di, bi = sn * dr;
                int o = out + q;
                y[o] = a0r + sr;
                y[o + 1] = a0i + si;
                float y1r = ar + br, y1i = ai + bi, y2r = ar - br, y2i = ai - bi;
                y[o + os] = y1r * w1r - y1i * w1i;
                y[o + os + 1] = y1r * w1i + y1i * w1r;
                y[o + 2 * os] = y2r * w2r - y2i * w2i;
                y[o + 2 * os + 1] = y2r * w2i + y2i * w2r;
            }
        }
    }

    private static void radix4(float[] x, int xo, float[] y, int yo, int s, int m, float[] tw, int sign) {
        int is = 2 * s * m, os = 2 * s;
        for (int p = 0; p < m; p++) {
            int t = 6 * p;
            float w1r = tw[t], w1i = tw[t + 1], w2r = tw[t + 2], w2i = tw[t + 3], w3r = tw[t + 4], w3i = tw[t + 5];
            int in = xo + 2 * s * p, out = yo + 8 * s * p;
            for (int q = 0; q < 2 * s; q += 2) {
                int a = in + q;
                float a0r = x[a], a0i = x[a + 1];
                float a1r = x[a + is], a1i = x[a + is + 1];
                float a2r = x[a + 2 * is], a2i = x[a + 2 * is + 1];
                float a3r = x[a + 3 * is], a3i = x[a + 3 * is + 1];
                float t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
                float t2r = a1r + a3r, t2i = a1i + a3i;
                // (a1 - a3) times ω = sign·i
                float t3r = -sign * (a1i - a3i), t3i = sign * (a1r - a3r);
                int o = out + q;
                y[o] = t0r + t2r;
                y[o + 1] = t0i + t2i;
                float y1r = t1r + t3r, y1i = t1i + t3i;
                float y2r = t0r - t2r, y2i = t0i - t2i;
                float y3r = t1r - t3r, y3i = t1i - t3i;
                y[o + os] = y1r * w1r - y1i * w1i;
                y[o + os + 1] = y1r * w1i + y1i * w1r;
                y[o + 2 * os] = y2r * w2r - y2i * w2i;
                y[o + 2 * os + 1] = y2r * w2i + y2i * w2r;
                y[o + 3 * os] = y3r * w3r - y3i * w3i;
                y[o + 3 * os + 1] = y3r * w3i + y3i * w3r;
            }
        }
    }

    private static void radix5(float[] x, int xo, float[] y, int yo, int s, int m, float[] tw, int sign) {
        final float c1 = (float) Math.cos(2 * Math.PI / 5), c2 = (float) Math.cos(4 * Math.PI / 5);
        final float s1 = sign * (float) Math.sin(2 * Math.PI / 5), s2 = sign * (float) Math.sin(4 * Math.PI / 5);
        int is = 2 * s * m, os = 2 * s;
        for (int p = 0; p < m; p++) {
            int t = 8 * p;
            float w1r = tw[t], w1i = tw[t + 1], w2r = tw[t + 2], w2i = tw[t + 3];
            float w3r = tw[t + 4], w3i = tw[t + 5], w4r = tw[t + 6], w4i = tw[t + 7];
            int in = xo + 2 * s * p, out = yo + 10 * s * p;
            for (int q = 0; q < 2 * s; q += 2) {
                int a = in + q;
                float a0r = x[a], a0i = x[a + 1];
                float a1r = x[a + is], a1i = x[a + is + 1];
                float a2r = x[a + 2 * is], a2i = x[a + 2 * is + 1];
                float a3r = x[a + 3 * is], a3i = x[a + 3 * is + 1];
                float a4r = x[a + 4 * is], a4i = x[a + 4 * is + 1];
                float s1r = a1r + a4r, s1i = a1i + a4i, d1r = a1r - a4r, d1i = a1i - a4i;
                float s2r = a2r + a3r, s2i = a2i + a3i, d2r = a2r - a3r, d2i = a2i - a3i;
                float A1r = a0r + c1 * s1r + c2 * s2r, A1i = a0i + c1 * s1i + c2 * s2i;
                float A2r = a0r + c2 * s1r + c1 * s2r, A2i = a0i + c2 * s1i + c1 * s2i;
                // B = i·(s1 d1 + s2 d2) and i·(s2 d1 - s1 d2)
                float B1r = -(s1 * d1i + s2 * d2i), B1i = s1 * d1r + s2 * d2r;
                float B2r = -(s2 * d1i - s1 * d2i), B2i = s2 * d1r - s1 * d2r;
                int o = out + q;
                y[o] = a0r + s1r + s2r;
                y[o + 1] = a0i + s1i + s2i;
                float y1r = A1r + B1r, y1i = A1i + B1i, y4r = A1r - B1r, y4i = A1i - B1i;
                float y2r = A2r + B2r, y2i = A2i + B2i, y3r = A2r - B2r, y3i = A2i - B2i;
                y[o + os] = y1r * w1r - y1i * w1i;
                y[o + os + 1] = y1r * w1i + y1i * w1r;
                y[o + 2 * os] = y2r * w2r - y2i * w2i;
                y[o + 2 * os + 1] = y2r * w2i + y2i * w2r;
                y[o + 3 * os] = y3r * w3r - y3i * w3i;
                y[o + 3 * os + 1] = y3r * w3i + y3i * w3r;
                y[o + 4 * os] = y4r * w4r - y4i * w4i;
                y[o + 4 * os + 1] = y4r * w4i + y4i * w4r;
            }
        }
    }

    /**
     * Generic odd radix r with the symmetric-pair form: with {@code s_k = a_k + a_{r-k}},
     * {@code d_k = a_k - a_{r-k}}, {@code y_j = A_j + B_j}, {@code y_{r-j} = A_j - B_j} where
     * {@code A_j = a_0 + Σ s_k cos(2πjk/r)} and {@code B_j = i·sign·Σ d_k sin(2πjk/r)}.
     */
    private static void radixOdd(int r, float[] cos, float[] sin, float[] x, int xo, float[] y, int yo, int s,
                                 int m, float[] tw, int sign, float[] tmp, int tmpOff) {
        int h = (r - 1) / 2;
        int is = 2 * s * m, os = 2 * s;
        int sOff = tmpOff, dOff = tmpOff + 2 * r; // s_k and d_k, interleaved, k = 1..h
        for (int p = 0; p < m; p++) {
            int t = 2 * (r - 1) * p;
            int in = xo + 2 * s * p, out = yo + 2 * r * s * p;
            for (int q = 0; q < 2 * s; q += 2) {
                int a = in + q;
                float a0r = x[a], a0i = x[a + 1];
                float y0r = a0r, y0i = a0i;
                for (int k = 1; k <= h; k++) {
                    float akr = x[a + k * is], aki = x[a + k * is + 1];
                    float bkr = x[a + (r - k) * is], bki = x[a + (r - k) * is + 1];
                    tmp[sOff + 2 * k] = akr + bkr;
                    tmp[sOff + 2 * k + 1] = aki + bki;
                    tmp[dOff + 2 * k] = akr - bkr;
                    tmp[dOff + 2 * k + 1] = aki - bki;
                    y0r += akr + bkr;
                    y0i += aki + bki;
                }
                int o = out + q;
                y[o] = y0r;
                y[o + 1] = y0i;
                for (int j = 1; j <= h; j++) {
                    float ar = a0r, ai = a0i, br = 0, bi = 0;
                    for (int k = 1; k <= h; k++) {
                        int jk = (j * k) % r;
                        float c = cos[jk], sn = sign * sin[jk];
                        ar += c * tmp[sOff + 2 * k];
                        ai += c * tmp[sOff + 2 * k + 1];
                        br -= sn * tmp[dOff + 2 * k + 1];
                        bi += sn * tmp[dOff + 2 * k];
                    }
                    float yjr = ar + br, yji = ai + bi, ykr = ar - br, yki = ai - bi;
                    int wj = t + 2 * (j - 1), wk = t + 2 * (r - j - 1);
                    y[o + j * os] = yjr * tw[wj] - yji * tw[wj + 1];
                    y[o + j * os + 1] = yjr * tw[wj + 1] + yji * tw[wj];
                    y[o + (r - j) * os] = ykr * tw[wk] - yki * tw[wk + 1];
                    y[o + (r - j) * os + 1] = ykr * tw[wk + 1] + yki * tw[wk];
                }
            }
        }
    }

    private static void bluestein(FftPlan.Bluestein b, float[] d, int off, float[] work, int sign) {
        int n = b.n, m = b.m;
        float[] a = work; // 2m floats of convolution buffer, then the inner plan's scratch
        int innerScratch = 2 * m;
        float[] ch = b.chirp;
        for (int k = 0; k < n; k++) {
            float cr = ch[2 * k], ci = sign < 0 ? ch[2 * k + 1] : -ch[2 * k + 1];
            float xr = d[off + 2 * k], xi = d[off + 2 * k + 1];
            a[2 * k] = xr * cr - xi * ci;
            a[2 * k + 1] = xr * ci + xi * cr;
        }
        java.util.Arrays.fill(a, 2 * n, 2 * m, 0f);
        transformAt(b.inner, a, 0, work, innerScratch, -1);
        float[] kf = sign < 0 ? b.kernelFwd : b.kernelInv;
        for (int k = 0; k < m; k++) {
            float ar = a[2 * k], ai = a[2 * k + 1], br = kf[2 * k], bi = kf[2 * k + 1];
            a[2 * k] = ar * br - ai * bi;
            a[2 * k + 1] = ar * bi + ai * br;
        }
        transformAt(b.inner, a, 0, work, innerScratch, +1);
        for (int k = 0; k < n; k++) {
            float cr = ch[2 * k], ci = sign < 0 ? ch[2 * k + 1] : -ch[2 * k + 1];
            float yr = a[2 * k], yi = a[2 * k + 1];
            d[off + 2 * k] = yr * cr - yi * ci;
            d[off + 2 * k + 1] = yr * ci + yi * cr;
        }
    }

    /** {@link #transform} for a smooth plan with its scratch at {@code work[wo..)} (may be the data array). */
    static void transformAt(FftPlan plan, float[] data, int off, float[] work, int wo, int sign) {
        int n = plan.n;
        float[] src = data, dst = work;
        int so = off, dOff = wo;
        int len = n, s = 1;
        int tmpOff = wo + 2 * n;
        for (int st = 0; st < plan.radix.length; st++) {
            int r = plan.radix[st];
            int m = len / r;
            float[] tw = sign < 0 ? plan.twFwd[st] : plan.twInv[st];
            switch (r) {
                case 2 -> radix2(src, so, dst, dOff, s, m, tw);
                case 3 -> radix3(src, so, dst, dOff, s, m, tw, sign);
                case 4 -> radix4(src, so, dst, dOff, s, m, tw, sign);
                case 5 -> radix5(src, so, dst, dOff, s, m, tw, sign);
                default -> radixOdd(r, plan.rootCos[st], plan.rootSin[st], src, so, dst, dOff, s, m, tw, sign,
                        work, tmpOff);
            }
            float[] t = src;
            src = dst;
            dst = t;
            int to = so;
            so = dOff;
            dOff = to;
            len = m;
            s *= r;
        }
        if (plan.radix.length % 2 == 1) { // an odd number of stages leaves the result in the scratch
            System.arraycopy(src, so, data, off, 2 * n);
        }
    }
}
