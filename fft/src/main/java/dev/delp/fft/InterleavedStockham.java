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
        return run(p, k, src, srcOff, srcE, dst, dstOff, dstE, lanes, sign, a, 0, b, 0);
    }

    /**
     * {@link #run(FftPlan, FftKernels, float[], int, int, float[], int, int, int, int, float[], float[])}
     * with the tile buffers at offsets {@code aOff} in {@code a} and {@code bOff} in {@code b}
     * ({@link BlockedStockham} runs a block's stages in part of a larger buffer). {@code a} may be
     * the array of {@code src} (then the first stage writes {@code b} and the second overwrites
     * {@code a} at {@code aOff}, which must be dead by then).
     */
    static float[] run(FftPlan p, FftKernels k, float[] src, int srcOff, int srcE, float[] dst, int dstOff, int dstE,
                       int lanes, int sign, float[] a, int aOff, float[] b, int bOff) {
        int tile = 2 * lanes; // floats per element in a tile buffer
        float[] in = src;
        int inOff = srcOff, inE = srcE;
        int n = p.n, s = 1, stages = p.radix.length;
        for (int st = 0; st < stages; st++) {
            int r = p.radix[st], m = n / s / r;
            boolean external = st == stages - 1 && dst != null;
            float[] out = external ? dst : in == a ? b : a;
            int outOff = external ? dstOff : out == a ? aOff : bOff, outE = external ? dstE : tile;
            // a run of s elements is contiguous in a tile buffer; where either side is strided
            // external data it is s runs of one element each (the kernel's run count): that is
            // only the first stage's input (s = 1) or the last stage's output (m = 1)
            boolean contiguous = inE == tile && outE == tile;
            int seg = contiguous ? s * tile : tile;
            float[] tw = sign < 0 ? p.twFwd[st] : p.twInv[st];
            int is = m * s * inE, os = s * outE, step = 2 * (r - 1);
            // position q = 0 (unit twiddles, or the s runs of the last stage), then all other
            // positions in one call: the per-call overhead (tens of ns) was a large part of the
            // early stages, whose runs are one element (two to four vectors) long
            butterfly(k, p, st, in, inOff, is, inE, out, outOff, os, outE, seg, contiguous ? 1 : s, null, 0, 0, sign);
            if (m > 1) {
                butterfly(k, p, st, in, inOff + s * inE, is, s * inE, out, outOff + s * r * outE, os, s * r * outE, seg,
                        m - 1, tw, step, step, sign);
            }
            in = out;
            inOff = outOff;
            inE = outE;
            s *= r;
        }
        return in;
    }

    /**
     * One stage's butterflies over {@code count} runs of {@code len} floats, run q at
     * {@code xo + q·xq}, {@code yo + q·yq}. Out of place ({@code x != y}), runs longer than one
     * vector that end in a partial vector (tiles of 43 columns at 84², 21 at 1000², 17 in 96×96×60)
     * take that end as one more, overlapping vector (a second call at offset {@code len − v}) instead
     * of the scalar tails, which were about a sixth of the time at 84² (profile). The overlap
     * recomputes a few lanes from unchanged inputs: same values (lanes never mix; the scalar tails
     * round as the vector lanes do). In place (x == y: {@link BlockedStockham}'s head) the first
     * call would already have overwritten the overlap's inputs, so the tails stay scalar there.
     */
    static void butterfly(FftKernels k, FftPlan p, int st, float[] x, int xo, int is, int xq, float[] y, int yo,
                          int os, int yq, int len, int count, float[] tw, int twOff, int twStep, int sign) {
        int v = k.vectorFloats(), rest = len % v;
        if (rest != 0 && len > v && x != y) {
            kernel(k, p, st, x, xo, is, xq, y, yo, os, yq, len - rest, count, tw, twOff, twStep, sign);
            kernel(k, p, st, x, xo + len - v, is, xq, y, yo + len - v, os, yq, v, count, tw, twOff, twStep, sign);
            return;
        }
        kernel(k, p, st, x, xo, is, xq, y, yo, os, yq, len, count, tw, twOff, twStep, sign);
    }

    /** One call of the stage's interleaved kernel: {@code count} runs, run q at {@code xo + q·xq}, {@code yo + q·yq}. */
    private static void kernel(FftKernels k, FftPlan p, int st, float[] x, int xo, int is, int xq, float[] y, int yo,
                               int os, int yq, int len, int count, float[] tw, int twOff, int twStep, int sign) {
        switch (p.radix[st]) {
            case 2 -> k.radix2Interleaved(x, xo, is, xq, y, yo, os, yq, len, count, tw, twOff, twStep);
            case 3 -> k.radix3Interleaved(x, xo, is, xq, y, yo, os, yq, len, count, tw, twOff, twStep, sign);
            case 4 -> k.radix4Interleaved(x, xo, is, xq, y, yo, os, yq, len, count, tw, twOff, twStep, sign);
            case 5 -> k.radix5Interleaved(x, xo, is, xq, y, yo, os, yq, len, count, tw, twOff, twStep, sign);
            default -> k.radixOddInterleaved(p.radix[st], p.rootCos[st], p.rootSin[st], x, xo, is, xq, y, yo, os, yq, len,
                    count, tw, twOff, twStep, sign);
        }
    }
}
