package dev.delp.fft;

import dev.delp.simd.FftKernels;
import java.util.concurrent.ForkJoinPool;

/**
 * Real-to-half-spectrum FFTs of many rows of width {@code w} (row {@code y} at {@code in[y·w]},
 * its {@code w/2+1} bins at {@code spec[2·y·(w/2+1)]}), in fixed tiles of rows transformed side by
 * side by {@link BatchFft}. Even widths use the half-length trick: {@code z_j = x_{2j} + i·x_{2j+1}},
 * {@code Z = FFT_{w/2}(z)}, {@code X_k = E_k + e^{−2πik/w} O_k} with
 * {@code E_k = (Z_k + conj Z_{w/2−k})/2}, {@code O_k = (Z_k − conj Z_{w/2−k})/(2i)}.
 * Odd widths run a full complex FFT of length {@code w}. Thread-safe.
 */
final class RealRows {
    final int width, halfWidth;
    private final boolean even;
    private final LinePassBuffers pass;
    private final FftKernels kernels;
    private final float[] cos, sin; // cos, sin of 2πk/w for k <= w/2
    private final boolean fusedForward, fusedInverse;
    /** Non-null when the rows run in interleaved tile order (see the constructor). */
    private final FftPlan interleavedPlan;
    /** The index maps of a full tile, and (filled on first use) of last tiles padded to whole vectors. */
    private final TileRows fullTile;
    private final TileRows[] paddedTiles;
    /** Rows per vector of the row kernels (1 for the scalar kernels: no padding); see {@link #tileRows}. */
    private final int vectorRows;
    /** Non-null when the interleaved rows run blocked (see the constructor); its scratch pool. */
    private final BlockedStockham blocked;
    private final ScratchPool blockScratch;

    RealRows(int width, FftKernels kernels) {
        this(width, kernels, tileFor(width % 2 == 0 ? width / 2 : width));
    }

    /**
     * Rows per tile for complex row length {@code len}: 16 at {@code len == 128} (width 256), else
     * {@link LinePass#tileFor}. A 128-point Stockham stage reads its four inputs
     * {@code len·lanes/4} floats apart: at 32 lanes that is 4 KiB, so the four loads of each plane
     * (and the two planes, {@code len·lanes} floats apart) fall into one L1 set, and the two tile
     * buffers (64 KiB) do not fit L1 either. At 16 lanes the stride is 2 KiB and both buffers
     * take 32 KiB: the row passes at 256² ran 22 % faster (thread CPU time, median of paired
     * batches, 4 runs: ×0.77–0.90). Other lengths did not gain: at 64 the 32-lane buffers already
     * fit, and from 256 on (or 384, 640) no 16-lane tile fits L1 and 16 lanes was 5–20 % slower
     * (widths 168, 200, 512, 768, 1280 measured). At {@code len} 256 and 512 (widths 512 and 1024)
     * the rows run blocked ({@link BlockedStockham}) and 64-row tiles beat 32 (rows fwd+inv ×0.89–0.93
     * at 1024, ×0.92–0.96 at 512; 128 rows even with 64; width 1000 ×0.94–0.98 and 2048 ×1.05 keep 32):
     * half as many kernel calls per float, eight vectors per element.
     */
    static int tileFor(int len) {
        if (len == 128) {
            return 16;
        }
        return len == 256 || len == 512 ? 64 : LinePass.tileFor(len);
    }

    /** Rows with an explicit tile height (rows per tile), for tuning experiments. */
    RealRows(int width, FftKernels kernels, int tile) {
        this(width, kernels, tile, true);
    }

    /**
     * With {@code fused == false} the real post/pre pass runs as a separate pass over the tile
     * (for A/B tests; bit-identical results). Fused, the forward's post-processing scatters the
     * half spectra straight into the rows ({@link FftKernels#realForwardPostToRows}) and the
     * inverse's pre-processing gathers them straight from the rows
     * ({@link FftKernels#rowsToRealInversePre}), which saves writing and re-reading
     * {@code 2(h+1)·lanes} floats per tile. Spectrum row strides that are multiples of 1024 floats
     * (width 1022, 2046, …) keep the separate forward pass, whose row copy avoids the vector
     * scatter's L1 set conflict there (see {@code VectorFftKernels.splitToRows}). The split-plane
     * inverse always runs the separate pre pass (session 7, part 2): the fused
     * {@code rowsToRealInversePre}, with four index-map gathers per iteration, passed C2's parse node
     * budget after DelpNet in the same JVM and boxed at 84² in about 1 of 10 JDK-17 processes even with
     * one output per iteration (bench/RESULTS.md, FFT session 7 part 2); {@code rowsToSplit} and
     * {@code realInversePre} are two small units (same bits).
     */
    RealRows(int width, FftKernels kernels, int tile, boolean fused) {
        this(width, kernels, tile, fused, fused);
    }

