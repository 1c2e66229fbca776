package dev.delp.cli.io;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Map;


/**
 * One TIFF image directory, validated: its shape, sample type, compression, predictor and the
 * strip/tile table, every chunk checked to lie inside the file. {@link #decodeInto} assembles
 * its pixels into a float plane.
 */
final class TiffPage {
    // TIFF 6.0 tag numbers
    private static final int NEW_SUBFILE_TYPE = 254, IMAGE_WIDTH = 256, IMAGE_LENGTH = 257, BITS_PER_SAMPLE = 258,
            COMPRESSION = 259, PHOTOMETRIC = 262, IMAGE_DESCRIPTION = 270, STRIP_OFFSETS = 273,
            SAMPLES_PER_PIXEL = 277, ROWS_PER_STRIP = 278, STRIP_BYTE_COUNTS = 279, X_RESOLUTION = 282,
            RESOLUTION_UNIT = 296, PREDICTOR = 317, TILE_WIDTH = 322, TILE_LENGTH = 323, TILE_OFFSETS = 324,
            TILE_BYTE_COUNTS = 325, SAMPLE_FORMAT = 339;
    /** Largest decoded strip or tile we accept (1 GiB); larger chunks only occur in hostile files. */
    private static final long MAX_CHUNK_BYTES = 1L << 30;

    private final String file;
    private final int pageNumber;
    private final ByteOrder order;
    private final int width;
    private final int height;
    private final SampleType type;
    private final TiffCodec codec;
    private final int predictor;
    private final boolean whiteIsZero;
    private final boolean reducedResolution;
    private final boolean tiled;
    private final int chunkWidth;
    private final int chunkHeight;
    private final long[] offsets;
    private final long[] byteCounts;
    private final String description;
    private final double xResolution;
    private final double unitsPerPixel;
    private final int resolutionUnit;

