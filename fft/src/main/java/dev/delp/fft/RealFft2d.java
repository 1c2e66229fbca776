package dev.delp.fft;

import dev.delp.simd.FftKernels;
import dev.delp.simd.Simd;
import java.util.concurrent.ForkJoinPool;

/**
 * Plan for a real-input 2D FFT of a row-major {@code width x height} image (index {@code x + width*y}).
 * The spectrum holds {@code height} rows of {@code width/2 + 1} complex bins, interleaved:
 * the bin {@code (kx, ky)} is at float index {@code 2 * (kx + (width/2+1) * ky)} (FFTW's r2c layout).
 * Forward is unnormalised; inverse scales by {@code 1/(width*height)} and leaves the spectrum unchanged
 * (through a per-plan spectrum copy); {@link #inverseDestroying} gives the same output without that copy
 * but overwrites the spectrum.
 *
 * <p><b>In place</b> ({@link #forwardInPlace}, {@link #inverseInPlace}): one array of
 * {@link #paddedLength()} {@code = height · paddedRowLength()} floats, in FFTW's padded r2c layout.
 * Real row {@code y} starts at float {@code y · paddedRowLength()} with
 * {@code paddedRowLength() = 2·(width/2+1)}; sample {@code (x, y)} is at {@code x + paddedRowLength()·y}
 * and the last {@code paddedRowLength() − width} floats of each row (1 or 2) are padding, ignored on
 * input. After the forward transform the same array holds the half spectrum exactly as
 * {@link #forward} writes it (bin {@code (kx, ky)} at {@code 2·(kx + (width/2+1)·ky)} — the same row
 * offset, since each spectrum row is also {@code paddedRowLength()} floats). The results are
 * bit-identical to {@code forward}/{@code inverse}; only row- and tile-sized scratch is used.
 *
 * <p>Rows are transformed in tiles of up to 32 rows side by side, then columns in tiles of up to
 * 32 adjacent columns, each tile SIMD-vectorised across its lines ({@link dev.delp.simd.FftKernels}).
 * Tiles are split over the given fork-join pool and are fixed by the shape, so results are
 * bit-identical for any parallelism. Plans are immutable and thread-safe; all scratch comes from
 * per-plan pools, so repeated calls allocate nothing after the first.
 */
public final class RealFft2d {
    private final int width, height, halfWidth;
    private final RealRows rows;
    private final LinePass cols;
    private final ScratchPool spectra; // inverse keeps the caller's spectrum intact

    /**
     * From this many spectrum floats (1 MiB) on, the preserving {@link #inverse} copies the
     * spectrum into its scratch and runs the column pass there in place, instead of the column
     * pass writing the scratch out of place. Same butterflies, same bits. With spectra larger than
     * half the L2, the out-of-place pass's writes missed the cache on every line, while a
     * sequential copy streams: forward + inverse ×0.90 at 512², ×0.96 at 1024² (paired batches in
     * one JVM), but ×1.02 at 256² and ×1.05 at 128², whose spectra stay in L2.
     */
    static final int COPY_FIRST_FLOATS = 1 << 18;

    private RealFft2d(int width, int height, FftKernels kernels) {
        this.width = width;
        this.height = height;
        this.halfWidth = width / 2 + 1;
        this.rows = new RealRows(width, kernels);
        this.cols = new LinePass(height, kernels);
        this.spectra = new ScratchPool(spectrumLength());
    }

    /** A plan for a {@code width x height} real image, using the active SIMD kernels. */
    public static RealFft2d of(int width, int height) {
        return of(width, height, Simd.fftKernels());
    }

    /** A plan using the given butterflies (e.g. {@link Simd#scalarFft()} to compare paths). */
    public static RealFft2d of(int width, int height, FftKernels kernels) {
        FftSizes.checkShape(width, height);
        FftSizes.checkSpectrum(width / 2 + 1, width, height);
        return new RealFft2d(width, height, kernels);
    }

    public int width() { return width; }

    public int height() { return height; }

    /** Floats in the half spectrum: {@code 2 * (width/2+1) * height}. */
    public int spectrumLength() {
        return 2 * halfWidth * height;
    }

    /** Floats per row in the padded in-place layout: {@code 2 * (width/2+1)}. */
    public int paddedRowLength() {
        return 2 * halfWidth;
    }

    /** Floats in the padded in-place layout: {@code height * paddedRowLength()}, the same as {@link #spectrumLength()}. */
    public int paddedLength() {
        return spectrumLength();
    }

    /** {@link #forwardInPlace(float[], ForkJoinPool)} on the common pool. */
    public void forwardInPlace(float[] data) {
        forwardInPlace(data, ForkJoinPool.commonPool());
    }

