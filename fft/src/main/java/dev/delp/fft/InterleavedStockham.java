package dev.delp.fft;

import dev.delp.simd.FftKernels;

/**
 * The Stockham stages of a mixed-radix {@link FftPlan} over {@code lanes} sequences
 * stored interleaved, side by side: element {@code e} of sequence {@code t} at
 * {@code off + e·E + 2t} (real) and {@code + 1} (imaginary), {@code E} floats per element. Between
 * stages the data live in two tile buffers with {@code E = 2·lanes}. Compared with the split
 * planes of {@link BatchFft}, a butterfly reads and writes half as many memory streams and the
 * column passes need no deinterleaving copies; the price is a pair swap per complex product
 * ({@code VectorFftKernels.radix4Interleaved}), with the same rounding as the split kernels, so
 * results are bit-identical to {@link BatchFft}'s. Stateless.
 */
final class InterleavedStockham {
    private InterleavedStockham() {
    }

    /** Whether {@code plan} is a mixed-radix plan (not Bluestein) of at least one stage. */
    static boolean supports(FftPlan plan) {
        return plan.bluestein == null && plan.radix.length > 0;
    }

    /**
     * Transforms (sign −1 forward, +1 backward, unscaled) the sequences at {@code src}
     * ({@code srcOff}, {@code srcE} floats per element) into {@code dst} ({@code dstOff},
     * {@code dstE}), or, when {@code dst} is null, into one of the tile buffers {@code a},
     * {@code b} (each at least {@code 2·n·lanes} floats; element {@code e} at {@code e·2·lanes}),
     * which is returned. {@code src} may be {@code a} or {@code b} (then {@code srcOff = 0},
     * {@code srcE = 2·lanes}); with a non-null {@code dst} the plan needs two stages or more, so
     * that {@code dst} may be {@code src} (the first stage has read everything before the last writes).
     */
    static float[] run(FftPlan p, FftKernels k, float[] src, int srcOff, int srcE, float[] dst, int dstOff, int dstE,
                       int lanes, int sign, float[] a, float[] b) {
        int tile = 2 * lanes; // floats per element in a tile buffer
        float[] in = src;
        int inOff = srcOff, inE = srcE;
        int n = p.n, s = 1, stages = p.radix.length;
        for (int st = 0; st < stages; st++) {
            int r = p.radix[st], m = n / s / r;
            boolean external = st == stages - 1 && dst != null;
            float[] out = external ? dst : in == a ? b : a;
            int outOff = external ? dstOff : 0, outE = external ? dstE : tile;
            // a run of s elements is contiguous in a tile buffer; where either side is strided
            // external data it is s runs of one element each (the kernel's run count)
            boolean contiguous = inE == tile && outE == tile;
            int seg = contiguous ? s * tile : tile, count = contiguous ? 1 : s;
            float[] tw = sign < 0 ? p.twFwd[st] : p.twInv[st];
            for (int q = 0; q < m; q++) {
                float[] t = q == 0 ? null : tw; // w^{j·0} = 1
                int xo = inOff + s * q * inE, is = m * s * inE, yo = outOff + s * r * q * outE, os = s * outE;
                int to = 2 * (r - 1) * q;
                switch (r) {
                    case 2 -> k.radix2Interleaved(in, xo, is, inE, out, yo, os, outE, seg, count, t, to);
                    case 3 -> k.radix3Interleaved(in, xo, is, inE, out, yo, os, outE, seg, count, t, to, sign);
                    case 4 -> k.radix4Interleaved(in, xo, is, inE, out, yo, os, outE, seg, count, t, to, sign);
                    case 5 -> k.radix5Interleaved(in, xo, is, inE, out, yo, os, outE, seg, count, t, to, sign);
                    default -> k.radixOddInterleaved(r, p.rootCos[st], p.rootSin[st], in, xo, is, inE, out, yo, os,
                            outE, seg, count, t, to, sign);
                }
            }
            in = out;
            inOff = outOff;
            inE = outE;
            s *= r;
        }
        return in;
    }
}
