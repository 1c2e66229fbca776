package dev.delp.fft;

import dev.delp.simd.FftKernels;
import java.util.concurrent.ForkJoinPool;

/**
 * Complex FFTs of length {@code len} along many lines of an interleaved complex array, in
 * fixed tiles of up to {@link #tile} lines: a tile is gathered into split planes, transformed
 * by {@link BatchFft} (SIMD across the lines of the tile) and scattered back. Line {@code c}
 * of group {@code o} has element {@code e} at complex index
 * {@code o·outerStride + c·lineStride + e·elemStride}. Tiles depend on the geometry only, so the
 * result is the same for any thread count. Thread-safe; buffers come from a per-pass pool.
 */
final class LinePass {
    final int len;
    final int tile;
    private final BatchFft fft;
    private final FftKernels kernels;
    private volatile int[] rowIndex;
    private final ScratchPool buffers;

    /**
     * Non-null when lines that lie side by side (columns) are transformed on their interleaved
     * values ({@link #interleavedTile}): mixed-radix plans with at least two stages.
     */
    private final FftPlan interleaved;

    LinePass(int len, FftKernels kernels) {
        this(len, kernels, true);
    }

    /** With {@code interleave == false} columns always take the split-plane path (for A/B tests; same values up to rounding order: none, the butterflies round alike). */
    LinePass(int len, FftKernels kernels, boolean interleave) {
        this(len, kernels, interleave, tileFor(len));
    }

    /**
     * Non-null when the interleaved stages run blocked ({@link BlockedStockham}): lengths whose
     * tile exceeds {@link BlockedStockham#BLOCK_FLOATS} (e.g. 1024 columns in tiles of 32).
     */
    private final BlockedStockham blocked;

    /** See {@link #maxMergeFor}. */
    private final int maxMerge;

    /** Tile buffers for a merged last tile (wider than {@link #tile}); the others keep tile-sized ones. */
    private final ScratchPool wideBuffers;

    /** With an explicit tile (lines per tile), for tuning experiments. */
    LinePass(int len, FftKernels kernels, boolean interleave, int tile) {
        this(len, kernels, interleave, tile, BlockedStockham.BLOCK_FLOATS);
    }

    /** With an explicit block size in floats for {@link BlockedStockham} (0: never blocked), for A/B tests. */
    LinePass(int len, FftKernels kernels, boolean interleave, int tile, int blockFloats) {
        this.len = len;
        this.tile = tile;
        FftPlan plan = ComplexFft1d.of(len).plan();
        this.fft = new BatchFft(plan, kernels);
        this.kernels = kernels;
        this.maxMerge = maxMergeFor(tile);
        this.buffers = new ScratchPool(fft.bufferFloats(tile));
        this.wideBuffers = new ScratchPool(fft.bufferFloats(tile + maxMerge));
        this.interleaved = interleave && interleavable(plan) ? plan : null;
        this.blocked = interleaved == null || blockFloats <= 0 ? null : BlockedStockham.of(plan, tile, blockFloats);
    }

    /** Mixed-radix (not Bluestein) with two stages or more (so that the pass may run in place). */
    static boolean interleavable(FftPlan plan) {
        return plan.radix.length >= 2 && InterleavedStockham.supports(plan);
    }

    /**
     * Lines per tile: 32 keeps two tile buffers of a 2048-point transform within 1 MiB of cache;
     * 16 at length 128, whose two 16-line buffers (32 KiB) fit L1 where 32 lines (64 KiB) did not
     * (2D columns fwd+inv ×0.77 against 32; 8 lines no better), the reason the width-256 rows use
     * 16 ({@link RealRows#tileFor}); 64 at length 256, whose 128-KiB tiles then run blocked
     * ({@link BlockedStockham}): columns ×0.76–0.90 against 32 (128 lines ×1.11 against 64).
     * Paired batches in one JVM, {@code TileProbe coltile}, session 5. At 84, 512 and 1000, 16 or
     * 64 lines were slower (×1.21, ×1.01–1.38, ×1.12).
     */
    static int tileFor(int len) {
        if (len == 128) {
            return 16;
        }
        if (len == 256) {
            return 64;
        }
        return len <= 2048 ? 32 : 16;
    }

    /**
     * Transforms {@code outer × count} lines from {@code src} into {@code dst} (which may be
     * {@code src}), multiplying the results by {@code scale}.
     */
    void run(float[] src, float[] dst, int outer, int outerStride, int count, int lineStride, int elemStride,
             int sign, float scale, ForkJoinPool pool) {
        if (lineStride == 1 && interleaved != null && scale == 1f) {
            // a remainder of MIN_MERGE to maxMerge lines joins the last full tile (see maxMergeFor)
            int rest = count % tile;
            int perGroup = count > tile && rest >= MIN_MERGE && rest <= maxMerge ? count / tile : (count + tile - 1) / tile;
            Tiles.run(pool, outer * perGroup, i -> {
                int o = i / perGroup;
                int c0 = (i % perGroup) * tile;
                int lanes = i % perGroup == perGroup - 1 ? count - c0 : tile;
                ScratchPool pool2 = lanes > tile ? wideBuffers : buffers;
                float[] a = pool2.take(), b = pool2.take();
                interleavedTile(src, dst, 2 * (o * outerStride + c0), 2 * elemStride, lanes, sign, a, b);
                pool2.give(a);
                pool2.give(b);
            });
            return;
        }
        int perOuter = (count + tile - 1) / tile;
        Tiles.run(pool, outer * perOuter, i -> {
            int o = i / perOuter;
            int c0 = (i % perOuter) * tile;
            int lanes = Math.min(tile, count - c0);
            int base = o * outerStride + c0 * lineStride;
            float[] a = buffers.take(), b = buffers.take();
            gather(src, a, base, lanes, lineStride, elemStride);
            float[] r = fft.transform(a, b, lanes, sign);
            scatter(r, dst, base, lanes, lineStride, elemStride, scale);
            buffers.give(a);
            buffers.give(b);
        });
    }