    /**
     * Forward transform in place: {@code data} holds the real image in padded rows (sample
     * {@code (x, y)} at {@code x + paddedRowLength()·y}; the padding floats are ignored) and is
     * overwritten by the half spectrum (bin {@code (kx, ky)} at {@code 2·(kx + (width/2+1)·ky)}).
     * Bit-identical to {@link #forward(float[], float[], ForkJoinPool)}; no image-sized scratch.
     *
     * @throws IllegalArgumentException if {@code data} is null or shorter than {@link #paddedLength()}
     */
    public void forwardInPlace(float[] data, ForkJoinPool pool) {
        checkPadded(data);
        rows.forward(data, paddedRowLength(), data, height, pool);
        cols.run(data, data, 1, 0, halfWidth, 1, halfWidth, -1, 1f, pool);
    }

    /** {@link #inverseInPlace(float[], ForkJoinPool)} on the common pool. */
    public void inverseInPlace(float[] data) {
        inverseInPlace(data, ForkJoinPool.commonPool());
    }

    /**
     * Inverse transform in place (scaled by {@code 1/(width*height)}): {@code data} holds the half
     * spectrum and is overwritten by the real image in padded rows (sample {@code (x, y)} at
     * {@code x + paddedRowLength()·y}; the padding floats are left with unspecified values).
     * The samples are bit-identical to {@link #inverse(float[], float[], ForkJoinPool)}.
     *
     * @throws IllegalArgumentException if {@code data} is null or shorter than {@link #paddedLength()}
     */
    public void inverseInPlace(float[] data, ForkJoinPool pool) {
        checkPadded(data);
        cols.run(data, data, 1, 0, halfWidth, 1, halfWidth, +1, 1f, pool);
        rows.inverse(data, data, paddedRowLength(), height, 1.0 / height, pool);
    }

    private void checkPadded(float[] data) {
        if (data == null) {
            throw new IllegalArgumentException("data is null");
        }
        if (data.length < paddedLength()) {
            throw new IllegalArgumentException("data too short for an in-place " + width + "x" + height
                    + " real FFT: needs " + paddedLength() + " floats (" + height + " rows of " + paddedRowLength()
                    + "), has length " + data.length);
        }
    }

    /** Forward transform on the common pool. */
    public void forward(float[] in, float[] spectrum) {
        forward(in, spectrum, ForkJoinPool.commonPool());
    }

    /** Forward transform: {@code width*height} reals to the half spectrum. */
    public void forward(float[] in, float[] spectrum, ForkJoinPool pool) {
        FftSizes.checkArray("in", in, 0, (long) width * height);
        FftSizes.checkArray("spectrum", spectrum, 0, spectrumLength());
        FftSizes.checkDistinct(in, spectrum);
        rows.forward(in, spectrum, height, pool);
        cols.run(spectrum, spectrum, 1, 0, halfWidth, 1, halfWidth, -1, 1f, pool);
    }

    /** Inverse transform on the common pool. */
    public void inverse(float[] spectrum, float[] out) {
        inverse(spectrum, out, ForkJoinPool.commonPool());
    }

    /** Inverse transform (scaled by {@code 1/(width*height)}); the spectrum is not modified. */
    public void inverse(float[] spectrum, float[] out, ForkJoinPool pool) {
        FftSizes.checkArray("spectrum", spectrum, 0, spectrumLength());
        FftSizes.checkArray("out", out, 0, (long) width * height);
        FftSizes.checkDistinct(out, spectrum);
        float[] mid = spectra.take();
        try {
            if (spectrumLength() >= COPY_FIRST_FLOATS) { // see COPY_FIRST_FLOATS
                System.arraycopy(spectrum, 0, mid, 0, spectrumLength());
                cols.run(mid, mid, 1, 0, halfWidth, 1, halfWidth, +1, 1f, pool);
            } else {
                cols.run(spectrum, mid, 1, 0, halfWidth, 1, halfWidth, +1, 1f, pool);
            }
            rows.inverse(mid, out, height, 1.0 / height, pool);
        } finally {
            spectra.give(mid);
        }
    }

    /** {@link #inverseDestroying(float[], float[], ForkJoinPool)} on the common pool. */
    public void inverseDestroying(float[] spectrum, float[] out) {
        inverseDestroying(spectrum, out, ForkJoinPool.commonPool());
    }

    /**
     * Inverse transform (scaled by {@code 1/(width*height)}) that uses {@code spectrum} as its own
     * scratch: afterwards {@code spectrum} holds intermediate values (not the input, not
     * meaningful) and must be treated as garbage. {@code out} is bit-identical to
     * {@link #inverse(float[], float[], ForkJoinPool)} (same passes, same tiles), but no
     * spectrum-sized buffer is taken from the plan, which saves {@code 4·spectrumLength()} bytes
     * per concurrent caller. Use it when the spectrum is not needed after the inverse.
     */
    public void inverseDestroying(float[] spectrum, float[] out, ForkJoinPool pool) {
        FftSizes.checkArray("spectrum", spectrum, 0, spectrumLength());
        FftSizes.checkArray("out", out, 0, (long) width * height);
        FftSizes.checkDistinct(out, spectrum);
        cols.run(spectrum, spectrum, 1, 0, halfWidth, 1, halfWidth, +1, 1f, pool);
        rows.inverse(spectrum, out, height, 1.0 / height, pool);
    }
}
