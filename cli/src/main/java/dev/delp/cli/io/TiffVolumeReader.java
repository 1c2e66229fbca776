package dev.delp.cli.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;


/**
 * Reads grey-level TIFF images and multi-page stacks into a {@link Volume}: 8/16/32-bit unsigned
 * or signed integers and 32/64-bit floats; uncompressed, LZW, Deflate or PackBits; strips or tiles;
 * horizontal (2) and floating-point (3) predictors; either byte order.
 *
 * <p>The IFD chain is walked by {@link TiffIfds} (Commons Imaging's {@code TiffReader} re-reads the file
 * from the start for every IFD, quadratic in the page count) and the pixels are assembled here
 * (its image API narrows 16-bit grey to 8-bit RGB and its raster API covers only float/int32);
 * Commons Imaging decodes LZW and PackBits. Every size, offset and count is checked against the file size and
 * {@link ReadLimits} before any pixel buffer is allocated; any defect becomes one
 * {@link ImageFormatException} line.
 */
public final class TiffVolumeReader {
    private TiffVolumeReader() {
    }

    /**
     * Reads every full-resolution page of a TIFF as one volume (pages = planes).
     *
     * @param file   the TIFF file
     * @param limits size limits checked before allocation
     * @return the voxels with the calibration found in ImageJ metadata / resolution tags
     * @throws ImageFormatException if the file is malformed, truncated, unsupported or over a limit
     */
    public static Volume read(Path file, ReadLimits limits) {
        String name = file.toString();
        long fileSize = FileChecks.sizeOfReadable(file);
        byte[] header = FileChecks.head(file, 8);
        checkHeader(name, header, fileSize);
        ByteOrder order = header[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        List<TiffIfds.Ifd> directories;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            directories = TiffIfds.read(channel, name, fileSize, order, firstIfdOffset(header));
        } catch (IOException e) {
            throw new ImageFormatException(name + ": cannot read: " + e.getMessage(), e);
        }
        List<TiffPage> pages = new ArrayList<>();
        int number = 0;
        for (TiffIfds.Ifd dir : directories) {
            TiffPage page = TiffPage.of(name, dir, order, ++number, fileSize, limits);
            if (!page.reducedResolution()) {
                pages.add(page);
            }
        }
        if (pages.isEmpty()) {
            throw new ImageFormatException(name + ": TIFF has no image directory (first IFD offset "
                    + firstIfdOffset(header) + " in a " + fileSize + "-byte file)");
        }
        TiffPage first = pages.get(0);
        for (int i = 1; i < pages.size(); i++) {
            first.checkSameLayout(pages.get(i));
        }
        ImageJDescription ij = ImageJDescription.parse(first.description());
        if (ij != null && ij.getLong("channels", 1) > 1) {
            throw new ImageFormatException(name + ": ImageJ hyperstack with channels=" + ij.get("channels")
                    + " is not supported (expected one channel); split the channels first");
        }
        if (ij != null && ij.getLong("frames", 1) > 1 && ij.getLong("slices", 1) > 1) {
            // read as one stack, a time series of z-stacks would be deconvolved in 3D across time points
            throw new ImageFormatException(name + ": ImageJ hyperstack with frames=" + ij.get("frames") + " and slices="
                    + ij.get("slices") + " (a time series of z-stacks) is not supported; save one time point per file");
        }
        // ImageJ writes large stacks as one IFD + images=N planes stored back to back after it
        long images = ij == null ? 1 : ij.getLong("images", 1);
        long contiguous = pages.size() == 1 && images > 1 ? first.contiguousStart() : -1;
        long depth = pages.size();
        if (contiguous >= 0) {
            depth = images;
            limits.check(name, first.width(), first.height(), depth);
            long end = contiguous + depth * first.planeBytes();
            if (end > fileSize) {
                throw new ImageFormatException(name + ": ImageJ stack declares images=" + images + " (" + depth
                        * first.planeBytes() + " bytes from offset " + contiguous + ") but the file has only "
                        + fileSize + " bytes (truncated?)");
            }
        }
        limits.check(name, first.width(), first.height(), depth);
        int planeSize = first.width() * first.height();
        float[] voxels = new float[Math.toIntExact(planeSize * depth)];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int z = 0; z < depth; z++) {
                if (contiguous >= 0) {
                    first.readRawPlane(channel, contiguous + z * first.planeBytes(), voxels, z * planeSize);
                } else {
                    pages.get(z).decodeInto(channel, voxels, z * planeSize);
                }
            }
        } catch (IOException e) {
            throw new ImageFormatException(name + ": cannot read: " + e.getMessage(), e);
        }
        applyValueCalibration(ij, first, voxels);
        return new Volume(first.width(), first.height(), (int) depth, voxels,
                calibration(ij, first), first.sampleType().label());
    }

    private static void checkHeader(String name, byte[] header, long fileSize) {
        if (fileSize < 8) {
            throw new ImageFormatException(name + ": not a TIFF (file is " + fileSize + " bytes, a TIFF header needs 8)");
        }
        boolean little = header[0] == 'I' && header[1] == 'I';
        boolean big = header[0] == 'M' && header[1] == 'M';
        if (!little && !big) {
            throw new ImageFormatException(name + ": not a TIFF (starts with bytes "
                    + String.format("%02x %02x", header[0], header[1]) + ", expected II or MM)");
        }
        int magic = little ? (header[2] & 0xFF) | (header[3] & 0xFF) << 8 : (header[3] & 0xFF) | (header[2] & 0xFF) << 8;
        if (magic == 43) {
            throw new ImageFormatException(name + ": BigTIFF (version 43) is not supported; save as classic TIFF (< 4 GiB)");
        }
        if (magic != 42) {
            throw new ImageFormatException(name + ": not a TIFF (version " + magic + ", expected 42)");
        }
        long ifd = firstIfdOffset(header);
        if (ifd < 8 || ifd > fileSize - 2) {
            throw new ImageFormatException(name + ": malformed TIFF: first IFD offset " + ifd
                    + " is outside the " + fileSize + "-byte file");
        }
    }

    private static long firstIfdOffset(byte[] h) {
        boolean little = h[0] == 'I';
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int b = h[little ? 7 - i : 4 + i] & 0xFF;
            v = v << 8 | b;
        }
        return v;
    }

    private static void applyValueCalibration(ImageJDescription ij, TiffPage page, float[] voxels) {
        if (ij == null || !page.sampleType().integer() || !"0".equals(ij.get("cf"))) {
            return;
        }
        double c0 = ij.getDouble("c0");
        double c1 = ij.getDouble("c1");
        if (Double.isNaN(c0) || Double.isNaN(c1) || (c0 == 0 && c1 == 1)) {
            return;
        }
        for (int i = 0; i < voxels.length; i++) {
            voxels[i] = (float) (c0 + c1 * voxels[i]);
        }
    }

    private static Calibration calibration(ImageJDescription ij, TiffPage page) {
        double unitUm = Double.NaN;
        if (page.resolutionUnit() == 3) {
            unitUm = 1e4; // centimetre
        } else if (page.resolutionUnit() == 1 && ij != null) {
            unitUm = ij.unitToUm(); // ImageJ: no TIFF unit, pixels per "unit=" from the description
        }
        // Resolution unit "inch" (2, the default) is screen DPI (72, 96, 300 ...), not a microscope scale.
        double pixelUm = Double.NaN;
        if (!Double.isNaN(unitUm) && page.unitsPerPixel() > 0 && Double.isFinite(page.unitsPerPixel())) {
            pixelUm = unitUm * page.unitsPerPixel();
        }
        double zUm = Double.NaN;
        if (ij != null) {
            double spacing = ij.getDouble("spacing");
            double f = ij.unitToUm();
            if (spacing > 0 && !Double.isNaN(f)) {
                zUm = Math.abs(spacing) * f;
            }
        }
        if (!(pixelUm > 0 && Double.isFinite(pixelUm))) {
            pixelUm = Double.NaN;
        }
        if (!(zUm > 0 && Double.isFinite(zUm))) {
            zUm = Double.NaN;
        }
        return new Calibration(pixelUm, zUm);
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        m = m.replace('\n', ' ').replace('\r', ' ').trim();
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    /** Reads exactly {@code length} bytes at {@code position} (caller checked the range). */
    static byte[] readFully(FileChannel channel, long position, int length) throws IOException {
        byte[] data = new byte[length];
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position + buf.position());
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + (position + buf.position()));
            }
        }
        return data;
    }
}