    /**
     * {@code lanes} side-by-side lines (element {@code e} of line {@code t} at
     * {@code src[off + e·elemFloats + 2t]}) transformed on their interleaved values by
     * {@link InterleavedStockham}: its first stage reads {@code src} and its last writes {@code dst}
     * in place of a gather and a scatter pass (the deinterleaving copies were the largest
     * data-movement cost of the column pass).
     */
    private void interleavedTile(float[] src, float[] dst, int off, int elemFloats, int lanes, int sign, float[] a,
                                 float[] b) {
        if (lanes == 1) {
            singleLine(src, dst, off, elemFloats, sign, a, b);
            return;
        }
        if (blocked != null) { // a holds the tile, b the block scratch
            blocked.run(kernels, src, off, elemFloats, a, dst, off, elemFloats, lanes, sign, b);
            return;
        }
        InterleavedStockham.run(interleaved, kernels, src, off, elemFloats, dst, off, elemFloats, lanes, sign, a, b);
    }

    /**
     * A tile of one line (the last column of a power-of-two width: w/2 + 1 bins per row). Written
     * straight to {@code dst}, the last stage would run as {@code n/r} runs of one element each, all
     * through the scalar tails; into a tile buffer (two floats per element) it is one contiguous run
     * that the vector butterflies cover, and a scalar copy then writes the line. Same butterflies,
     * same values (bit-identical).
     */
    private void singleLine(float[] src, float[] dst, int off, int elemFloats, int sign, float[] a, float[] b) {
        float[] r = InterleavedStockham.run(interleaved, kernels, src, off, elemFloats, null, 0, 0, 1, sign, a, b);
        for (int e = 0; e < len; e++) {
            dst[off + e * elemFloats] = r[2 * e];
            dst[off + e * elemFloats + 1] = r[2 * e + 1];
        }
    }

    /**
     * Side-by-side lines ({@link #interleavedTile}) that remain after the full tiles, up to this
     * many, run as part of the last full tile instead of a narrow tile of their own. A kernel call
     * costs per run (twiddles broadcast, loop set-up, the scalar tail's call) about as much as a
     * few vectors of butterflies, so a narrow tile costs nearly as much as a full one: forward +
     * inverse, the last of the 257 columns at 512² took 0.021 ms against 0.053 for a 32-column
     * tile, and at 84² the 11-column remainder 0.0071 ms against 0.0082 (one thread). Padding the
     * remainder to one vector in a scratch tile was no faster (0.028, 0.0071 ms): the runs, not
     * the scalar lanes, cost. A remainder of fewer than {@link #MIN_MERGE} lines stays a tile of
     * its own: merging the one column that powers of two leave (w/2 + 1 bins per row) was slower
     * at 256² and 512² (×1.11, ×1.01, VersionAb; a 33-column tile's elements are not 64-byte
     * aligned, so every vector load splits across two cache lines) and even at 128².
     */
    private static int maxMergeFor(int tile) {
        return tile / 2;
    }

    /** See {@link #maxMergeFor}. */
    private static final int MIN_MERGE = 8;

    /** Float offsets {@code t·2·lineStride} of the rows of a tile, cached for the last stride used. */
    private int[] rowIndex(int lineStride) {
        int[] idx = rowIndex;
        if (idx == null || idx[1] != 2 * lineStride) {
            idx = new int[Math.max(tile, 2)];
            for (int t = 0; t < idx.length; t++) {
                idx[t] = 2 * t * lineStride;
            }
            rowIndex = idx; // benign race: any thread computes the same contents
        }
        return idx;
    }

    private void gather(float[] src, float[] a, int base, int lanes, int lineStride, int elemStride) {
        int im = len * lanes;
        if (lineStride == 1) { // lines side by side: each element is a contiguous run of the tile
            kernels.columnsToSplit(src, 2 * base, 2 * elemStride, lanes, len, a, im);
        } else if (elemStride == 1) { // rows: a transposing copy
            kernels.rowsToSplit(src, 2 * base, rowIndex(lineStride), lanes, len, a, im);
        } else {
            for (int t = 0; t < lanes; t++) {
                int s = 2 * (base + t * lineStride);
                for (int e = 0; e < len; e++) {
                    int si = s + 2 * e * elemStride;
                    a[e * lanes + t] = src[si];
                    a[im + e * lanes + t] = src[si + 1];
                }
            }
        }
    }

    private void scatter(float[] r, float[] dst, int base, int lanes, int lineStride, int elemStride, float scale) {
        int im = len * lanes;
        if (lineStride == 1) {
            kernels.splitToColumns(r, im, lanes, len, dst, 2 * base, 2 * elemStride, scale);
        } else if (elemStride == 1) {
            kernels.splitToRows(r, im, lanes, len, dst, 2 * base, rowIndex(lineStride), scale);
        } else {
            for (int t = 0; t < lanes; t++) {
                int d = 2 * (base + t * lineStride);
                for (int e = 0; e < len; e++) {
                    int di = d + 2 * e * elemStride;
                    dst[di] = r[e * lanes + t] * scale;
                    dst[di + 1] = r[im + e * lanes + t] * scale;
                }
            }
        }
    }
}
