package dev.delp.fft;

import dev.delp.simd.FftKernels;
import dev.delp.simd.Simd;
import java.util.concurrent.ForkJoinPool;

/**
 * Plan for a real-input 3D FFT of a {@code width x height x depth} volume (index
 * {@code x + width*(y + height*z)}). The spectrum holds {@code (width/2+1) x height x depth}
 * complex bins, interleaved, bin {@code (kx,ky,kz)} at float index
 * {@code 2 * (kx + (width/2+1) * (ky + height * kz))}. Forward unnormalised, inverse scaled by
 * {@code 1/(width*height*depth)}, spectrum left unchanged (a per-plan copy; {@link #inverseDestroying}
 * skips the copy and overwrites the spectrum). Immutable and thread-safe; rows, y-lines
 * and z-lines go in fixed tiles over the pool (bit-identical for any parallelism), scratch from
 * per-plan pools.
 *
 * <p><b>In place</b> ({@link #forwardInPlace}, {@link #inverseInPlace}): one array of
 * {@link #paddedLength()} {@code = height · depth · paddedRowLength()} floats in FFTW's padded r2c
 * layout, {@code paddedRowLength() = 2·(width/2+1)}: sample {@code (x, y, z)} at
 * {@code x + paddedRowLength()·(y + height·z)}, the last 1 or 2 floats of each row are padding
 * (ignored on input). The spectrum overwrites it exactly as {@link #forward} writes it (bin
 * {@code (kx, ky, kz)} at {@code 2·(kx + (width/2+1)·(ky + height·kz))}). Bit-identical to the
 * out-of-place transforms; only row- and tile-sized scratch.
 */
public final class RealFft3d {
    private final int width, height, depth, halfWidth;
    private final RealRows rows;
    private final LinePass ys, zs;
    private final ScratchPool spectra;

    private RealFft3d(int width, int height, int depth, FftKernels kernels) {
        this.width = width;
        this.height = height;
        this.depth = depth;
        this.halfWidth = width / 2 + 1;
        this.rows = new RealRows(width, kernels);
        this.ys = new LinePass(height, kernels);
        this.zs = new LinePass(depth, kernels);
        this.spectra = new ScratchPool(spectrumLength());
    }

    /** A plan for a {@code width x height x depth} real volume, using the active SIMD kernels. */
    public static RealFft3d of(int width, int height, int depth) {
        return of(width, height, depth, Simd.fftKernels());
    }

    /** A plan using the given butterflies. */
    public static RealFft3d of(int width, int height, int depth, FftKernels kernels) {
        FftSizes.checkShape(width, height, depth);
        FftSizes.checkSpectrum(width / 2 + 1, width, height, depth);
        return new RealFft3d(width, height, depth, kernels);
    }

    public int width() { return width; }

    public int height() { return height; }

    public int depth() { return depth; }

    /** Floats in the half spectrum: {@code 2 * (width/2+1) * height * depth}. */
    public int spectrumLength() {
        return 2 * halfWidth * height * depth;
    }

    /** Floats per row in the padded in-place layout: {@code 2 * (width/2+1)}. */
    public int paddedRowLength() {
        return 2 * halfWidth;
    }

    /** Floats in the padded in-place layout: {@code height * depth * paddedRowLength()}, the same as {@link #spectrumLength()}. */
    public int paddedLength() {
        return spectrumLength();
    }

    /** {@link #forwardInPlace(float[], ForkJoinPool)} on the common pool. */
    public void forwardInPlace(float[] data) {
        forwardInPlace(data, ForkJoinPool.commonPool());
    }

    /**
     * Forward transform in place: {@code data} holds the real volume in padded rows (sample
     * {@code (x, y, z)} at {@code x + paddedRowLength()·(y + height·z)}; padding ignored) and is
     * overwritten by the half spectrum (bin {@code (kx, ky, kz)} at
     * {@code 2·(kx + (width/2+1)·(ky + height·kz))}). Bit-identical to
     * {@link #forward(float[], float[], ForkJoinPool)}; no volume-sized scratch.
     *
     * @throws IllegalArgumentException if {@code data} is null or shorter than {@link #paddedLength()}
     */
    public void forwardInPlace(float[] data, ForkJoinPool pool) {
        checkPadded(data);
        int plane = halfWidth * height;
        rows.forward(data, paddedRowLength(), data, height * depth, pool);
        ys.run(data, data, depth, plane, halfWidth, 1, halfWidth, -1, 1f, pool);
        zs.run(data, data, height, halfWidth, halfWidth, 1, plane, -1, 1f, pool);
    }

    /** {@link #inverseInPlace(float[], ForkJoinPool)} on the common pool. */
    public void inverseInPlace(float[] data) {
        inverseInPlace(data, ForkJoinPool.commonPool());
    }

