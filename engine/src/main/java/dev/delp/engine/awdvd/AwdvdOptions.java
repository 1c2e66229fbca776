package dev.delp.engine.awdvd;

/**
 * Options of one AWDVD run.
 *
 * @param mode           {@link Mode#AWDVD} (per-patch RL, blended), {@link Mode#INVARIANT} (one PSF for the
 *                       whole image) or {@link Mode#INTERPOLATED} (global spatially-variant RL)
 * @param stride         patch stride in pixels: 42 = case (ii), tent-blended (default); 84 = case (i)
 * @param iterations     RL iterations; {@code -1} = chosen per level by the engine's {@link IterationPolicy}
 * @param invariantLevel the single PSF level of {@link Mode#INVARIANT}; {@code -1} = the most frequent
 *                       non-background level in the defocus map
 * @param batchPatches   patches per parallel batch (bounds memory; one progress call per batch)
 * @param minWeight      {@link Mode#INTERPOLATED}: classes whose interpolated weight stays below this are dropped
 * @param offset         camera offset in image units (e.g. 100 counts): the classifier sees the raw image,
 *                       deconvolution works on {@code image - offset} and adds it back (default 0)
 * @param stepRounds     {@link Mode#INTERPOLATED}: rounds of locating depth steps inside the patch spacing
 *                       (each one more global run, only where adjacent patches differ by 2+ levels;
 *                       {@code DepthSteps}); 0 = the linear weight ramps only
 * @param jumpPatches    {@link Mode#INTERPOLATED}: restore the patches at a depth jump ({@link LevelJumps}:
 *                       expected levels of grid neighbours 2+ apart) patch-wise, as case (ii) does, and
 *                       blend them into the global run's result with the same bilinear weights
 */
public record AwdvdOptions(Mode mode, int stride, int iterations, int invariantLevel, int batchPatches,
        float minWeight, float offset, int stepRounds, boolean jumpPatches) {

    /**
     * Depth-step rounds of {@link #defaults()}: none. Two rounds win 0.8–2.3 dB on two-depth images
     * with bright content at the step (true map and DelpNet's), but with DelpNet's map they lose
     * 0.16 / 0.62 dB on a04 (tilt / step), so they stay opt-in (docs/eval/README.md, session 3).
     */
    public static final int DEFAULT_STEP_ROUNDS = 0;

    /**
     * Whether {@link #defaults()} restores the patches at depth jumps patch-wise in the interpolated
     * mode ({@link #jumpPatches()}): no. With the true map it lifts every two-depth image measured to
     * case (ii) or above (a06 −2.12 → +0.003 dB) and leaves tilts alone, and on held-out images with
     * DelpNet's map it mostly wins, but with DelpNet's map it loses 0.78 / 0.74 dB on a02 TILT / a04
     * STEP (docs/eval/README.md, session 5).
     */
    public static final boolean DEFAULT_JUMP_PATCHES = false;

    /** Rounds the measurements used ({@link #withStepRounds}). */
    public static final int MEASURED_STEP_ROUNDS = 2;

    /** Most rounds of depth-step location ({@link #stepRounds()}). */
    public static final int MAX_STEP_ROUNDS = 4;

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
        if (stepRounds < 0 || stepRounds > MAX_STEP_ROUNDS) {
            throw new IllegalArgumentException("depth-step rounds " + stepRounds + " must be within [0, "
                    + MAX_STEP_ROUNDS + "]");
        }
    }

    /** Case (ii), iterations per level, batches of 64 patches. */
    public static AwdvdOptions defaults() {
        return new AwdvdOptions(Mode.AWDVD, 42, -1, -1, 64, 0.05f, 0f, DEFAULT_STEP_ROUNDS, DEFAULT_JUMP_PATCHES);
    }

    public AwdvdOptions withMode(Mode m) {
        return new AwdvdOptions(m, stride, iterations, invariantLevel, batchPatches, minWeight, offset, stepRounds, jumpPatches);
    }

    public AwdvdOptions withStride(int s) {
        return new AwdvdOptions(mode, s, iterations, invariantLevel, batchPatches, minWeight, offset, stepRounds, jumpPatches);
    }

    public AwdvdOptions withIterations(int n) {
        return new AwdvdOptions(mode, stride, n, invariantLevel, batchPatches, minWeight, offset, stepRounds, jumpPatches);
    }

    public AwdvdOptions withInvariantLevel(int level) {
        return new AwdvdOptions(mode, stride, iterations, level, batchPatches, minWeight, offset, stepRounds, jumpPatches);
    }

    public AwdvdOptions withBatchPatches(int n) {
        return new AwdvdOptions(mode, stride, iterations, invariantLevel, n, minWeight, offset, stepRounds, jumpPatches);
    }

    public AwdvdOptions withOffset(float o) {
        return new AwdvdOptions(mode, stride, iterations, invariantLevel, batchPatches, minWeight, o, stepRounds, jumpPatches);
    }

    public AwdvdOptions withMinWeight(float m) {
        return new AwdvdOptions(mode, stride, iterations, invariantLevel, batchPatches, m, offset, stepRounds, jumpPatches);
    }

    /** With {@code n} rounds of depth-step location in the interpolated mode (0 = linear ramps only). */
    public AwdvdOptions withStepRounds(int n) {
        return new AwdvdOptions(mode, stride, iterations, invariantLevel, batchPatches, minWeight, offset, n, jumpPatches);
    }

    /** With the patches at depth jumps restored patch-wise in the interpolated mode ({@link #jumpPatches()}). */
    public AwdvdOptions withJumpPatches(boolean on) {
        return new AwdvdOptions(mode, stride, iterations, invariantLevel, batchPatches, minWeight, offset, stepRounds, on);
    }
}
