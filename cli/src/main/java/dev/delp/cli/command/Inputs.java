package dev.delp.cli.command;

import java.nio.file.Path;
import java.util.Locale;

import dev.delp.cli.Invocation;
import dev.delp.cli.io.ImageFiles;
import dev.delp.cli.io.ImageFormatException;
import dev.delp.cli.io.Volume;

/**
 * Reads the images a command processes and checks what every restoration needs, with messages that
 * name the file and the pixel: finite values (NaN/Inf would poison every FFT they touch), and for a
 * PSF non-negative values with a positive sum. {@code delp info} reads without these checks, so it
 * can show what is in a file.
 */
final class Inputs {
    private Inputs() {
    }

    /** The image at {@code file}, checked to hold only finite values. */
    static Volume readFinite(Invocation inv, Path file) {
        Volume v = ImageFiles.read(file, inv.limits());
        requireFinite(file, v);
        return v;
    }

    /** A PSF image: finite, non-negative, with a positive sum. */
    static Volume readPsf(Invocation inv, Path file) {
        Volume v = readFinite(inv, file);
        float[] d = v.voxels();
        double sum = 0;
        for (int i = 0; i < d.length; i++) {
            if (d[i] < 0) {
                throw new ImageFormatException(file + ": pixel " + ImageFiles.position(v, i) + " is " + d[i]
                        + "; a PSF must be >= 0 everywhere");
            }
            sum += d[i];
        }
        if (!(sum > 0)) {
            throw new ImageFormatException(file + ": the PSF sums to 0; it needs a positive sum");
        }
        return v;
    }

    /** See {@link ImageFiles#requireFinite(Path, Volume)}. */
    static void requireFinite(Path file, Volume v) {
        ImageFiles.requireFinite(file, v);
    }

    /** See {@link ImageFiles#requireFinite(Path, Volume, int)}. */
    static void requireFinite(Path file, Volume v, int z) {
        ImageFiles.requireFinite(file, v, z);
    }

    /**
     * Refuses a camera offset at or above every pixel: the restoration would be the offset alone (a
     * constant image), or not even that once the offset is beyond float range ({@code --offset 1e300}
     * wrote an image of +Inf with exit 0).
     */
    static void requireSignalAboveOffset(Path file, Volume v, double offset) {
        if (offset <= 0) {
            return;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float f : v.voxels()) {
            max = Math.max(max, f);
        }
        if (!(max > offset)) {
            throw new ImageFormatException(String.format(Locale.ROOT, "%s: --offset %s is at or above every pixel (max %s); "
                    + "nothing is left to restore (the offset is the camera's dark level, below the signal)", file,
                    OpticsFlags.trim(offset), OpticsFlags.trim(max)));
        }
    }

    /**
     * Warns (unless {@code --quiet}) when the image has negative values, which Richardson–Lucy and
     * the forward model treat as 0: a background-subtracted or signed image loses them silently otherwise.
     */
    static void warnNegative(Invocation inv, Path file, Volume v, String treatedBy) {
        float[] d = v.voxels();
        long negative = 0;
        float min = 0;
        for (float f : d) {
            if (f < 0) {
                negative++;
                min = Math.min(min, f);
            }
        }
        if (negative > 0) {
            inv.warn(String.format(Locale.ROOT, "%s: %d of %d pixels (%.1f %%) are negative (min %s); %s treats them as 0",
                    file, negative, d.length, 100.0 * negative / d.length, OpticsFlags.trim(min), treatedBy));
        }
    }
}
