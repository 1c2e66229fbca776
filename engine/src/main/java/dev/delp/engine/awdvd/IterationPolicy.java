package dev.delp.engine.awdvd;

import java.util.Arrays;

/** How many Richardson–Lucy iterations a region of a given defocus level gets. */
@FunctionalInterface
public interface IterationPolicy {
    /** Iterations for {@code level} in {@code 0..10} (background is never deconvolved). */
    int iterations(int level);

    /**
     * Iterations for {@code level} in a region whose brightest pixel holds about
     * {@code photonsAtPeak} photons ({@link NoiseEstimate}); noise-blind policies ignore it.
     */
    default int iterations(int level, double photonsAtPeak) {
        return iterations(level);
    }

    /** The same count for every level (an explicit {@code --iterations N}). */
    static IterationPolicy fixed(int iterations) {
        if (iterations < 0 || iterations > 100_000) {
            throw new IllegalArgumentException("iterations " + iterations + " must be within [0, 100000]");
        }
        return level -> iterations;
    }

    /** A per-level table ({@code table[level]}, 11 entries). */
    static IterationPolicy table(int... perLevel) {
        if (perLevel.length != PatchClassifier.LEVELS) {
            throw new IllegalArgumentException("iteration table has " + perLevel.length + " entries, needs "
                    + PatchClassifier.LEVELS + " (levels 0..10)");
        }
        for (int i = 0; i < perLevel.length; i++) {
            if (perLevel[i] < 0) {
                throw new IllegalArgumentException("iteration table entry " + i + " = " + perLevel[i] + " is negative");
            }
        }
        int[] t = perLevel.clone();
        return new IterationPolicy() {
            @Override
            public int iterations(int level) {
                return t[level];
            }

            @Override
            public String toString() {
                return "table" + Arrays.toString(t);
            }
        };
    }
}
