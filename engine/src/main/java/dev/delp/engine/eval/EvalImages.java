package dev.delp.engine.eval;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Percentiles;

/**
 * The evaluation's ground truth from a real in-focus image (BBBC006, read by the caller): the camera
 * offset (the 0.5th percentile) removed so that the truth is a non-negative intensity.
 */
public final class EvalImages {
    private EvalImages() {
    }

    /** The image minus its 0.5th percentile (camera offset), clamped at 0. */
    public static Image2d withoutOffset(Image2d image) {
        float offset = (float) Percentiles.of(image, 0.5);
        float[] d = image.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(0f, d[i] - offset);
        }
        return new Image2d(image.width(), image.height(), d);
    }
}
