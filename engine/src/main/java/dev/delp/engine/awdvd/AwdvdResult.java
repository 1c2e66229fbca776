package dev.delp.engine.awdvd;

import dev.delp.engine.image.Image2d;

/**
 * The restored image and the defocus map it was made with.
 *
 * @param image     restored image, same size as the input
 * @param map       per-patch classification used
 * @param mode      mode that produced it
 * @param levelUsed for {@link AwdvdOptions.Mode#INVARIANT}, the single level; otherwise -1
 */
public record AwdvdResult(Image2d image, DefocusMap map, AwdvdOptions.Mode mode, int levelUsed) {
}
