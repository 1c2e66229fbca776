package dev.delp.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The minimal 16-bit TIFF reader on hand-built files (both byte orders, several strips). */
class Tiff16Test {

    /** A w×h 16-bit grey TIFF with pixel (x, y) = 1000·y + x, in {@code strips} strips. */
    static byte[] tiff(int w, int h, ByteOrder order, int strips, int bits, int compression) {
        int rowsPerStrip = (h + strips - 1) / strips;
        int entries = 8;
        int ifd = 8;
        int tables = ifd + 2 + 12 * entries + 4;
        int data = tables + 8 * strips;
        ByteBuffer b = ByteBuffer.allocate(data + w * h * 2).order(order);
        b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        b.putShort((short) 42).putInt(ifd);
        b.position(ifd);
        b.putShort((short) entries);
        entry(b, 256, 3, 1, w);
        entry(b, 257, 3, 1, h);
        entry(b, 258, 3, 1, bits);
        entry(b, 259, 3, 1, compression);
        entry(b, 273, 4, strips, strips == 1 ? data : tables);
        entry(b, 277, 3, 1, 1);
        entry(b, 278, 3, 1, rowsPerStrip);
        entry(b, 279, 4, strips, strips == 1 ? w * h * 2 : tables + 4 * strips);
        b.putInt(0);
        for (int s = 0; s < strips && strips > 1; s++) {
            b.putInt(tables + 4 * s, data + s * rowsPerStrip * w * 2);
            int rows = Math.min(rowsPerStrip, h - s * rowsPerStrip);
            b.putInt(tables + 4 * strips + 4 * s, rows * w * 2);
        }
        b.position(data);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                b.putShort((short) (1000 * y + x));
            }
        }
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    @Test
    void readsBothByteOrdersAndStrips() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            for (int strips : new int[] {1, 3}) {
                Image2d img = Tiff16.parse(tiff(7, 5, order, strips, 16, 1), "t.tif");
                assertEquals(7, img.width());
                assertEquals(5, img.height());
                assertEquals(4006f, img.get(6, 4), order + " strips " + strips);
                assertEquals(2003f, img.get(3, 2));
            }
        }
    }

    @Test
    void rejectsWhatItCannotRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tiff16.parse(tiff(4, 4, ByteOrder.LITTLE_ENDIAN, 1, 8, 1), "x.tif"));
        assertTrue(e.getMessage().contains("BitsPerSample=8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Tiff16.parse(tiff(4, 4, ByteOrder.LITTLE_ENDIAN, 1, 16, 5), "x.tif"));
        assertTrue(e.getMessage().contains("Compression=5"), e.getMessage());
        byte[] cut = java.util.Arrays.copyOf(tiff(4, 4, ByteOrder.LITTLE_ENDIAN, 1, 16, 1), 140); // pixel data ends at 150
        assertThrows(IllegalArgumentException.class, () -> Tiff16.parse(cut, "cut.tif"));
        assertThrows(IllegalArgumentException.class, () -> Tiff16.parse(new byte[] {'G', 'I', 'F', '8', '9', 'a', 0, 0}, "g"));
    }
}
