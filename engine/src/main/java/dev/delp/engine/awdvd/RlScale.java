package dev.delp.engine.awdvd;

/**
 * The power-of-two scale at which the awdvd RL paths run: the data's peak in [1, 2). Scaling by a power
 * of two is exact in float arithmetic, so an RL run gives the same bits, scaled, whatever the image's
 * magnitude (short of subnormals), and the absolute division guard no longer zeroes images of 1e-20.
 */
final class RlScale {
    private RlScale() {
    }

    /** The power of two that takes the peak of {@code data} (clamped at 0) into [1, 2); 1 for no positive value. */
    static float toUnitPeak(float[] data) {
        float peak = 0f;
        for (float v : data) {
            peak = Math.max(peak, v);
        }
        return peak > 0f ? Math.scalb(1f, -Math.getExponent(peak)) : 1f;
    }

    /** The factor that undoes {@code scale} (a power of two from {@link #toUnitPeak}). */
    static float inverse(float scale) {
        return Math.scalb(1f, -Math.getExponent(scale));
    }

    /** A new array of {@code data} times {@code scale}. */
    static float[] scaled(float[] data, float scale) {
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[i] * scale;
        }
        return out;
    }
}
