package dev.delp.cli.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixtures written by {@code cli/src/test/python/make_tiffs.py} (see that script). */
public final class Fixtures {
    /** Crop size of every variant. */
    public static final int W = 64, H = 48;
    /** Min and max of the 16-bit crop (used by the script's 8-bit scaling). */
    public static final int LO = 168, HI = 472;

    private Fixtures() {
    }

    /** Path of a fixture in {@code dev/delp/cli/tiff/}. */
    public static Path tiff(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/dev/delp/cli/tiff/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test fixture " + name, e);
        }
    }

    /** The 64x48 16-bit crop of BBBC006 a01_s1_defocused.tif at (368, 128), as stored in crop16.raw. */
    public static int[] crop16() {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(tiff("crop16.raw"))).order(ByteOrder.LITTLE_ENDIAN);
            int[] v = new int[W * H];
            for (int i = 0; i < v.length; i++) {
                v[i] = b.getShort() & 0xFFFF;
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script's 8-bit variant: (v - LO) * 255 // (HI - LO). */
    public static float[] crop8() {
        int[] c = crop16();
        float[] r = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            r[i] = (c[i] - LO) * 255 / (HI - LO);
        }
        return r;
    }

    /** The script's float variant: v / 7.0 - 3.25, rounded to float32 as Python's struct.pack('f'). */
    public static float[] cropFloat() {
        int[] c = crop16();
        float[] r = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            r[i] = (float) (c[i] / 7.0 - 3.25);
        }
        return r;
    }

    /** crop16 as floats. */
    public static float[] crop16f() {
        int[] c = crop16();
        float[] r = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            r[i] = c[i];
        }
        return r;
    }
}
