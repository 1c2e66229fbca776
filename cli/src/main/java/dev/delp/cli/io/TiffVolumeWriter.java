package dev.delp.cli.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link Volume} as an uncompressed little-endian classic TIFF, one page per plane, with
 * ImageJ metadata so Fiji opens it calibrated: 32-bit float (default, exact) or 16-bit unsigned
 * rescaled to the full 0..65535 range with the scale recorded as ImageJ value calibration
 * ({@code cf=0, c0=offset, c1=scale}: value = c0 + c1·stored), which delp's reader applies back.
 */
public final class TiffVolumeWriter {
    /** Bits per sample of the output. */
    public enum Bits {
        /** IEEE 32-bit float, values exact. */
        FLOAT32,
        /** 16-bit unsigned, linearly rescaled from [min, max] to [0, 65535]. */
        UINT16
    }

    private static final int ENTRIES_FIRST = 15; // all tags written below, with ImageDescription and resolution
    private static final long MAX_CLASSIC_TIFF = 0xFFFF_FFFFL;

    private TiffVolumeWriter() {
    }

    /**
     * Writes the volume to {@code out} (the caller owns the stream and the temp-file protocol).
     *
     * @throws ImageFormatException if the result would exceed classic TIFF's 4 GiB
     */
    public static void write(Volume volume, Bits bits, OutputStream out) throws IOException {
        write(volume, bits, out, MAX_CLASSIC_TIFF);
    }

