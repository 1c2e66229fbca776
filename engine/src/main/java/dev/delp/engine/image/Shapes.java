package dev.delp.engine.image;

/** Shape validation shared by the image types. */
public final class Shapes {
    /** Largest number of pixels/voxels an engine image may hold (fits a Java array). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16;

    private Shapes() {
    }

    /** Throws unless {@code width, height >= 1} and the product fits an array. */
    public static void check2d(int width, int height) {
        if (width < 1 || height < 1 || (long) width * height > MAX_ELEMENTS) {
            throw new IllegalArgumentException("image shape " + width + "x" + height
                    + " is invalid: each side must be >= 1 and width*height <= " + MAX_ELEMENTS);
        }
    }

    /** Throws unless every side is {@code >= 1} and the product fits an array. */
    public static void check3d(int width, int height, int depth) {
        if (width < 1 || height < 1 || depth < 1 || (long) width * height * depth > MAX_ELEMENTS) {
            throw new IllegalArgumentException("stack shape " + width + "x" + height + "x" + depth
                    + " is invalid: each side must be >= 1 and width*height*depth <= " + MAX_ELEMENTS);
        }
    }

    static void checkPads(int... pads) {
        for (int p : pads) {
            if (p < 0) {
                throw new IllegalArgumentException("padding " + p + " must be >= 0");
            }
        }
    }

    /**
     * Throws an {@link IllegalArgumentException} if any value is NaN or infinite, naming the first
     * offending index and value.
     */
    public static void checkFinite(String what, float[] data) {
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(what + " contains a non-finite value " + v + " at index " + i
                        + "; remove NaN/Inf pixels before processing");
            }
        }
    }
}
