package dev.delp.cli.io;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

/**
 * The entry point for image files: reads TIFF or PNG (chosen by the file's first bytes, not its
 * name) and writes TIFF (32-bit float or 16-bit) or PNG (chosen by the output's extension).
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** Reads a TIFF (single page or stack) or grey PNG, checking {@code limits} before allocating. */
    public static Volume read(Path file, ReadLimits limits) {
        FileChecks.sizeOfReadable(file);
        byte[] head = FileChecks.head(file, 8);
        if (head.length >= 4 && ((head[0] == 'I' && head[1] == 'I') || (head[0] == 'M' && head[1] == 'M'))) {
            return TiffVolumeReader.read(file, limits);
        }
        if (head.length == 8 && java.util.Arrays.equals(head, PngImages.MAGIC)) {
            return PngImages.read(file, limits);
        }
        if (head.length == 0) {
            throw new ImageFormatException(file + ": empty file, expected a TIFF or PNG image");
        }
        throw new ImageFormatException(file + ": unsupported file format (expected TIFF or PNG; first bytes "
                + hex(head) + ")");
    }

    /**
     * Writes {@code volume} to {@code output}: {@code .tif/.tiff} as TIFF with {@code bits}, {@code .png}
     * as 16-bit grey PNG (one plane). Atomic and overwrite-safe, see {@link OutputFiles}.
     */
    public static void write(Path output, Volume volume, TiffVolumeWriter.Bits bits, Collection<Path> inputs,
                             boolean force) {
        OutputFiles.write(output, inputs, force, body(output, volume, bits));
    }

    /**
     * What {@link #write} writes, as a body for {@link OutputFiles#writeAll} (an image written
     * together with other outputs of the same command).
     *
     * @throws ImageFormatException for an unknown extension or a stack given a PNG name
     */
    public static OutputFiles.Body body(Path output, Volume volume, TiffVolumeWriter.Bits bits) {
        String ext = extension(output);
        return switch (ext) {
            case "tif", "tiff" -> out -> TiffVolumeWriter.write(volume, bits, out);
            case "png" -> {
                if (volume.depth() != 1) {
                    throw new ImageFormatException(output + ": PNG holds one plane but the image is " + volume.shape()
                            + "; write a .tif");
                }
                yield out -> PngImages.writeGray16(volume, out);
            }
            default -> throw new ImageFormatException(output + ": unknown output type '." + ext
                    + "' (expected .tif, .tiff or .png)");
        };
    }

    /**
     * Throws an {@link ImageFormatException} naming the first non-finite voxel (x, y, and z for a
     * stack) and how many there are: NaN/Inf would poison every FFT they touch. Commands that process
     * pixels call this after {@link #read}; {@code delp info} does not, to show what is in a file.
     */
    public static void requireFinite(Path file, Volume v) {
        requireFinite(file, v, 0, v.voxels().length);
    }

    /** As {@link #requireFinite(Path, Volume)}, for plane {@code z} only (the one a command uses). */
    public static void requireFinite(Path file, Volume v, int z) {
        requireFinite(file, v, z * v.planeSize(), (z + 1) * v.planeSize());
    }

    private static void requireFinite(Path file, Volume v, int from, int to) {
        float[] d = v.voxels();
        int first = -1;
        long count = 0;
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(d[i])) {
                if (first < 0) {
                    first = i;
                }
                count++;
            }
        }
        if (first >= 0) {
            throw new ImageFormatException(file + ": pixel " + position(v, first) + " is " + d[first] + " (" + count
                    + " non-finite pixel" + (count == 1 ? "" : "s") + " in all); delp needs finite values"
                    + " - replace NaN/Inf pixels first");
        }
    }

    /**
     * Checks plane 0 of an in-focus truth image (training or evaluation): at least one whole
     * {@code patch x patch} patch, and a specimen (not one value everywhere). An all-zero image was
     * trained on silently, and as an evaluation truth failed with "data range 0.0 must be finite and
     * > 0", naming no file.
     */
    public static void requireSpecimen(Path file, Volume v, int patch) {
        if (v.width() < patch || v.height() < patch) {
            throw new ImageFormatException(file + ": " + v.shape() + " is smaller than one " + patch + "x" + patch
                    + " patch");
        }
        float[] d = v.voxels();
        for (int i = 1; i < v.planeSize(); i++) {
            if (d[i] != d[0]) {
                return;
            }
        }
        throw new ImageFormatException(file + ": every pixel is " + d[0] + "; an in-focus truth image needs a specimen");
    }

    /** {@code (x X, y Y)} or, in a stack, {@code (x X, y Y, z Z)} of a voxel index. */
    public static String position(Volume v, int index) {
        int plane = v.planeSize();
        int z = index / plane;
        int r = index % plane;
        return "(x " + r % v.width() + ", y " + r / v.width() + (v.depth() > 1 ? ", z " + z : "") + ")";
    }

    /** Lower-case extension without the dot, or "". */
    public static String extension(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Whether a name looks like an image delp reads (used by batch mode). */
    public static boolean isImageName(Path p) {
        String e = extension(p);
        return e.equals("tif") || e.equals("tiff") || e.equals("png");
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(4, b.length); i++) {
            sb.append(String.format("%02x", b[i] & 0xFF)).append(i + 1 < Math.min(4, b.length) ? " " : "");
        }
        return sb.toString();
    }

}
