package dev.delp.engine.awdvd;

/**
 * Accumulates weighted patches into a {@code width x height} image and normalises by the summed
 * weight at every pixel. Accumulation is in double, so blending copies of one image returns it
 * bit for bit (a float product is exact in double and the normalised sum rounds back to the same
 * float). Patches must be added in a fixed order for reproducible bits; the caller does that.
 */
final class Blender {
    private final int width, height;
    private final double[] acc, weight; // (height, width)
    private final BlendWeights weights;

    Blender(int width, int height, BlendWeights weights) {
        this.width = width;
        this.height = height;
        this.weights = weights;
        this.acc = new double[width * height];
        this.weight = new double[width * height];
    }

    /**
     * Adds a {@code P x P} patch (row-major, P = weights' patch size) whose top-left corner is at
     * canvas {@code (x0, y0)}; pixels outside the image (the canvas of small images) are ignored.
     */
    void add(float[] patch, int x0, int y0) {
        int p = weights.patchSize();
        int xEnd = Math.min(p, width - x0);
        int yEnd = Math.min(p, height - y0);
        for (int y = 0; y < yEnd; y++) {
            double wy = weights.at(y);
            int o = x0 + width * (y0 + y);
            for (int x = 0; x < xEnd; x++) {
                double w = wy * weights.at(x);
                acc[o + x] += w * patch[x + p * y];
                weight[o + x] += w;
            }
        }
    }

    /** The normalised image. */
    float[] result() {
        float[] out = new float[width * height];
        for (int i = 0; i < out.length; i++) {
            if (weight[i] <= 0) {
                throw new IllegalStateException("pixel (" + (i % width) + ", " + (i / width)
                        + ") is covered by no patch");
            }
            out[i] = (float) (acc[i] / weight[i]);
        }
        return out;
    }

    /** Summed weight of each pixel divided by itself after normalisation: exposed for tests. */
    double[] weightSums() {
        return weight.clone();
    }
}
