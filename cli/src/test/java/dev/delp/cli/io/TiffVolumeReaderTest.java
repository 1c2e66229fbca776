package dev.delp.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every TIFF variant written by the independent Python encoder (make_tiffs.py) must decode to
 * exactly the same samples as the raw crop: integer and float32 samples are exact, so equality is
 * exact (no tolerance).
 */
class TiffVolumeReaderTest {
    @Test
    void crop16HasTheValuesThePythonScriptPrinted() {
        int[] c = Fixtures.crop16();
        long sum = 0;
        int min = Integer.MAX_VALUE, max = 0;
        for (int v : c) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        // printed by make_tiffs.py: crop16 sum 998276 min 168 max 472 px(0,0) 181 px(63,47) 176
        assertEquals(998276, sum);
        assertEquals(168, min);
        assertEquals(472, max);
        assertEquals(181, c[0]);
        assertEquals(176, c[c.length - 1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u16-none-le.tif", "u16-none-be.tif", "u16-lzw-strips.tif", "u16-lzw-pred-be.tif",
            "u16-deflate-pred.tif", "u16-packbits.tif", "u16-deflate-tiles.tif"})
    void sixteenBitVariantsDecodeExactly(String name) {
        Volume v = TiffVolumeReader.read(Fixtures.tiff(name), ReadLimits.DEFAULT);
        assertEquals(Fixtures.W, v.width());
        assertEquals(Fixtures.H, v.height());
        assertEquals(1, v.depth());
        assertEquals("uint16", v.sourceType());
        assertArrayEquals(Fixtures.crop16f(), v.voxels(), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u8-none.tif", "u8-lzw-pred.tif", "u8-packbits-be.tif"})
    void eightBitVariantsDecodeExactly(String name) {
        Volume v = TiffVolumeReader.read(Fixtures.tiff(name), ReadLimits.DEFAULT);
        assertEquals("uint8", v.sourceType());
        assertArrayEquals(Fixtures.crop8(), v.voxels(), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"f32-none-le.tif", "f32-deflate-be.tif", "f32-deflate-fpred.tif"})
    void floatVariantsDecodeExactly(String name) {
        Volume v = TiffVolumeReader.read(Fixtures.tiff(name), ReadLimits.DEFAULT);
        assertEquals("float32", v.sourceType());
        assertArrayEquals(Fixtures.cropFloat(), v.voxels(), name);
    }

    @Test
    void imageJStackHasThreePlanesAndCalibration() {
        Volume v = TiffVolumeReader.read(Fixtures.tiff("u16-stack3-imagej.tif"), ReadLimits.DEFAULT);
        assertEquals(3, v.depth());
        int[] c = Fixtures.crop16();
        for (int z = 0; z < 3; z++) {
            for (int i = 0; i < c.length; i++) {
                assertEquals(c[i] + 100 * z, v.voxels()[z * c.length + i], 0.0f, "z=" + z + " i=" + i);
            }
        }
        // XResolution 1000000/650000 px per micron (ResolutionUnit none + unit=micron), spacing=2.0
        assertEquals(0.65, v.calibration().pixelSizeUm(), 1e-12);
        assertEquals(2.0, v.calibration().zSpacingUm(), 0.0);
    }

    /** ImageJ's large-stack layout: one IFD, images=N, planes stored back to back. */
    @Test
    void imageJContiguousStackWithOneIfd(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        byte[] planes = new byte[3 * 4 * 2];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = (byte) (10 * i);
        }
        byte[] tiff = TiffBuilder.grey8(4, 2, planes).tag(279, 4, 8)
                .ascii(270, "ImageJ=1.54f\nimages=3\nslices=3\nunit=micron\nspacing=0.5\n").build();
        Path f = dir.resolve("ij.tif");
        Files.write(f, tiff);
        Volume v = TiffVolumeReader.read(f, ReadLimits.DEFAULT);
        assertEquals("4x2x3", v.shape());
        for (int i = 0; i < planes.length; i++) {
            assertEquals(planes[i] & 0xFF, v.voxels()[i], 0f);
        }
        assertEquals(0.5, v.calibration().zSpacingUm(), 0.0);
        Files.write(f, TiffBuilder.grey8(4, 2, planes).tag(279, 4, 8).ascii(270, "ImageJ=1.54f\nimages=400\n").build());
        ImageFormatException e = org.junit.jupiter.api.Assertions.assertThrows(ImageFormatException.class,
                () -> TiffVolumeReader.read(f, ReadLimits.DEFAULT));
        assertTrue(e.getMessage().startsWith(f + ": ImageJ stack declares images=400 (3200 bytes from offset 8) but the file has only "),
                e.getMessage());
    }

    /** Files written by tifffile (make_interop.py): ImageJ hyperstack, zlib tiles, big-endian pages. */
    @Test
    void readsFilesWrittenByTifffile() {
        Volume st = TiffVolumeReader.read(Fixtures.tiff("tifffile-imagej-u16-stack.tif"), ReadLimits.DEFAULT);
        assertEquals("30x40x5", st.shape());
        assertEquals(0.1625, st.calibration().pixelSizeUm(), 1e-12);
        assertEquals(0.5, st.calibration().zSpacingUm(), 0.0);
        assertEquals(198149665L, (long) sum(st));
        Volume be = TiffVolumeReader.read(Fixtures.tiff("tifffile-be-u16-pages.tif"), ReadLimits.DEFAULT);
        assertArrayEquals(st.voxels(), be.voxels());
        Volume tiles = TiffVolumeReader.read(Fixtures.tiff("tifffile-zlib-tiles-f32.tif"), ReadLimits.DEFAULT);
        assertEquals("30x40", tiles.shape());
        assertEquals(12869077.006430626, sum(tiles), 0.0); // same float32 values summed in the same order
        for (int i = 0; i < tiles.voxels().length; i++) {
            assertEquals((float) (st.voxels()[i] / 3), tiles.voxels()[i], 0.0f);
        }
    }

    private static double sum(Volume v) {
        double s = 0;
        for (float f : v.voxels()) {
            s += f;
        }
        return s;
    }

    @Test
    void uncalibratedFileHasUnknownCalibration() {
        Volume v = TiffVolumeReader.read(Fixtures.tiff("u16-none-le.tif"), ReadLimits.DEFAULT);
        assertFalse(v.calibration().hasPixelSize());
        assertFalse(v.calibration().hasZSpacing());
    }

    /**
     * Real BBBC006 files (16-bit; uncompressed and LZW with 48 strips): sums, extremes and pixels
     * computed by the independent Python reader tiffref.py. Skipped where ../shared is absent.
     */
    @Test
    void realBbbc006FilesKeepTheir16BitValues() {
        Path root = Path.of("/work/shared/data/bbbc006");
        Assumptions.assumeTrue(Files.isDirectory(root), "BBBC006 data not present");
        check(root.resolve("defocused/a01_s1_defocused.tif"), 47917919L, 105, 578, 124, 122, 211, 120);
        check(root.resolve("infocus/BBBC006_z_aligned__a01__s1__w1_10.tif"), 47792101L, 105, 3252, 118, 119, 129, 117);
    }

    private static void check(Path file, long sum, int min, int max, int p00, int p100x50, int p695x519, int p300x200) {
        Volume v = TiffVolumeReader.read(file, ReadLimits.DEFAULT);
        assertEquals(696, v.width());
        assertEquals(520, v.height());
        double s = 0;
        float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
        for (float f : v.voxels()) {
            s += f;
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        assertEquals(sum, (long) s, file.toString());
        assertEquals(min, lo);
        assertEquals(max, hi);
        assertEquals(p00, v.voxels()[0]);
        assertEquals(p100x50, v.voxels()[50 * 696 + 100]);
        assertEquals(p695x519, v.voxels()[519 * 696 + 695]);
        assertEquals(p300x200, v.voxels()[200 * 696 + 300]);
        // 72 dpi (ResolutionUnit inch) is screen resolution, not a microscope scale
        assertTrue(!v.calibration().hasPixelSize());
    }
}
