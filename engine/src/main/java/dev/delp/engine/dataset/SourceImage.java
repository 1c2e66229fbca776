package dev.delp.engine.dataset;

import dev.delp.engine.image.Image2d;

/**
 * An in-focus image for the dataset builder, with the camera offset to remove before it is treated
 * as fluorescence (0 for generated specimens; for BBBC006 about 100–120, e.g. its 0.5th percentile
 * via {@link dev.delp.engine.image.Percentiles#of}).
 *
 * @param image       the in-focus image, at least 84×84
 * @param offsetCounts value subtracted (and clipped at 0) before blurring
 */
public record SourceImage(Image2d image, double offsetCounts) {
    public SourceImage {
        if (image == null) {
            throw new IllegalArgumentException("source image is null");
        }
        if (image.width() < DatasetBuilder.PATCH || image.height() < DatasetBuilder.PATCH) {
            throw new IllegalArgumentException("source image " + image.shape() + " is smaller than the "
                    + DatasetBuilder.PATCH + "x" + DatasetBuilder.PATCH + " patch");
        }
        if (!Double.isFinite(offsetCounts)) {
            throw new IllegalArgumentException("offsetCounts " + offsetCounts + " must be finite");
        }
    }
}
