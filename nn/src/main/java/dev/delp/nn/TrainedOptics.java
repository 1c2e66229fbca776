package dev.delp.nn;

/**
 * The microscope a weights file was trained for, stored as plain numbers (the nn module knows
 * nothing about PSFs; the engine maps these to its optics type).
 *
 * @param na              numerical aperture, (0, 2]
 * @param wavelengthNm    emission wavelength in nm, [200, 2000]
 * @param immersionIndex  refractive index of the immersion medium, [1, 2]
 * @param pixelSizeUm     pixel size in the specimen plane in µm, (0, 100]
 * @param stepUm          defocus per level in µm, (0, 100]
 */
public record TrainedOptics(double na, double wavelengthNm, double immersionIndex, double pixelSizeUm, double stepUm) {
    /** The default optics of DESIGN.md §4 (BBBC006 and Yang et al. 2018). */
    public static final TrainedOptics DEFAULT = new TrainedOptics(0.5, 500, 1.0, 0.65, 2.0);

    /** Validates the ranges above. */
    public TrainedOptics {
        check("na", na, 1e-6, 2);
        check("wavelengthNm", wavelengthNm, 200, 2000);
        check("immersionIndex", immersionIndex, 1, 2);
        check("pixelSizeUm", pixelSizeUm, 1e-6, 100);
        check("stepUm", stepUm, 1e-6, 100);
        if (na > immersionIndex) {
            throw new IllegalArgumentException("na " + na + " exceeds the immersion index " + immersionIndex);
        }
    }

    private static void check(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException("optics " + name + " = " + v + " is outside [" + lo + ", " + hi + "]");
        }
    }
}
