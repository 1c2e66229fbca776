package dev.delp.fft;

import dev.delp.simd.FftKernels;
import dev.delp.simd.Simd;
import java.util.concurrent.ForkJoinPool;

/**
 * Plan for an in-place complex 3D FFT of a {@code width x height x depth} interleaved complex
 * array (element {@code (x,y,z)} at float index {@code 2 * (x + width*(y + height*z))}). Forward
 * unnormalised, inverse scaled by {@code 1/(width*height*depth)}. Immutable and thread-safe;
 * fixed tiles over the pool, bit-identical for any parallelism.
 */
public final class ComplexFft3d {
    private final int width, height, depth;
    private final LinePass xs, ys, zs;

    private ComplexFft3d(int width, int height, int depth, FftKernels kernels) {
        this.width = width;
        this.height = height;
        this.depth = depth;
        this.xs = new LinePass(width, kernels);
        this.ys = new LinePass(height, kernels);
        this.zs = new LinePass(depth, kernels);
    }

    /** A plan for {@code width x height x depth}, using the active SIMD kernels. */
    public static ComplexFft3d of(int width, int height, int depth) {
        return of(width, height, depth, Simd.fftKernels());
    }

    /** A plan using the given butterflies. */
    public static ComplexFft3d of(int width, int height, int depth, FftKernels kernels) {
        FftSizes.checkShape(width, height, depth);
        FftSizes.checkSpectrum(width, width, height, depth);
        return new ComplexFft3d(width, height, depth, kernels);
    }

    public int width() { return width; }

    public int height() { return height; }

    public int depth() { return depth; }

    /** Forward transform on the common pool. */
    public void forward(float[] data) { forward(data, ForkJoinPool.commonPool()); }

    /** In-place forward transform of {@code 2*width*height*depth} floats. */
    public void forward(float[] data, ForkJoinPool pool) {
        FftSizes.checkArray("data", data, 0, 2L * width * height * depth);
        int plane = width * height;
        xs.run(data, data, 1, 0, height * depth, width, 1, -1, 1f, pool);
        ys.run(data, data, depth, plane, width, 1, width, -1, 1f, pool);
        zs.run(data, data, height, width, width, 1, plane, -1, 1f, pool);
    }

    /** Inverse transform on the common pool. */
    public void inverse(float[] data) { inverse(data, ForkJoinPool.commonPool()); }

    /** In-place inverse transform, scaled by {@code 1/(width*height*depth)}. */
    public void inverse(float[] data, ForkJoinPool pool) {
        FftSizes.checkArray("data", data, 0, 2L * width * height * depth);
        int plane = width * height;
        zs.run(data, data, height, width, width, 1, plane, +1, 1f, pool);
        ys.run(data, data, depth, plane, width, 1, width, +1, 1f, pool);
        xs.run(data, data, 1, 0, height * depth, width, 1, +1,
                (float) (1.0 / ((double) width * height * depth)), pool);
    }
}
