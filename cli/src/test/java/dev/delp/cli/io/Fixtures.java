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

    /**
     * Writes a {@code w x h x depth} crop of the fixtures module's 256x256 BBBC006 sample (real, strongly
     * defocused; plane {@code z} starts {@code 8 z} pixels further right) to {@code dir/name} as float TIFF:
     * an image DelpNet can classify (at least one whole 84x84 patch), small enough for fast tests.
     */
    public static Path sampleCrop(Path dir, String name, int w, int h, int depth) {
        Path sample = dir.resolve(".sample-256.tif");
        try (java.io.InputStream in = Fixtures.class.getResourceAsStream(
                "/dev/delp/fixtures/images/bbbc006-a01-defocused-256.tif")) {
            if (in == null) {
                throw new IllegalStateException("the fixtures module's sample image is not on the classpath");
            }
            Files.copy(in, sample, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Volume v = ImageFiles.read(sample, ReadLimits.DEFAULT);
        if (w + 8 * (depth - 1) > v.width() || h > v.height()) {
            throw new IllegalArgumentException("crop " + w + "x" + h + "x" + depth + " does not fit " + v.shape());
        }
        float[] px = new float[w * h * depth];
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(v.voxels(), y * v.width() + 8 * z, px, (z * h + y) * w, w);
            }
        }
        Path p = dir.resolve(name);
        ImageFiles.write(p, new Volume(w, h, depth, px, v.calibration(), "float32"), TiffVolumeWriter.Bits.FLOAT32,
                java.util.List.of(), false);
        return p;
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
