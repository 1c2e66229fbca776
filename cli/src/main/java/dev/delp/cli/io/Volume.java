package dev.delp.cli.io;

import java.util.Objects;

/**
 * A grey-level image or z-stack as read from or written to a file: {@code float} voxels in
 * row-major order, index {@code x + width * (y + height * z)} (DESIGN.md §3), with the file's
 * calibration and the sample type it came from.
 *
 * @param width       pixels per row, ≥ 1
 * @param height      rows per plane, ≥ 1
 * @param depth       planes, ≥ 1 (1 for a single image)
 * @param voxels      {@code width * height * depth} values
 * @param calibration pixel size and plane spacing (µm), possibly unknown
 * @param sourceType  what the file stored, e.g. {@code "uint16"}, {@code "float32"}
 */
public record Volume(int width, int height, int depth, float[] voxels, Calibration calibration, String sourceType) {
    public Volume {
        Objects.requireNonNull(voxels, "voxels");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(sourceType, "sourceType");
        if (width < 1 || height < 1 || depth < 1) {
            throw new IllegalArgumentException("volume " + width + "x" + height + "x" + depth
                    + " must have every dimension >= 1");
        }
        if ((long) width * height * depth != voxels.length) {
            throw new IllegalArgumentException("volume " + width + "x" + height + "x" + depth + " needs "
                    + (long) width * height * depth + " voxels, got " + voxels.length);
        }
    }

    /** A single plane (depth 1). */
    public static Volume ofPlane(int width, int height, float[] pixels, Calibration calibration) {
        return new Volume(width, height, 1, pixels, calibration, "float32");
    }

    /** Number of pixels in one plane. */
    public int planeSize() {
        return width * height;
    }

    /** {@code "WxH"} or {@code "WxHxD"}. */
    public String shape() {
        return depth == 1 ? width + "x" + height : width + "x" + height + "x" + depth;
    }
}
