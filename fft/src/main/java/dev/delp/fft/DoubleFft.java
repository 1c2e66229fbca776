package dev.delp.fft;

/**
 * A small double-precision forward DFT for plan set-up (Bluestein kernels): recursive
 * decimation in time by the smallest prime factor. O(n Σ p) for n = Π p; used only on
 * {2,3,5,7}-smooth lengths, once per plan.
 */
final class DoubleFft {
    private DoubleFft() {
    }

    /** In-place unnormalised forward DFT (exponent −2πi jk/n). */
    static void forward(double[] re, double[] im) {
        int n = re.length;
        double[] r = re.clone(), i = im.clone();
        rec(r, i, 0, 1, n, re, im, 0);
    }

    /** DFT of x[off + stride*j], j < n, into out[outOff + k]. */
    private static void rec(double[] xr, double[] xi, int off, int stride, int n,
                            double[] outR, double[] outI, int outOff) {
        if (n == 1) {
            outR[outOff] = xr[off];
            outI[outOff] = xi[off];
            return;
        }
        int p = smallestPrime(n);
        int m = n / p;
        // sub-DFTs of the p decimated sequences, stored consecutively in out
        for (int a = 0; a < p; a++) {
            rec(xr, xi, off + a * stride, stride * p, m, outR, outI, outOff + a * m);
        }
        double[] tr = new double[n], ti = new double[n];
        double[] cosT = new double[n], sinT = new double[n];
        for (int t = 0; t < n; t++) {
            cosT[t] = Math.cos(2 * Math.PI * t / n);
            sinT[t] = -Math.sin(2 * Math.PI * t / n);
        }
        for (int k = 0; k < n; k++) {
            double sr = 0, si = 0;
            for (int a = 0; a < p; a++) {
                int t = (int) ((long) a * k % n);
                double c = cosT[t], s = sinT[t];
                double vr = outR[outOff + a * m + k % m], vi = outI[outOff + a * m + k % m];
                sr += vr * c - vi * s;
                si += vr * s + vi * c;
            }
            tr[k] = sr;
            ti[k] = si;
        }
        System.arraycopy(tr, 0, outR, outOff, n);
        System.arraycopy(ti, 0, outI, outOff, n);
    }

    private static int smallestPrime(int n) {
        for (int p = 2; (long) p * p <= n; p++) {
            if (n % p == 0) {
                return p;
            }
        }
        return n;
    }
}
