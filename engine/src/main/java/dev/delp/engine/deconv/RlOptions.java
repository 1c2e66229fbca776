package dev.delp.engine.deconv;

/**
 * Richardson–Lucy settings.
 *
 * @param accelerated  Biggs–Andrews 1997 vector extrapolation (with safeguards) instead of plain RL
 * @param tvLambda     total-variation weight of Dey et al. 2006 (0 = none; typical 1e-3..1e-2)
 * @param minWeight    Bertero–Boccacci normalisation map threshold: object voxels whose weight
 *                     {@code w = Aᵀ1} is below it are held at 0 (default 1e-4: a
 *                     blurred flat field then stays flat to 0.03 % at the corners; 1e-2 leaves
 *                     2–7 % corner errors because the truncated PSF mass is missing from A x)
 */
public record RlOptions(boolean accelerated, double tvLambda, double minWeight) {
    public RlOptions {
        if (!(tvLambda >= 0 && tvLambda <= 0.5)) {
            throw new IllegalArgumentException("tvLambda " + tvLambda + " outside [0, 0.5]");
        }
        if (!(minWeight > 0 && minWeight < 1)) {
            throw new IllegalArgumentException("minWeight " + minWeight + " outside (0, 1)");
        }
    }

    /** Plain RL, no TV, weight threshold 1e-4. */
    public static RlOptions plain() {
        return new RlOptions(false, 0, 1e-4);
    }

    /** Biggs–Andrews accelerated RL, no TV. */
    public static RlOptions biggsAndrews() {
        return new RlOptions(true, 0, 1e-4);
    }

    /** The same with TV weight {@code lambda}. */
    public RlOptions withTv(double lambda) {
        return new RlOptions(accelerated, lambda, minWeight);
    }
}
