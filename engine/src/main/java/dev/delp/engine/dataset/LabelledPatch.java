package dev.delp.engine.dataset;

import dev.delp.engine.image.Image2d;

/**
 * One training example.
 *
 * @param patch      84×84 simulated observation in camera counts (offset and noise included)
 * @param label      {@link Labels} encoding: 0..10 level, 11 bg
 * @param defocusUm  defocus used to blur it (for bg: the level that was drawn for rendering)
 * @param photons    photon budget of the source's reference intensity
 * @param sourceIndex index of the source image in the stream (generated or listed)
 * @param x          left of the window in the source image
 * @param y          top of the window in the source image
 */
public record LabelledPatch(Image2d patch, int label, double defocusUm, double photons, long sourceIndex, int x, int y) {
}
