package dev.delp.fft;

import java.util.concurrent.ForkJoinPool;

/**
 * Plan for an in-place complex 3D FFT of a {@code width x height x depth} interleaved complex
 * array (element {@code (x,y,z)} at float index {@code 2 * (x + width*(y + height*z))}). Forward
 * unnormalised, inverse scaled by {@code 1/(width*height*depth)}. Immutable and thread-safe.
 */
public final class ComplexFft3d {
    private final int width, height, depth;
    private final ComplexFft1d rows;

    private ComplexFft3d(int width, int height, int depth) {
        this.width = width;
        this.height = height;
        this.depth = depth;
        this.rows = ComplexFft1d.of(width);
    }

    /** A plan for {@code width x height x depth}. */
    public static ComplexFft3d of(int width, int height, int depth) {
        FftSizes.checkShape(width, height, depth);
        return new ComplexFft3d(width, height, depth);
    }

    public int width() { return width; }

    public int height() { return height; }

    public int depth() { return depth; }

    public void forward(float[] data) { forward(data, ForkJoinPool.commonPool()); }

    public void forward(float[] data, ForkJoinPool pool) {
        FftSizes.checkArray("data", data, 0, 2L * width * height * depth);
        for (int r = 0; r < height * depth; r++) {
            rows.forward(data, 2 * width * r);
        }
        Strided.alongAxis(data, width, height, depth, 1, -1);
        Strided.alongAxis(data, width, height, depth, 2, -1);
    }

    public void inverse(float[] data) { inverse(data, ForkJoinPool.commonPool()); }

    public void inverse(float[] data, ForkJoinPool pool) {
        FftSizes.checkArray("data", data, 0, 2L * width * height * depth);
        Strided.alongAxis(data, width, height, depth, 2, +1);
        Strided.alongAxis(data, width, height, depth, 1, +1);
        for (int r = 0; r < height * depth; r++) {
            rows.inverse(data, 2 * width * r);
        }
    }
}
