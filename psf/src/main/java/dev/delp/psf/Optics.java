package dev.delp.psf;

/**
 * Widefield microscope optics for the Born–Wolf PSF model.
 *
 * @param numericalAperture objective NA, in {@code (0, immersionIndex)}
 * @param wavelengthNm      emission wavelength in nanometres, in {@code [200, 2000]}
 * @param immersionIndex    refractive index of the immersion medium, in {@code [1.0, 2.0]}
 * @param pixelSizeUm       lateral pixel size in the sample plane (µm), in {@code [0.01, 100]}
 * @param stepUm            defocus per level (µm), in {@code (0, 1000]}
 */
public record Optics(double numericalAperture, double wavelengthNm, double immersionIndex,
                     double pixelSizeUm, double stepUm) {

    public static final double MIN_WAVELENGTH_NM = 200, MAX_WAVELENGTH_NM = 2000;
    public static final double MIN_INDEX = 1.0, MAX_INDEX = 2.0;
    public static final double MIN_PIXEL_UM = 0.01, MAX_PIXEL_UM = 100;
    public static final double MAX_STEP_UM = 1000;

    /** Validates every value; the message names the offending value and its allowed range. */
    public Optics {
        inRange("immersionIndex", immersionIndex, MIN_INDEX, MAX_INDEX, "");
        if (!(Double.isFinite(numericalAperture) && numericalAperture > 0
                && numericalAperture < immersionIndex)) {
            throw new IllegalArgumentException("numericalAperture must be in (0, immersionIndex="
                    + immersionIndex + "), got " + numericalAperture);
        }
        inRange("wavelengthNm", wavelengthNm, MIN_WAVELENGTH_NM, MAX_WAVELENGTH_NM, " nm");
        inRange("pixelSizeUm", pixelSizeUm, MIN_PIXEL_UM, MAX_PIXEL_UM, " µm");
        if (!(Double.isFinite(stepUm) && stepUm > 0 && stepUm <= MAX_STEP_UM)) {
            throw new IllegalArgumentException("stepUm must be in (0, " + MAX_STEP_UM + "] µm, got " + stepUm);
        }
    }

    private static void inRange(String name, double value, double lo, double hi, String unit) {
        if (!(Double.isFinite(value) && value >= lo && value <= hi)) {
            throw new IllegalArgumentException(
                    name + " must be in [" + lo + ", " + hi + "]" + unit + ", got " + value);
        }
    }

    /** NA 0.5, 500 nm, n = 1.0 (air), 0.65 µm pixels, 2 µm per level (BBBC006; DESIGN.md §4). */
    public static Optics defaults() {
        return new Optics(0.5, 500, 1.0, 0.65, 2.0);
    }

    /** Defocus in µm of a (possibly fractional) level: {@code level * stepUm}. */
    public double defocusUmOfLevel(double level) {
        if (!Double.isFinite(level)) {
            throw new IllegalArgumentException("level must be finite, got " + level);
        }
        return level * stepUm;
    }

    /** Wavenumber in vacuum {@code k = 2π/λ}, per µm. */
    public double wavenumberPerUm() {
        return 2 * Math.PI / (wavelengthNm * 1e-3);
    }

    /** Optical radial coordinate per µm of radius: {@code v = k·NA·r}. */
    public double vPerUm() {
        return wavenumberPerUm() * numericalAperture;
    }

    /** Optical axial coordinate per µm of defocus: {@code u = k·NA²·z/n}. */
    public double uPerUm() {
        return wavenumberPerUm() * numericalAperture * numericalAperture / immersionIndex;
    }
}
