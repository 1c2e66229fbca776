package dev.delp.engine.metrics;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Shapes;

/** Shared argument checks of the metrics. */
final class Metrics {
    private Metrics() {
    }

    static void checkPair(Image2d reference, Image2d test) {
        if (reference == null || test == null) {
            throw new IllegalArgumentException("metric inputs must not be null");
        }
        if (reference.width() != test.width() || reference.height() != test.height()) {
            throw new IllegalArgumentException("metric needs equal shapes, got reference " + reference.shape()
                    + " and test " + test.shape());
        }
        Shapes.checkFinite("reference image", reference.data());
        Shapes.checkFinite("test image", test.data());
    }
}
