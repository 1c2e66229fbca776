package dev.delp.engine.awdvd;

/**
 * The first estimate of a patch Richardson–Lucy run. RL is an EM iteration whose early iterates
 * are smooth when it starts smooth: stopped early it is a regularised (denoised) estimate
 * (Bertero &amp; Boccacci 1998, "semi-convergence"). Starting from the data itself keeps all of its
 * noise from iteration 0 on, which costs SSIM where the blur is small.
 */
public enum RlStart {
    /** The data, mirrored into the border ring: zero iterations return the input. */
    DATA,
    /**
     * A flat image at the data's mean (the classical RL start). Its first iterate is the
     * normalised back-projection {@code Hᵀy / Hᵀ1} (a smoothed copy of the data, whatever the
     * constant), so it is one iteration behind a start from {@code h ⊛ y}.
     */
    FLAT;

    /**
     * The flat start's level: the mean of the data clamped at 0 (any positive constant gives the
     * same first iterate {@code Hᵀy / Hᵀ1}; the mean keeps the flux), or 1 for an all-zero region.
     */
    static float meanOf(float[] data) {
        double s = 0;
        for (float v : data) {
            s += Math.max(0f, v);
        }
        return s > 0 ? (float) (s / data.length) : 1f;
    }

    /**
     * Turns the data-start estimate {@code x} (the object domain is where {@code invNorm != 0}) into
     * this start, in place; {@code data} are the region's values (clamped at 0).
     */
    void prepare(float[] x, float[] data, float[] invNorm) {
        switch (this) {
            case DATA -> {
            }
            case FLAT -> {
                float mean = meanOf(data);
                for (int i = 0; i < x.length; i++) {
                    x[i] = invNorm[i] == 0f ? 0f : mean;
                }
            }
            default -> throw new IllegalStateException(toString());
        }
    }
}
