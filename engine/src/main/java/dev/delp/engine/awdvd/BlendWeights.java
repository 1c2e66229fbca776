package dev.delp.engine.awdvd;

/**
 * Per-pixel blending weights of one patch, separable {@code w(x, y) = a(x) * a(y)}.
 *
 * <p>{@link #tent(int)} is the bilinear (tent) profile of AWDVD case (ii): {@code a(i) = 1 - |i - c| / (P/2)},
 * {@code c = (P-1)/2}, which is positive on the whole patch and, for two patches offset by {@code P/2},
 * sums to exactly 1 (so with stride {@code P/2} the weights are a partition of unity away from the image
 * border; the blender still divides by the accumulated weight, so they sum to 1 at every pixel for any
 * grid). {@link #flat(int)} is case (i): all ones, no blending except the overlap of a border patch
 * shifted inward, which is averaged.
 */
public final class BlendWeights {
    private final float[] profile; // (patchSize)

    private BlendWeights(float[] profile) {
        this.profile = profile;
    }

    /** Tent weights for a patch of {@code patchSize}. */
    public static BlendWeights tent(int patchSize) {
        check(patchSize);
        float[] a = new float[patchSize];
        double c = (patchSize - 1) / 2.0;
        double half = patchSize / 2.0;
        for (int i = 0; i < patchSize; i++) {
            a[i] = (float) (1 - Math.abs(i - c) / half);
        }
        return new BlendWeights(a);
    }

    /** Flat (all ones) weights. */
    public static BlendWeights flat(int patchSize) {
        check(patchSize);
        float[] a = new float[patchSize];
        java.util.Arrays.fill(a, 1f);
        return new BlendWeights(a);
    }

    /** Tent when the stride is below the patch size (overlapping patches), flat otherwise. */
    public static BlendWeights forGrid(PatchGrid grid) {
        return grid.stride() < grid.patchSize() ? tent(grid.patchSize()) : flat(grid.patchSize());
    }

    private static void check(int patchSize) {
        if (patchSize < 1) {
            throw new IllegalArgumentException("patch size " + patchSize + " must be >= 1");
        }
    }

    public int patchSize() {
        return profile.length;
    }

    /** The 1D profile value at offset {@code i} inside the patch. */
    public float at(int i) {
        return profile[i];
    }

    /** The weight of pixel {@code (x, y)} of the patch. */
    public float at(int x, int y) {
        return profile[x] * profile[y];
    }
}
