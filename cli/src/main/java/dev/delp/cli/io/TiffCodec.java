package dev.delp.cli.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.apache.commons.imaging.common.PackBits;
import org.apache.commons.imaging.mylzw.MyLzwDecompressor;

/**
 * TIFF compression schemes delp decodes. LZW and PackBits use Commons Imaging's decoders;
 * Deflate uses {@link Inflater} directly because Commons Imaging's {@code ZlibDeflate} returns a
 * zero-filled buffer for a truncated stream instead of failing.
 */
enum TiffCodec {
    NONE("uncompressed", 1), LZW("LZW", 1400), DEFLATE("Deflate", 1100), PACKBITS("PackBits", 64);

    private final String label;
    /**
     * Upper bound of decoded/stored bytes, used to reject bombs before decoding: PackBits turns 2
     * bytes into at most 128; Deflate's limit is 1032:1 (RFC 1951, 258-byte matches in ≥ 2 bits);
     * TIFF LZW without a clear grows strings by 1 byte per code, so ≤ 3837 codes of ≤ 12 bits
     * expand to ≤ 3837·3838/2 bytes: ≈ 1280:1.
     */
    private final long maxRatio;

    TiffCodec(String label, long maxRatio) {
        this.label = label;
        this.maxRatio = maxRatio;
    }

    String label() {
        return label;
    }

    /** Maps the TIFF Compression tag, or throws naming the supported ones. */
    static TiffCodec of(String file, long compression) {
        return switch ((int) Math.min(compression, Integer.MAX_VALUE)) {
            case 1 -> NONE;
            case 5 -> LZW;
            case 8, 32946 -> DEFLATE;
            case 32773 -> PACKBITS;
            default -> throw new ImageFormatException(file + ": unsupported compression " + compression + " ("
                    + name(compression) + "); supported: 1 none, 5 LZW, 8 Deflate, 32773 PackBits");
        };
    }

    private static String name(long compression) {
        return switch ((int) Math.min(compression, Integer.MAX_VALUE)) {
            case 2, 3, 4 -> "CCITT fax";
            case 6, 7 -> "JPEG";
            case 34712 -> "JPEG 2000";
            case 50000 -> "Zstandard";
            case 34887 -> "LERC";
            case 50001 -> "WebP";
            default -> "unknown";
        };
    }

    /** Whether {@code stored} bytes can legitimately decode to {@code decoded} bytes. */
    boolean canExpand(long stored, long decoded) {
        return this == NONE ? stored >= decoded : decoded <= stored * maxRatio + 64;
    }

    /** Decodes one strip/tile to exactly {@code expected} bytes, or throws naming {@code where}. */
    byte[] decode(byte[] stored, int expected, String where) {
        byte[] out;
        try {
            out = switch (this) {
                case NONE -> stored;
                case LZW -> new MyLzwDecompressor(8, ByteOrder.BIG_ENDIAN, true)
                        .decompress(new ByteArrayInputStream(stored), expected);
                case PACKBITS -> PackBits.decompress(stored, expected);
                case DEFLATE -> inflate(stored, expected, where);
            };
        } catch (ImageFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageFormatException(where + ": corrupt " + label + " data (" + TiffVolumeReader.oneLine(e) + ")", e);
        }
        if (out.length < expected) {
            throw new ImageFormatException(where + ": " + label + " data decodes to " + out.length
                    + " bytes, expected " + expected + " (truncated or corrupt)");
        }
        return out;
    }

    private static byte[] inflate(byte[] stored, int expected, String where) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored);
            byte[] out = new byte[expected];
            int n = 0;
            while (n < expected) {
                int k = inflater.inflate(out, n, expected - n);
                if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (n < expected) {
                throw new ImageFormatException(where + ": Deflate data decodes to " + n + " bytes, expected "
                        + expected + " (truncated or corrupt)");
            }
            return out;
        } catch (DataFormatException e) {
            throw new ImageFormatException(where + ": corrupt Deflate data (" + TiffVolumeReader.oneLine(e) + ")", e);
        } finally {
            inflater.end();
        }
    }
}
