package dev.delp.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageTest {
    @Test
    void reflectIsHalfSampleSymmetric() {
        int[] expect = {1, 0, 0, 1, 2, 3, 3, 2, 1, 0, 0, 1};
        for (int i = -2; i < 10; i++) {
            assertEquals(expect[i + 2], Reflect.index(i, 4), "i=" + i);
        }
        assertEquals(0, Reflect.index(-123456, 1));
        assertEquals(0, Reflect.index(Integer.MIN_VALUE, 1));
        for (int i = -50; i < 50; i++) {
            int r = Reflect.index(i, 7);
            assertTrue(r >= 0 && r < 7);
            assertEquals(r, Reflect.index(i + 14, 7));
        }
    }

    @Test
    void cropAndPadRoundTrip() {
        for (int[] s : new int[][] {{1, 1}, {3, 7}, {13, 5}, {84, 84}, {207, 3}}) {
            Image2d a = ramp(s[0], s[1]);
            Image2d p = a.padReflect(5, 2, 3, 9);
            assertEquals(s[0] + 8, p.width());
            assertEquals(s[1] + 11, p.height());
            assertArrayEquals(a.data(), p.crop(5, 2, s[0], s[1]).data());
            // a mirrored pixel
            assertEquals(a.getReflect(-1, -2), p.get(4, 0));
            Image2d c = a.padConstant(1, 2, 3, 4, -1f);
            assertEquals(-1f, c.get(0, 0));
            assertArrayEquals(a.data(), c.crop(1, 2, s[0], s[1]).data());
        }
    }

    @Test
    void stackHelpers() {
        Stack3d s = Stack3d.zeros(5, 4, 3);
        for (int i = 0; i < s.size(); i++) {
            s.data()[i] = i;
        }
        Stack3d p = s.padReflect(2, 1, 1, 3, 2, 2);
        assertEquals(10, p.width());
        assertEquals(7, p.height());
        assertEquals(6, p.depth());
        assertArrayEquals(s.data(), p.crop(2, 1, 1, 5, 4, 3).data());
        assertEquals(s.get(0, 0, 0), p.get(1, 0, 0)); // x=-1 -> 0, y=-1 -> 0, z=-1 -> 0
        assertArrayEquals(s.plane(2).data(), Stack3d.of(s.plane(0), s.plane(1), s.plane(2)).plane(2).data());
    }

    @Test
    void badShapesAreRejectedWithTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Image2d(3, 4, new float[11]));
        assertTrue(e.getMessage().contains("3x4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Image2d.zeros(0, 5));
        assertThrows(IllegalArgumentException.class, () -> ramp(5, 5).crop(3, 3, 3, 3));
        e = assertThrows(IllegalArgumentException.class, () -> Shapes.checkFinite("x", new float[] {1, Float.NaN}));
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
    }

    @Test
    void percentilesMatchNumpyLinear() {
        float[] v = {5, 1, 4, 2, 3};
        assertEquals(1, Percentiles.of(v, 0), 0);
        assertEquals(3, Percentiles.of(v, 50), 0);
        assertEquals(4.6, Percentiles.of(v, 90), 1e-6); // numpy.percentile([1..5], 90) = 4.6
    }

    private static Image2d ramp(int w, int h) {
        Image2d a = Image2d.zeros(w, h);
        for (int i = 0; i < a.size(); i++) {
            a.data()[i] = i * 0.5f + 1;
        }
        return a;
    }
}
