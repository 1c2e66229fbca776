package dev.delp.engine.awdvd;

import dev.delp.engine.image.Image2d;

/**
 * The PSF of each defocus level {@code 0..10}: odd square size, centred, sum 1. Implementations
 * cache and must be thread-safe; the returned image must not be modified.
 */
@FunctionalInterface
public interface PsfSource {
    /** The PSF of {@code level}. */
    Image2d psf(int level);

    /** Radius {@code (size - 1) / 2} of the PSF of {@code level}. */
    default int radius(int level) {
        return (psf(level).width() - 1) / 2;
    }

    /**
     * The depth of level 10's PSF in levels: 10, or more when it was set deeper for an image
     * ({@link BornWolfLevels#withDeepestAtUm}). Depth jumps between patches are measured with it.
     */
    default double deepestInLevels() {
        return PatchClassifier.LEVELS - 1;
    }
}
