package dev.delp.cli.io;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * PNG for convenience input (8/16-bit grey) and for maps/overlays output, through the JDK's
 * {@code javax.imageio} PNG codec (which, unlike Commons Imaging's, keeps 16-bit grey samples).
 * The IHDR header is validated before the decoder allocates anything.
 */
public final class PngImages {
    static final byte[] MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngImages() {
    }

    /** Reads a grey PNG (1/2/4/8/16 bits) as a single-plane volume. */
    public static Volume read(Path file, ReadLimits limits) {
        String name = file.toString();
        long size = FileChecks.sizeOfReadable(file);
        byte[] h = FileChecks.head(file, 29);
        if (h.length < 29) {
            throw new ImageFormatException(name + ": PNG truncated (" + size + " bytes, the header needs 33)");
        }
        long w = u32(h, 16);
        long ht = u32(h, 20);
        int bitDepth = h[24] & 0xFF;
        int colourType = h[25] & 0xFF;
        if (w < 1 || ht < 1 || w > Integer.MAX_VALUE || ht > Integer.MAX_VALUE) {
            throw new ImageFormatException(name + ": PNG size " + w + "x" + ht + " is outside 1.." + Integer.MAX_VALUE);
        }
        if (colourType != 0) {
            String kind = switch (colourType) {
                case 2 -> "RGB";
                case 3 -> "palette";
                case 4 -> "grey+alpha";
                case 6 -> "RGBA";
                default -> "colour type " + colourType;
            };
            throw new ImageFormatException(name + ": " + kind + " PNG is not supported; expected a grey PNG (8 or 16 bits)");
        }
        limits.check(name, w, ht, 1);
        // zlib cannot expand more than 1032:1, so a tiny file cannot hold a huge image
        if (w * ht * Math.max(1, bitDepth / 8) > size * 1100 + 1024) {
            throw new ImageFormatException(name + ": PNG declares " + w + "x" + ht + " pixels but the file has only "
                    + size + " bytes (corrupt)");
        }
        BufferedImage img;
        try (InputStream in = Files.newInputStream(file)) {
            img = ImageIO.read(in);
        } catch (IOException | RuntimeException e) {
            throw new ImageFormatException(name + ": corrupt PNG: " + TiffVolumeReader.oneLine(e), e);
        }
        if (img == null) {
            throw new ImageFormatException(name + ": corrupt PNG: no decoder accepted it");
        }
        int width = img.getWidth();
        int height = img.getHeight();
        float[] px = new float[width * height];
        var raster = img.getRaster();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                px[y * width + x] = row[x];
            }
        }
        return new Volume(width, height, 1, px, Calibration.UNKNOWN, bitDepth == 16 ? "uint16" : "uint8");
    }

    /** Writes one plane as a 16-bit grey PNG, linearly rescaled from its [min, max] to [0, 65535]. */
    public static void writeGray16(Volume plane, OutputStream out) throws IOException {
        if (plane.depth() != 1) {
            throw new ImageFormatException("PNG holds one plane; this image has " + plane.depth() + " (write TIFF)");
        }
        float[] v = plane.voxels();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float f : v) {
            if (Float.isFinite(f)) {
                min = Math.min(min, f);
                max = Math.max(max, f);
            }
        }
        double scale = max > min ? 65535.0 / (max - min) : 0;
        BufferedImage img = new BufferedImage(plane.width(), plane.height(), BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        int[] row = new int[plane.width()];
        for (int y = 0; y < plane.height(); y++) {
            for (int x = 0; x < plane.width(); x++) {
                float f = v[y * plane.width() + x];
                row[x] = Float.isFinite(f) ? (int) Math.round((f - min) * scale) : 0;
            }
            r.setSamples(0, y, plane.width(), 1, 0, row);
        }
        write(img, out);
    }

    /** Writes packed {@code 0xRRGGBB} pixels as an 8-bit RGB PNG (overlays). */
    public static void writeRgb(int width, int height, int[] rgb, OutputStream out) throws IOException {
        if ((long) width * height != rgb.length) {
            throw new IllegalArgumentException("rgb has " + rgb.length + " pixels, expected " + width + "x" + height);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, rgb, 0, width);
        write(img, out);
    }

    private static void write(BufferedImage img, OutputStream out) throws IOException {
        if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xFFL) << 24 | (b[p + 1] & 0xFFL) << 16 | (b[p + 2] & 0xFFL) << 8 | (b[p + 3] & 0xFFL);
    }
}
