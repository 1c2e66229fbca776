package dev.delp.fft;

import java.util.concurrent.ForkJoinPool;

/**
 * Plan for an in-place complex 2D FFT of a row-major {@code width x height} interleaved complex
 * array (element {@code (x,y)} at float index {@code 2 * (x + width*y)}). Forward unnormalised,
 * inverse scaled by {@code 1/(width*height)}. Immutable and thread-safe.
 */
public final class ComplexFft2d {
    private final int width, height;
    private final ComplexFft1d rows;

    private ComplexFft2d(int width, int height) {
        this.width = width;
        this.height = height;
        this.rows = ComplexFft1d.of(width);
    }

    /** A plan for {@code width x height}. */
    public static ComplexFft2d of(int width, int height) {
        FftSizes.checkShape(width, height);
        return new ComplexFft2d(width, height);
    }

    public int width() { return width; }

    public int height() { return height; }

    public void forward(float[] data) { forward(data, ForkJoinPool.commonPool()); }

    public void forward(float[] data, ForkJoinPool pool) {
        FftSizes.checkArray("data", data, 0, 2L * width * height);
        for (int y = 0; y < height; y++) {
            rows.forward(data, 2 * width * y);
        }
        Strided.alongAxis(data, width, height, 1, 1, -1);
    }

    public void inverse(float[] data) { inverse(data, ForkJoinPool.commonPool()); }

    public void inverse(float[] data, ForkJoinPool pool) {
        FftSizes.checkArray("data", data, 0, 2L * width * height);
        Strided.alongAxis(data, width, height, 1, 1, +1);
        for (int y = 0; y < height; y++) {
            rows.inverse(data, 2 * width * y);
        }
    }
}
