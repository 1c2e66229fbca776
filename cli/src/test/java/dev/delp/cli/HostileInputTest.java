package dev.delp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.delp.cli.CliRunner.Result;
import dev.delp.cli.io.Calibration;
import dev.delp.cli.io.Fixtures;
import dev.delp.cli.io.ImageFiles;
import dev.delp.cli.io.ReadLimits;
import dev.delp.cli.io.TiffVolumeWriter;
import dev.delp.cli.io.Volume;
import dev.delp.nn.DelpNet;
import dev.delp.nn.TrainedOptics;

/**
 * Session-10 QA: what a microscopist or a hostile file did to the CLI, each case a bug that was
 * found and fixed (notes/s10/qa-findings.md): inputs are never overwritten (weights included), no
 * half-done outputs, calibration kept, non-finite pixels named with file and position, messages that
 * name the flag a user can change.
 */
class HostileInputTest {
    private static final String NL = System.lineSeparator();

    @TempDir
    static Path shared;
    private static Path weights;

    @TempDir
    Path dir;

    @BeforeAll
    static void randomWeights() throws IOException {
        weights = shared.resolve("random.dlpw");
        DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, 5).save(weights, Map.of("note", "untrained, test only"));
    }

    private Path image(String name, int w, int h, int d, float[] px, Calibration c) {
        Path p = dir.resolve(name);
        ImageFiles.write(p, new Volume(w, h, d, px, c, "float32"), TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        return p;
    }

    private static float[] ramp(int n) {
        float[] px = new float[n];
        for (int i = 0; i < n; i++) {
            px[i] = 100 + (i * 37 % 101);
        }
        return px;
    }

    @Test
    void weightsAreAnInputAndNeverOverwritten() throws IOException {
        Path w = dir.resolve("w.dlpw");
        Files.copy(weights, w);
        byte[] before = Files.readAllBytes(w);
        String in = Fixtures.tiff("u16-none-le.tif").toString();
        Result r = CliRunner.run("classify", in, "--weights", w.toString(), "-o", w.toString(), "--force");
        assertEquals(2, r.code(), r.toString());
        assertEquals("delp classify: " + w + ": refusing to overwrite the input file " + w + NL, r.err());
        r = CliRunner.run("classify", in, "--weights", w.toString(), "-o", dir.resolve("m.tsv").toString(),
                "--overlay", dir.resolve("w.dlpw").toString(), "--force");
        assertEquals(2, r.code(), r.toString());
        r = CliRunner.run("deconvolve", in, "--weights", w.toString(), "--iterations", "1", "-o",
                dir.resolve("o.tif").toString(), "--save-map", w.toString(), "--force");
        assertEquals(2, r.code(), r.toString());
        assertEquals("delp deconvolve: " + w + ": refusing to overwrite the input file " + w + NL, r.err());
        assertArrayEquals(before, Files.readAllBytes(w));
        assertFalse(Files.exists(dir.resolve("o.tif")));
    }

    @Test
    void classifyRefusesTheSameFileForMapAndOverlayBeforeWritingEither() throws IOException {
        Path both = dir.resolve("m.png");
        Result r = CliRunner.run("classify", Fixtures.tiff("u16-none-le.tif").toString(), "--weights", weights.toString(),
                "-o", both.toString(), "--overlay", both.toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals("delp classify: -o " + both + " is the map as text (TSV: x y width height level confidence); name it "
                + ".tsv, and write an image of the map with --overlay map.png" + NL, r.err());
        try (var l = Files.list(dir)) {
            assertEquals(0, l.count(), "nothing written");
        }
    }

    @Test
    void learnedModesKeepTheInputsPixelSize() {
        // the weights were trained at 0.65 µm; the file says 0.5 µm: the output grid is the file's
        Path in = image("cal.tif", 100, 90, 1, ramp(100 * 90), new Calibration(0.5, Double.NaN));
        for (String mode : new String[] {"awdvd", "interpolated", "invariant"}) {
            Path out = dir.resolve(mode + ".tif");
            Result r = CliRunner.run("deconvolve", in.toString(), "--mode", mode, "--weights", weights.toString(),
                    "--iterations", "1", "--quiet", "-o", out.toString());
            assertEquals(0, r.code(), r.toString());
            assertEquals(0.5, ImageFiles.read(out, ReadLimits.DEFAULT).calibration().pixelSizeUm(), 1e-9, mode);
        }
        // an uncalibrated file gets the weights' pixel size (the one its PSFs were computed at)
        Path plain = image("plain.tif", 100, 90, 1, ramp(100 * 90), Calibration.UNKNOWN);
        Path out = dir.resolve("plain-out.tif");
        assertEquals(0, CliRunner.run("deconvolve", plain.toString(), "--weights", weights.toString(), "--iterations", "1",
                "--quiet", "-o", out.toString()).code());
        assertEquals(0.65, ImageFiles.read(out, ReadLimits.DEFAULT).calibration().pixelSizeUm(), 1e-9);
    }

    @Test
    void nonFinitePixelsAreNamedWithFileAndPositionInEveryCommand() {
        float[] px = ramp(90 * 100 * 2);
        px[100 * 90 + 7 * 90 + 12] = Float.POSITIVE_INFINITY; // plane 1, x 12, y 7
        px[100 * 90 + 50 * 90 + 3] = Float.NaN;
        Path in = image("inf.tif", 90, 100, 2, px, Calibration.UNKNOWN);
        String want = in + ": pixel (x 12, y 7, z 1) is Infinity (2 non-finite pixels in all); delp needs finite values"
                + " - replace NaN/Inf pixels first" + NL;
        Path o = dir.resolve("o.tif");
        String[][] runs = {
            {"classify", in.toString(), "--plane", "1", "--weights", weights.toString(), "-o", dir.resolve("m.tsv").toString()},
            {"deconvolve", in.toString(), "--weights", weights.toString(), "-o", o.toString()},
            {"deconvolve", in.toString(), "--level", "2", "-o", o.toString()},
            {"simulate", in.toString(), "--level", "2", "--seed", "1", "-o", o.toString()}};
        for (String[] args : runs) {
            Result r = CliRunner.run(args);
            assertEquals(2, r.code(), r.toString());
            assertEquals("delp " + args[0] + ": " + want, r.err());
        }
        assertFalse(Files.exists(o));
        // a PSF file is checked the same way, and for what a PSF must be
        Path img = image("ok.tif", 90, 100, 1, ramp(9000), Calibration.UNKNOWN);
        Path psf = image("psf-neg.tif", 3, 3, 1, new float[] {0, 1, 0, 1, -2, 1, 0, 1, 0}, Calibration.UNKNOWN);
        Result r = CliRunner.run("deconvolve", img.toString(), "--psf", psf.toString(), "-o", o.toString());
        assertEquals("delp deconvolve: " + psf + ": pixel (x 1, y 1) is -2.0; a PSF must be >= 0 everywhere" + NL, r.err());
        Path psf0 = image("psf-0.tif", 3, 3, 1, new float[9], Calibration.UNKNOWN);
        r = CliRunner.run("deconvolve", img.toString(), "--psf", psf0.toString(), "-o", o.toString());
        assertEquals("delp deconvolve: " + psf0 + ": the PSF sums to 0; it needs a positive sum" + NL, r.err());
    }

    @Test
    void evalAndTrainRefuseNonFiniteTruthImages() throws IOException {
        Path images = Files.createDirectory(dir.resolve("infocus"));
        float[] px = ramp(96 * 96);
        px[96 * 3 + 4] = Float.NaN;
        Path bad = images.resolve("x_a01_w1.tif");
        ImageFiles.write(bad, new Volume(96, 96, 1, px, Calibration.UNKNOWN, "float32"), TiffVolumeWriter.Bits.FLOAT32,
                List.of(), false);
        ImageFiles.write(images.resolve("x_a02_w1.tif"), new Volume(96, 96, 1, ramp(96 * 96), Calibration.UNKNOWN,
                "float32"), TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        String want = bad + ": pixel (x 4, y 3) is NaN (1 non-finite pixel in all)";
        Result r = CliRunner.run("eval", "--weights", weights.toString(), "--images", images.toString(), "--patches", "1",
                "--no-whole", "-o", dir.resolve("r.md").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("delp eval: " + want), r.err());
        r = CliRunner.run("train", "--images", images.toString(), "--holdout", "a02", "--epochs", "1", "--steps", "1",
                "--batch", "2", "--patches", "12", "--val-blocks", "1", "--quiet", "-o", dir.resolve("t.dlpw").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("delp train: " + want), r.err());
    }

    @Test
    void evalAndTrainRefuseTruthImagesWithoutASpecimen() throws IOException {
        // an all-zero truth: eval said "data range 0.0 must be finite and > 0" (no file), train used it silently;
        // a 256x20 one: train said "source image 256x20 is smaller than the 84x84 patch" (no file)
        Path images = Files.createDirectory(dir.resolve("infocus"));
        ImageFiles.write(images.resolve("x_a02_w1.tif"), new Volume(96, 96, 1, ramp(96 * 96), Calibration.UNKNOWN,
                "float32"), TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        Path flat = images.resolve("x_a01_w1.tif");
        ImageFiles.write(flat, new Volume(96, 96, 1, new float[96 * 96], Calibration.UNKNOWN, "float32"),
                TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        String want = flat + ": every pixel is 0.0; an in-focus truth image needs a specimen" + NL;
        Result r = CliRunner.run("eval", "--weights", weights.toString(), "--images", images.toString(), "--patches", "1",
                "--no-whole", "-o", dir.resolve("r.md").toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals("delp eval: " + want, r.err());
        r = CliRunner.run("train", "--images", images.toString(), "--holdout", "a02", "--epochs", "1", "--steps", "1",
                "--batch", "2", "--patches", "12", "--val-blocks", "1", "--quiet", "-o", dir.resolve("t.dlpw").toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals("delp train: " + want, r.err());
        Files.delete(flat);
        Path strip = images.resolve("x_a03_w1.tif");
        ImageFiles.write(strip, new Volume(256, 20, 1, ramp(256 * 20), Calibration.UNKNOWN, "float32"),
                TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        r = CliRunner.run("train", "--images", images.toString(), "--holdout", "a02", "--epochs", "1", "--steps", "1",
                "--batch", "2", "--patches", "12", "--val-blocks", "1", "--quiet", "-o", dir.resolve("t.dlpw").toString());
        assertEquals("delp train: " + strip + ": 256x20 is smaller than one 84x84 patch" + NL, r.err());
        assertFalse(Files.exists(dir.resolve("t.dlpw")));
    }

    @Test
    void batchFailuresNameTheirFile() throws IOException {
        Path in = Files.createDirectory(dir.resolve("in"));
        float[] px = ramp(64 * 64);
        px[5] = Float.NaN;
        ImageFiles.write(in.resolve("a.tif"), new Volume(64, 64, 1, px, Calibration.UNKNOWN, "float32"),
                TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        ImageFiles.write(in.resolve("b.tif"), new Volume(64, 64, 1, ramp(64 * 64), Calibration.UNKNOWN, "float32"),
                TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        Result r = CliRunner.run("deconvolve", in.toString(), "--level", "1", "--iterations", "1", "--quiet", "-o",
                dir.resolve("out").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains(NL + "  " + in.resolve("a.tif") + ": pixel (x 5, y 0) is NaN"), r.err());
        assertTrue(Files.exists(dir.resolve("out").resolve("b.tif")));
    }

    @Test
    void batchInputsThatWouldShareAnOutputNameAreRefused() throws IOException {
        // in/a.tif and in/a.png both became out/a.tif; with --force the batch said "3 of 3 done" and kept one
        Path in = Files.createDirectory(dir.resolve("in"));
        Volume v = new Volume(64, 64, 1, ramp(64 * 64), Calibration.UNKNOWN, "float32");
        ImageFiles.write(in.resolve("a.tif"), v, TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        ImageFiles.write(in.resolve("a.png"), v, TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        ImageFiles.write(in.resolve("b.tif"), v, TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        Path out = dir.resolve("out");
        Result r = CliRunner.run("deconvolve", in.toString(), "--level", "1", "--iterations", "1", "--quiet", "--force",
                "-o", out.toString());
        assertEquals(2, r.code(), r.toString());
        String both = "[" + in.resolve("a.png") + ", " + in.resolve("a.tif") + "]";
        assertTrue(r.err().contains(NL + "  " + in.resolve("a.png") + ": " + both + " would all be written to "
                + out.resolve("a.tif") + "; rename all but one"), r.err());
        assertTrue(r.err().startsWith("delp deconvolve: 2 of 3 files failed:"), r.err());
        assertFalse(Files.exists(out.resolve("a.tif")));
        assertTrue(Files.exists(out.resolve("b.tif")));
    }

    @Test
    void aPsfFileSampledAtAnotherPixelSizeIsWarnedAbout() {
        Path img = image("img.tif", 64, 64, 1, ramp(64 * 64), new Calibration(0.3, Double.NaN));
        Path psf = dir.resolve("psf.tif");
        assertEquals(0, CliRunner.run("psf", "--level", "2", "--quiet", "-o", psf.toString()).code()); // at 0.65 µm
        Result r = CliRunner.run("deconvolve", img.toString(), "--psf", psf.toString(), "--iterations", "1", "-o",
                dir.resolve("o.tif").toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("delp: warning: " + psf + " has 0.65 µm pixels but the image is deconvolved at 0.3 µm;"
                + " the PSF is used pixel for pixel"), r.err());
        r = CliRunner.run("deconvolve", img.toString(), "--psf", psf.toString(), "--iterations", "1", "--pixel-um", "0.65",
                "--force", "-o", dir.resolve("o.tif").toString());
        assertFalse(r.err().contains("warning"), r.err());
        // a 3D PSF with planes 0.5 µm apart on a stack with 2 µm planes
        float[] p3 = new float[5 * 5 * 3];
        p3[5 * 5 + 12] = 1;
        p3[12] = 0.2f;
        p3[2 * 25 + 12] = 0.2f;
        Path psf3 = image("psf3.tif", 5, 5, 3, p3, new Calibration(0.65, 0.5));
        Path stack = image("stack.tif", 32, 32, 4, ramp(32 * 32 * 4), new Calibration(0.65, 2.0));
        r = CliRunner.run("deconvolve", stack.toString(), "--psf", psf3.toString(), "--iterations", "1", "-o",
                dir.resolve("o3.tif").toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("delp: warning: " + psf3 + " has planes 0.5 µm apart but " + stack + " has 2 µm;"),
                r.err());
    }

    @Test
    void negativePixelsAreTreatedAsZeroWithAWarning() {
        float[] px = ramp(64 * 64);
        for (int i = 0; i < 1024; i++) {
            px[i] = -5;
        }
        Path in = image("neg.tif", 64, 64, 1, px, Calibration.UNKNOWN);
        Result r = CliRunner.run("deconvolve", in.toString(), "--level", "1", "--iterations", "1", "-o",
                dir.resolve("o.tif").toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("delp: warning: " + in + ": 1024 of 4096 pixels (25.0 %) are negative (min -5); "
                + "Richardson-Lucy treats them as 0"), r.err());
        r = CliRunner.run("deconvolve", in.toString(), "--level", "1", "--iterations", "1", "--quiet", "--force", "-o",
                dir.resolve("o.tif").toString());
        assertEquals("", r.err(), "--quiet silences warnings");
    }

    @Test
    void psfTooWideForAutoSizeSaysWhichFlagToChange() {
        Result r = CliRunner.run("psf", "--defocus-um", "10000", "-o", dir.resolve("p.tif").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("delp psf: defocus 10000 µm at 0.65 µm/px needs a PSF wider than 255 px"), r.err());
        assertTrue(r.err().contains("pass --size N (odd, up to 4095)"), r.err());
        assertFalse(r.err().contains("slice("), r.err());
        Path in = image("i.tif", 32, 32, 1, ramp(1024), Calibration.UNKNOWN);
        for (String cmd : new String[] {"deconvolve", "simulate"}) {
            r = cmd.equals("simulate")
                    ? CliRunner.run(cmd, in.toString(), "--level", "3", "--seed", "1", "--pixel-um", "0.01", "-o",
                            dir.resolve("o.tif").toString())
                    : CliRunner.run(cmd, in.toString(), "--level", "3", "--pixel-um", "0.01", "-o", dir.resolve("o.tif").toString());
            assertEquals(2, r.code(), r.toString());
            assertEquals("delp " + cmd + ": defocus 6 µm at 0.01 µm/px needs a PSF wider than 255 px to hold 99 % of its"
                    + " energy; check --pixel-um and --step-um" + (cmd.equals("deconvolve") ? ", or pass a measured PSF with --psf" : "")
                    + NL, r.err());
        }
    }

    @Test
    void choiceFlagsStateTheirChoices() {
        String in = Fixtures.tiff("u16-none-le.tif").toString();
        String o = dir.resolve("o.tif").toString();
        assertEquals("delp deconvolve: --stride must be 42 (overlapping, blended) or 84 (no overlap), got 0" + NL,
                CliRunner.run("deconvolve", in, "--stride", "0", "-o", o).err());
        assertEquals("delp deconvolve: --bits must be 32 (float) or 16 (rescaled), got 8" + NL,
                CliRunner.run("deconvolve", in, "--level", "1", "--bits", "8", "-o", o).err());
        assertEquals("delp simulate: --photons must be in (0, 1000000000000], got 0" + NL,
                CliRunner.run("simulate", in, "--level", "1", "--seed", "1", "--photons", "0", "-o", o).err());
    }

    @Test
    void anAllBackgroundMapHasNoDominantLevel() {
        Path in = image("flat.tif", 100, 100, 1, new float[100 * 100], Calibration.UNKNOWN);
        Result r = CliRunner.run("classify", in.toString(), "--weights", weights.toString(), "-o",
                dir.resolve("m.tsv").toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains(": 4 patches (stride 42): bg x4; no foreground patch -> "), r.out());
        r = CliRunner.run("classify", in.toString(), "--weights", weights.toString(), "--json", "--force", "-o",
                dir.resolve("m.tsv").toString());
        assertTrue(r.out().contains("\"dominantLevel\":\"bg\""), r.out());
    }

    @Test
    void infoShowsNonFinitePixelsAndGoesOnPastABadFile() throws IOException {
        float[] px = ramp(8 * 4);
        px[3] = Float.NaN;
        px[9] = Float.NEGATIVE_INFINITY;
        Path nan = image("nan.tif", 8, 4, 1, px, Calibration.UNKNOWN);
        Path junk = Files.write(dir.resolve("junk.tif"), new byte[] {'j', 'u', 'n', 'k'});
        Path ok = image("ok.tif", 8, 4, 1, ramp(32), Calibration.UNKNOWN);
        Result r = CliRunner.run("info", nan.toString(), junk.toString(), ok.toString());
        assertEquals(2, r.code(), r.toString());
        String[] lines = r.out().split(NL);
        assertEquals(2, lines.length, r.out());
        // statistics over the 30 finite pixels (they used to read "min NaN, max NaN, mean NaN")
        double sum = 0;
        for (int i = 0; i < 32; i++) {
            sum += i == 3 || i == 9 ? 0 : px[i];
        }
        assertTrue(lines[0].startsWith(nan + ": 8x4 float32, pixel size unknown, min 100.0, max "), lines[0]);
        assertTrue(lines[0].endsWith(String.format(java.util.Locale.ROOT, "sum %.10g; 1 NaN and 1 infinite pixels"
                + " (statistics of the 30 finite ones)", sum)), lines[0]);
        assertTrue(lines[1].startsWith(ok + ": 8x4 float32"), lines[1]);
        assertEquals("delp info: " + junk + ": unsupported file format (expected TIFF or PNG; first bytes 6a 75 6e 6b)" + NL,
                r.err());
        assertEquals("delp: --threads must be an integer in [1, 1024], got '0'" + NL,
                CliRunner.run("--version", "--threads", "0").err());
    }

    @Test
    void aTimeSeriesOfStacksIsRefusedNotReadAsOneStack() throws IOException {
        // tifffile's TZYX hyperstack (frames=2, slices=3) read as a 6-plane z-stack: 3D RL across time points
        Path f = Files.write(dir.resolve("tzyx.tif"), dev.delp.cli.io.TiffBuilder.grey8(4, 4, new byte[16])
                .ascii(270, "ImageJ=1.54f\nimages=6\nslices=3\nframes=2\nhyperstack=true\n").build());
        Result r = CliRunner.run("info", f.toString());
        assertEquals("delp info: " + f + ": ImageJ hyperstack with frames=2 and slices=3 (a time series of z-stacks) is not"
                + " supported; save one time point per file" + NL, r.err());
        Path frames = Files.write(dir.resolve("t.tif"), dev.delp.cli.io.TiffBuilder.grey8(4, 4, new byte[16])
                .ascii(270, "ImageJ=1.54f\nimages=1\nframes=1\n").build());
        assertEquals(0, CliRunner.run("info", frames.toString()).code(), "a plain time series of planes still reads");
    }

    @Test
    void aPixelSizeOutsideTheOpticsRangeIsReplacedWithAWarning() {
        Path in = image("far.tif", 32, 32, 1, ramp(1024), new Calibration(1e9, Double.NaN));
        Path o = dir.resolve("o.tif");
        Result r = CliRunner.run("deconvolve", in.toString(), "--level", "1", "--iterations", "1", "-o", o.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("delp: warning: the file's pixel size 1.0E9 µm is outside 0.01..100 µm; using 0.65 µm"
                + " (set --pixel-um)"), r.err());
        assertEquals(0.65, ImageFiles.read(o, ReadLimits.DEFAULT).calibration().pixelSizeUm(), 1e-12);
        r = CliRunner.run("deconvolve", in.toString(), "--level", "1", "--iterations", "1", "--pixel-um", "0.5", "--force",
                "-o", o.toString());
        assertFalse(r.err().contains("warning"), r.err());
    }

    @Test
    void theOffsetIsAddedBackInTheSinglePsfModeAsInTheDelpNetModes() {
        // --level 10 --offset 100 wrote the restoration without the offset, --mode invariant (DelpNet picking
        // the same level 10) with it: the same restoration, 100 counts apart between modes
        float[] px = ramp(100 * 100);
        for (int i = 0; i < px.length; i++) {
            px[i] += 1000 * Math.exp(-(Math.pow(i % 100 - 50, 2) + Math.pow(i / 100 - 40, 2)) / 50.0);
        }
        Path in = image("spot.tif", 100, 100, 1, px, Calibration.UNKNOWN);
        Path with = dir.resolve("with.tif");
        Path without = dir.resolve("without.tif");
        assertEquals(0, CliRunner.run("deconvolve", in.toString(), "--level", "3", "--iterations", "5", "--offset", "100",
                "--quiet", "-o", with.toString()).code());
        float[] shifted = px.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] -= 100; // the ramp is >= 100: nothing clipped
        }
        Path pre = image("pre.tif", 100, 100, 1, shifted, Calibration.UNKNOWN);
        assertEquals(0, CliRunner.run("deconvolve", pre.toString(), "--level", "3", "--iterations", "5", "--quiet", "-o",
                without.toString()).code());
        float[] a = ImageFiles.read(with, ReadLimits.DEFAULT).voxels();
        float[] b = ImageFiles.read(without, ReadLimits.DEFAULT).voxels();
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i] + 100f, a[i], 0f, "pixel " + i); // same float ops as the engine's add-back
        }
    }

    @Test
    void aPngOutputSaysItKeepsNeitherValuesNorCalibration() {
        Path png = dir.resolve("psf.png");
        Result r = CliRunner.run("psf", "--level", "0", "-o", png.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals("delp: warning: " + png + ": a PNG holds 16-bit integers: values are stretched from their min..max "
                + "to 0..65535 and neither that range nor the pixel size is recorded; write .tif to keep them" + NL, r.err());
        Path in = image("in.tif", 100, 90, 1, ramp(100 * 90), Calibration.UNKNOWN);
        r = CliRunner.run("simulate", in.toString(), "--level", "1", "--seed", "1", "-o", dir.resolve("s.png").toString());
        assertTrue(r.err().contains("s.png: a PNG holds 16-bit integers"), r.err());
        r = CliRunner.run("deconvolve", in.toString(), "--level", "1", "--iterations", "1", "--quiet", "-o",
                dir.resolve("d.png").toString());
        assertEquals("", r.err(), "--quiet");
        r = CliRunner.run("deconvolve", in.toString(), "--level", "1", "--iterations", "1", "-o", dir.resolve("d.tif").toString());
        assertFalse(r.err().contains("PNG"), r.err());
    }

    @Test
    void aFolderAsTheOutputOfOneFileAsksForAFileName() throws IOException {
        Path in = image("cells.tif", 100, 90, 1, ramp(100 * 90), Calibration.UNKNOWN);
        Path folder = Files.createDirectory(dir.resolve("results"));
        Result r = CliRunner.run("deconvolve", in.toString(), "--level", "1", "-o", folder.toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals("delp deconvolve: -o " + folder + " is a folder; name the output file, e.g. -o "
                + folder.resolve("cells.tif") + NL, r.err());
        r = CliRunner.run("psf", "--level", "1", "-o", folder.toString());
        assertEquals("delp psf: -o " + folder + " is a folder; name the output file, e.g. -o " + folder.resolve("out.tif")
                + NL, r.err());
    }

    @Test
    void stepUmStatesOneRange() {
        for (String v : new String[] {"0", "-1", "1e6"}) {
            Result r = CliRunner.run("psf", "--level", "3", "--step-um", v, "-o", dir.resolve("p.tif").toString());
            assertEquals(2, r.code(), r.toString());
            assertEquals("delp psf: --step-um must be in (0, 1000], got " + v + NL, r.err());
        }
    }

    @Test
    void pixelValuesInMessagesAreTheFloatsStored() {
        float[] px = ramp(100 * 90);
        px[7] = -220.86383f; // as a double: -220.86383056640625
        Path in = image("neg.tif", 100, 90, 1, px, Calibration.UNKNOWN);
        Result r = CliRunner.run("deconvolve", in.toString(), "--level", "1", "--iterations", "1", "-o",
                dir.resolve("o.tif").toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("1 of 9000 pixels (0.0 %) are negative (min -220.86383); Richardson-Lucy treats them as 0"),
                r.err());
    }

    @Test
    void anOffsetAtOrAboveEveryPixelIsRefused() {
        // --offset 1e300 wrote +Inf everywhere with exit 0; an offset above the image's maximum a constant image
        Path in = image("ramp.tif", 100, 90, 1, ramp(100 * 90), Calibration.UNKNOWN); // 100..200
        Path o = dir.resolve("o.tif");
        for (String offset : new String[] {"200", "1e300"}) {
            for (String[] mode : new String[][] {{"--level", "3"}, {"--weights", weights.toString()}}) {
                Result r = CliRunner.run("deconvolve", in.toString(), mode[0], mode[1], "--offset", offset, "-o",
                        o.toString());
                assertEquals(2, r.code(), r.toString());
                assertEquals("delp deconvolve: " + in + ": --offset " + offset.replace("1e300", "1.0E300")
                        + " is at or above every pixel (max 200); nothing is left to restore (the offset is the camera's"
                        + " dark level, below the signal)" + NL, r.err());
                assertFalse(Files.exists(o));
            }
        }
        assertEquals(0, CliRunner.run("deconvolve", in.toString(), "--level", "3", "--iterations", "1", "--offset", "199.5",
                "--quiet", "-o", o.toString()).code());
    }

    @Test
    void simulatedStackPlanesDoNotShareNoiseWithNeighbouringSeeds() {
        // plane z used seed + z: plane 1 of a stack simulated with seed 1 was bit-identical to the same image
        // simulated with seed 2 (the same noise field in two "independent" data sets)
        float[] plane = ramp(64 * 64);
        float[] two = new float[2 * plane.length];
        System.arraycopy(plane, 0, two, 0, plane.length);
        System.arraycopy(plane, 0, two, plane.length, plane.length);
        Path stack = image("two.tif", 64, 64, 2, two, Calibration.UNKNOWN);
        Path single = image("one.tif", 64, 64, 1, plane, Calibration.UNKNOWN);
        Path a = dir.resolve("a.tif");
        Path b = dir.resolve("b.tif");
        Path c = dir.resolve("c.tif");
        assertEquals(0, CliRunner.run("simulate", stack.toString(), "--level", "1", "--seed", "1", "--quiet", "-o", a.toString()).code());
        assertEquals(0, CliRunner.run("simulate", single.toString(), "--level", "1", "--seed", "2", "--quiet", "-o", b.toString()).code());
        assertEquals(0, CliRunner.run("simulate", single.toString(), "--level", "1", "--seed", "1", "--quiet", "-o", c.toString()).code());
        float[] sa = ImageFiles.read(a, ReadLimits.DEFAULT).voxels();
        float[] sb = ImageFiles.read(b, ReadLimits.DEFAULT).voxels();
        float[] sc = ImageFiles.read(c, ReadLimits.DEFAULT).voxels();
        assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOfRange(sa, plane.length, sa.length), sb),
                "plane 1 of seed 1 is not seed 2's plane 0");
        assertArrayEquals(java.util.Arrays.copyOf(sa, plane.length), sc, "plane 0 keeps the seed (single images unchanged)");
        assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOf(sa, plane.length),
                java.util.Arrays.copyOfRange(sa, plane.length, sa.length)), "the two planes get different noise");
    }

    @Test
    void aFifoOrDeviceIsNotReadAsAnImage() throws Exception {
        Path fifo = dir.resolve("pipe.tif");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (p.waitFor() != 0) {
            return; // no mkfifo here (not POSIX): nothing to check
        }
        // before the fix, opening the FIFO blocked forever
        Result r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRunner.run("info", fifo.toString()));
        assertEquals(2, r.code(), r.toString());
        assertEquals("delp info: " + fifo + ": not a regular file (a pipe or device?); expected an image file" + NL, r.err());
    }
}
