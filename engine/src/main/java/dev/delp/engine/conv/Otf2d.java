package dev.delp.engine.conv;

import dev.delp.engine.image.Image2d;
import dev.delp.fft.RealFft2d;
import java.util.concurrent.ForkJoinPool;

/**
 * The optical transfer function of a 2D PSF on a {@code workWidth x workHeight} periodic grid:
 * the real-FFT half spectrum of the PSF placed with its centre pixel {@code (w/2, h/2)} at the
 * origin (wrapped around). Multiplying an image spectrum by it is a circular convolution with the
 * PSF; multiplying by its conjugate is a correlation (the adjoint, {@code hᵀ ⊛}).
 *
 * <p>Immutable after construction; the spectrum array must not be modified by callers.
 */
public final class Otf2d {
    private final int workWidth;
    private final int workHeight;
    private final int psfWidth;
    private final int psfHeight;
    private final RealFft2d plan;
    private final float[] spectrum; // (workHeight, workWidth/2+1) interleaved complex

    private Otf2d(int psfWidth, int psfHeight, RealFft2d plan, float[] spectrum) {
        this.workWidth = plan.width();
        this.workHeight = plan.height();
        this.psfWidth = psfWidth;
        this.psfHeight = psfHeight;
        this.plan = plan;
        this.spectrum = spectrum;
    }

    /**
     * Computes the OTF of {@code psf} on the given work grid.
     *
     * @throws IllegalArgumentException if the PSF is larger than the work grid
     */
    public static Otf2d of(Image2d psf, int workWidth, int workHeight, ForkJoinPool pool) {
        if (psf.width() > workWidth || psf.height() > workHeight) {
            throw new IllegalArgumentException("psf " + psf.shape() + " is larger than the work area "
                    + workWidth + "x" + workHeight);
        }
        RealFft2d plan = RealFft2d.of(workWidth, workHeight);
        float[] wrapped = new float[workWidth * workHeight];
        int cx = psf.width() / 2;
        int cy = psf.height() / 2;
        float[] p = psf.data();
        for (int y = 0; y < psf.height(); y++) {
            int wy = Math.floorMod(y - cy, workHeight);
            for (int x = 0; x < psf.width(); x++) {
                int wx = Math.floorMod(x - cx, workWidth);
                wrapped[wx + workWidth * wy] += p[x + psf.width() * y];
            }
        }
        float[] spec = new float[plan.spectrumLength()];
        plan.forward(wrapped, spec, pool);
        return new Otf2d(psf.width(), psf.height(), plan, spec);
    }

    public int workWidth() {
        return workWidth;
    }

    public int workHeight() {
        return workHeight;
    }

    public int psfWidth() {
        return psfWidth;
    }

    public int psfHeight() {
        return psfHeight;
    }

    /** The FFT plan for the work grid. */
    public RealFft2d plan() {
        return plan;
    }

    /** The half spectrum (shared, do not modify). */
    public float[] spectrum() {
        return spectrum;
    }

    /** Floats in the half spectrum. */
    public int spectrumLength() {
        return spectrum.length;
    }
}
