package dev.delp.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.imaging.FormatCompliance;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.tiff.TiffContents;
import org.apache.commons.imaging.formats.tiff.TiffDirectory;
import org.apache.commons.imaging.formats.tiff.AbstractTiffRasterData;
import org.apache.commons.imaging.formats.tiff.TiffReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Write → read round trips: float exact, 16-bit within half a quantisation step, stacks, metadata. */
class RoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"u16-none-le.tif", "u16-lzw-pred-be.tif", "u16-deflate-tiles.tif", "u8-packbits-be.tif",
            "f32-deflate-fpred.tif", "f32-none-le.tif", "u16-stack3-imagej.tif"})
    void everyTiffKindSurvivesAFloatRoundTripExactly(String name) {
        Volume in = TiffVolumeReader.read(Fixtures.tiff(name), ReadLimits.DEFAULT);
        Path out = dir.resolve("rt.tif");
        ImageFiles.write(out, in, TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        Volume back = ImageFiles.read(out, ReadLimits.DEFAULT);
        assertEquals(in.shape(), back.shape());
        assertArrayEquals(in.voxels(), back.voxels());
        assertEquals(in.calibration(), back.calibration());
    }

    @Test
    void outputsGetOrdinaryPermissionsNotTheTempFilesOwnerOnly() throws IOException {
        Volume in = TiffVolumeReader.read(Fixtures.tiff("u8-none.tif"), ReadLimits.DEFAULT);
        Path out = dir.resolve("p.tif");
        ImageFiles.write(out, in, TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        ImageFiles.write(out, in, TiffVolumeWriter.Bits.FLOAT32, List.of(), true);
        assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }

    /** Stacks over 4 GiB use ImageJ's one-IFD layout; a small threshold exercises it here. */
    @Test
    void stacksOverTheClassicLimitUseImageJsContiguousLayout() throws IOException {
        Volume in = TiffVolumeReader.read(Fixtures.tiff("u16-stack3-imagej.tif"), ReadLimits.DEFAULT);
        Path out = dir.resolve("big.tif");
        try (var os = Files.newOutputStream(out)) {
            TiffVolumeWriter.write(in, TiffVolumeWriter.Bits.FLOAT32, os, 20_000); // classic layout needs ~37 kB
        }
        Volume back = TiffVolumeReader.read(out, ReadLimits.DEFAULT);
        assertEquals("64x48x3", back.shape());
        assertArrayEquals(in.voxels(), back.voxels());
        assertEquals(in.calibration(), back.calibration());
        // one IFD only: Commons Imaging sees a single directory
        TiffContents c = new TiffReader(true).readDirectories(ByteSource.path(out), false, FormatCompliance.getDefault());
        assertEquals(1, c.directories.size());
    }

    @Test
    void sixteenBitOutputRecordsTheScale() {
        SplittableRandom r = new SplittableRandom(3);
        float[] v = new float[40 * 30 * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 7.5 - 2.0);
        }
        Volume in = new Volume(40, 30, 2, v, new Calibration(0.1625, 0.5), "float32");
        Path out = dir.resolve("q.tif");
        ImageFiles.write(out, in, TiffVolumeWriter.Bits.UINT16, List.of(), false);
        Volume back = ImageFiles.read(out, ReadLimits.DEFAULT);
        assertEquals("uint16", back.sourceType());
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (float f : v) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        double step = (max - min) / 65535; // quantisation step; error ≤ step/2 plus float rounding of c0 + c1·q
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i], back.voxels()[i], step / 2 + 1e-6, "i=" + i);
        }
        assertEquals(0.1625, back.calibration().pixelSizeUm(), 0.0);
        assertEquals(0.5, back.calibration().zSpacingUm(), 0.0);
    }

    /** An independent reader (Commons Imaging's float raster API) agrees with what we write. */
    @Test
    void commonsImagingReadsOurFloatTiff() throws IOException {
        Volume in = TiffVolumeReader.read(Fixtures.tiff("f32-none-le.tif"), ReadLimits.DEFAULT);
        Path out = dir.resolve("f.tif");
        ImageFiles.write(out, in, TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        TiffContents c = new TiffReader(true).readDirectories(ByteSource.path(out), true, FormatCompliance.getDefault());
        TiffDirectory d = c.directories.get(0);
        AbstractTiffRasterData raster = d.getRasterData(null);
        float[] data = raster.getData();
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < in.width(); x++) {
                assertEquals(in.voxels()[y * in.width() + x], data[y * in.width() + x], 0.0f);
            }
        }
        String desc = d.getSingleFieldValue(org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants.TIFF_TAG_IMAGE_DESCRIPTION);
        assertTrue(desc.startsWith("ImageJ=1.54f\n"), desc);
    }

    @Test
    void pngSixteenBitGreyRoundTrip() throws IOException {
        Volume in = TiffVolumeReader.read(Fixtures.tiff("u16-none-le.tif"), ReadLimits.DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PngImages.writeGray16(in, bytes);
        Path png = dir.resolve("a.png");
        Files.write(png, bytes.toByteArray());
        Volume back = ImageFiles.read(png, ReadLimits.DEFAULT);
        assertEquals("uint16", back.sourceType());
        // written rescaled from [168, 472] to [0, 65535]: rank order and ends are preserved
        double scale = 65535.0 / (Fixtures.HI - Fixtures.LO);
        for (int i = 0; i < in.voxels().length; i++) {
            assertEquals(Math.round((in.voxels()[i] - Fixtures.LO) * scale), back.voxels()[i], 0.0f);
        }
    }

    @Test
    void writerRefusesNonFiniteSixteenBitAndHugeOutputs() {
        float[] v = {1, Float.NaN, 3, 4};
        Volume in = new Volume(2, 2, 1, v, Calibration.UNKNOWN, "float32");
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> ImageFiles.write(dir.resolve("n.tif"), in, TiffVolumeWriter.Bits.UINT16, List.of(), false));
        assertEquals("cannot write a 16-bit TIFF: the image contains NaN or infinite values (write 32-bit float instead)",
                e.getMessage());
        assertTrue(!Files.exists(dir.resolve("n.tif")));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "temp file removed after the error");
        } catch (IOException x) {
            throw new AssertionError(x);
        }
    }
}
