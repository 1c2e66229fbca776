package dev.delp.engine.simulate;

/**
 * Camera noise parameters of the forward model (DESIGN.md §4).
 *
 * @param photons          photon count that the reference intensity (normally the image maximum)
 *                         produces; the Poisson mean of a pixel is {@code photons · value / reference}.
 *                         Real BBBC006 nuclei peak at 1,000–4,000 counts; must be in (0, 1e12]
 * @param readNoiseCounts  standard deviation of additive Gaussian read noise, in counts (>= 0)
 * @param offsetCounts     camera offset added to every pixel, in counts (>= 0; BBBC006 ~100)
 */
public record NoiseModel(double photons, double readNoiseCounts, double offsetCounts) {
    public NoiseModel {
        if (!(photons > 0) || photons > 1e12) {
            throw new IllegalArgumentException("photons " + photons + " outside (0, 1e12]");
        }
        if (!(readNoiseCounts >= 0) || Double.isInfinite(readNoiseCounts)) {
            throw new IllegalArgumentException("readNoiseCounts " + readNoiseCounts + " must be finite and >= 0");
        }
        if (!(offsetCounts >= 0) || Double.isInfinite(offsetCounts)) {
            throw new IllegalArgumentException("offsetCounts " + offsetCounts + " must be finite and >= 0");
        }
    }

    /** Pure Poisson noise at the given photon budget (no read noise, no offset). */
    public static NoiseModel poisson(double photons) {
        return new NoiseModel(photons, 0, 0);
    }
}
