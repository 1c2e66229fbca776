package dev.delp.engine.image;

/**
 * Scaling data to a peak in [1, 2) by a power of two, to work there and scale back. Multiplying a
 * float by a power of two is exact (short of overflow and subnormals), so every float operation of
 * the work then gives the same bits, scaled: an image of 1e-20 no longer sinks below an absolute
 * division guard, and one of 1e38 no longer overflows an FFT. Blur, Richardson–Lucy (plain, patch-wise
 * and spatially variant) and the classifier's input run this way.
 */
public final class PowerOfTwoScale {
    private PowerOfTwoScale() {
    }

    /** The largest value of {@code data}, or 0 when none is positive (NaN when one is NaN). */
    public static float peak(float[] data) {
        return peak(data, 0, data.length);
    }

    /** The largest value of {@code data[from..to)}, or 0 when none is positive (NaN when one is NaN). */
    public static float peak(float[] data, int from, int to) {
        float peak = 0f;
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, data[i]);
        }
        return peak;
    }

    /** The largest magnitude in {@code data} (NaN when one is NaN). */
    public static float magnitude(float[] data) {
        float max = 0f;
        for (float v : data) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /**
     * The power of two that takes a normal {@code peak} into [1, 2) (a subnormal one gets 2^127 and
     * stays below 1); 1 when {@code peak} is not positive and finite (nothing to scale, or nothing a
     * scale could fix).
     */
    public static float toUnit(float peak) {
        return peak > 0f && peak < Float.POSITIVE_INFINITY ? Math.scalb(1f, -Math.getExponent(peak)) : 1f;
    }

    /** The power of two that undoes {@code scale} (itself a power of two, from {@link #toUnit}). */
    public static float inverse(float scale) {
        return Math.scalb(1f, -Math.getExponent(scale));
    }

    /** A new array of {@code data} times {@code scale}. */
    public static float[] scaled(float[] data, float scale) {
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[i] * scale;
        }
        return out;
    }

    /** Multiplies {@code data} by {@code scale} in place (nothing to do for 1). */
    public static void scaleInPlace(float[] data, float scale) {
        if (scale != 1f) {
            for (int i = 0; i < data.length; i++) {
                data[i] *= scale;
            }
        }
    }
}
