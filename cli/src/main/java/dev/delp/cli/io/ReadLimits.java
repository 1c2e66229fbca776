package dev.delp.cli.io;

/**
 * Limits a loader checks before it allocates anything (decompression bombs, hostile headers).
 *
 * @param maxVoxels largest {@code width * height * pages} accepted (default 2³¹, {@code --max-voxels})
 */
public record ReadLimits(long maxVoxels) {
    /** Java arrays hold at most this many elements (the VM reserves a few header words). */
    public static final long MAX_ARRAY_VOXELS = Integer.MAX_VALUE - 8L;
    /** The default: 2³¹ voxels (8 GiB of float). */
    public static final ReadLimits DEFAULT = new ReadLimits(1L << 31);

    public ReadLimits {
        if (maxVoxels < 1) {
            throw new IllegalArgumentException("max voxels " + maxVoxels + " must be >= 1");
        }
    }

    /**
     * Throws unless an image of this shape fits the limits.
     *
     * @param file   file name for the message
     * @param width  pixels per row
     * @param height rows
     * @param pages  planes
     */
    public void check(String file, long width, long height, long pages) {
        long voxels;
        try {
            voxels = Math.multiplyExact(Math.multiplyExact(width, height), pages);
        } catch (ArithmeticException overflow) {
            voxels = Long.MAX_VALUE;
        }
        if (voxels > maxVoxels) {
            throw new ImageFormatException(file + ": image " + width + "x" + height + "x" + pages + " has "
                    + voxels + " voxels, more than the limit of " + maxVoxels + " (raise it with --max-voxels)");
        }
        if (voxels > MAX_ARRAY_VOXELS) {
            throw new ImageFormatException(file + ": image " + width + "x" + height + "x" + pages + " has "
                    + voxels + " voxels, more than one Java array holds (" + MAX_ARRAY_VOXELS + ")");
        }
    }
}
