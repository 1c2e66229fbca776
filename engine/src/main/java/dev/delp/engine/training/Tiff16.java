package dev.delp.engine.training;

import dev.delp.engine.image.Image2d;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Minimal reader for the training images: single-page, uncompressed, 16-bit unsigned grey TIFF
 * (as the BBBC006 in-focus files are). Anything else is rejected with a message naming the tag.
 * The CLI has the full reader (Commons Imaging); this one keeps the training driver free of it.
 */
public final class Tiff16 {
    /** Largest accepted image side. */
    public static final int MAX_SIDE = 1 << 15;

    private Tiff16() {
    }

    /** Reads {@code path} into an image of counts (0..65535 as float). */
    public static Image2d read(Path path) throws IOException {
        long size = Files.size(path);
        if (size > 4L * MAX_SIDE * MAX_SIDE / 8) {
            throw new IllegalArgumentException(path + ": " + size + " bytes is too large for a training image");
        }
        return parse(Files.readAllBytes(path), path.toString());
    }

    static Image2d parse(byte[] bytes, String name) {
        if (bytes.length < 8) {
            throw bad(name, "only " + bytes.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes[0] == 'I' && bytes[1] == 'I') {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (bytes[0] == 'M' && bytes[1] == 'M') {
            b.order(ByteOrder.BIG_ENDIAN);
        } else {
            throw bad(name, "not a TIFF (byte order mark " + bytes[0] + "," + bytes[1] + ")");
        }
        if ((b.getShort(2) & 0xffff) != 42) {
            throw bad(name, "not a classic TIFF (magic " + (b.getShort(2) & 0xffff) + ", expected 42)");
        }
        long ifd = b.getInt(4) & 0xffffffffL;
        if (ifd + 2 > bytes.length) {
            throw bad(name, "IFD offset " + ifd + " beyond the file");
        }
        int entries = b.getShort((int) ifd) & 0xffff;
        if (ifd + 2 + 12L * entries > bytes.length) {
            throw bad(name, "IFD of " + entries + " entries runs past the file");
        }
        long width = -1, height = -1, bits = 1, compression = 1, spp = 1, rowsPerStrip = Long.MAX_VALUE;
        long[] offsets = null, counts = null;
        for (int e = 0; e < entries; e++) {
            int at = (int) ifd + 2 + 12 * e;
            int tag = b.getShort(at) & 0xffff;
            int type = b.getShort(at + 2) & 0xffff;
            long count = b.getInt(at + 4) & 0xffffffffL;
            switch (tag) {
                case 256 -> width = value(b, at, type);
                case 257 -> height = value(b, at, type);
                case 258 -> bits = value(b, at, type);
                case 259 -> compression = value(b, at, type);
                case 277 -> spp = value(b, at, type);
                case 278 -> rowsPerStrip = value(b, at, type);
                case 273 -> offsets = array(b, at, type, count, bytes.length, name);
                case 279 -> counts = array(b, at, type, count, bytes.length, name);
                default -> { }
            }
        }
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw bad(name, "size " + width + "x" + height + " outside 1.." + MAX_SIDE);
        }
        if (bits != 16 || spp != 1 || compression != 1) {
            throw bad(name, "needs 16-bit, 1 sample per pixel, uncompressed; has BitsPerSample=" + bits
                    + " SamplesPerPixel=" + spp + " Compression=" + compression);
        }
        if (offsets == null || counts == null || offsets.length != counts.length) {
            throw bad(name, "missing or inconsistent StripOffsets/StripByteCounts");
        }
        long need = width * height * 2;
        long have = 0;
        for (int s = 0; s < offsets.length; s++) {
            if (offsets[s] + counts[s] > bytes.length) {
                throw bad(name, "strip " + s + " [" + offsets[s] + ", +" + counts[s] + ") beyond the file of " + bytes.length);
            }
            have += counts[s];
        }
        if (have < need) {
            throw bad(name, "strips hold " + have + " bytes, " + width + "x" + height + " 16-bit needs " + need);
        }
        float[] data = new float[(int) (width * height)];
        int i = 0;
        for (int s = 0; s < offsets.length && i < data.length; s++) {
            for (long p = offsets[s]; p + 1 < offsets[s] + counts[s] && i < data.length; p += 2) {
                data[i++] = b.getShort((int) p) & 0xffff;
            }
        }
        return new Image2d((int) width, (int) height, data);
    }

    private static long value(ByteBuffer b, int at, int type) {
        return type == 3 ? b.getShort(at + 8) & 0xffff : b.getInt(at + 8) & 0xffffffffL;
    }

    private static long[] array(ByteBuffer b, int at, int type, long count, int fileLength, String name) {
        int unit = type == 3 ? 2 : 4;
        if (count < 1 || count > 1_000_000) {
            throw bad(name, "strip count " + count + " outside 1..1000000");
        }
        long[] v = new long[(int) count];
        long base = count * unit <= 4 ? at + 8 : b.getInt(at + 8) & 0xffffffffL;
        if (base + count * unit > fileLength) {
            throw bad(name, "strip table beyond the file");
        }
        for (int i = 0; i < count; i++) {
            int p = (int) (base + (long) i * unit);
            v[i] = unit == 2 ? b.getShort(p) & 0xffff : b.getInt(p) & 0xffffffffL;
        }
        return v;
    }

    private static IllegalArgumentException bad(String name, String msg) {
        return new IllegalArgumentException(name + ": unsupported TIFF: " + msg);
    }
}
