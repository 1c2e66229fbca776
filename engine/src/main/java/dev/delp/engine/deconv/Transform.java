package dev.delp.engine.deconv;

import dev.delp.fft.RealFft2d;
import dev.delp.fft.RealFft3d;
import java.util.concurrent.ForkJoinPool;

/**
 * The in-place real FFT of a work volume, 2D or 3D, behind one shape-free interface (FFTW's padded
 * layout: rows of {@link #paddedRowLength()} floats, the first {@code workWidth} of which are
 * samples; the spectrum overwrites them as rows of {@code workWidth/2+1} interleaved bins).
 */
interface Transform {
    void forwardInPlace(float[] data, ForkJoinPool pool);

    /** Inverse scaled by 1/N; the padding floats of each row are left unspecified. */
    void inverseInPlace(float[] data, ForkJoinPool pool);

    /** Floats per padded row, {@code 2·(workWidth/2+1)}. */
    int paddedRowLength();

    /** Floats of the padded volume (= the half spectrum's length). */
    int paddedLength();

    static Transform of(RealFft2d plan) {
        return new Transform() {
            @Override
            public void forwardInPlace(float[] data, ForkJoinPool pool) {
                plan.forwardInPlace(data, pool);
            }

            @Override
            public void inverseInPlace(float[] data, ForkJoinPool pool) {
                plan.inverseInPlace(data, pool);
            }

            @Override
            public int paddedRowLength() {
                return plan.paddedRowLength();
            }

            @Override
            public int paddedLength() {
                return plan.paddedLength();
            }
        };
    }

    static Transform of(RealFft3d plan) {
        return new Transform() {
            @Override
            public void forwardInPlace(float[] data, ForkJoinPool pool) {
                plan.forwardInPlace(data, pool);
            }

            @Override
            public void inverseInPlace(float[] data, ForkJoinPool pool) {
                plan.inverseInPlace(data, pool);
            }

            @Override
            public int paddedRowLength() {
                return plan.paddedRowLength();
            }

            @Override
            public int paddedLength() {
                return plan.paddedLength();
            }
        };
    }
}
