package dev.delp.engine.conv;

import dev.delp.engine.image.PowerOfTwoScale;

/**
 * Symmetries of a PSF about its centre voxel {@code (w/2, h/2, d/2)} that let OTFs and RL's
 * normalisation map be stored for a half/quadrant/octant only. Tolerance: 1e-6 of the peak (the
 * same as the real-OTF test of {@link Otf2d#compact}); dropping a sub-tolerance asymmetry is the
 * same as using the exactly symmetrised PSF.
 */
public final class PsfSymmetry {
    private static final float TOLERANCE = 1e-6f;

    private PsfSymmetry() {
    }

    /**
     * True when {@code h(c − d) = h(c + d)} along {@code axis} (0 = x, 1 = y, 2 = z) for every
     * voxel, i.e. the PSF equals its mirror image in that axis; false for an even size along it
     * (its centre {@code size/2} is not a mirror axis of the voxel grid).
     */
    public static boolean mirrored(float[] h, int width, int height, int depth, int axis) {
        if (axis < 0 || axis > 2) {
            throw new IllegalArgumentException("axis " + axis + " must be 0 (x), 1 (y) or 2 (z)");
        }
        if ((long) width * height * depth != h.length) {
            throw new IllegalArgumentException("psf of " + h.length + " values is not " + width + "x" + height + "x"
                    + depth);
        }
        int n = axis == 0 ? width : axis == 1 ? height : depth;
        if (n % 2 == 0) {
            return false;
        }
        float tol = TOLERANCE * PowerOfTwoScale.magnitude(h);
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int mx = axis == 0 ? width - 1 - x : x;
                    int my = axis == 1 ? height - 1 - y : y;
                    int mz = axis == 2 ? depth - 1 - z : z;
                    if (Math.abs(h[x + width * (y + height * z)] - h[mx + width * (my + height * mz)]) > tol) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * True when {@code h(c + d) = h(c − d)} for every offset (the flip of all axes), so its OTF is
     * real; only possible for odd sizes.
     */
    public static boolean centrosymmetric(float[] h, int width, int height, int depth) {
        if (width % 2 == 0 || height % 2 == 0 || depth % 2 == 0) {
            return false;
        }
        float tol = TOLERANCE * PowerOfTwoScale.magnitude(h);
        int n = h.length;
        for (int i = 0; i < n; i++) {
            if (Math.abs(h[i] - h[n - 1 - i]) > tol) { // the flip of all axes reverses the index
                return false;
            }
        }
        return true;
    }
}
