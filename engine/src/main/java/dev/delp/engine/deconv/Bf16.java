package dev.delp.engine.deconv;

/**
 * bfloat16: the upper 16 bits of a float (sign, 8-bit exponent, 7 stored mantissa bits), rounded
 * to nearest, ties to even. Same range as float, relative rounding error ≤ 2⁻⁸ ≈ 0.4 % (half of
 * its 2⁻⁷ step). Used for the Biggs–Andrews state that only steers the extrapolation (direction {@code x_k − x_{k−1}} and
 * the previous step {@code g_{k−1}}), never for the estimate itself.
 */
final class Bf16 {
    private Bf16() {
    }

    /** The bfloat16 nearest to {@code v} (finite inputs; NaN is not expected here). */
    static char of(float v) {
        int b = Float.floatToRawIntBits(v);
        b += 0x7FFF + ((b >>> 16) & 1);
        return (char) (b >>> 16);
    }

    /** The float value of a bfloat16 (exact). */
    static float value(char c) {
        return Float.intBitsToFloat(c << 16);
    }

    /**
     * The Biggs–Andrews prediction {@code max(0, x + α·d)} with the direction {@code d} in bfloat16;
     * one definition, so that every pass that recomputes it gets the same bits.
     */
    static float predict(float x, float alpha, char direction) {
        float p = x + alpha * value(direction);
        return p > 0f ? p : 0f;
    }
}
