package dev.delp.engine.awdvd;

/**
 * How weights pass from one patch centre to the next along an axis: the fraction {@code t ∈ [0, 1]}
 * of the way between two neighbouring centres is mapped to the weight of the farther centre.
 * {@link #linear()} is bilinear interpolation ({@code t} itself); a narrower ramp of width
 * {@code width} (a fraction of the centre spacing, centred at the midpoint) keeps each centre's
 * value over more of its own cell and changes it over less, so the weights follow a depth step
 * more closely; {@code smooth} replaces the straight ramp by the C¹ smoothstep {@code 3u² − 2u³}.
 * Any ramp is monotone with {@code f(0) = 0}, {@code f(1) = 1} and {@code f(t) + f'(1 − t) = 1}
 * (symmetric), so the per-axis weights of the two centres sum to 1 and their tensor products form a
 * partition of unity over the image.
 *
 * @param width  ramp width as a fraction of the centre spacing, in (0, 1]
 * @param smooth smoothstep instead of a straight ramp
 */
public record CentreRamp(double width, boolean smooth) {
    public CentreRamp {
        if (!(width > 0 && width <= 1)) {
            throw new IllegalArgumentException("ramp width " + width + " must be within (0, 1] (a fraction of the"
                    + " patch-centre spacing; 1 = bilinear)");
        }
    }

    /** Bilinear interpolation between centres (the tent weights of case (ii)). */
    public static CentreRamp linear() {
        return new CentreRamp(1, false);
    }

    /** Weight of the farther centre at fraction {@code t} of the way between two centres. */
    public double apply(double t) {
        double u = (t - 0.5) / width + 0.5;
        if (u <= 0) {
            return 0;
        }
        if (u >= 1) {
            return 1;
        }
        return smooth ? u * u * (3 - 2 * u) : u;
    }

    /** True for plain bilinear interpolation. */
    public boolean isLinear() {
        return width == 1 && !smooth;
    }
}
