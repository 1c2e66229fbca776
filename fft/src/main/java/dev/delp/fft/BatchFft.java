package dev.delp.fft;

import dev.delp.simd.FftKernels;

/**
 * Executes an {@link FftPlan} on {@code lanes} independent sequences at once, stored in split
 * planes: element {@code e} of sequence {@code t} has its real part at {@code buf[e·lanes + t]} and
 * its imaginary part at {@code buf[n·lanes + e·lanes + t]}. Each Stockham butterfly then runs over
 * {@code s·lanes} contiguous floats with one twiddle, which is what the {@link FftKernels}
 * vectorise. Immutable and thread-safe; callers supply the two buffers.
 */
final class BatchFft {
    final FftPlan plan;
    final FftKernels kernels;

    BatchFft(FftPlan plan, FftKernels kernels) {
        this.plan = plan;
        this.kernels = kernels;
    }

    int length() {
        return plan.n;
    }

    /** Floats each of the two buffers must hold for {@code lanes} sequences. */
    int bufferFloats(int lanes) {
        int m = plan.bluestein != null ? plan.bluestein.m : plan.n;
        return 2 * m * lanes;
    }

    /**
     * Unscaled transform (sign −1 forward, +1 backward) of the sequences in {@code a}, using
     * {@code b} as scratch. Returns the buffer that holds the result (a or b), in the layout above.
     */
    float[] transform(float[] a, float[] b, int lanes, int sign) {
        if (plan.bluestein != null) {
            return bluestein(plan.bluestein, a, b, lanes, sign);
        }
        return stockham(plan, a, b, lanes, sign);
    }

    private float[] stockham(FftPlan p, float[] a, float[] b, int lanes, int sign) {
        FftKernels k = kernels;
        int im = p.n * lanes; // offset of the imaginary plane
        float[] src = a, dst = b;
        int len = p.n, s = 1;
        for (int st = 0; st < p.radix.length; st++) {
            int r = p.radix[st];
            int m = len / r;
            float[] tw = sign < 0 ? p.twFwd[st] : p.twInv[st];
            int run = s * lanes;
            int is = m * run;
            for (int q = 0; q < m; q++) {
                int xo = q * run, yo = r * q * run;
                float[] t = q == 0 ? null : tw; // w^{j·0} = 1
                int to = 2 * (r - 1) * q;
                switch (r) {
                    case 2 -> k.radix2(src, xo, im + xo, is, dst, yo, im + yo, run, run, t, to);
                    case 3 -> k.radix3(src, xo, im + xo, is, dst, yo, im + yo, run, run, t, to, sign);
                    case 4 -> k.radix4(src, xo, im + xo, is, dst, yo, im + yo, run, run, t, to, sign);
                    case 5 -> k.radix5(src, xo, im + xo, is, dst, yo, im + yo, run, run, t, to, sign);
                    default -> k.radixOdd(r, p.rootCos[st], p.rootSin[st], src, xo, im + xo, is, dst, yo, im + yo,
                            run, run, t, to, sign);
                }
            }
            float[] tmp = src;
            src = dst;
            dst = tmp;
            len = m;
            s *= r;
        }
        return src;
    }

    /** Bluestein over the batch: chirp, inner smooth FFT, kernel product, inner inverse, chirp. */
    private float[] bluestein(FftPlan.Bluestein bl, float[] a, float[] b, int lanes, int sign) {
        FftKernels k = kernels;
        int n = bl.n, m = bl.m;
        int imN = n * lanes, imM = m * lanes;
        float[] ch = bl.chirp;
        for (int e = 0; e < n; e++) {
            float ci = sign < 0 ? ch[2 * e + 1] : -ch[2 * e + 1];
            k.rotate(a, e * lanes, imN + e * lanes, b, e * lanes, imM + e * lanes, lanes, ch[2 * e], ci);
        }
        java.util.Arrays.fill(b, n * lanes, m * lanes, 0f);
        java.util.Arrays.fill(b, imM + n * lanes, imM + m * lanes, 0f);
        float[] r = stockham(bl.inner, b, a, lanes, -1);
        float[] kf = sign < 0 ? bl.kernelFwd : bl.kernelInv;
        for (int e = 0; e < m; e++) {
            k.rotate(r, e * lanes, imM + e * lanes, r, e * lanes, imM + e * lanes, lanes, kf[2 * e], kf[2 * e + 1]);
        }
        float[] r2 = stockham(bl.inner, r, r == a ? b : a, lanes, +1);
        float[] out = r2 == a ? b : a;
        for (int e = 0; e < n; e++) {
            float ci = sign < 0 ? ch[2 * e + 1] : -ch[2 * e + 1];
            k.rotate(r2, e * lanes, imM + e * lanes, out, e * lanes, imN + e * lanes, lanes, ch[2 * e], ci);
        }
        return out;
    }
}
