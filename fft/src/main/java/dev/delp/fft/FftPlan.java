package dev.delp.fft;

/**
 * The shared, immutable description of a complex FFT of length {@code n}: either a mixed-radix
 * Stockham factorisation with its twiddle tables, or a Bluestein (chirp-z) transform over a
 * {2,3,5,7}-smooth inner plan. Executed by {@link Stockham} (one interleaved transform, scalar)
 * and by {@link BatchFft} (many transforms side by side, SIMD across the batch).
 *
 * <p>Stockham autosort, decimation in frequency (the formulation of OTFFT / Van Loan §1.7): at a
 * stage of radix {@code r} on sub-length {@code len} with stride {@code s} and {@code m = len/r},
 * for every {@code p < m}, {@code q < s}: {@code y[q + s(rp + j)] = w_len^{jp} Σ_k x[q + s(p + km)] ω_r^{jk}}.
 * Twiddles are computed in double and stored in float.
 */
final class FftPlan {
    /**
     * Prime factors above this go to Bluestein. A generic odd-radix stage costs about {@code r}
     * complex multiply-adds per point; Bluestein costs three smooth FFTs of length about 2n to 4n
     * plus two chirp products, which is cheaper once {@code r} is past the low thirties.
     */
    static final int MAX_DIRECT_PRIME = 31;

    final int n;
    /** Radix per stage, empty for n = 1 or Bluestein. */
    final int[] radix;
    /** Per stage, per p, (r-1) complex twiddles exp(∓2πi jp/len), j = 1..r-1, interleaved. */
    final float[][] twFwd, twInv;
    /** Per stage for odd radices: cos(2πt/r), sin(2πt/r) for t < r (unsigned); null otherwise. */
    final float[][] rootCos, rootSin;
    /** Non-null when the transform is done by Bluestein's algorithm. */
    final Bluestein bluestein;

    FftPlan(int n) {
        this.n = n;
        if (n > 1 && largestPrimeFactor(n) > MAX_DIRECT_PRIME) {
            radix = new int[0];
            twFwd = twInv = rootCos = rootSin = new float[0][];
            bluestein = new Bluestein(n);
            return;
        }
        bluestein = null;
        radix = factor(n);
        twFwd = new float[radix.length][];
        twInv = new float[radix.length][];
        rootCos = new float[radix.length][];
        rootSin = new float[radix.length][];
        int len = n;
        for (int st = 0; st < radix.length; st++) {
            int r = radix[st];
            int m = len / r;
            float[] f = new float[2 * (r - 1) * m];
            float[] b = new float[f.length];
            for (int p = 0; p < m; p++) {
                for (int j = 1; j < r; j++) {
                    double a = 2 * Math.PI * ((long) j * p % len) / len;
                    int i = 2 * ((r - 1) * p + j - 1);
                    f[i] = (float) Math.cos(a);
                    f[i + 1] = (float) -Math.sin(a);
                    b[i] = f[i];
                    b[i + 1] = -f[i + 1];
                }
            }
            twFwd[st] = f;
            twInv[st] = b;
            if (r % 2 == 1) {
                rootCos[st] = new float[r];
                rootSin[st] = new float[r];
                for (int t = 0; t < r; t++) {
                    rootCos[st][t] = (float) Math.cos(2 * Math.PI * t / r);
                    rootSin[st][t] = (float) Math.sin(2 * Math.PI * t / r);
                }
            }
            len = m;
        }
    }

    /** Radices in stage order: as many 4s as possible, then 2, 3, 5, 7 and larger odd primes. */
    static int[] factor(int n) {
        int[] tmp = new int[32];
        int count = 0;
        int rest = n;
        while (rest % 4 == 0) {
            tmp[count++] = 4;
            rest /= 4;
        }
        for (int p = 2; rest > 1; p++) {
            while (rest % p == 0) {
                tmp[count++] = p;
                rest /= p;
            }
        }
        return java.util.Arrays.copyOf(tmp, count);
    }

    static int largestPrimeFactor(int n) {
        int largest = 1;
        int rest = n;
        for (int p = 2; (long) p * p <= rest; p++) {
            while (rest % p == 0) {
                largest = p;
                rest /= p;
            }
        }
        return Math.max(largest, rest);
    }

    /** Floats of scratch that {@link Stockham#transform} needs besides the data. */
    int scratchFloats() {
        if (bluestein != null) {
            return 2 * bluestein.m + bluestein.inner.scratchFloats() + 2 * bluestein.m;
        }
        return 2 * n + 4 * maxRadix();
    }

    int maxRadix() {
        int r = 1;
        for (int x : radix) {
            r = Math.max(r, x);
        }
        return r;
    }

    /**
     * Bluestein's chirp-z: {@code X_k = c_k Σ_j (x_j c_j) conj(c_{k-j})}, {@code c_k = exp(∓iπk²/n)},
     * the convolution done by an inner FFT of the smooth length {@code m >= 2n-1}.
     */
    static final class Bluestein {
        final int n, m;
        final FftPlan inner;
        /** exp(-iπk²/n), k < n, interleaved (forward chirp; the inverse uses its conjugate). */
        final float[] chirp;
        /** Unscaled forward inner FFT of the conjugate chirp (forward) / chirp (inverse), times 1/m. */
        final float[] kernelFwd, kernelInv;

        Bluestein(int n) {
            this.n = n;
            this.m = FftSizes.good(2 * n - 1);
            this.inner = new FftPlan(m);
            chirp = new float[2 * n];
            double[] cr = new double[n], ci = new double[n];
            for (int k = 0; k < n; k++) {
                double a = Math.PI * ((long) k * k % (2L * n)) / n;
                cr[k] = Math.cos(a);
                ci[k] = -Math.sin(a);
                chirp[2 * k] = (float) cr[k];
                chirp[2 * k + 1] = (float) ci[k];
            }
            kernelFwd = kernel(cr, ci, +1);
            kernelInv = kernel(cr, ci, -1);
        }

        /** The kernel spectrum, computed with a double-precision inner DFT for accuracy. */
        private float[] kernel(double[] cr, double[] ci, int conjSign) {
            double[] re = new double[m], im = new double[m];
            for (int k = 0; k < n; k++) {
                re[k] = cr[k];
                im[k] = conjSign * -ci[k]; // conjSign +1: conj(chirp) for the forward transform
                if (k > 0) {
                    re[m - k] = re[k];
                    im[m - k] = im[k];
                }
            }
            DoubleFft.forward(re, im);
            float[] out = new float[2 * m];
            for (int k = 0; k < m; k++) {
                out[2 * k] = (float) (re[k] / m);
                out[2 * k + 1] = (float) (im[k] / m);
            }
            return out;
        }
    }
}
