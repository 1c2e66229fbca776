package dev.delp.cli.io;

/**
 * Spatial calibration of an image: lateral pixel size and axial plane spacing, both in µm.
 * {@code NaN} means "not recorded in the file".
 *
 * @param pixelSizeUm lateral size of one pixel in µm, or NaN
 * @param zSpacingUm  distance between consecutive planes in µm, or NaN
 */
public record Calibration(double pixelSizeUm, double zSpacingUm) {
    /** No calibration known. */
    public static final Calibration UNKNOWN = new Calibration(Double.NaN, Double.NaN);

    public Calibration {
        if (!(Double.isNaN(pixelSizeUm) || (pixelSizeUm > 0 && Double.isFinite(pixelSizeUm)))) {
            throw new IllegalArgumentException("pixel size " + pixelSizeUm + " µm must be > 0 and finite");
        }
        if (!(Double.isNaN(zSpacingUm) || (zSpacingUm > 0 && Double.isFinite(zSpacingUm)))) {
            throw new IllegalArgumentException("z spacing " + zSpacingUm + " µm must be > 0 and finite");
        }
    }

    /** True if the lateral pixel size is known. */
    public boolean hasPixelSize() {
        return !Double.isNaN(pixelSizeUm);
    }

    /** True if the plane spacing is known. */
    public boolean hasZSpacing() {
        return !Double.isNaN(zSpacingUm);
    }

    /** This calibration with values from {@code override} where those are known (flags win). */
    public Calibration overriddenBy(Calibration override) {
        return new Calibration(override.hasPixelSize() ? override.pixelSizeUm : pixelSizeUm,
                override.hasZSpacing() ? override.zSpacingUm : zSpacingUm);
    }
}