    private TiffPage(String file, int pageNumber, TiffIfds.Ifd dir, ByteOrder order, long fileSize, ReadLimits limits) {
        this.file = file;
        this.pageNumber = pageNumber;
        this.order = order;
        Map<Integer, TiffIfds.Entry> fields = dir.entries();
        long subfile = optional(fields, NEW_SUBFILE_TYPE, 0);
        this.reducedResolution = (subfile & 1) != 0;
        long w = required(fields, IMAGE_WIDTH, "ImageWidth");
        long h = required(fields, IMAGE_LENGTH, "ImageLength");
        if (w < 1 || h < 1 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw error("image size " + w + "x" + h + " is outside 1.." + Integer.MAX_VALUE);
        }
        limits.check(where(), w, h, 1);
        this.width = (int) w;
        this.height = (int) h;
        long spp = optional(fields, SAMPLES_PER_PIXEL, 1);
        if (spp != 1) {
            throw error(spp + " samples per pixel (RGB or multi-channel) are not supported; expected a grey image "
                    + "with 1 sample per pixel (split the channels first)");
        }
        long bits = optional(fields, BITS_PER_SAMPLE, 1);
        long format = optional(fields, SAMPLE_FORMAT, 1);
        this.type = SampleType.of(where(), (int) Math.min(bits, 1 << 20), (int) Math.min(format, 1 << 20));
        long photometric = optional(fields, PHOTOMETRIC, 1);
        if (photometric != 0 && photometric != 1) {
            throw error("photometric interpretation " + photometric
                    + " is not supported (expected 0 WhiteIsZero or 1 BlackIsZero grey)");
        }
        this.whiteIsZero = photometric == 0 && type.integer() && !Double.isNaN(type.unsignedMax());
        this.codec = TiffCodec.of(where(), optional(fields, COMPRESSION, 1));
        long pred = optional(fields, PREDICTOR, 1);
        if (pred != 1 && pred != 2 && pred != 3) {
            throw error("predictor " + pred + " is not supported (1 none, 2 horizontal, 3 floating point)");
        }
        if (pred == 3 && type.integer()) {
            throw error("floating-point predictor 3 on " + type.label() + " samples");
        }
        this.predictor = (int) pred;
        TiffIfds.Entry desc = fields.get(IMAGE_DESCRIPTION);
        this.description = desc == null ? null : desc.text(); // null too if the tag is not ASCII
        TiffIfds.Entry xres = fields.get(X_RESOLUTION);
        this.xResolution = xres != null && xres.reals() != null && xres.reals().length > 0 ? xres.reals()[0] : Double.NaN;
        this.unitsPerPixel = xres == null || xres.reals() == null || xres.reals().length == 0 ? Double.NaN
                : xres.inverses() != null ? xres.inverses()[0] : 1 / xres.reals()[0];
        this.resolutionUnit = (int) Math.min(optional(fields, RESOLUTION_UNIT, 2), 1000);

        if (fields.containsKey(TILE_OFFSETS) || fields.containsKey(TILE_WIDTH)) {
            this.tiled = true;
            long tw = required(fields, TILE_WIDTH, "TileWidth");
            long th = required(fields, TILE_LENGTH, "TileLength");
            if (tw < 1 || th < 1 || tw * th * type.bytes() > MAX_CHUNK_BYTES) {
                throw error("tile size " + tw + "x" + th + " is outside 1.." + MAX_CHUNK_BYTES / type.bytes() + " pixels");
            }
            this.chunkWidth = (int) tw;
            this.chunkHeight = (int) th;
            long expected = ceilDiv(width, tw) * ceilDiv(height, th);
            this.offsets = array(fields, TILE_OFFSETS, "TileOffsets", expected);
            this.byteCounts = array(fields, TILE_BYTE_COUNTS, "TileByteCounts", expected);
        } else {
            this.tiled = false;
            long rps = optional(fields, ROWS_PER_STRIP, 0xFFFFFFFFL);
            if (rps < 1) {
                throw error("RowsPerStrip " + rps + " must be >= 1");
            }
            rps = Math.min(rps, height);
            if ((long) width * type.bytes() > MAX_CHUNK_BYTES) {
                throw error("a row of " + width + " pixels is larger than " + MAX_CHUNK_BYTES + " bytes");
            }
            this.chunkWidth = width;
            this.chunkHeight = (int) rps;
            long expected = ceilDiv(height, rps);
            this.offsets = array(fields, STRIP_OFFSETS, "StripOffsets", expected);
            this.byteCounts = array(fields, STRIP_BYTE_COUNTS, "StripByteCounts", expected);
        }
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] + byteCounts[i] > fileSize) {
                throw error((tiled ? "tile " : "strip ") + i + " at offset " + offsets[i] + " with " + byteCounts[i]
                        + " bytes ends past the end of the " + fileSize + "-byte file (truncated?)");
            }
            long decoded = chunkBytes(i);
            if (!streamed() && (decoded > MAX_CHUNK_BYTES || byteCounts[i] > MAX_CHUNK_BYTES)) {
                throw error((tiled ? "tile " : "strip ") + i + " holds " + decoded + " decoded bytes; delp decodes "
                        + (codec == TiffCodec.NONE ? "tiles and predicted strips" : "compressed strips and tiles")
                        + " of at most " + MAX_CHUNK_BYTES + " bytes");
            }
            if (!codec.canExpand(byteCounts[i], decoded)) {
                throw error((tiled ? "tile " : "strip ") + i + " claims " + decoded + " decoded bytes from "
                        + byteCounts[i] + " stored bytes, more than " + codec.label() + " can produce (truncated or corrupt)");
            }
        }
    }

    /** Validates one directory; {@code pageNumber} counts from 1 for messages. */
    static TiffPage of(String file, TiffIfds.Ifd dir, ByteOrder order, int pageNumber, long fileSize, ReadLimits limits) {
        return new TiffPage(file, pageNumber, dir, order, fileSize, limits);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    SampleType sampleType() {
        return type;
    }

    boolean reducedResolution() {
        return reducedResolution;
    }

    String description() {
        return description;
    }

    /** XResolution in pixels per resolution unit (NaN if absent). */
    double xResolution() {
        return xResolution;
    }

    /** Size of one pixel in resolution units, computed as divisor/numerator to avoid double rounding. */
    double unitsPerPixel() {
        return unitsPerPixel;
    }

    int resolutionUnit() {
        return resolutionUnit;
    }

    /** Throws unless {@code other} has this page's width, height and sample type. */
    void checkSameLayout(TiffPage other) {
        if (other.width != width || other.height != height || other.type != type) {
            throw new ImageFormatException(file + ": page " + other.pageNumber + " is " + other.width + "x" + other.height
                    + " " + other.type.label() + " but page 1 is " + width + "x" + height + " " + type.label()
                    + "; a stack needs equal pages");
        }
    }

    /**
     * Offset of the first pixel if this page is stored uncompressed in strips that follow one
     * another without gaps (as ImageJ writes its stacks), else -1.
     */
    long contiguousStart() {
        if (tiled || codec != TiffCodec.NONE || predictor != 1) {
            return -1;
        }
        long expect = offsets[0];
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] != expect) {
                return -1;
            }
            expect += chunkBytes(i);
        }
        return offsets[0];
    }

    /** Bytes of one uncompressed plane. */
    long planeBytes() {
        return (long) width * height * type.bytes();
    }

    /** Reads one uncompressed plane stored at {@code position} (ImageJ's contiguous stacks). */
    void readRawPlane(FileChannel channel, long position, float[] plane, int offset) throws IOException {
        readRawRows(channel, position, plane, offset, height);
    }

    /** Uncompressed strips without predictor are read in blocks of about 4 MiB: no strip size limit. */
    private boolean streamed() {
        return !tiled && codec == TiffCodec.NONE && predictor == 1;
    }

    /** Converts {@code rowCount} uncompressed rows at {@code position} into {@code plane[offset ..]}. */
    private void readRawRows(FileChannel channel, long position, float[] plane, int offset, int rowCount)
            throws IOException {
        int rowBytes = width * type.bytes();
        int rowsPerRead = Math.max(1, (1 << 22) / rowBytes);
        double max = type.unsignedMax();
        for (int y0 = 0; y0 < rowCount; y0 += rowsPerRead) {
            int rows = Math.min(rowsPerRead, rowCount - y0);
            byte[] raw = TiffVolumeReader.readFully(channel, position + (long) y0 * rowBytes, rows * rowBytes);
            int n = rows * width;
            int dst = offset + y0 * width;
            for (int i = 0; i < n; i++) {
                float v = type.get(raw, i, order);
                plane[dst + i] = whiteIsZero ? (float) (max - v) : v;
            }
        }
    }

    /** Decodes every strip/tile of this page into {@code plane[offset ..]} (width × height floats). */
    void decodeInto(FileChannel channel, float[] plane, int offset) throws IOException {
        if (streamed()) {
            long rowBytes = (long) width * type.bytes();
            for (int i = 0; i < offsets.length; i++) {
                readRawRows(channel, offsets[i], plane, offset + i * chunkHeight * width,
                        (int) (chunkBytes(i) / rowBytes));
            }
            return;
        }
        int across = tiled ? (int) ceilDiv(width, chunkWidth) : 1;
        for (int i = 0; i < offsets.length; i++) {
            int expected = (int) chunkBytes(i);
            int rows = expected / (chunkWidth * type.bytes());
            byte[] stored = TiffVolumeReader.readFully(channel, offsets[i], (int) byteCounts[i]);
            byte[] raw = codec.decode(stored, expected, where() + ": " + (tiled ? "tile " : "strip ") + i);
            if (predictor == 2) {
                Predictors.undoHorizontal(raw, chunkWidth, rows, type.bytes(), order);
            } else if (predictor == 3) {
                raw = Predictors.undoFloatingPoint(raw, chunkWidth, rows, type.bytes());
            }
            ByteOrder sampleOrder = predictor == 3 ? ByteOrder.BIG_ENDIAN : order;
            int x0 = tiled ? (i % across) * chunkWidth : 0;
            int y0 = tiled ? (i / across) * chunkHeight : i * chunkHeight;
            int copyW = Math.min(chunkWidth, width - x0);
            int copyH = Math.min(rows, height - y0);
            double max = type.unsignedMax();
            for (int y = 0; y < copyH; y++) {
                int dst = offset + (y0 + y) * width + x0;
                int src = y * chunkWidth;
                for (int x = 0; x < copyW; x++) {
                    float v = type.get(raw, src + x, sampleOrder);
                    plane[dst + x] = whiteIsZero ? (float) (max - v) : v;
                }
            }
        }
    }

    /** Decoded size of chunk i: full tiles; strips hold RowsPerStrip rows except the last. */
    private long chunkBytes(int i) {
        long rowBytes = (long) chunkWidth * type.bytes();
        if (tiled) {
            return rowBytes * chunkHeight;
        }
        long rows = Math.min(chunkHeight, height - (long) i * chunkHeight);
        return rowBytes * rows;
    }

    private String where() {
        return pageNumber == 1 ? file : file + ": page " + pageNumber;
    }

    private ImageFormatException error(String what) {
        return new ImageFormatException(where() + ": " + what);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private long required(Map<Integer, TiffIfds.Entry> fields, int tag, String name) {
        TiffIfds.Entry f = fields.get(tag);
        if (f == null) {
            throw error("required tag " + name + " (" + tag + ") is missing");
        }
        long[] v = unsigned(f, name);
        if (v.length != 1) {
            throw error("tag " + name + " has " + v.length + " values, expected 1");
        }
        return v[0];
    }

    private long optional(Map<Integer, TiffIfds.Entry> fields, int tag, long fallback) {
        TiffIfds.Entry f = fields.get(tag);
        if (f == null) {
            return fallback;
        }
        long[] v = unsigned(f, "tag " + tag);
        if (v.length == 0) {
            return fallback;
        }
        for (long x : v) {
            if (x != v[0]) { // e.g. BitsPerSample 8,8,16 would be mixed-depth samples
                throw error("tag " + tag + " has differing values per sample");
            }
        }
        return v[0];
    }

    private long[] array(Map<Integer, TiffIfds.Entry> fields, int tag, String name, long expected) {
        TiffIfds.Entry f = fields.get(tag);
        if (f == null) {
            throw error("required tag " + name + " (" + tag + ") is missing");
        }
        long[] v = unsigned(f, name);
        if (v.length < expected) {
            throw error(name + " has " + v.length + " entries but the image needs " + expected);
        }
        return v.length == expected ? v : java.util.Arrays.copyOf(v, (int) expected);
    }

    private long[] unsigned(TiffIfds.Entry f, String name) {
        if (f.integers() == null) {
            throw error(name + " has type " + f.typeName() + ", expected an integer type");
        }
        return f.integers();
    }
}