    /**
     * With {@code interleaved} (and {@code fused}), even widths whose half-length plan has radices
     * 2 to 5 only (not Bluestein, no generic odd radix) keep the tile in interleaved order
     * ({@link FftKernels#rowsToInterleaved}): the butterflies then read and write half as many
     * memory streams as on split planes. Bit-identical results either way.
     */
    RealRows(int width, FftKernels kernels, int tile, boolean fused, boolean interleaved) {
        this(width, kernels, tile, fused, interleaved, BlockedStockham.BLOCK_FLOATS);
    }

    /**
     * With an explicit block size in floats for {@link BlockedStockham} (0: never blocked), for A/B
     * tests. Blocked, the interleaved half-length stages of a tile larger than the block (e.g.
     * width 1024: 512 points × 32 rows) run in place in decimation-in-frequency order until
     * blocks fit L1, then each block's remaining stages from a block-sized scratch.
     */
    RealRows(int width, FftKernels kernels, int tile, boolean fused, boolean interleaved, int blockFloats) {
        this.width = width;
        this.halfWidth = width / 2 + 1;
        this.even = width % 2 == 0;
        int len = even ? width / 2 : width;
        this.pass = new LinePassBuffers(len, kernels, tile);
        this.kernels = kernels;
        this.fusedInverse = false; // see the constructor's javadoc (split planes; interleaved rows are fused)
        this.fusedForward = fused && (2 * halfWidth) % 1024 != 0;
        FftPlan half = pass.fft.plan;
        // rows: measured faster in interleaved order at widths 128-1024 (x0.81-0.96) and, with the
        // whole-stage kernel calls, at 1000 (radices 4·5·5·5, x0.83-0.92); slower at width 84
        // (2·3·7, x1.09-1.15: the generic odd radix), which keeps the split planes (TileProbe ilvrows)
        boolean smallRadices = true;
        for (int r : half.radix) {
            smallRadices &= r <= 5;
        }
        this.interleavedPlan = interleaved && even && fusedForward && smallRadices && InterleavedStockham.supports(half)
                ? half : null;
        this.blocked = interleavedPlan == null || blockFloats <= 0 ? null
                : BlockedStockham.of(interleavedPlan, pass.tile, blockFloats);
        this.blockScratch = blocked == null ? null : new ScratchPool(blocked.scratchFloats(pass.tile));
        fullTile = TileRows.of(pass.tile, pass.tile, width, halfWidth);
        paddedTiles = new TileRows[pass.tile];
        // split planes: a vector holds vectorFloats rows; interleaved order: half as many (one complex value each)
        int perVector = interleavedPlan == null ? kernels.vectorFloats() : kernels.vectorFloats() / 2;
        vectorRows = pass.tile % Math.max(1, perVector) == 0 ? Math.max(1, perVector) : 1;
        cos = new float[halfWidth];
        sin = new float[halfWidth];
        for (int k = 0; k < halfWidth; k++) {
            cos[k] = (float) Math.cos(2 * Math.PI * k / width);
            sin[k] = (float) Math.sin(2 * Math.PI * k / width);
        }
    }

    private static int[] pairs(int[] rowIndex) {
        int[] p = new int[2 * rowIndex.length];
        for (int t = 0; t < rowIndex.length; t++) {
            p[2 * t] = rowIndex[t];
            p[2 * t + 1] = rowIndex[t] + 1;
        }
        return p;
    }

    /** Floats between real rows in FFTW's padded in-place layout: {@code 2·(w/2+1)}. */
    int paddedStride() {
        return 2 * halfWidth;
    }

    /** Forward transform of {@code rows} rows of {@code in} into the half spectra in {@code spec}. */
    void forward(float[] in, float[] spec, int rows, ForkJoinPool pool) {
        forward(in, width, spec, rows, pool);
    }

    /**
     * Forward transform with real row {@code y} at {@code in[y·realStride]}, {@code realStride} being
     * {@code w} (compact) or {@link #paddedStride()}. Each tile reads all its rows before it writes,
     * so {@code in == spec} with the padded stride transforms in place.
     */
    void forward(float[] in, int realStride, float[] spec, int rows, ForkJoinPool pool) {
        checkRealStride(realStride);
        int tile = pass.tile;
        Tiles.run(pool, (rows + tile - 1) / tile, i -> {
            int r0 = i * tile;
            int lanes = Math.min(tile, rows - r0);
            float[] a = pass.buffers.take(), b = pass.buffers.take();
            if (even) {
                forwardEven(in, realStride, tileRows(lanes), spec, r0, a, b);
            } else {
                forwardOdd(in, realStride, spec, r0, lanes, a, b);
            }
            pass.buffers.give(a);
            pass.buffers.give(b);
        });
    }

