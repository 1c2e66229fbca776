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
 * <p>{@link #of} always stores the complex half spectrum. With {@link #compact}, when the PSF is
 * centrosymmetric ({@code h(c + d) = h(c − d)} within 1e-6 of its peak, as every Born–Wolf and
 * Gaussian PSF of odd size is) its OTF is real; then only the real parts are kept
 * ({@link #isReal()}, half the memory) and the tiny imaginary round-off is dropped, which is the
 * same as using the exactly symmetrised PSF. If the PSF is moreover mirror-symmetric in y
 * ({@link PsfSymmetry#mirrored}, e.g. every Born–Wolf and Gaussian PSF) the real OTF is even in
 * {@code ky} and only rows {@code ky ≤ workHeight/2} are kept ({@link #isFoldedY()}: a quadrant,
 * ≈ a quarter of the complex half spectrum's memory).
 *
 * <p>Immutable after construction; the spectrum array must not be modified by callers.
 */
public final class Otf2d {
    private final int workWidth;
    private final int workHeight;
    private final int psfWidth;
    private final int psfHeight;
    private final RealFft2d plan;
    private final float[] spectrum; // (workHeight, workWidth/2+1) interleaved complex, or real parts only
    private final boolean real;
    private final boolean foldY;

    private Otf2d(int psfWidth, int psfHeight, RealFft2d plan, float[] spectrum, boolean real, boolean foldY) {
        this.real = real;
        this.foldY = foldY;
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
        return of(psf, workWidth, workHeight, pool, false);
    }

    /**
     * As {@link #of(Image2d, int, int, ForkJoinPool)}, but a centrosymmetric PSF's OTF is stored as
     * real parts only ({@link #isReal()}); multiply with {@link #multiply}, not the complex kernels.
     */
    public static Otf2d compact(Image2d psf, int workWidth, int workHeight, ForkJoinPool pool) {
        return of(psf, workWidth, workHeight, pool, true);
    }

    private static Otf2d of(Image2d psf, int workWidth, int workHeight, ForkJoinPool pool, boolean compact) {
        if (psf.width() > workWidth || psf.height() > workHeight) {
            throw new IllegalArgumentException("psf " + psf.shape() + " is larger than the work area "
                    + workWidth + "x" + workHeight);
        }
        RealFft2d plan = RealFft2d.of(workWidth, workHeight);
        // The wrapped PSF goes straight into the in-place FFT's padded layout: the only set-up
        // temporary is one half-spectrum-sized array (it is the stored OTF when that is complex).
        int stride = plan.paddedRowLength();
        float[] spec = new float[plan.paddedLength()];
        int cx = psf.width() / 2;
        int cy = psf.height() / 2;
        float[] p = psf.data();
        for (int y = 0; y < psf.height(); y++) {
            int wy = Math.floorMod(y - cy, workHeight);
            for (int x = 0; x < psf.width(); x++) {
                int wx = Math.floorMod(x - cx, workWidth);
                spec[wx + stride * wy] += p[x + psf.width() * y];
            }
        }
        plan.forwardInPlace(spec, pool);
        boolean symmetric = compact && PsfSymmetry.centrosymmetric(p, psf.width(), psf.height(), 1);
        boolean foldY = symmetric && PsfSymmetry.mirrored(p, psf.width(), psf.height(), 1, 1);
        float[] stored = symmetric ? Spectra.realParts(spec, workWidth / 2 + 1, workHeight, 1, foldY, false) : spec;
        return new Otf2d(psf.width(), psf.height(), plan, stored, symmetric, foldY);
    }

    /** Width of the work grid the OTF is sampled on (the FFT size along x). */
    public int workWidth() {
        return workWidth;
    }

    /** Height of the work grid (the FFT size along y). */
    public int workHeight() {
        return workHeight;
    }

    /** Width of the PSF the OTF was computed from. */
    public int psfWidth() {
        return psfWidth;
    }

    /** Height of that PSF. */
    public int psfHeight() {
        return psfHeight;
    }

    /** The FFT plan for the work grid. */
    public RealFft2d plan() {
        return plan;
    }

    /**
     * The OTF values (shared, do not modify): interleaved complex; or, if {@link #isReal()}, real
     * parts in rows of {@code workWidth/2+1}, only rows {@code ky ≤ workHeight/2} if {@link #isFoldedY()}.
     */
    public float[] spectrum() {
        return spectrum;
    }

    /** True when only real parts are stored (centrosymmetric PSF). */
    public boolean isReal() {
        return real;
    }

    /** True when only the rows {@code ky ≤ workHeight/2} of the real OTF are stored (mirror-symmetric PSF). */
    public boolean isFoldedY() {
        return foldY;
    }

    /** Bytes of the stored OTF values. */
    public long bytes() {
        return 4L * spectrum.length;
    }

    /** Floats in the plan's half spectrum (the size of a spectrum to multiply). */
    public int spectrumLength() {
        return plan.spectrumLength();
    }

    /** {@code spectrum ← spectrum · OTF} (or {@code · conj(OTF)}), in place. */
    public void multiply(float[] spectrum, boolean conjugate) {
        Spectra.multiply(spectrum, this.spectrum, real, conjugate, workWidth / 2 + 1, workHeight, 1, foldY, false);
    }
}
