package dev.delp.fft;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Immutable, thread-safe plan for a complex 1D FFT of any length, on interleaved
 * {@code re, im} data. Forward is unnormalised; inverse scales by {@code 1/n}.
 */
public final class ComplexFft1d {
    private static final int CACHE_LIMIT = 64;
    private static final ConcurrentHashMap<Integer, ComplexFft1d> CACHE = new ConcurrentHashMap<>();

    private final int n;
    private final Engine engine;

    private ComplexFft1d(int n) {
        this.n = n;
        this.engine = Engine.create(n);
    }

    /** A (cached) plan for length {@code n}. */
    public static ComplexFft1d of(int n) {
        FftSizes.checkLength("n", n);
        ComplexFft1d p = CACHE.get(n);
        if (p == null) {
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            p = CACHE.computeIfAbsent(n, ComplexFft1d::new);
        }
        return p;
    }

    /** Transform length (complex points). */
    public int length() {
        return n;
    }

    /** In-place forward transform of {@code 2n} floats starting at {@code offset}. */
    public void forward(float[] data, int offset) {
        FftSizes.checkArray("data", data, offset, 2L * n);
        engine.transform(data, offset, -1);
    }

    /** In-place inverse transform (scaled by {@code 1/n}) of {@code 2n} floats starting at {@code offset}. */
    public void inverse(float[] data, int offset) {
        FftSizes.checkArray("data", data, offset, 2L * n);
        engine.transform(data, offset, +1);
        float s = 1f / n;
        for (int i = 0; i < 2 * n; i++) {
            data[offset + i] *= s;
        }
    }

    /** Unscaled transform with the given exponent sign (-1 forward, +1 backward). */
    void transformUnscaled(float[] data, int offset, int sign) {
        engine.transform(data, offset, sign);
    }

    /** A simple engine: iterative radix-2 for powers of two, Bluestein otherwise. */
    private abstract static class Engine {
        abstract void transform(float[] d, int off, int sign);

        static Engine create(int n) {
            if (n == 1) {
                return new Engine() {
                    @Override void transform(float[] d, int off, int sign) { }
                };
            }
            return Integer.bitCount(n) == 1 ? new Radix2(n) : new Bluestein(n);
        }
    }

    private static final class Radix2 extends Engine {
        final int n;
        final float[] cos, sin; // cos(2πk/n), sin(2πk/n) for k < n/2

        Radix2(int n) {
            this.n = n;
            cos = new float[n / 2];
            sin = new float[n / 2];
            for (int k = 0; k < n / 2; k++) {
                double a = 2 * Math.PI * k / n;
                cos[k] = (float) Math.cos(a);
                sin[k] = (float) Math.sin(a);
            }
        }

        @Override
        void transform(float[] d, int off, int sign) {
            for (int i = 1, j = 0; i < n; i++) {
                int bit = n >> 1;
                for (; (j & bit) != 0; bit >>= 1) {
                    j ^= bit;
                }
                j ^= bit;
                if (i < j) {
                    int a = off + 2 * i, b = off + 2 * j;
                    float tr = d[a], ti = d[a + 1];
                    d[a] = d[b];
                    d[a + 1] = d[b + 1];
                    d[b] = tr;
                    d[b + 1] = ti;
                }
            }
            for (int len = 2; len <= n; len <<= 1) {
                int half = len >> 1, step = n / len;
                for (int i = 0; i < n; i += len) {
                    for (int k = 0; k < half; k++) {
                        float wr = cos[k * step], wi = sign * sin[k * step];
                        int a = off + 2 * (i + k), b = a + 2 * half;
                        float xr = d[b] * wr - d[b + 1] * wi;
                        float xi = d[b] * wi + d[b + 1] * wr;
                        d[b] = d[a] - xr;
                        d[b + 1] = d[a + 1] - xi;
                        d[a] += xr;
                        d[a + 1] += xi;
                    }
                }
            }
        }
    }

    private static final class Bluestein extends Engine {
        final int n, m;
        final Radix2 sub;
        final float[] chirpRe, chirpIm; // exp(-iπk²/n)
        final float[] kernelFwd, kernelBwd; // FFT of conj chirp (forward) / chirp (backward), length m

        Bluestein(int n) {
            this.n = n;
            int mm = 1;
            while (mm < 2 * n - 1) {
                mm <<= 1;
            }
            m = mm;
            sub = new Radix2(m);
            chirpRe = new float[n];
            chirpIm = new float[n];
            for (int k = 0; k < n; k++) {
                double a = Math.PI * ((long) k * k % (2L * n)) / n;
                chirpRe[k] = (float) Math.cos(a);
                chirpIm[k] = (float) -Math.sin(a);
            }
            kernelFwd = kernel(-1);
            kernelBwd = kernel(+1);
        }

        private float[] kernel(int sign) {
            float[] b = new float[2 * m];
            for (int k = 0; k < n; k++) {
                // forward (sign -1): b_k = conj(chirp_k) = exp(+iπk²/n); backward: its conjugate
                float re = chirpRe[k], im = sign < 0 ? -chirpIm[k] : chirpIm[k];
                b[2 * k] = re;
                b[2 * k + 1] = im;
                if (k > 0) {
                    b[2 * (m - k)] = re;
                    b[2 * (m - k) + 1] = im;
                }
            }
            sub.transform(b, 0, -1);
            return b;
        }

        @Override
        void transform(float[] d, int off, int sign) {
            float[] a = new float[2 * m];
            for (int k = 0; k < n; k++) {
                float cr = chirpRe[k], ci = sign < 0 ? chirpIm[k] : -chirpIm[k];
                float xr = d[off + 2 * k], xi = d[off + 2 * k + 1];
                a[2 * k] = xr * cr - xi * ci;
                a[2 * k + 1] = xr * ci + xi * cr;
            }
            sub.transform(a, 0, -1);
            float[] kf = sign < 0 ? kernelFwd : kernelBwd;
            for (int k = 0; k < m; k++) {
                float ar = a[2 * k], ai = a[2 * k + 1], br = kf[2 * k], bi = kf[2 * k + 1];
                a[2 * k] = ar * br - ai * bi;
                a[2 * k + 1] = ar * bi + ai * br;
            }
            sub.transform(a, 0, +1);
            float s = 1f / m;
            for (int k = 0; k < n; k++) {
                float cr = chirpRe[k], ci = sign < 0 ? chirpIm[k] : -chirpIm[k];
                float yr = a[2 * k] * s, yi = a[2 * k + 1] * s;
                d[off + 2 * k] = yr * cr - yi * ci;
                d[off + 2 * k + 1] = yr * ci + yi * cr;
            }
        }
    }
}
