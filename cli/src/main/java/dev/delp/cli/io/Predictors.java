package dev.delp.cli.io;

import java.nio.ByteOrder;

/** Undoes the TIFF predictors: horizontal differencing (2, TIFF 6.0 §14) and floating point (3, Adobe TN3). */
final class Predictors {
    private Predictors() {
    }

    /** Predictor 2: each sample is stored as its difference from the left neighbour (mod 2^bits). */
    static void undoHorizontal(byte[] data, int width, int rows, int bytes, ByteOrder order) {
        boolean le = order == ByteOrder.LITTLE_ENDIAN;
        for (int y = 0; y < rows; y++) {
            int row = y * width * bytes;
            switch (bytes) {
                case 1 -> {
                    for (int x = 1; x < width; x++) {
                        data[row + x] += data[row + x - 1];
                    }
                }
                case 2 -> {
                    int prev = get16(data, row, le);
                    for (int x = 1; x < width; x++) {
                        int p = row + 2 * x;
                        prev = (get16(data, p, le) + prev) & 0xFFFF;
                        put16(data, p, prev, le);
                    }
                }
                case 4 -> {
                    int prev = get32(data, row, le);
                    for (int x = 1; x < width; x++) {
                        int p = row + 4 * x;
                        prev = get32(data, p, le) + prev;
                        put32(data, p, prev, le);
                    }
                }
                default -> throw new ImageFormatException("horizontal predictor on " + bytes + "-byte samples is not supported");
            }
        }
    }

    /**
     * Predictor 3: per row, bytes were split into planes (most significant first) and then
     * byte-differenced. Returns big-endian samples.
     */
    static byte[] undoFloatingPoint(byte[] data, int width, int rows, int bytes) {
        byte[] out = new byte[data.length];
        int rowBytes = width * bytes;
        for (int y = 0; y < rows; y++) {
            int row = y * rowBytes;
            for (int i = 1; i < rowBytes; i++) {
                data[row + i] += data[row + i - 1];
            }
            for (int x = 0; x < width; x++) {
                for (int b = 0; b < bytes; b++) {
                    out[row + x * bytes + b] = data[row + b * width + x];
                }
            }
        }
        return out;
    }

    private static int get16(byte[] d, int p, boolean le) {
        return le ? (d[p] & 0xFF) | (d[p + 1] & 0xFF) << 8 : (d[p + 1] & 0xFF) | (d[p] & 0xFF) << 8;
    }

    private static void put16(byte[] d, int p, int v, boolean le) {
        d[p + (le ? 0 : 1)] = (byte) v;
        d[p + (le ? 1 : 0)] = (byte) (v >>> 8);
    }

    private static int get32(byte[] d, int p, boolean le) {
        return le ? (d[p] & 0xFF) | (d[p + 1] & 0xFF) << 8 | (d[p + 2] & 0xFF) << 16 | (d[p + 3] & 0xFF) << 24
                : (d[p + 3] & 0xFF) | (d[p + 2] & 0xFF) << 8 | (d[p + 1] & 0xFF) << 16 | (d[p] & 0xFF) << 24;
    }

    private static void put32(byte[] d, int p, int v, boolean le) {
        for (int i = 0; i < 4; i++) {
            d[p + (le ? i : 3 - i)] = (byte) (v >>> (8 * i));
        }
    }
}