    /**
     * As {@link #write(Volume, Bits, OutputStream)}; a stack whose classic layout would pass
     * {@code maxClassicBytes} is written the way ImageJ saves stacks over 4 GiB: one IFD with
     * {@code images=N} and the planes stored back to back after it (Fiji and delp read it).
     */
    static void write(Volume volume, Bits bits, OutputStream out, long maxClassicBytes) throws IOException {
        int bytes = bits == Bits.FLOAT32 ? 4 : 2;
        int w = volume.width();
        int h = volume.height();
        int depth = volume.depth();
        float[] v = volume.voxels();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean nonFinite = false;
        for (float f : v) {
            if (!Float.isFinite(f)) {
                nonFinite = true;
                continue;
            }
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        if (min > max) { // no finite value at all
            min = 0;
            max = 0;
        }
        if (nonFinite && bits == Bits.UINT16) {
            throw new ImageFormatException("cannot write a 16-bit TIFF: the image contains NaN or infinite values "
                    + "(write 32-bit float instead)");
        }
        double offset = Double.NaN;
        double scale = Double.NaN;
        if (bits == Bits.UINT16) {
            offset = min;
            scale = max > min ? (max - min) / 65535.0 : 1.0;
        }
        Calibration cal = volume.calibration();
        String description = ImageJDescription.format(depth, cal.zSpacingUm(), cal.hasPixelSize(), offset, scale, min, max);
        byte[] desc = (description + '\0').getBytes(StandardCharsets.US_ASCII);
        boolean calibrated = cal.hasPixelSize();
        long planeBytes = (long) w * h * bytes;
        // Layout: header | per page: IFD, IFD extras (description, resolution rationals), pixels.
        long total = 8;
        long[] ifdOffsets = new long[depth];
        long[] dataOffsets = new long[depth];
        for (int z = 0; z < depth; z++) {
            ifdOffsets[z] = total;
            total += ifdBytes(z == 0 ? desc.length : 0, calibrated);
            dataOffsets[z] = total;
            total += planeBytes;
        }
        boolean contiguous = total > maxClassicBytes;
        if (contiguous) {
            long firstData = 8 + ifdBytes(desc.length, calibrated);
            if (depth == 1 || firstData > maxClassicBytes || planeBytes > maxClassicBytes) {
                throw new ImageFormatException("output of " + total + " bytes exceeds classic TIFF's 4 GiB limit and one "
                        + "plane of " + planeBytes + " bytes is too large for ImageJ's contiguous layout; crop the image");
            }
            ifdOffsets = new long[] {8};
            dataOffsets = new long[] {firstData};
        }
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt((int) ifdOffsets[0]);
        out.write(head.array());
        for (int z = 0; z < depth; z++) {
            if (z == 0 || !contiguous) {
                long next = z + 1 < depth && !contiguous ? ifdOffsets[z + 1] : 0;
                out.write(ifd(w, h, bytes, bits, z == 0 ? desc : null, calibrated ? cal.pixelSizeUm() : Double.NaN,
                        ifdOffsets[z], dataOffsets[z], planeBytes, next));
            }
            writePlane(out, v, z * w * h, w * h, bits, offset, scale);
        }
    }

    private static int ifdBytes(int descLength, boolean calibrated) {
        int entries = entryCount(descLength > 0, calibrated);
        int extra = (descLength > 4 ? even(descLength) : 0) + (calibrated ? 16 : 0);
        return 2 + 12 * entries + 4 + extra;
    }

    private static int entryCount(boolean hasDesc, boolean calibrated) {
        return ENTRIES_FIRST - (hasDesc ? 0 : 1) - (calibrated ? 0 : 3);
    }

    private static int even(int n) {
        return (n + 1) & ~1;
    }

    private static byte[] ifd(int w, int h, int bytes, Bits bits, byte[] desc, double pixelUm, long ifdOffset,
                              long dataOffset, long planeBytes, long next) {
        boolean calibrated = !Double.isNaN(pixelUm);
        int entries = entryCount(desc != null, calibrated);
        int size = ifdBytes(desc == null ? 0 : desc.length, calibrated);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        long extra = ifdOffset + 2 + 12L * entries + 4;
        b.putShort((short) entries);
        entry(b, 254, 4, 1, 0);                       // NewSubfileType: full-resolution page
        entry(b, 256, 4, 1, w);                       // ImageWidth
        entry(b, 257, 4, 1, h);                       // ImageLength
        entry(b, 258, 3, 1, bytes * 8);               // BitsPerSample
        entry(b, 259, 3, 1, 1);                       // Compression: none
        entry(b, 262, 3, 1, 1);                       // Photometric: BlackIsZero
        long descOffset = extra;
        long resOffset = extra + (desc != null && desc.length > 4 ? even(desc.length) : 0);
        if (desc != null) {
            entry(b, 270, 2, desc.length, descOffset); // ImageDescription (ImageJ metadata)
        }
        entry(b, 273, 4, 1, dataOffset);              // StripOffsets: one strip per page
        entry(b, 277, 3, 1, 1);                       // SamplesPerPixel
        entry(b, 278, 4, 1, h);                       // RowsPerStrip
        entry(b, 279, 4, 1, planeBytes);              // StripByteCounts
        if (calibrated) {
            entry(b, 282, 5, 1, resOffset);           // XResolution (pixels per µm, ImageJ style)
            entry(b, 283, 5, 1, resOffset + 8);       // YResolution
            entry(b, 296, 3, 1, 1);                   // ResolutionUnit: none (unit in the description)
        }
        entry(b, 339, 3, 1, bits == Bits.FLOAT32 ? 3 : 1); // SampleFormat: IEEE float / unsigned
        b.putInt((int) next);
        if (desc != null && desc.length > 4) {
            b.put(desc);
            if ((desc.length & 1) != 0) {
                b.put((byte) 0);
            }
        }
        if (calibrated) {
            // pixels per µm as 10^k / round(pixelUm·10^k): exact for pixel sizes with up to k decimals,
            // so the reader's divisor/numerator gives back e.g. 0.65 exactly (ImageJ reads num/den)
            long numerator = 1_000_000;
            while (numerator > 1 && pixelUm * numerator > 0xFFFF_FFFFL) {
                numerator /= 10;
            }
            long denominator = Math.max(1, Math.round(pixelUm * numerator));
            for (int i = 0; i < 2; i++) {
                b.putInt((int) numerator).putInt((int) denominator);
            }
        }
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, long count, long value) {
        b.putShort((short) tag).putShort((short) type).putInt((int) count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else if (type == 2 && count <= 4) {
            throw new IllegalStateException("short ASCII values are not written inline here");
        } else {
            b.putInt((int) value);
        }
    }

    private static void writePlane(OutputStream out, float[] v, int start, int count, Bits bits, double offset,
                                   double scale) throws IOException {
        int bytes = bits == Bits.FLOAT32 ? 4 : 2;
        int chunk = 1 << 16;
        ByteBuffer buf = ByteBuffer.allocate(chunk * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i += chunk) {
            int n = Math.min(chunk, count - i);
            buf.clear();
            for (int k = 0; k < n; k++) {
                float f = v[start + i + k];
                if (bits == Bits.FLOAT32) {
                    buf.putFloat(f);
                } else {
                    long q = Math.round((f - offset) / scale);
                    buf.putShort((short) Math.max(0, Math.min(65535, q)));
                }
            }
            out.write(buf.array(), 0, n * bytes);
        }
    }
}
