package dev.delp.nn;

/**
 * Shape of one sample's activation in NCHW layout: {@code channels × height × width}. A batch of
 * {@code n} samples is a {@code float[n * size()]}, sample {@code s} starting at {@code s * size()}.
 *
 * @param channels number of channels (C), at least 1
 * @param height   rows (H), at least 1
 * @param width    columns (W), at least 1
 */
public record Shape(int channels, int height, int width) {
    /** Validates that every dimension is positive and the size fits an int. */
    public Shape {
        if (channels < 1 || height < 1 || width < 1
                || (long) channels * height * width > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("shape " + channels + "x" + height + "x" + width
                    + " is invalid: each dimension must be >= 1 and the product at most "
                    + Integer.MAX_VALUE / 8);
        }
    }

    /** Floats per sample: {@code C·H·W}. */
    public int size() {
        return channels * height * width;
    }

    /** Floats per channel plane: {@code H·W}. */
    public int plane() {
        return height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
