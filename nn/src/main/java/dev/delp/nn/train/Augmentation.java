package dev.delp.nn.train;

import java.util.SplittableRandom;

/**
 * Geometric augmentation of square single-channel patches with the 8 symmetries of the square
 * (identity, rotations by 90°, 180°, 270°, and their mirror images) plus intensity scaling by a
 * random factor. The defocus PSF is radially symmetric, so these transforms keep the label.
 * (Photon-budget variation belongs to the data generator, which adds the noise.)
 */
public final class Augmentation {
    private final double minScale;
    private final double maxScale;

    /** Intensity scaling factor drawn log-uniformly in {@code [minScale, maxScale]} (both > 0). */
    public Augmentation(double minScale, double maxScale) {
        if (!(minScale > 0) || !(maxScale >= minScale)) {
            throw new IllegalArgumentException("intensity scale range [" + minScale + ", " + maxScale
                    + "] must satisfy 0 < min <= max");
        }
        this.minScale = minScale;
        this.maxScale = maxScale;
    }

    /** Applies a random symmetry and scale to the {@code size×size} patch at {@code off} in place. */
    public void apply(float[] data, int off, int size, SplittableRandom rnd, float[] scratch) {
        int sym = rnd.nextInt(8);
        double scale = minScale == maxScale ? minScale
                : Math.exp(Math.log(minScale) + rnd.nextDouble() * (Math.log(maxScale) - Math.log(minScale)));
        transform(data, off, size, sym, (float) scale, scratch);
    }

    /**
     * Symmetry {@code sym} in 0..7: bit 0 mirrors x, bit 1 mirrors y, bit 2 transposes; then
     * multiplies by {@code scale}.
     */
    public static void transform(float[] data, int off, int size, int sym, float scale, float[] scratch) {
        int n = size * size;
        System.arraycopy(data, off, scratch, 0, n);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int sx = (sym & 1) != 0 ? size - 1 - x : x;
                int sy = (sym & 2) != 0 ? size - 1 - y : y;
                if ((sym & 4) != 0) {
                    int t = sx;
                    sx = sy;
                    sy = t;
                }
                data[off + y * size + x] = scratch[sy * size + sx] * scale;
            }
        }
    }
}
