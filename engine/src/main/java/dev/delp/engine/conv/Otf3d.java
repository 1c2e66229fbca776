package dev.delp.engine.conv;

import dev.delp.engine.image.Stack3d;
import dev.delp.fft.RealFft3d;
import java.util.concurrent.ForkJoinPool;

/**
 * The OTF of a 3D PSF on a {@code workWidth x workHeight x workDepth} periodic grid (PSF centre
 * voxel {@code (w/2, h/2, d/2)} moved to the origin). See {@link Otf2d} (including the real-OTF
 * storage for centrosymmetric PSFs).
 */
public final class Otf3d {
    private final int psfWidth;
    private final int psfHeight;
    private final int psfDepth;
    private final RealFft3d plan;
    private final float[] spectrum; // (workDepth, workHeight, workWidth/2+1) interleaved complex, or real parts
    private final boolean real;

    private Otf3d(int psfWidth, int psfHeight, int psfDepth, RealFft3d plan, float[] spectrum, boolean real) {
        this.real = real;
        this.psfWidth = psfWidth;
        this.psfHeight = psfHeight;
        this.psfDepth = psfDepth;
        this.plan = plan;
        this.spectrum = spectrum;
    }

    /**
     * Computes the OTF of {@code psf} on the given work grid.
     *
     * @throws IllegalArgumentException if the PSF is larger than the work grid
     */
    public static Otf3d of(Stack3d psf, int workWidth, int workHeight, int workDepth, ForkJoinPool pool) {
        return of(psf, workWidth, workHeight, workDepth, pool, false);
    }

    /** As {@link #of(Stack3d, int, int, int, ForkJoinPool)}, real parts only for a centrosymmetric PSF. */
    public static Otf3d compact(Stack3d psf, int workWidth, int workHeight, int workDepth, ForkJoinPool pool) {
        return of(psf, workWidth, workHeight, workDepth, pool, true);
    }

    private static Otf3d of(Stack3d psf, int workWidth, int workHeight, int workDepth, ForkJoinPool pool,
            boolean compact) {
        if (psf.width() > workWidth || psf.height() > workHeight || psf.depth() > workDepth) {
            throw new IllegalArgumentException("psf " + psf.shape() + " is larger than the work volume "
                    + workWidth + "x" + workHeight + "x" + workDepth);
        }
        RealFft3d plan = RealFft3d.of(workWidth, workHeight, workDepth);
        float[] wrapped = new float[workWidth * workHeight * workDepth];
        int cx = psf.width() / 2;
        int cy = psf.height() / 2;
        int cz = psf.depth() / 2;
        float[] p = psf.data();
        for (int z = 0; z < psf.depth(); z++) {
            int wz = Math.floorMod(z - cz, workDepth);
            for (int y = 0; y < psf.height(); y++) {
                int wy = Math.floorMod(y - cy, workHeight);
                for (int x = 0; x < psf.width(); x++) {
                    int wx = Math.floorMod(x - cx, workWidth);
                    wrapped[wx + workWidth * (wy + workHeight * wz)] += p[x + psf.width() * (y + psf.height() * z)];
                }
            }
        }
        float[] spec = new float[plan.spectrumLength()];
        plan.forward(wrapped, spec, pool);
        boolean symmetric = compact && Spectra.centrosymmetric(p, psf.width(), psf.height(), psf.depth());
        return new Otf3d(psf.width(), psf.height(), psf.depth(), plan, symmetric ? Spectra.realParts(spec) : spec,
                symmetric);
    }

    public int workWidth() {
        return plan.width();
    }

    public int workHeight() {
        return plan.height();
    }

    public int workDepth() {
        return plan.depth();
    }

    public int psfWidth() {
        return psfWidth;
    }

    public int psfHeight() {
        return psfHeight;
    }

    public int psfDepth() {
        return psfDepth;
    }

    public RealFft3d plan() {
        return plan;
    }

    /** The OTF values (shared, do not modify): interleaved complex, or real parts if {@link #isReal()}. */
    public float[] spectrum() {
        return spectrum;
    }

    /** True when only real parts are stored (centrosymmetric PSF). */
    public boolean isReal() {
        return real;
    }

    /** Floats in the plan's half spectrum. */
    public int spectrumLength() {
        return plan.spectrumLength();
    }

    /** {@code spectrum ← spectrum · OTF} (or {@code · conj(OTF)}), in place. */
    public void multiply(float[] spectrum, boolean conjugate) {
        Spectra.multiply(spectrum, this.spectrum, real, conjugate, plan.spectrumLength() / 2);
    }
}
