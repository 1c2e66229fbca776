package dev.delp.cli.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes arbitrary (also deliberately wrong) single-IFD little-endian TIFFs for error-path tests:
 * any tag with SHORT/LONG values, pixel data placed right after the header.
 */
public final class TiffBuilder {
    private final TreeMap<Integer, long[]> tags = new TreeMap<>();
    private final TreeMap<Integer, Integer> types = new TreeMap<>();
    private byte[] data = new byte[0];

    /** A valid uncompressed 8-bit grey image w×h with the given pixel bytes (StripOffsets filled in). */
    public static TiffBuilder grey8(int w, int h, byte[] pixels) {
        return new TiffBuilder().data(pixels).tag(256, 4, w).tag(257, 4, h).tag(258, 3, 8).tag(259, 3, 1)
                .tag(262, 3, 1).tag(273, 4, 8).tag(277, 3, 1).tag(278, 4, h).tag(279, 4, pixels.length);
    }

    /** Sets a tag (type 3 SHORT or 4 LONG). */
    public TiffBuilder tag(int tag, int type, long... values) {
        tags.put(tag, values);
        types.put(tag, type);
        return this;
    }

    /** Sets an ASCII tag (NUL-terminated). */
    public TiffBuilder ascii(int tag, String text) {
        byte[] b = (text + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long[] v = new long[b.length];
        for (int i = 0; i < b.length; i++) {
            v[i] = b[i] & 0xFF;
        }
        tags.put(tag, v);
        types.put(tag, 2);
        return this;
    }

    /** Removes a tag. */
    public TiffBuilder remove(int tag) {
        tags.remove(tag);
        types.remove(tag);
        return this;
    }

    /** Pixel data stored at offset 8. */
    public TiffBuilder data(byte[] d) {
        data = d.clone();
        return this;
    }

    /** The file bytes: header, data, IFD, out-of-line values. */
    public byte[] build() {
        int ifd = 8 + data.length + (data.length & 1);
        int n = tags.size();
        int extraStart = ifd + 2 + 12 * n + 4;
        List<byte[]> extras = new ArrayList<>();
        int extraLen = 0;
        ByteBuffer b = ByteBuffer.allocate(extraStart + 64 + tags.values().stream().mapToInt(v -> v.length * 4 + 4).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
        b.put(data);
        if ((data.length & 1) != 0) {
            b.put((byte) 0);
        }
        b.putShort((short) n);
        for (var e : tags.entrySet()) {
            int type = types.get(e.getKey());
            long[] v = e.getValue();
            int size = type == 3 ? 2 : type == 2 ? 1 : 4;
            b.putShort((short) (int) e.getKey()).putShort((short) type).putInt(v.length);
            ByteBuffer val = ByteBuffer.allocate(Math.max(4, v.length * size)).order(ByteOrder.LITTLE_ENDIAN);
            for (long x : v) {
                if (size == 1) {
                    val.put((byte) x);
                } else if (size == 2) {
                    val.putShort((short) x);
                } else {
                    val.putInt((int) x);
                }
            }
            if (v.length * size <= 4) {
                b.put(val.array(), 0, 4);
            } else {
                b.putInt(extraStart + extraLen);
                extras.add(val.array());
                extraLen += val.array().length;
            }
        }
        b.putInt(0);
        for (byte[] x : extras) {
            b.put(x);
        }
        byte[] out = new byte[b.position()];
        b.flip();
        b.get(out);
        return out;
    }
}
