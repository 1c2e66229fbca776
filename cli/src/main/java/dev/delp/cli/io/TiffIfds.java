package dev.delp.cli.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks the IFD chain of a classic TIFF with positional reads, keeping only the entries delp uses.
 *
 * <p>Why not Commons Imaging's {@code TiffReader} (1.0.0-alpha6) here: it reaches every IFD by
 * opening a new stream at the file start and skipping with {@code IOUtils.skip}, which reads and
 * discards every byte before the IFD — reading an N-page stack costs O(N²) bytes (measured: 256
 * pages of 256×256 float took 2.3 s, 4× the pages 15× the time). This walker reads each IFD
 * directly: linear in the number of pages. {@code TiffIfdsTest} checks it against TiffReader on
 * every fixture.
 */
final class TiffIfds {
    /** Tags whose values are read (TIFF 6.0 numbers); all others are skipped unread. */
    static final Set<Integer> USED = Set.of(254, 256, 257, 258, 259, 262, 270, 273, 277, 278, 279, 282, 296, 317,
            322, 323, 324, 325, 339);
    /** Longest ImageDescription read (ImageJ's are ~100 bytes; longer ones are dropped). */
    private static final long MAX_ASCII = 1 << 20;
    /** Most values one entry may have (16 Mi strips or tiles is far beyond any real image). */
    private static final long MAX_VALUES = 1 << 24;
    /** TIFF field type sizes in bytes, by type number (0 = unknown). */
    private static final int[] TYPE_SIZE = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4};

    /** One entry: integer values (BYTE/SHORT/LONG types, unsigned), a double (RATIONAL/FLOAT/DOUBLE) or text (ASCII). */
    record Entry(int tag, int type, long count, long[] integers, double[] reals, double[] inverses, String text) {
        /** e.g. {@code "SHORT"} for messages. */
        String typeName() {
            String[] n = {"?", "BYTE", "ASCII", "SHORT", "LONG", "RATIONAL", "SBYTE", "UNDEFINED", "SSHORT", "SLONG",
                "SRATIONAL", "FLOAT", "DOUBLE", "IFD"};
            return type < n.length ? n[type] : "type " + type;
        }
    }

    /** One directory: its used entries by tag. */
    record Ifd(long offset, Map<Integer, Entry> entries) {
    }

    private TiffIfds() {
    }

    /** Reads the main IFD chain; {@code name} and {@code fileSize} are for checks and messages. */
    static List<Ifd> read(FileChannel ch, String name, long fileSize, ByteOrder order, long firstIfd) throws IOException {
        List<Ifd> ifds = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        long offset = firstIfd;
        while (offset != 0) {
            if (!visited.add(offset)) {
                throw new ImageFormatException(name + ": malformed TIFF: IFD " + (ifds.size() + 1) + " at offset " + offset
                        + " points back to an earlier IFD (loop)");
            }
            if (offset < 8 || offset + 2 > fileSize) {
                throw new ImageFormatException(name + ": malformed TIFF: IFD " + (ifds.size() + 1) + " offset " + offset
                        + " is outside the " + fileSize + "-byte file");
            }
            int n = buffer(ch, offset, 2, order).getShort() & 0xFFFF;
            long end = offset + 2 + 12L * n + 4;
            if (end > fileSize) {
                throw new ImageFormatException(name + ": malformed TIFF: IFD " + (ifds.size() + 1) + " at offset " + offset
                        + " has " + n + " entries, which run past the end of the " + fileSize + "-byte file");
            }
            ByteBuffer b = buffer(ch, offset + 2, 12 * n + 4, order);
            Map<Integer, Entry> entries = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                int tag = b.getShort() & 0xFFFF;
                int type = b.getShort() & 0xFFFF;
                long count = b.getInt() & 0xFFFFFFFFL;
                int valuePos = b.position();
                b.position(valuePos + 4);
                if (!USED.contains(tag) || entries.containsKey(tag) || type >= TYPE_SIZE.length || TYPE_SIZE[type] == 0) {
                    continue; // unused, repeated (first wins) or unknown type: skipped as Commons Imaging does
                }
                long bytes = count * TYPE_SIZE[type];
                if (type == 2 && bytes > MAX_ASCII) {
                    continue;
                }
                if (count > MAX_VALUES) {
                    throw new ImageFormatException(name + ": malformed TIFF: IFD " + (ifds.size() + 1) + " tag " + tag
                            + " has " + count + " values, more than " + MAX_VALUES);
                }
                ByteBuffer value;
                if (bytes <= 4) {
                    value = b.duplicate().order(order);
                    value.position(valuePos).limit(valuePos + (int) bytes);
                    value = value.slice().order(order);
                } else {
                    long at = b.getInt(valuePos) & 0xFFFFFFFFL;
                    if (at + bytes > fileSize) {
                        throw new ImageFormatException(name + ": malformed TIFF: IFD " + (ifds.size() + 1) + " tag " + tag
                                + " has " + count + " values at offset " + at + ", past the end of the " + fileSize
                                + "-byte file");
                    }
                    value = buffer(ch, at, (int) bytes, order);
                }
                entries.put(tag, decode(tag, type, count, value));
            }
            ifds.add(new Ifd(offset, entries));
            offset = b.getInt(12 * n) & 0xFFFFFFFFL;
        }
        return ifds;
    }

    private static Entry decode(int tag, int type, long count, ByteBuffer v) {
        int n = (int) count;
        switch (type) {
            case 1, 6, 7, 3, 8, 4, 9, 13 -> {
                long[] x = new long[n];
                for (int i = 0; i < n; i++) {
                    x[i] = switch (type) {
                        case 1, 7 -> v.get() & 0xFF;
                        case 6 -> v.get();
                        case 3 -> v.getShort() & 0xFFFF;
                        case 8 -> v.getShort();
                        case 9 -> v.getInt();
                        default -> v.getInt() & 0xFFFFFFFFL; // LONG, IFD
                    };
                }
                return new Entry(tag, type, count, x, null, null, null);
            }
            case 5, 10 -> {
                double[] x = new double[n];
                double[] inv = new double[n]; // den/num directly: 650000/1000000 is exactly the double 0.65
                for (int i = 0; i < n; i++) {
                    long num = type == 5 ? v.getInt() & 0xFFFFFFFFL : v.getInt();
                    long den = type == 5 ? v.getInt() & 0xFFFFFFFFL : v.getInt();
                    x[i] = den == 0 ? Double.NaN : (double) num / den;
                    inv[i] = num == 0 ? Double.NaN : (double) den / num;
                }
                return new Entry(tag, type, count, null, x, inv, null);
            }
            case 11, 12 -> {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = type == 11 ? v.getFloat() : v.getDouble();
                }
                return new Entry(tag, type, count, null, x, null, null);
            }
            default -> { // 2 ASCII: up to the first NUL
                byte[] s = new byte[n];
                v.get(s);
                int len = 0;
                while (len < s.length && s[len] != 0) {
                    len++;
                }
                return new Entry(tag, type, count, null, null, null, new String(s, 0, len, StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static ByteBuffer buffer(FileChannel ch, long position, int length, ByteOrder order) throws IOException {
        return ByteBuffer.wrap(TiffVolumeReader.readFully(ch, position, length)).order(order);
    }
}
