package dev.delp.engine.conv;

import dev.delp.engine.image.Stack3d;
import dev.delp.fft.RealFft3d;
import java.util.concurrent.ForkJoinPool;

/**
 * The OTF of a 3D PSF on a {@code workWidth x workHeight x workDepth} periodic grid (PSF centre
 * voxel {@code (w/2, h/2, d/2)} moved to the origin). See {@link Otf2d} (including the real-OTF
 * storage for centrosymmetric PSFs). A real OTF whose PSF is also mirror-symmetric in y and/or z
 * keeps only the rows {@code ky ≤ workHeight/2} / planes {@code kz ≤ workDepth/2}
 * ({@link #isFoldedY()}, {@link #isFoldedZ()}): for a Born–Wolf PSF an octant, ≈ 1/8 of the
 * complex half spectrum.
 */
public final class Otf3d {
    private final int psfWidth;
    private final int psfHeight;
    private final int psfDepth;
    private final RealFft3d plan;
    private final float[] spectrum; // (workDepth, workHeight, workWidth/2+1) interleaved complex, or real parts
    private final boolean real;
    private final boolean foldY;
    private final boolean foldZ;

    private Otf3d(int psfWidth, int psfHeight, int psfDepth, RealFft3d plan, float[] spectrum, boolean real,
            boolean foldY, boolean foldZ) {
        this.real = real;
        this.foldY = foldY;
        this.foldZ = foldZ;
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
        // The wrapped PSF goes straight into the in-place FFT's padded layout: the only set-up
        // temporary is one half-spectrum-sized array (it is the stored OTF when that is complex).
        int stride = plan.paddedRowLength();
        float[] spec = new float[plan.paddedLength()];
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
                    spec[wx + stride * (wy + workHeight * wz)] += p[x + psf.width() * (y + psf.height() * z)];
                }
            }
        }
        plan.forwardInPlace(spec, pool);
        boolean symmetric = compact && PsfSymmetry.centrosymmetric(p, psf.width(), psf.height(), psf.depth());
        boolean foldY = symmetric && PsfSymmetry.mirrored(p, psf.width(), psf.height(), psf.depth(), 1);
        boolean foldZ = symmetric && PsfSymmetry.mirrored(p, psf.width(), psf.height(), psf.depth(), 2);
        float[] stored = symmetric
                ? Spectra.realParts(spec, workWidth / 2 + 1, workHeight, workDepth, foldY, foldZ) : spec;
        return new Otf3d(psf.width(), psf.height(), psf.depth(), plan, stored, symmetric, foldY, foldZ);
    }

    /** Width of the work grid the OTF is sampled on (the FFT size along x). */
    public int workWidth() {
        return plan.width();
    }

    /** Height of the work grid (the FFT size along y). */
    public int workHeight() {
        return plan.height();
    }

    /** Depth of the work grid (the FFT size along z). */
    public int workDepth() {
        return plan.depth();
    }

    /** Width of the PSF the OTF was computed from. */
    public int psfWidth() {
        return psfWidth;
    }

    /** Height of that PSF. */
    public int psfHeight() {
        return psfHeight;
    }

    /** Depth of that PSF. */
    public int psfDepth() {
        return psfDepth;
    }

    /** The FFT plan for the work grid. */
    public RealFft3d plan() {
        return plan;
    }

    /**
     * The OTF values (shared, do not modify): interleaved complex; or, if {@link #isReal()}, real
     * parts in rows of {@code workWidth/2+1}, rows {@code ky} (≤ workHeight/2 if folded) within
     * planes {@code kz} (≤ workDepth/2 if folded).
     */
    public float[] spectrum() {
        return spectrum;
    }

    /** True when only real parts are stored (centrosymmetric PSF). */
    public boolean isReal() {
        return real;
    }

    /** True when only rows {@code ky ≤ workHeight/2} of the real OTF are stored. */
    public boolean isFoldedY() {
        return foldY;
    }

    /** True when only planes {@code kz ≤ workDepth/2} of the real OTF are stored. */
    public boolean isFoldedZ() {
        return foldZ;
    }

    /** Bytes of the stored OTF values. */
    public long bytes() {
        return 4L * spectrum.length;
    }

    /** Floats in the plan's half spectrum. */
    public int spectrumLength() {
        return plan.spectrumLength();
    }

    /** {@code spectrum ← spectrum · OTF} (or {@code · conj(OTF)}), in place. */
    public void multiply(float[] spectrum, boolean conjugate) {
        Spectra.multiply(spectrum, this.spectrum, real, conjugate, plan.width() / 2 + 1, plan.height(), plan.depth(),
                foldY, foldZ);
    }
}
