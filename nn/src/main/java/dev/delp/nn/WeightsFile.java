package dev.delp.nn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reader and writer of the {@code .dlpw} weights format (specification: {@code nn/FORMAT.md}).
 * Little-endian: magic {@code "DLPW"}, int32 version (1), int32 header length, UTF-8 header of
 * {@code key=value} lines, int32 tensor count, tensors (int32 name length, UTF-8 name, int32 rank
 * 1..4, int32 dims, float32 data), then the CRC-32 of every preceding byte.
 *
 * <p>The reader validates everything before it allocates anything sized by the file: the stream
 * is read in bounded chunks up to {@link #DEFAULT_MAX_BYTES}; magic, version, header length and
 * CRC are checked first; every tensor shape is checked against the remaining bytes.
 *
 * @param header  ordered {@code key → value} header entries
 * @param tensors named tensors in file order
 */
public record WeightsFile(Map<String, String> header, List<Tensor> tensors) {
    /** The four magic bytes. */
    public static final byte[] MAGIC = {'D', 'L', 'P', 'W'};
    /** The version this code reads and writes. */
    public static final int VERSION = 1;
    /** Default upper bound on the file size (64 MiB). */
    public static final int DEFAULT_MAX_BYTES = 64 << 20;
    /** Upper bound on the header length. */
    public static final int MAX_HEADER_BYTES = 1 << 20;
    /** Upper bound on tensor count. */
    public static final int MAX_TENSORS = 4096;

    /**
     * A named float32 tensor.
     *
     * @param name UTF-8 name, 1..256 bytes
     * @param dims 1..4 positive dimensions
     * @param data {@code prod(dims)} floats
     */
    public record Tensor(String name, int[] dims, float[] data) {
    }

    /** Copies the header map and tensor list (both unmodifiable). */
    public WeightsFile {
        header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
        tensors = List.copyOf(tensors);
    }

    /** Writes this file to {@code out} (not closed). */
    public void write(OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : header.entrySet()) {
            String k = e.getKey(), v = e.getValue();
            if (k.isEmpty() || k.contains("=") || k.contains("\n") || v.contains("\n")) {
                throw new IllegalArgumentException("header entry '" + k + "' cannot be written: keys need no '=' or"
                        + " newline, values no newline");
            }
            sb.append(k).append('=').append(v).append('\n');
        }
        byte[] headerBytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        long total = 4 + 4 + 4 + headerBytes.length + 4 + 4;
        for (Tensor t : tensors) {
            total += 4 + t.name().getBytes(StandardCharsets.UTF_8).length + 4 + 4L * t.dims().length + 4L * t.data().length;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("weights of " + total + " bytes are too large for one file");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(VERSION).putInt(headerBytes.length).put(headerBytes).putInt(tensors.size());
        for (Tensor t : tensors) {
            byte[] name = t.name().getBytes(StandardCharsets.UTF_8);
            long n = 1;
            for (int d : t.dims()) {
                n *= d;
            }
            if (n != t.data().length) {
                throw new IllegalArgumentException("tensor " + t.name() + " has " + t.data().length
                        + " floats but dims multiply to " + n);
            }
            buf.putInt(name.length).put(name).putInt(t.dims().length);
            for (int d : t.dims()) {
                buf.putInt(d);
            }
            for (float f : t.data()) {
                buf.putFloat(f);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        out.write(buf.array(), 0, buf.position());
    }

    /** Reads and validates a file of at most {@link #DEFAULT_MAX_BYTES}. */
    public static WeightsFile read(InputStream in) throws IOException {
        return read(in, DEFAULT_MAX_BYTES);
    }

    /** Reads and validates a file of at most {@code maxBytes}. */
    public static WeightsFile read(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        long total = 0;
        for (int r; (r = in.read(chunk)) > 0; ) {
            total += r;
            if (total > maxBytes) {
                throw new WeightsFormatException(WeightsFormatException.Kind.TOO_LARGE,
                        "larger than the limit of " + maxBytes + " bytes");
            }
            bos.write(chunk, 0, r);
        }
        return parse(bos.toByteArray());
    }

    /** Parses and validates the bytes of a file. */
    public static WeightsFile parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int fixed = 4 + 4 + 4;
        if (bytes.length < 4) {
            throw err(WeightsFormatException.Kind.TRUNCATED, "only " + bytes.length + " bytes; a .dlpw file starts with"
                    + " 4 magic bytes 'DLPW'");
        }
        for (int i = 0; i < 4; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw err(WeightsFormatException.Kind.BAD_MAGIC, String.format("magic bytes %02x %02x %02x %02x are not"
                        + " 'DLPW' (44 4c 50 57); not a delp weights file", bytes[0], bytes[1], bytes[2], bytes[3]));
            }
        }
        if (bytes.length < fixed + 4 + 4) {
            throw err(WeightsFormatException.Kind.TRUNCATED, "truncated: " + bytes.length
                    + " bytes, the fixed fields alone need " + (fixed + 8));
        }
        int version = b.getInt(4);
        if (version != VERSION) {
            throw err(WeightsFormatException.Kind.BAD_VERSION, "version " + version + " is not supported (this reader"
                    + " reads version " + VERSION + ")");
        }
        int headerLen = b.getInt(8);
        if (headerLen < 0 || headerLen > MAX_HEADER_BYTES || (long) fixed + headerLen + 8 > bytes.length) {
            throw err(headerLen >= 0 && headerLen <= MAX_HEADER_BYTES ? WeightsFormatException.Kind.TRUNCATED
                    : WeightsFormatException.Kind.BAD_HEADER, "header length " + headerLen + " is outside 0.."
                    + Math.min(MAX_HEADER_BYTES, bytes.length - fixed - 8) + " (file has " + bytes.length + " bytes)");
        }
        int crcAt = bytes.length - 4;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, crcAt);
        int stored = b.getInt(crcAt);
        if ((int) crc.getValue() != stored) {
            throw err(WeightsFormatException.Kind.CRC_MISMATCH, String.format("CRC-32 mismatch: stored %08x, computed"
                    + " %08x over %d bytes (file corrupted or truncated)", stored, (int) crc.getValue(), crcAt));
        }
        Map<String, String> header = parseHeader(bytes, fixed, headerLen);
        b.position(fixed + headerLen);
        int count = b.getInt();
        if (count < 0 || count > MAX_TENSORS) {
            throw err(WeightsFormatException.Kind.BAD_SHAPE, "tensor count " + count + " is outside 0.." + MAX_TENSORS);
        }
        List<Tensor> tensors = new ArrayList<>(Math.min(count, 64));
        for (int t = 0; t < count; t++) {
            int at = b.position();
            int remaining = crcAt - at;
            if (remaining < 4) {
                throw err(WeightsFormatException.Kind.TRUNCATED, "tensor " + t + " of " + count + " at byte " + at
                        + ": no bytes left for its name length");
            }
            int nameLen = b.getInt();
            if (nameLen < 1 || nameLen > 256 || nameLen > remaining - 8) {
                throw err(WeightsFormatException.Kind.BAD_SHAPE, "tensor " + t + " at byte " + at + ": name length "
                        + nameLen + " is outside 1.." + Math.min(256, remaining - 8));
            }
            String name = utf8(bytes, b.position(), nameLen, "tensor " + t + " name", WeightsFormatException.Kind.BAD_SHAPE);
            b.position(b.position() + nameLen);
            int rank = b.getInt();
            if (rank < 1 || rank > 4) {
                throw err(WeightsFormatException.Kind.BAD_SHAPE, "tensor " + name + ": rank " + rank + " is outside 1..4");
            }
            if (crcAt - b.position() < 4L * rank) {
                throw err(WeightsFormatException.Kind.TRUNCATED, "tensor " + name + ": dims run past the end");
            }
            int[] dims = new int[rank];
            long n = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = b.getInt();
                if (dims[d] < 1) {
                    throw err(WeightsFormatException.Kind.BAD_SHAPE, "tensor " + name + ": dimension " + d + " is "
                            + dims[d] + ", must be >= 1");
                }
                n *= dims[d];
                if (n > Integer.MAX_VALUE / 4) {
                    throw err(WeightsFormatException.Kind.BAD_SHAPE, "tensor " + name + ": shape "
                            + java.util.Arrays.toString(dims) + " is too large");
                }
            }
            long left = crcAt - b.position();
            if (4 * n > left) {
                throw err(WeightsFormatException.Kind.BAD_SHAPE, "tensor " + name + " shape "
                        + java.util.Arrays.toString(dims) + " needs " + 4 * n + " bytes of data, only " + left + " remain");
            }
            float[] data = new float[(int) n];
            for (int i = 0; i < n; i++) {
                data[i] = b.getFloat();
                if (!Float.isFinite(data[i])) {
                    throw err(WeightsFormatException.Kind.NON_FINITE, "tensor " + name + " element " + i + " is "
                            + data[i] + "; weights must be finite");
                }
            }
            tensors.add(new Tensor(name, dims, data));
        }
        if (b.position() != crcAt) {
            throw err(WeightsFormatException.Kind.TRAILING_BYTES, (crcAt - b.position())
                    + " unexpected bytes after the last tensor (at byte " + b.position() + ")");
        }
        return new WeightsFile(header, tensors);
    }

    private static Map<String, String> parseHeader(byte[] bytes, int off, int len) {
        String text = utf8(bytes, off, len, "header", WeightsFormatException.Kind.BAD_HEADER);
        Map<String, String> m = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw err(WeightsFormatException.Kind.BAD_HEADER, "header line " + lineNo + " '" + abbreviate(line)
                        + "' is not key=value");
            }
            m.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return m;
    }

    private static String utf8(byte[] bytes, int off, int len, String what, WeightsFormatException.Kind kind) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, off, len)).toString();
        } catch (CharacterCodingException e) {
            throw err(kind, what + " at byte " + off + " is not valid UTF-8");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static WeightsFormatException err(WeightsFormatException.Kind kind, String msg) {
        return new WeightsFormatException(kind, msg);
    }

    /** The header value of {@code key}, or a {@link WeightsFormatException} naming the missing key. */
    public String require(String key) {
        String v = header.get(key);
        if (v == null) {
            throw err(WeightsFormatException.Kind.BAD_HEADER, "header lacks required key '" + key + "'");
        }
        return v;
    }

    /** A numeric header value, validated to lie in {@code [lo, hi]}. */
    public double requireNumber(String key, double lo, double hi) {
        String v = require(key);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw err(WeightsFormatException.Kind.BAD_HEADER, "header " + key + "=" + abbreviate(v) + " is not a number");
        }
        if (!(d >= lo && d <= hi)) {
            throw err(WeightsFormatException.Kind.BAD_HEADER, "header " + key + "=" + v + " is outside [" + lo + ", " + hi + "]");
        }
        return d;
    }
}
