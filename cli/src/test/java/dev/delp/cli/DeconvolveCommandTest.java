package dev.delp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.delp.cli.CliRunner.Result;
import dev.delp.cli.io.Calibration;
import dev.delp.cli.io.Fixtures;
import dev.delp.cli.io.ImageFiles;
import dev.delp.cli.io.ReadLimits;
import dev.delp.cli.io.TiffVolumeWriter;
import dev.delp.cli.io.Volume;

/** {@code delp deconvolve} end to end: it must sharpen a blurred image, handle stacks and batch folders. */
class DeconvolveCommandTest {
    @TempDir
    Path dir;

    /** Sum of squared differences between neighbours: grows as an image gets sharper. */
    private static double gradientEnergy(Volume v) {
        double e = 0;
        float[] p = v.voxels();
        for (int y = 0; y < v.height(); y++) {
            for (int x = 1; x < v.width(); x++) {
                double d = p[y * v.width() + x] - p[y * v.width() + x - 1];
                e += d * d;
            }
        }
        return e;
    }

    @Test
    void deconvolutionUndoesAKnownBlur() {
        // a point-like specimen blurred by the level-2 PSF (no noise): RL must move energy back to the points
        int w = 64, h = 48;
        float[] x = new float[w * h];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10;
        }
        x[20 * w + 20] = 1000;
        x[30 * w + 45] = 800;
        Path truth = dir.resolve("truth.tif");
        ImageFiles.write(truth, new Volume(w, h, 1, x, new Calibration(0.65, Double.NaN), "float32"),
                TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        Path blurred = dir.resolve("blurred.tif");
        assertEquals(0, CliRunner.run("simulate", truth.toString(), "--level", "2", "--seed", "1", "--photons", "1e9",
                "-o", blurred.toString()).code());
        Path restored = dir.resolve("restored.tif");
        Result r = CliRunner.run("deconvolve", blurred.toString(), "--level", "2", "--iterations", "40", "--quiet",
                "-o", restored.toString());
        assertEquals(0, r.code(), r.toString());
        Volume b = ImageFiles.read(blurred, ReadLimits.DEFAULT);
        Volume d = ImageFiles.read(restored, ReadLimits.DEFAULT);
        float peakB = b.voxels()[20 * w + 20];
        float peakD = d.voxels()[20 * w + 20];
        assertTrue(peakD > 2 * peakB, "restored peak " + peakD + " vs blurred " + peakB);
        assertTrue(gradientEnergy(d) > 2 * gradientEnergy(b));
        double sb = 0, sd = 0; // RL with Bertero–Boccacci normalisation keeps the flux (to ~1 %)
        for (int i = 0; i < x.length; i++) {
            sb += b.voxels()[i];
            sd += d.voxels()[i];
        }
        assertEquals(sb, sd, 0.01 * sb);
    }

    @Test
    void zeroIterationsWriteTheInputInEveryMode() {
        // "deconvolve nothing": the single-PSF path used to write RL's flat start (a constant image)
        Path in = Fixtures.sampleCrop(dir, "in.tif", 100, 90, 1);
        float[] original = ImageFiles.read(in, ReadLimits.DEFAULT).voxels();
        String[][] modes = {{"--level", "3"}, {"--mode", "invariant", "--level", "3"}, {"--mode", "awdvd"},
                {"--mode", "interpolated"}};
        for (String[] mode : modes) {
            Path out = dir.resolve("zero-" + String.join("", mode) + ".tif");
            List<String> args = new java.util.ArrayList<>(List.of("deconvolve", in.toString(), "--iterations", "0",
                    "--quiet", "-o", out.toString()));
            args.addAll(List.of(mode));
            Result r = CliRunner.run(args.toArray(new String[0]));
            assertEquals(0, r.code(), String.join(" ", mode) + ": " + r);
            float[] v = ImageFiles.read(out, ReadLimits.DEFAULT).voxels();
            for (int i = 0; i < v.length; i++) {
                assertEquals(original[i], v[i], 0f, String.join(" ", mode) + " pixel " + i);
            }
        }
    }

    @Test
    void psfFileAndLevelGiveTheSameResult() throws IOException {
        Path in = Fixtures.tiff("u16-none-le.tif");
        Path psf = dir.resolve("psf.tif");
        assertEquals(0, CliRunner.run("psf", "--level", "3", "-o", psf.toString()).code());
        Path a = dir.resolve("a.tif");
        Path b = dir.resolve("b.tif");
        assertEquals(0, CliRunner.run("deconvolve", in.toString(), "--level", "3", "--iterations", "5", "-o", a.toString()).code());
        Result r = CliRunner.run("deconvolve", in.toString(), "--psf", psf.toString(), "--iterations", "5", "--json",
                "-o", b.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("{\"command\":\"deconvolve\",\"mode\":\"invariant\""), r.out());
        float[] va = ImageFiles.read(a, ReadLimits.DEFAULT).voxels();
        float[] vb = ImageFiles.read(b, ReadLimits.DEFAULT).voxels();
        for (int i = 0; i < va.length; i++) {
            // the PSF file holds the same float32 PSF, so results agree to float rounding
            assertEquals(va[i], vb[i], 1e-4f * Math.abs(va[i]), "i=" + i);
        }
    }

