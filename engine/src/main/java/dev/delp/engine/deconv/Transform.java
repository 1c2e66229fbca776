package dev.delp.engine.deconv;

import dev.delp.fft.RealFft2d;
import dev.delp.fft.RealFft3d;
import java.util.concurrent.ForkJoinPool;

/** The real FFT of a work volume, 2D or 3D, behind one shape-free interface. */
interface Transform {
    void forward(float[] in, float[] spectrum, ForkJoinPool pool);

    /**
     * Inverse into {@code out}; {@code spectrum} is overwritten (the plans' {@code inverseDestroying},
     * which needs no spectrum-sized scratch of its own).
     */
    void inverseDestroying(float[] spectrum, float[] out, ForkJoinPool pool);

    int spectrumLength();

    static Transform of(RealFft2d plan) {
        return new Transform() {
            @Override
            public void forward(float[] in, float[] spectrum, ForkJoinPool pool) {
                plan.forward(in, spectrum, pool);
            }

            @Override
            public void inverseDestroying(float[] spectrum, float[] out, ForkJoinPool pool) {
                plan.inverseDestroying(spectrum, out, pool);
            }

            @Override
            public int spectrumLength() {
                return plan.spectrumLength();
            }
        };
    }

    static Transform of(RealFft3d plan) {
        return new Transform() {
            @Override
            public void forward(float[] in, float[] spectrum, ForkJoinPool pool) {
                plan.forward(in, spectrum, pool);
            }

            @Override
            public void inverseDestroying(float[] spectrum, float[] out, ForkJoinPool pool) {
                plan.inverseDestroying(spectrum, out, pool);
            }

            @Override
            public int spectrumLength() {
                return plan.spectrumLength();
            }
        };
    }
}
