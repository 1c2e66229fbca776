package dev.delp.fft;

import dev.delp.simd.FftKernels;

/**
 * The stages of a mixed-radix plan over a tile of interleaved side-by-side sequences (the layout of
 * {@link InterleavedStockham}), ordered so that most stages run on a block that stays in L1.
 *
 * <p>Why: a Stockham stage reads the whole tile and writes the whole other tile buffer. At 1024²
 * a tile is 128–256 KiB, so each of the five radix-4 stages was one more pass over L2 (the
 * butterflies waited on L2, not on arithmetic). Here the first {@code head} stages run <em>in
 * place</em> in decimation-in-frequency (Gentleman–Sande) order: after them, block {@code b}
 * (elements {@code [b·L, (b+1)·L)}, {@code L = n/S}, {@code S} the product of the head radices) is
 * an independent length-{@code L} sequence whose DFT gives the bins {@code c(b) + S·f}, {@code c}
 * the mixed-radix digit reversal of {@code b}. Each block then runs the remaining stages as an
 * ordinary Stockham transform ({@link InterleavedStockham}, the tail plan of length {@code L}) in a
 * block-sized scratch, its last stage writing bin {@code f} straight to
 * {@code dst + (c(b) + S·f)·dstE}: the output lands in natural order, no permutation pass.
 *
 * <p>Same arithmetic: a DIF stage combines the same values with the same twiddles
 * ({@code w_len^{jp}}) and the same kernel as the Stockham stage, only at other addresses, and the
 * tail plan's twiddles are the full plan's later stages' (both computed as
 * {@code 2π·(jp mod len)/len} in double), so results are bit-identical to
 * {@link InterleavedStockham#run}. Immutable.
 */
final class BlockedStockham {
    /**
     * Block size target in floats (16 KiB): a tail block, its scratch and the block being
     * overwritten by the tail's second stage stay within a 48 KiB L1d.
     */
    static final int BLOCK_FLOATS = 4096;

    /**
     * Tiles below this many floats (128 KiB) keep the plain Stockham stages: at 128 columns (32 KiB
     * tiles) blocking was ×1.09 slower, at 256 (64 KiB) even (×0.98), at 512 and 1024 columns
     * (128, 256 KiB) ×0.79–0.85 faster (TileProbe blocked, paired batches): the extra kernel calls
     * only pay once the Stockham buffers no longer sit comfortably in L2.
     */
    static final int MIN_TILE_FLOATS = 32768;

    final FftPlan plan;
    /** The last {@code plan.radix.length − head} stages as a plan of length {@code n/S}. */
    final FftPlan tail;
    /** Stages run in place over the whole tile. */
    final int head;
    /** {@code S}: blocks after the head, and the bin stride of each block. */
    final int blocks;
    /** {@code c(b)}: the first bin of block {@code b}. */
    private final int[] firstBin;

    private BlockedStockham(FftPlan plan, FftPlan tail, int head) {
        this.plan = plan;
        this.tail = tail;
        this.head = head;
        int s = 1;
        for (int st = 0; st < head; st++) {
            s *= plan.radix[st];
        }
        this.blocks = s;
        this.firstBin = new int[s];
        for (int b = 0; b < s; b++) { // b = Σ j_t·(S / (r_0…r_t)) → c = Σ j_t·(r_0…r_{t−1})
            int rest = b, div = s, c = 0, mult = 1;
            for (int st = 0; st < head; st++) {
                div /= plan.radix[st];
                c += mult * (rest / div);
                rest %= div;
                mult *= plan.radix[st];
            }
            firstBin[b] = c;
        }
    }

    /**
     * The blocked schedule for {@code lanes} sequences of {@code plan}, or null when the Stockham
     * tile is below {@link #MIN_TILE_FLOATS} or already fits {@code blockFloats}, or no split leaves a tail of two stages or more (the
     * tail's last stage writes the output while its first reads the block) whose block fits. Head
     * stages must be of radix 2, 3 or 4: those kernels read all inputs of a butterfly before
     * writing (in place is safe); radix 5 runs as two loops and the generic odd one accumulates.
     */
    static BlockedStockham of(FftPlan plan, int lanes, int blockFloats) {
        return of(plan, lanes, blockFloats, MIN_TILE_FLOATS);
    }

    /** {@link #of(FftPlan, int, int)} with an explicit minimum tile (tests exercise small plans). */
    static BlockedStockham of(FftPlan plan, int lanes, int blockFloats, int minTileFloats) {
        long tileFloats = (long) 2 * plan.n * lanes;
        if (!InterleavedStockham.supports(plan) || tileFloats < minTileFloats || tileFloats <= blockFloats) {
            return null;
        }
        int stages = plan.radix.length, len = plan.n;
        for (int head = 1; head + 2 <= stages; head++) {
            if (plan.radix[head - 1] > 4) {
                return null; // in place needs a kernel that reads all inputs before it writes: radix 5 and the odd one do not
            }
            len /= plan.radix[head - 1];
            if ((long) 2 * len * lanes <= blockFloats) {
                FftPlan tail = ComplexFft1d.of(len).plan();
                if (!java.util.Arrays.equals(tail.radix, java.util.Arrays.copyOfRange(plan.radix, head, stages))) {
                    return null; // a different factorisation would round differently
                }
                return new BlockedStockham(plan, tail, head);
            }
        }
        return null;
    }

    /** Floats of block scratch that {@link #run} needs for {@code lanes} sequences. */
    int scratchFloats(int lanes) {
        return 2 * tail.n * lanes;
    }

    /**
     * Transforms (sign −1 forward, +1 backward, unscaled) the sequences at {@code src} ({@code srcOff},
     * {@code srcE} floats per element; may be {@code t} with offset 0 and {@code srcE = 2·lanes})
     * through the tile {@code t} (at least {@code 2·n·lanes} floats) into {@code dst} ({@code dstOff},
     * {@code dstE}; may be {@code src} when that is not {@code t}, never {@code t}). {@code scratch}
     * holds {@link #scratchFloats} floats.
     */
    void run(FftKernels k, float[] src, int srcOff, int srcE, float[] t, float[] dst, int dstOff, int dstE, int lanes,
             int sign, float[] scratch) {
        int e = 2 * lanes, n = plan.n, s = 1;
        float[] in = src;
        int inOff = srcOff, inE = srcE;
        for (int st = 0; st < head; st++) {
            int r = plan.radix[st], len = n / s, m = len / r, step = 2 * (r - 1);
            float[] tw = sign < 0 ? plan.twFwd[st] : plan.twInv[st];
            for (int b = 0; b < s; b++) {
                int xo = inOff + b * len * inE, yo = b * len * e;
                // p = 0 (unit twiddles), then p = 1 … m−1 in one call (run p: one element, twiddle p)
                InterleavedStockham.butterfly(k, plan, st, in, xo, m * inE, inE, t, yo, m * e, e, e, 1, null, 0, 0, sign);
                if (m > 1) {
                    InterleavedStockham.butterfly(k, plan, st, in, xo + inE, m * inE, inE, t, yo + e, m * e, e, e, m - 1,
                            tw, step, step, sign);
                }
            }
            in = t;
            inOff = 0;
            inE = e;
            s *= r;
        }
        int len = n / s;
        for (int b = 0; b < s; b++) {
            // the tail's first stage reads the block into scratch, its second overwrites the block
            InterleavedStockham.run(tail, k, t, b * len * e, e, dst, dstOff + firstBin[b] * dstE, s * dstE, lanes, sign,
                    t, b * len * e, scratch, 0);
        }
    }
}