    @Test
    void stackIsDeconvolvedPlaneByPlaneAndKeepsCalibration() {
        Path out = dir.resolve("s.tif");
        Result r = CliRunner.run("deconvolve", Fixtures.tiff("u16-stack3-imagej.tif").toString(), "--level", "1",
                "--iterations", "3", "-o", out.toString());
        assertEquals(0, r.code(), r.toString());
        Volume v = ImageFiles.read(out, ReadLimits.DEFAULT);
        assertEquals("64x48x3", v.shape());
        assertEquals(0.65, v.calibration().pixelSizeUm(), 0.0);
        assertEquals(2.0, v.calibration().zSpacingUm(), 0.0);
    }

    @Test
    void batchContinuesPastABadFileAndExits2() throws IOException {
        Path in = Files.createDirectory(dir.resolve("in"));
        Files.copy(Fixtures.tiff("u16-none-le.tif"), in.resolve("a.tif"));
        Files.writeString(in.resolve("b.tif"), "not a tiff");
        Files.copy(Fixtures.tiff("u8-none.tif"), in.resolve("c.tiff"));
        Files.writeString(in.resolve("notes.txt"), "ignored");
        Path out = dir.resolve("out");
        Result r = CliRunner.run("deconvolve", in.toString(), "--level", "1", "--iterations", "2", "-o", out.toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(Files.exists(out.resolve("a.tif")));
        assertTrue(Files.exists(out.resolve("c.tif")));
        assertFalse(Files.exists(out.resolve("b.tif")));
        assertTrue(r.err().contains("[1/3] " + in.resolve("a.tif") + " 64x48 -> " + out.resolve("a.tif")), r.err());
        assertTrue(r.err().contains("[2/3] " + in.resolve("b.tif") + " FAILED: " + in.resolve("b.tif")
                + ": unsupported file format (expected TIFF or PNG; first bytes 6e 6f 74 20)"), r.err());
        assertTrue(r.err().contains("delp deconvolve: 1 of 3 files failed:"), r.err());
        assertTrue(r.out().contains("2 of 3 files done"), r.out());
    }

    @Test
    void flagsThatDoNothingWithOnePsfAreRefused() {
        // --level 3 --stride 84 and --psf p.tif --na 0.8 ran and ignored the flag
        Path in = Fixtures.tiff("u16-none-le.tif");
        String o = dir.resolve("o.tif").toString();
        Result r = CliRunner.run("deconvolve", in.toString(), "--level", "3", "--stride", "84", "-o", o);
        assertEquals(2, r.code(), r.toString());
        assertEquals("delp deconvolve: --stride sets DelpNet's patch grid; with --psf/--level one PSF restores the whole image"
                + System.lineSeparator(), r.err());
        for (String flag : new String[] {"--na", "--wavelength-nm", "--immersion-index", "--step-um"}) {
            r = CliRunner.run("deconvolve", in.toString(), "--psf", in.toString(), flag, "0.8", "-o", o);
            assertEquals(2, r.code(), flag + ": " + r);
            assertEquals("delp deconvolve: --psf gives the PSF itself; --na, --wavelength-nm, --immersion-index and "
                    + "--step-um describe the Born–Wolf PSF of --level" + System.lineSeparator(), r.err(), flag);
        }
        assertFalse(java.nio.file.Files.exists(dir.resolve("o.tif")));
    }

    @Test
    void usageErrors() {
        String in = Fixtures.tiff("u16-none-le.tif").toString();
        String o = dir.resolve("o.tif").toString();
        Result r = CliRunner.run("deconvolve", in, "--psf", in, "--level", "2", "-o", o);
        assertEquals(2, r.code());
        assertEquals("delp deconvolve: give only one of --psf or --level" + System.lineSeparator(), r.err());
        r = CliRunner.run("deconvolve", in, "--level", "2", "--iterations", "-1", "-o", o);
        assertEquals("delp deconvolve: --iterations must be in [0, 10000], got -1" + System.lineSeparator(), r.err());
        r = CliRunner.run("deconvolve", in, "--level", "2", "--mode", "fast", "-o", o);
        assertEquals("delp deconvolve: --mode must be one of invariant, awdvd, interpolated, got 'fast'"
                + System.lineSeparator(), r.err());
        r = CliRunner.run("deconvolve", in, "--psf", Fixtures.tiff("u16-stack3-imagej.tif").toString(), "-o", o);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("a 3D PSF (64x48x3) needs a 3D stack"), r.err());
        assertFalse(Files.exists(Path.of(o)));
    }
}