    /**
     * Inverse transform of {@code rows} half spectra into real rows, normalised by {@code 1/w} and
     * further multiplied by {@code postScale} (e.g. the other axes' normalisation).
     */
    void inverse(float[] spec, float[] out, int rows, double postScale, ForkJoinPool pool) {
        inverse(spec, out, width, rows, postScale, pool);
    }

    /** {@link #inverse(float[], float[], int, double, ForkJoinPool)} with real row {@code y} at {@code out[y·realStride]}. */
    void inverse(float[] spec, float[] out, int realStride, int rows, double postScale, ForkJoinPool pool) {
        checkRealStride(realStride);
        int tile = pass.tile;
        Tiles.run(pool, (rows + tile - 1) / tile, i -> {
            int r0 = i * tile;
            int lanes = Math.min(tile, rows - r0);
            float[] a = pass.buffers.take(), b = pass.buffers.take();
            if (even) {
                inverseEven(spec, out, realStride, tileRows(lanes), r0, a, b, (float) (postScale / (width / 2)));
            } else {
                inverseOdd(spec, out, realStride, r0, lanes, a, b, (float) (postScale / width));
            }
            pass.buffers.give(a);
            pass.buffers.give(b);
        });
    }

    private void checkRealStride(int realStride) {
        if (realStride != width && realStride != 2 * halfWidth) {
            throw new IllegalArgumentException("real row stride " + realStride + " is neither " + width + " nor "
                    + 2 * halfWidth);
        }
    }

    private void forwardEven(float[] in, int stride, TileRows ix, float[] spec, int r0, float[] a, float[] b) {
        int h = width / 2, lanes = ix.lanes;
        int[] realIdx = stride == width ? ix.real : ix.padded, specRowIndex = ix.spec;
        if (interleavedPlan != null) {
            kernels.rowsToInterleaved(in, r0 * stride, stride == width ? ix.realPairs : ix.paddedPairs, lanes, h, a);
            float[] z = half(a, b, lanes, -1);
            kernels.realForwardPostInterleavedToRows(z, h, lanes, cos, sin, spec, 2 * r0 * halfWidth, ix.specPairs);
            return;
        }
        // each real row viewed as h interleaved complex values z_j = x_2j + i·x_2j+1
        kernels.rowsToSplit(in, r0 * stride, realIdx, lanes, h, a, h * lanes);
        float[] z = pass.fft.transform(a, b, lanes, -1);
        if (fusedForward) {
            kernels.realForwardPostToRows(z, h * lanes, h, lanes, cos, sin, spec, 2 * r0 * halfWidth, specRowIndex);
            return;
        }
        float[] x = z == a ? b : a;
        int xIm = (h + 1) * lanes;
        kernels.realForwardPost(z, h * lanes, x, xIm, h, lanes, cos, sin);
        kernels.splitToRows(x, xIm, lanes, h + 1, spec, 2 * r0 * halfWidth, specRowIndex, 1f);
    }

    /** The interleaved half-length transform of the tile in {@code x}; returns {@code x} or {@code y}. */
    private float[] half(float[] x, float[] y, int lanes, int sign) {
        if (blocked == null) {
            return InterleavedStockham.run(interleavedPlan, kernels, x, 0, 2 * lanes, null, 0, 0, lanes, sign, x, y);
        }
        float[] scratch = blockScratch.take();
        blocked.run(kernels, x, 0, 2 * lanes, x, y, 0, 2 * lanes, lanes, sign, scratch);
        blockScratch.give(scratch);
        return y;
    }

    private void forwardOdd(float[] in, int stride, float[] spec, int r0, int lanes, float[] a, float[] b) {
        int n = width, im = n * lanes;
        for (int t = 0; t < lanes; t++) {
            int s = (r0 + t) * stride;
            for (int j = 0; j < n; j++) {
                a[j * lanes + t] = in[s + j];
                a[im + j * lanes + t] = 0f;
            }
        }
        float[] z = pass.fft.transform(a, b, lanes, -1);
        for (int t = 0; t < lanes; t++) {
            int d = 2 * (r0 + t) * halfWidth;
            for (int k = 0; k < halfWidth; k++) {
                spec[d + 2 * k] = z[k * lanes + t];
                spec[d + 2 * k + 1] = z[im + k * lanes + t];
            }
        }
    }

