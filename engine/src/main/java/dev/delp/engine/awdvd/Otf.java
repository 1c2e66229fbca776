package dev.delp.engine.awdvd;

import dev.delp.engine.image.Image2d;
import dev.delp.fft.RealFft2d;
import java.util.concurrent.ForkJoinPool;

/**
 * The transfer function of a centred PSF on a {@code workWidth x workHeight} periodic grid: the
 * real-FFT half spectrum (interleaved complex, FFTW r2c layout) of the PSF with its centre pixel
 * wrapped to the origin. Multiplying a spectrum by it is a circular convolution with the PSF; by its
 * conjugate, the correlation {@code hᵀ ⊛}. Immutable; the spectrum must not be modified.
 * (AWDVD keeps its own small OTF type so its kernels see one fixed layout.)
 */
final class Otf {
    final RealFft2d plan;
    final float[] spectrum; // (workHeight, workWidth/2+1) complex, interleaved
    final int bins;

    private Otf(RealFft2d plan, float[] spectrum) {
        this.plan = plan;
        this.spectrum = spectrum;
        this.bins = spectrum.length / 2;
    }

    static Otf of(Image2d psf, int workWidth, int workHeight, ForkJoinPool pool) {
        if (psf.width() > workWidth || psf.height() > workHeight) {
            throw new IllegalArgumentException("psf " + psf.shape() + " is larger than the work area " + workWidth + "x"
                    + workHeight);
        }
        RealFft2d plan = RealFft2d.of(workWidth, workHeight);
        float[] wrapped = new float[workWidth * workHeight];
        int cx = psf.width() / 2, cy = psf.height() / 2;
        float[] p = psf.data();
        for (int y = 0; y < psf.height(); y++) {
            int wy = Math.floorMod(y - cy, workHeight);
            for (int x = 0; x < psf.width(); x++) {
                wrapped[Math.floorMod(x - cx, workWidth) + workWidth * wy] += p[x + psf.width() * y];
            }
        }
        float[] spec = new float[plan.spectrumLength()];
        plan.forward(wrapped, spec, pool);
        return new Otf(plan, spec);
    }
}
