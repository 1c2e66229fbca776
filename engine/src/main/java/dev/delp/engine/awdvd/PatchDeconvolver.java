package dev.delp.engine.awdvd;

import java.util.concurrent.ForkJoinPool;

/**
 * Deconvolves one patch region for a given defocus level. The AWDVD driver cuts each patch with a
 * margin of {@link #margin(int)} pixels on every side (taken from the surrounding image, mirrored
 * only at the true image border), calls {@link #deconvolve}, and keeps the central patch.
 * Implementations must be thread-safe (patches run in parallel) and deterministic.
 */
public interface PatchDeconvolver {
    /** Pixels of context wanted on each side of a patch deconvolved at {@code level} (e.g. the PSF radius). */
    int margin(int level);

    /**
     * Deconvolves {@code region} ({@code width x height}, row-major, not modified) with the PSF of
     * {@code level} for {@code iterations} iterations ({@code 0} returns a copy).
     *
     * @return a new {@code width x height} array
     */
    float[] deconvolve(float[] region, int width, int height, int level, int iterations, ForkJoinPool pool);

    /** The identity: returns a copy of the region (for tests of the driver). */
    static PatchDeconvolver identity() {
        return new PatchDeconvolver() {
            @Override
            public int margin(int level) {
                return 0;
            }

            @Override
            public float[] deconvolve(float[] region, int width, int height, int level, int iterations,
                    ForkJoinPool pool) {
                return region.clone();
            }
        };
    }
}
