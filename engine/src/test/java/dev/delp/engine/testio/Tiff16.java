package dev.delp.engine.testio;

import dev.delp.engine.image.Image2d;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only reader for single-strip-or-multi-strip, uncompressed, 16-bit unsigned grayscale TIFF
 * (the BBBC006 in-focus files). Rejects anything else with a message.
 */
public final class Tiff16 {
    private Tiff16() {
    }

    public static Image2d read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        ByteBuffer bb = ByteBuffer.wrap(bytes);
        if (bytes[0] == 'I' && bytes[1] == 'I') {
            bb.order(ByteOrder.LITTLE_ENDIAN);
        } else if (bytes[0] == 'M' && bytes[1] == 'M') {
            bb.order(ByteOrder.BIG_ENDIAN);
        } else {
            throw new IOException(path + ": not a TIFF");
        }
        if (bb.getShort(2) != 42) {
            throw new IOException(path + ": not a classic TIFF");
        }
        int ifd = bb.getInt(4);
        int n = bb.getShort(ifd) & 0xFFFF;
        int width = 0;
        int height = 0;
        int bits = 0;
        int compression = 1;
        int stripCount = 0;
        int stripOffsetsPtr = 0;
        int stripOffsetsType = 0;
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + 12 * i;
            int tag = bb.getShort(e) & 0xFFFF;
            int type = bb.getShort(e + 2) & 0xFFFF;
            int count = bb.getInt(e + 4);
            int value = type == 3 ? bb.getShort(e + 8) & 0xFFFF : bb.getInt(e + 8);
            switch (tag) {
                case 256 -> width = value;
                case 257 -> height = value;
                case 258 -> bits = value;
                case 259 -> compression = value;
                case 273 -> {
                    stripCount = count;
                    stripOffsetsPtr = count == 1 ? e + 8 : bb.getInt(e + 8);
                    stripOffsetsType = type;
                }
                default -> {
                }
            }
        }
        if (bits != 16 || compression != 1) {
            throw new IOException(path + ": only uncompressed 16-bit supported (bits " + bits + ", compression "
                    + compression + ")");
        }
        if (width < 1 || height < 1 || (long) width * height * 2 > bytes.length) {
            throw new IOException(path + ": bad size " + width + "x" + height + " for " + bytes.length + " bytes");
        }
        float[] data = new float[width * height];
        int rowsPerStrip = (height + stripCount - 1) / stripCount;
        int k = 0;
        for (int s = 0; s < stripCount; s++) {
            int off = stripOffsetsType == 3 ? bb.getShort(stripOffsetsPtr + 2 * s) & 0xFFFF
                    : bb.getInt(stripOffsetsPtr + 4 * s);
            int rows = Math.min(rowsPerStrip, height - s * rowsPerStrip);
            for (int i = 0; i < rows * width; i++) {
                data[k++] = bb.getShort(off + 2 * i) & 0xFFFF;
            }
        }
        return new Image2d(width, height, data);
    }
}
