package dev.delp.engine.deconv;

/**
 * Geometry of an extended-domain deconvolution: the observed image ({@code imageWidth x
 * imageHeight x imageDepth}) sits at the origin of a periodic work volume of at least
 * {@code image + psf − 1} per axis (so the object may extend a PSF radius beyond every edge with no
 * wrap-around into the image), rounded up to {@code FftSizes.good}. 2D problems have depth 1.
 */
record Grid(int imageWidth, int imageHeight, int imageDepth, int psfWidth, int psfHeight, int psfDepth, int workWidth,
        int workHeight, int workDepth) {

    /** Voxels in the work volume. */
    int workSize() {
        return workWidth * workHeight * workDepth;
    }

    /** Rows (lines along x) in the work volume. */
    int workRows() {
        return workHeight * workDepth;
    }

    /** Voxels in the image. */
    int imageSize() {
        return imageWidth * imageHeight * imageDepth;
    }

    /** True when work row {@code r} (= y + workHeight·z) crosses the image. */
    boolean rowInImage(int r) {
        return r % workHeight < imageHeight && r / workHeight < imageDepth;
    }

    /** Offset of work row {@code r}'s image pixels in the compact image array. */
    int imageRowOffset(int r) {
        return imageWidth * (r % workHeight + imageHeight * (r / workHeight));
    }
}
