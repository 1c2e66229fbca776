package dev.delp.engine.awdvd;

/**
 * Options of one AWDVD run.
 *
 * @param mode           {@link Mode#AWDVD} (per-patch RL, blended), {@link Mode#INVARIANT} (one PSF for the
 *                       whole image) or {@link Mode#INTERPOLATED} (global spatially-variant RL; the patches
 *                       at a depth jump, {@link LevelJumps}, restored patch-wise as case (ii) and blended in)
 * @param stride         patch stride in pixels: 42 = case (ii), tent-blended (default); 84 = case (i)
 * @param iterations     RL iterations; {@code -1} = chosen per level by the engine's {@link IterationPolicy}
 * @param invariantLevel the single PSF level of {@link Mode#INVARIANT}; {@code -1} = the most frequent
 *                       non-background level in the defocus map
 * @param batchPatches   patches per parallel batch (bounds memory; one progress call per batch)
 * @param minWeight      {@link Mode#INTERPOLATED}: classes whose interpolated weight stays below this are dropped
 * @param offset         camera offset in image units (e.g. 100 counts): the classifier sees the raw image,
 *                       deconvolution works on {@code image - offset} and adds it back (default 0)
 */
public record AwdvdOptions(Mode mode, int stride, int iterations, int invariantLevel, int batchPatches,
        float minWeight, float offset) {

    /** How the image is deconvolved. */
    public enum Mode { AWDVD, INVARIANT, INTERPOLATED }

    public AwdvdOptions {
        if (mode == null) {
            throw new IllegalArgumentException("mode is null (one of awdvd, invariant, interpolated)");
        }
        if (stride < 1 || stride > PatchGrid.DEFAULT_PATCH) {
            throw new IllegalArgumentException("stride " + stride + " must be within [1, " + PatchGrid.DEFAULT_PATCH
                    + "] (42 = blended case (ii), 84 = case (i))");
        }
        if (iterations < -1 || iterations > 100_000) {
            throw new IllegalArgumentException("iterations " + iterations
                    + " must be within [0, 100000], or -1 for the per-level default");
        }
        if (invariantLevel < -1 || invariantLevel >= PatchClassifier.LEVELS) {
            throw new IllegalArgumentException("invariant level " + invariantLevel + " must be within [0, "
                    + (PatchClassifier.LEVELS - 1) + "], or -1 for the most frequent level");
        }
        if (batchPatches < 1) {
            throw new IllegalArgumentException("batch of " + batchPatches + " patches must be >= 1");
        }
        if (!(minWeight >= 0 && minWeight < 1)) {
            throw new IllegalArgumentException("min weight " + minWeight + " must be within [0, 1)");
        }
        if (!Float.isFinite(offset)) {
            throw new IllegalArgumentException("offset " + offset + " must be finite");
        }
    }

    /** Case (ii), iterations per level, batches of 64 patches. */
    public static AwdvdOptions defaults() {
        return new AwdvdOptions(Mode.AWDVD, 42, -1, -1, 64, 0.05f, 0f);
    }

    public AwdvdOptions withMode(Mode m) {
        return new AwdvdOptions(m, stride, iterations, invariantLevel, batchPatches, minWeight, offset);
    }

    public AwdvdOptions withStride(int s) {
        return new AwdvdOptions(mode, s, iterations, invariantLevel, batchPatches, minWeight, offset);
    }

    public AwdvdOptions withIterations(int n) {
        return new AwdvdOptions(mode, stride, n, invariantLevel, batchPatches, minWeight, offset);
    }

    public AwdvdOptions withInvariantLevel(int level) {
        return new AwdvdOptions(mode, stride, iterations, level, batchPatches, minWeight, offset);
    }

    public AwdvdOptions withBatchPatches(int n) {
        return new AwdvdOptions(mode, stride, iterations, invariantLevel, n, minWeight, offset);
    }

    public AwdvdOptions withOffset(float o) {
        return new AwdvdOptions(mode, stride, iterations, invariantLevel, batchPatches, minWeight, o);
    }

    public AwdvdOptions withMinWeight(float m) {
        return new AwdvdOptions(mode, stride, iterations, invariantLevel, batchPatches, m, offset);
    }
}
