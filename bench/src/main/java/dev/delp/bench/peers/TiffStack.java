package dev.delp.bench.peers;

import dev.delp.engine.image.Stack3d;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Minimal multi-page TIFF stack reader for the deconwolf comparison: classic TIFF (either byte
 * order), uncompressed, one sample per pixel, chunky, in strips; 8/16-bit unsigned or 32-bit
 * float. Every page must have the same size. Sizes and strip ranges are checked against the file
 * before anything is allocated. This is a bench tool (the CLI has the full Commons Imaging reader,
 * but bench does not depend on cli).
 */
public final class TiffStack {
    /** Largest accepted file, bytes. */
    public static final long MAX_FILE_BYTES = 1L << 30;
    /** Largest accepted number of pages. */
    public static final int MAX_PAGES = 100_000;

    private TiffStack() {
    }

    /** Reads all pages of {@code path} into a stack (values as float, no scaling). */
    public static Stack3d read(Path path) throws IOException {
        long size = Files.size(path);
        if (size < 8 || size > MAX_FILE_BYTES) {
            throw bad(path.toString(), "file size " + size + " bytes outside 8.." + MAX_FILE_BYTES);
        }
        return parse(Files.readAllBytes(path), path.toString());
    }

    /** Parses TIFF bytes; {@code name} is used in error messages. */
    public static Stack3d parse(byte[] bytes, String name) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length >= 2 && bytes[0] == 'I' && bytes[1] == 'I') {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (bytes.length >= 2 && bytes[0] == 'M' && bytes[1] == 'M') {
            b.order(ByteOrder.BIG_ENDIAN);
        } else {
            throw bad(name, "no TIFF byte-order mark");
        }
        if ((b.getShort(2) & 0xffff) != 42) {
            throw bad(name, "magic " + (b.getShort(2) & 0xffff) + ", expected 42 (BigTIFF is not supported)");
        }
        // First pass: walk the IFD chain, validate every page, then allocate once.
        java.util.List<Page> pages = new java.util.ArrayList<>();
        long ifd = b.getInt(4) & 0xffffffffL;
        while (ifd != 0) {
            if (pages.size() >= MAX_PAGES) {
                throw bad(name, "more than " + MAX_PAGES + " pages (or an IFD loop)");
            }
            Page p = page(b, ifd, bytes.length, name, pages.size());
            if (!pages.isEmpty() && (p.width != pages.get(0).width || p.height != pages.get(0).height
                    || p.bits != pages.get(0).bits || p.format != pages.get(0).format)) {
                throw bad(name, "page " + pages.size() + " is " + p.width + "x" + p.height + " " + p.bits + "-bit, page 0 is "
                        + pages.get(0).width + "x" + pages.get(0).height + " " + pages.get(0).bits + "-bit");
            }
            pages.add(p);
            ifd = p.next;
        }
        if (pages.isEmpty()) {
            throw bad(name, "no pages");
        }
        Page first = pages.get(0);
        long voxels = (long) first.width * first.height * pages.size();
        if (voxels > Integer.MAX_VALUE - 8) {
            throw bad(name, first.width + "x" + first.height + "x" + pages.size() + " has too many voxels for one array");
        }
        float[] data = new float[(int) voxels];
        int plane = first.width * first.height;
        for (int z = 0; z < pages.size(); z++) {
            decode(b, pages.get(z), data, z * plane, plane);
        }
        return new Stack3d(first.width, first.height, pages.size(), data);
    }

    private record Page(int width, int height, int bits, int format, long[] offsets, long[] counts, long next) {
    }

    private static Page page(ByteBuffer b, long ifd, int fileLength, String name, int index) {
        if (ifd + 2 > fileLength) {
            throw bad(name, "IFD " + index + " offset " + ifd + " beyond the file of " + fileLength + " bytes");
        }
        int entries = b.getShort((int) ifd) & 0xffff;
        if (ifd + 2 + 12L * entries + 4 > fileLength) {
            throw bad(name, "IFD " + index + " of " + entries + " entries runs past the file");
        }
        long width = -1, height = -1, bits = 1, compression = 1, spp = 1, planar = 1, format = 1;
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
                case 284 -> planar = value(b, at, type);
                case 339 -> format = value(b, at, type);
                case 273 -> offsets = array(b, at, type, count, fileLength, name);
                case 279 -> counts = array(b, at, type, count, fileLength, name);
                default -> { }
            }
        }
        long next = b.getInt((int) ifd + 2 + 12 * entries) & 0xffffffffL;
        if (width < 1 || height < 1 || width > 65535 || height > 65535) {
            throw bad(name, "page " + index + " size " + width + "x" + height + " outside 1..65535");
        }
        boolean uint = format == 1 && (bits == 8 || bits == 16);
        boolean flt = format == 3 && bits == 32;
        if (!(uint || flt) || spp != 1 || compression != 1 || planar != 1) {
            throw bad(name, "page " + index + " needs 8/16-bit unsigned or 32-bit float, 1 sample, uncompressed; has"
                    + " BitsPerSample=" + bits + " SampleFormat=" + format + " SamplesPerPixel=" + spp + " Compression="
                    + compression + " PlanarConfiguration=" + planar);
        }
        if (offsets == null || counts == null || offsets.length != counts.length) {
            throw bad(name, "page " + index + ": missing or inconsistent StripOffsets/StripByteCounts");
        }
        long have = 0;
        for (int s = 0; s < offsets.length; s++) {
            if (offsets[s] + counts[s] > fileLength) {
                throw bad(name, "page " + index + " strip " + s + " [" + offsets[s] + ", +" + counts[s]
                        + ") beyond the file of " + fileLength + " bytes");
            }
            have += counts[s];
        }
        long need = width * height * (bits / 8);
        if (have < need) {
            throw bad(name, "page " + index + " strips hold " + have + " bytes, " + width + "x" + height + " at " + bits
                    + " bits needs " + need);
        }
        return new Page((int) width, (int) height, (int) bits, (int) format, offsets, counts, next);
    }

    private static void decode(ByteBuffer b, Page p, float[] out, int off, int n) {
        int bytesPer = p.bits / 8;
        int i = off, end = off + n;
        for (int s = 0; s < p.offsets.length && i < end; s++) {
            long stripEnd = p.offsets[s] + p.counts[s];
            for (long q = p.offsets[s]; q + bytesPer <= stripEnd && i < end; q += bytesPer) {
                int at = (int) q;
                out[i++] = switch (p.bits) {
                    case 8 -> b.get(at) & 0xff;
                    case 16 -> b.getShort(at) & 0xffff;
                    default -> b.getFloat(at);
                };
            }
        }
    }

    private static long value(ByteBuffer b, int at, int type) {
        return type == 3 ? b.getShort(at + 8) & 0xffff : b.getInt(at + 8) & 0xffffffffL;
    }

    private static long[] array(ByteBuffer b, int at, int type, long count, int fileLength, String name) {
        int unit = type == 3 ? 2 : 4;
        if (count < 1 || count > 1_000_000) {
            throw bad(name, "strip count " + count + " outside 1..1000000");
        }
        long base = count * unit <= 4 ? at + 8 : b.getInt(at + 8) & 0xffffffffL;
        if (base + count * unit > fileLength) {
            throw bad(name, "strip table [" + base + ", +" + count * unit + ") beyond the file of " + fileLength + " bytes");
        }
        long[] v = new long[(int) count];
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