    /**
     * Inverse transform in place (scaled by {@code 1/(width*height*depth)}): {@code data} holds the
     * half spectrum and is overwritten by the real volume in padded rows (sample {@code (x, y, z)} at
     * {@code x + paddedRowLength()·(y + height·z)}; padding floats unspecified). The samples are
     * bit-identical to {@link #inverse(float[], float[], ForkJoinPool)}.
     *
     * @throws IllegalArgumentException if {@code data} is null or shorter than {@link #paddedLength()}
     */
    public void inverseInPlace(float[] data, ForkJoinPool pool) {
        checkPadded(data);
        int plane = halfWidth * height;
        zs.run(data, data, height, halfWidth, halfWidth, 1, plane, +1, 1f, pool);
        ys.run(data, data, depth, plane, halfWidth, 1, halfWidth, +1, 1f, pool);
        rows.inverse(data, data, paddedRowLength(), height * depth, 1.0 / ((double) height * depth), pool);
    }

    private void checkPadded(float[] data) {
        if (data == null) {
            throw new IllegalArgumentException("data is null");
        }
        if (data.length < paddedLength()) {
            throw new IllegalArgumentException("data too short for an in-place " + width + "x" + height + "x" + depth
                    + " real FFT: needs " + paddedLength() + " floats (" + height * depth + " rows of "
                    + paddedRowLength() + "), has length " + data.length);
        }
    }

    /** Forward transform on the common pool. */
    public void forward(float[] in, float[] spectrum) {
        forward(in, spectrum, ForkJoinPool.commonPool());
    }

    /** Forward transform. */
    public void forward(float[] in, float[] spectrum, ForkJoinPool pool) {
        FftSizes.checkArray("in", in, 0, (long) width * height * depth);
        FftSizes.checkArray("spectrum", spectrum, 0, spectrumLength());
        FftSizes.checkDistinct(in, spectrum);
        int plane = halfWidth * height;
        rows.forward(in, spectrum, height * depth, pool);
        ys.run(spectrum, spectrum, depth, plane, halfWidth, 1, halfWidth, -1, 1f, pool);
        zs.run(spectrum, spectrum, height, halfWidth, halfWidth, 1, plane, -1, 1f, pool);
    }

    /** Inverse transform on the common pool. */
    public void inverse(float[] spectrum, float[] out) {
        inverse(spectrum, out, ForkJoinPool.commonPool());
    }

    /** Inverse transform (scaled); the spectrum is not modified. */
    public void inverse(float[] spectrum, float[] out, ForkJoinPool pool) {
        FftSizes.checkArray("spectrum", spectrum, 0, spectrumLength());
        FftSizes.checkArray("out", out, 0, (long) width * height * depth);
        FftSizes.checkDistinct(out, spectrum);
        int plane = halfWidth * height;
        float[] mid = spectra.take();
        try {
            zs.run(spectrum, mid, height, halfWidth, halfWidth, 1, plane, +1, 1f, pool);
            ys.run(mid, mid, depth, plane, halfWidth, 1, halfWidth, +1, 1f, pool);
            rows.inverse(mid, out, height * depth, 1.0 / ((double) height * depth), pool);
        } finally {
            spectra.give(mid);
        }
    }

    /** {@link #inverseDestroying(float[], float[], ForkJoinPool)} on the common pool. */
    public void inverseDestroying(float[] spectrum, float[] out) {
        inverseDestroying(spectrum, out, ForkJoinPool.commonPool());
    }

    /**
     * Inverse transform (scaled) that uses {@code spectrum} as its own scratch: afterwards
     * {@code spectrum} holds intermediate values and must be treated as garbage. {@code out} is
     * bit-identical to {@link #inverse(float[], float[], ForkJoinPool)} (same passes, same tiles),
     * but no spectrum-sized buffer is taken from the plan ({@code 4·spectrumLength()} bytes saved
     * per concurrent caller). Use it when the spectrum is not needed after the inverse.
     */
    public void inverseDestroying(float[] spectrum, float[] out, ForkJoinPool pool) {
        FftSizes.checkArray("spectrum", spectrum, 0, spectrumLength());
        FftSizes.checkArray("out", out, 0, (long) width * height * depth);
        FftSizes.checkDistinct(out, spectrum);
        int plane = halfWidth * height;
        zs.run(spectrum, spectrum, height, halfWidth, halfWidth, 1, plane, +1, 1f, pool);
        ys.run(spectrum, spectrum, depth, plane, halfWidth, 1, halfWidth, +1, 1f, pool);
        rows.inverse(spectrum, out, height * depth, 1.0 / ((double) height * depth), pool);
    }
}
