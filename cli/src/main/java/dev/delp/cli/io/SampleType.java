package dev.delp.cli.io;

import java.nio.ByteOrder;

/** The pixel sample types delp reads from TIFF (TIFF BitsPerSample × SampleFormat). */
enum SampleType {
    UINT8(1, "uint8", true), INT8(1, "int8", true), UINT16(2, "uint16", true), INT16(2, "int16", true),
    UINT32(4, "uint32", true), INT32(4, "int32", true), FLOAT32(4, "float32", false), FLOAT64(8, "float64", false);

    private final int bytes;
    private final String label;
    private final boolean integer;

    SampleType(int bytes, String label, boolean integer) {
        this.bytes = bytes;
        this.label = label;
        this.integer = integer;
    }

    /** Bytes per sample. */
    int bytes() {
        return bytes;
    }

    /** e.g. {@code uint16}. */
    String label() {
        return label;
    }

    boolean integer() {
        return integer;
    }

    /** Maps TIFF BitsPerSample and SampleFormat (1 unsigned, 2 signed, 3 IEEE float), or throws. */
    static SampleType of(String file, int bitsPerSample, int sampleFormat) {
        SampleType t = switch (sampleFormat) {
            case 1, 4 -> bitsPerSample == 8 ? UINT8 : bitsPerSample == 16 ? UINT16 : bitsPerSample == 32 ? UINT32 : null;
            case 2 -> bitsPerSample == 8 ? INT8 : bitsPerSample == 16 ? INT16 : bitsPerSample == 32 ? INT32 : null;
            case 3 -> bitsPerSample == 32 ? FLOAT32 : bitsPerSample == 64 ? FLOAT64 : null;
            default -> null;
        };
        if (t == null) {
            String fmt = switch (sampleFormat) {
                case 1 -> "unsigned integer";
                case 2 -> "signed integer";
                case 3 -> "floating point";
                default -> "SampleFormat " + sampleFormat;
            };
            throw new ImageFormatException(file + ": unsupported sample type: " + bitsPerSample + "-bit " + fmt
                    + " (supported: 8/16/32-bit integer, 32/64-bit float)");
        }
        return t;
    }

    /** Reads sample {@code index} of {@code data} (already byte-order resolved by {@code order}). */
    float get(byte[] data, int index, ByteOrder order) {
        int p = index * bytes;
        boolean le = order == ByteOrder.LITTLE_ENDIAN;
        switch (this) {
            case UINT8:
                return data[p] & 0xFF;
            case INT8:
                return data[p];
            case UINT16:
                return le ? (data[p] & 0xFF) | (data[p + 1] & 0xFF) << 8 : (data[p + 1] & 0xFF) | (data[p] & 0xFF) << 8;
            case INT16:
                return (short) (le ? (data[p] & 0xFF) | (data[p + 1] & 0xFF) << 8 : (data[p + 1] & 0xFF) | (data[p] & 0xFF) << 8);
            case UINT32:
                return (float) (int32(data, p, le) & 0xFFFFFFFFL);
            case INT32:
                return int32(data, p, le);
            case FLOAT32:
                return Float.intBitsToFloat(int32(data, p, le));
            case FLOAT64: {
                long hi = int32(data, p + (le ? 4 : 0), le) & 0xFFFFFFFFL;
                long lo = int32(data, p + (le ? 0 : 4), le) & 0xFFFFFFFFL;
                return (float) Double.longBitsToDouble(hi << 32 | lo);
            }
            default:
                throw new AssertionError(this);
        }
    }

    private static int int32(byte[] d, int p, boolean le) {
        return le ? (d[p] & 0xFF) | (d[p + 1] & 0xFF) << 8 | (d[p + 2] & 0xFF) << 16 | (d[p + 3] & 0xFF) << 24
                : (d[p + 3] & 0xFF) | (d[p + 2] & 0xFF) << 8 | (d[p + 1] & 0xFF) << 16 | (d[p] & 0xFF) << 24;
    }

    /** Largest value of an unsigned type (for WhiteIsZero inversion). */
    double unsignedMax() {
        return switch (this) {
            case UINT8 -> 255;
            case UINT16 -> 65535;
            case UINT32 -> 4294967295.0;
            default -> Double.NaN;
        };
    }
}
