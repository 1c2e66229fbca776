package dev.delp.fft;

import dev.delp.simd.FftKernels;
import dev.delp.simd.Simd;
import java.util.concurrent.ForkJoinPool;

/**
 * Plan for an in-place complex 2D FFT of a row-major {@code width x height} interleaved complex
 * array (element {@code (x,y)} at float index {@code 2 * (x + width*y)}). Forward unnormalised,
 * inverse scaled by {@code 1/(width*height)}. Immutable and thread-safe; rows and columns go in
 * fixed tiles over the pool, so results are bit-identical for any parallelism.
 */
public final class ComplexFft2d {
    private final int width, height;
    private final LinePass rows, cols;

    private ComplexFft2d(int width, int height, FftKernels kernels) {
        this.width = width;
        this.height = height;
        this.rows = new LinePass(width, kernels);
        this.cols = new LinePass(height, kernels);
    }

    /** A plan for {@code width x height}, using the active SIMD kernels. */
    public static ComplexFft2d of(int width, int height) {
        return of(width, height, Simd.fftKernels());
    }

    /** A plan using the given butterflies. */
    public static ComplexFft2d of(int width, int height, FftKernels kernels) {
        FftSizes.checkShape(width, height);
        FftSizes.checkSpectrum(width, width, height);
        return new ComplexFft2d(width, height, kernels);
    }

    public int width() { return width; }

    public int height() { return height; }

    /** Forward transform on the common pool. */
    public void forward(float[] data) { forward(data, ForkJoinPool.commonPool()); }

    /** In-place forward transform of {@code 2*width*height} floats. */
    public void forward(float[] data, ForkJoinPool pool) {
        FftSizes.checkArray("data", data, 0, 2L * width * height);
        rows.run(data, data, 1, 0, height, width, 1, -1, 1f, pool);
        cols.run(data, data, 1, 0, width, 1, width, -1, 1f, pool);
    }

    /** Inverse transform on the common pool. */
    public void inverse(float[] data) { inverse(data, ForkJoinPool.commonPool()); }

    /** In-place inverse transform, scaled by {@code 1/(width*height)}. */
    public void inverse(float[] data, ForkJoinPool pool) {
        FftSizes.checkArray("data", data, 0, 2L * width * height);
        cols.run(data, data, 1, 0, width, 1, width, +1, 1f, pool);
        rows.run(data, data, 1, 0, height, width, 1, +1, (float) (1.0 / ((double) width * height)), pool);
    }
}
