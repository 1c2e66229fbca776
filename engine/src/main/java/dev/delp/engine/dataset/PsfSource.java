package dev.delp.engine.dataset;

import dev.delp.engine.image.Image2d;

/**
 * Supplies the 2D PSF for a defocus distance: odd-sized, centred, sum 1. Adapters:
 * {@code BornWolfPsfs} (the project's Born–Wolf model) or any lambda, e.g. Gaussians in tests.
 * Implementations must be deterministic (same defocus ⇒ same PSF) and thread-safe.
 */
@FunctionalInterface
public interface PsfSource {
    /** The PSF at {@code defocusUm} (>= 0) from the focal plane. */
    Image2d psf(double defocusUm);
}
