package dev.delp.fft;

import java.util.SplittableRandom;

/** Double-precision references and error measures for the FFT tests (independent of the code under test). */
final class Reference {
    private Reference() {
    }

    /** Direct O(n²) DFT in double of interleaved complex x (as doubles), exponent sign·2πi jk/n. */
    static double[] dft(double[] x, int sign) {
        int n = x.length / 2;
        double[] cos = new double[n], sin = new double[n];
        for (int t = 0; t < n; t++) {
            cos[t] = Math.cos(2 * Math.PI * t / n);
            sin[t] = sign * Math.sin(2 * Math.PI * t / n);
        }
        double[] y = new double[2 * n];
        for (int k = 0; k < n; k++) {
            double re = 0, im = 0;
            int t = 0;
            for (int j = 0; j < n; j++) {
                double xr = x[2 * j], xi = x[2 * j + 1];
                re += xr * cos[t] - xi * sin[t];
                im += xr * sin[t] + xi * cos[t];
                t += k;
                if (t >= n) {
                    t -= n;
                }
            }
            y[2 * k] = re;
            y[2 * k + 1] = im;
        }
        return y;
    }

    /** Recursive radix-2 FFT in double (n a power of two), for lengths too long for the direct DFT. */
    static double[] fftPow2(double[] x, int sign) {
        int n = x.length / 2;
        if (n == 1) {
            return x.clone();
        }
        double[] ev = new double[n], od = new double[n];
        for (int j = 0; j < n / 2; j++) {
            ev[2 * j] = x[4 * j];
            ev[2 * j + 1] = x[4 * j + 1];
            od[2 * j] = x[4 * j + 2];
            od[2 * j + 1] = x[4 * j + 3];
        }
        double[] e = fftPow2(ev, sign), o = fftPow2(od, sign);
        double[] y = new double[2 * n];
        for (int k = 0; k < n / 2; k++) {
            double a = sign * 2 * Math.PI * k / n;
            double c = Math.cos(a), s = Math.sin(a);
            double tr = o[2 * k] * c - o[2 * k + 1] * s, ti = o[2 * k] * s + o[2 * k + 1] * c;
            y[2 * k] = e[2 * k] + tr;
            y[2 * k + 1] = e[2 * k + 1] + ti;
            y[2 * (k + n / 2)] = e[2 * k] - tr;
            y[2 * (k + n / 2) + 1] = e[2 * k + 1] - ti;
        }
        return y;
    }

    static float[] randomFloats(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /** sqrt(Σ|got − want|² / Σ|want|²). */
    static double relRms(float[] got, double[] want) {
        double err = 0, norm = 0;
        for (int i = 0; i < want.length; i++) {
            double d = got[i] - want[i];
            err += d * d;
            norm += want[i] * want[i];
        }
        return norm == 0 ? Math.sqrt(err) : Math.sqrt(err / norm);
    }

    static double relRms(float[] got, float[] want) {
        return relRms(got, toDouble(want));
    }
}