    private void inverseEven(float[] spec, float[] out, int stride, TileRows ix, int r0, float[] a, float[] b,
                             float scale) {
        int h = width / 2, lanes = ix.lanes;
        int[] realIdx = stride == width ? ix.real : ix.padded, specRowIndex = ix.spec;
        if (interleavedPlan != null) {
            kernels.rowsToRealInversePreInterleaved(spec, 2 * r0 * halfWidth, ix.specPairs, lanes, h, cos, sin, b);
            float[] z = half(b, a, lanes, +1);
            kernels.interleavedToRows(z, lanes, h, out, r0 * stride, stride == width ? ix.realPairs : ix.paddedPairs,
                    scale);
            return;
        }
        if (fusedInverse) {
            kernels.rowsToRealInversePre(spec, 2 * r0 * halfWidth, specRowIndex, lanes, h, cos, sin, b, h * lanes);
        } else {
            int xIm = (h + 1) * lanes;
            kernels.rowsToSplit(spec, 2 * r0 * halfWidth, specRowIndex, lanes, h + 1, a, xIm);
            kernels.realInversePre(a, xIm, b, h * lanes, h, lanes, cos, sin);
        }
        float[] z = pass.fft.transform(b, a, lanes, +1);
        kernels.splitToRows(z, h * lanes, lanes, h, out, r0 * stride, realIdx, scale);
    }

    private void inverseOdd(float[] spec, float[] out, int stride, int r0, int lanes, float[] a, float[] b,
                            float scale) {
        int n = width, im = n * lanes;
        for (int t = 0; t < lanes; t++) {
            int s = 2 * (r0 + t) * halfWidth;
            for (int k = 0; k < halfWidth; k++) {
                a[k * lanes + t] = spec[s + 2 * k];
                a[im + k * lanes + t] = spec[s + 2 * k + 1];
            }
            for (int k = halfWidth; k < n; k++) { // Hermitian symmetry
                a[k * lanes + t] = spec[s + 2 * (n - k)];
                a[im + k * lanes + t] = -spec[s + 2 * (n - k) + 1];
            }
        }
        float[] z = pass.fft.transform(a, b, lanes, +1);
        for (int t = 0; t < lanes; t++) {
            int d = (r0 + t) * stride;
            for (int j = 0; j < n; j++) {
                out[d + j] = z[j * lanes + t] * scale;
            }
        }
    }

    /**
     * The index maps for a tile of {@code lanes} rows. A last tile whose rows do not fill whole
     * vectors (84 rows in tiles of 32: 32, 32, 20) is padded to whole vectors by repeating its
     * first row: without it, 4 of the 20 rows ran through the scalar tails of every kernel
     * (with the columns' tails, about a third of the time at 84² in a profile). The repeated
     * lanes compute that row's values again, bit for bit, and store them to the same place.
     * Every kernel reads all of a tile's input before the tile's output is written, so in place
     * stays exact.
     */
    private TileRows tileRows(int lanes) {
        if (lanes == pass.tile) {
            return fullTile;
        }
        TileRows t = paddedTiles[lanes];
        if (t == null) { // benign race: any thread builds the same maps
            t = TileRows.of(lanes, (lanes + vectorRows - 1) / vectorRows * vectorRows, width, halfWidth);
            paddedTiles[lanes] = t;
        }
        return t;
    }

    /** Float offsets of the rows of a tile (from its first row) in each layout, and their pairs. */
    private static final class TileRows {
        final int lanes;
        final int[] real, padded, spec, realPairs, paddedPairs, specPairs;

        private TileRows(int lanes, int[] real, int[] padded, int[] spec) {
            this.lanes = lanes;
            this.real = real;
            this.padded = padded;
            this.spec = spec;
            this.realPairs = pairs(real);
            this.paddedPairs = pairs(padded);
            this.specPairs = pairs(spec);
        }

        /**
         * {@code rows} rows of width {@code width} in {@code slots} entries (the rest: 0, the tile's
         * first row again): compact real rows {@code t·width}, padded real rows and half spectra
         * {@code 2·t·halfWidth} floats apart.
         */
        static TileRows of(int rows, int slots, int width, int halfWidth) {
            int[] real = new int[slots], padded = new int[slots];
            for (int t = 0; t < rows; t++) {
                real[t] = t * width;
                padded[t] = 2 * t * halfWidth;
            }
            return new TileRows(slots, real, padded, padded); // half spectra: the padded rows' offsets
        }
    }

    /** The batched plan and tile buffers for the row length. */
    private static final class LinePassBuffers {
        final BatchFft fft;
        final int tile;
        final ScratchPool buffers;

        LinePassBuffers(int len, FftKernels kernels, int tile) {
            fft = new BatchFft(ComplexFft1d.of(len).plan(), kernels);
            this.tile = tile;
            buffers = new ScratchPool(fft.bufferFloats(tile) + 2 * tile); // + one element: h+1 bins
        }
    }
}
