package dev.delp.psf;

/**
 * Thrown when a PSF of automatic size ({@link BornWolf#slice(double)}, {@link BornWolf#autoSize(double)})
 * would need more than {@link BornWolf#MAX_AUTO_SIZE} pixels to hold {@link BornWolf#AUTO_ENERGY} of its
 * energy — a deep defocus, or pixels much smaller than the blur. It carries the numbers, so that a
 * caller can say which of its own settings to change (an explicit size, the pixel size, the step).
 */
public final class PsfTooWideException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final double defocusUm;
    private final double pixelSizeUm;
    private final int maxSize;
    private final double energy;

    /**
     * @param defocusUm   the defocus asked for, µm
     * @param pixelSizeUm the pixel size of the optics, µm
     * @param maxSize     the largest automatic size, pixels
     * @param energy      the energy fraction the size must hold, in (0, 1)
     */
    public PsfTooWideException(double defocusUm, double pixelSizeUm, int maxSize, double energy) {
        super("defocus " + defocusUm + " µm at " + pixelSizeUm + " µm/px needs a PSF larger than " + maxSize + "x"
                + maxSize + " px to hold " + (energy * 100) + " % of its energy; pass an explicit size to slice(defocusUm, size)");
        this.defocusUm = defocusUm;
        this.pixelSizeUm = pixelSizeUm;
        this.maxSize = maxSize;
        this.energy = energy;
    }

    /** The defocus asked for, µm. */
    public double defocusUm() {
        return defocusUm;
    }

    /** The pixel size of the optics, µm. */
    public double pixelSizeUm() {
        return pixelSizeUm;
    }

    /** The largest automatic size, pixels. */
    public int maxSize() {
        return maxSize;
    }

    /** The energy fraction an automatic size holds, in (0, 1). */
    public double energy() {
        return energy;
    }
}
