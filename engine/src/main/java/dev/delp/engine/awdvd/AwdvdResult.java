package dev.delp.engine.awdvd;

import dev.delp.engine.image.Image2d;

/**
 * The restored image and the defocus map it was made with.
 *
 * @param image     restored image, same size as the input
 * @param map       per-patch classification used
 * @param mode      mode that produced it
 * @param levelUsed for {@link AwdvdOptions.Mode#INVARIANT}, the single level ({@link PatchClassifier#BG}
 *                  when it was to come from a map with no foreground patch: the image passed through);
 *                  otherwise -1
 * @param deepestUm defocus (µm) of the PSF the deepest level (10, "that far or more") was restored
 *                  with: its nominal depth, or deeper as {@link DeepDefocus} read it for this image;
 *                  NaN when the PSFs are not the Born–Wolf levels
 */
public record AwdvdResult(Image2d image, DefocusMap map, AwdvdOptions.Mode mode, int levelUsed, double deepestUm) {
}
