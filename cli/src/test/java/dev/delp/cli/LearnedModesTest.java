package dev.delp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.delp.cli.CliRunner.Result;
import dev.delp.cli.io.Fixtures;
import dev.delp.cli.io.ImageFiles;
import dev.delp.cli.io.ReadLimits;
import dev.delp.cli.io.Volume;
import dev.delp.nn.DelpNet;
import dev.delp.nn.TrainedOptics;

/**
 * classify and the DelpNet-driven deconvolve modes, wired end to end with an untrained (seeded,
 * random) DelpNet: this checks the plumbing — files, shapes, TSV format, overlays, messages — not
 * the classifier's accuracy, which nn/engine test.
 */
class LearnedModesTest {
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

    @Test
    void classifyWritesTsvAndOverlay() throws IOException {
        Path tsv = dir.resolve("map.tsv");
        Path png = dir.resolve("map.png");
        Path in = Fixtures.sampleCrop(dir, "in.tif", 100, 90, 1);
        Result r = CliRunner.run("classify", in.toString(), "--weights", weights.toString(),
                "--stride", "84", "-o", tsv.toString(), "--overlay", png.toString());
        assertEquals(0, r.code(), r.toString());
        List<String> lines = Files.readAllLines(tsv);
        assertEquals("x\ty\twidth\theight\tlevel\tconfidence", lines.get(0));
        assertEquals(5, lines.size(), "a 100x90 image is 2x2 patches of 84x84, the last ones flush with its border");
        String[] f = lines.get(4).split("\t");
        assertEquals("16", f[0]);
        assertEquals("6", f[1]);
        assertEquals("84", f[2]);
        assertEquals("84", f[3]);
        assertTrue(f[4].equals("bg") || Integer.parseInt(f[4]) >= 0 && Integer.parseInt(f[4]) <= 10, f[4]);
        double conf = Double.parseDouble(f[5]);
        assertTrue(conf > 0 && conf <= 1, f[5]);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(100, img.getWidth());
        assertEquals(90, img.getHeight());
        assertTrue(r.out().startsWith("classify " + in + " 100x90: 4 patches (stride 84)"), r.out());
    }

    /** QA L2: an image smaller than one patch was classified on a mirrored canvas, with made-up levels. */
    @Test
    void imagesSmallerThanOnePatchAreRefused() {
        Path strip = Fixtures.sampleCrop(dir, "strip.tif", 256, 20, 1);
        Path tsv = dir.resolve("m.tsv");
        Result r = CliRunner.run("classify", strip.toString(), "--weights", weights.toString(), "-o", tsv.toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals("delp classify: " + strip + ": image 256x20 is smaller than one 84x84 DelpNet patch (height 20 < 84): "
                + "its defocus cannot be read" + System.lineSeparator(), r.err());
        assertFalse(Files.exists(tsv));
        Path line = Fixtures.sampleCrop(dir, "line.tif", 1, 200, 1);
        Path out = dir.resolve("o.tif");
        for (String mode : new String[] {"awdvd", "invariant", "interpolated"}) {
            r = CliRunner.run("deconvolve", line.toString(), "--mode", mode, "--weights", weights.toString(), "-o",
                    out.toString());
            assertEquals(2, r.code(), r.toString());
            assertEquals("delp deconvolve: " + line + ": image 1x200 is smaller than one 84x84 DelpNet patch (width 1 < 84): "
                    + "its defocus cannot be read; restore it with one PSF (--level L or --psf FILE)"
                    + System.lineSeparator(), r.err());
            assertFalse(Files.exists(out));
        }
        // one PSF needs no classification: a strip deconvolves
        r = CliRunner.run("deconvolve", line.toString(), "--level", "2", "--iterations", "2", "--quiet", "-o", out.toString());
        assertEquals(0, r.code(), r.toString());
    }

    /** QA L4: an image with no light (negated here) is background with a warning, not a confident level 10. */
    @Test
    void anImageWithNoPositivePixelIsBackgroundWithAWarning() throws IOException {
        Path in = Fixtures.sampleCrop(dir, "in.tif", 100, 90, 1);
        Volume v = ImageFiles.read(in, ReadLimits.DEFAULT);
        float[] neg = v.voxels().clone();
        for (int i = 0; i < neg.length; i++) {
            neg[i] = -neg[i];
        }
        Path negated = dir.resolve("negated.tif");
        ImageFiles.write(negated, new Volume(100, 90, 1, neg, v.calibration(), "float32"),
                dev.delp.cli.io.TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        Path tsv = dir.resolve("m.tsv");
        Result r = CliRunner.run("classify", negated.toString(), "-o", tsv.toString()); // the shipped weights
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains(": 4 patches (stride 42): bg x4; no foreground patch"), r.out());
        assertTrue(r.err().contains("delp: warning: " + negated + ": no pixel is above 0 (max -"), r.err());
        assertTrue(r.err().contains("so DelpNet calls every patch bg"), r.err());
        Path out = dir.resolve("o.tif");
        r = CliRunner.run("deconvolve", negated.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("no pixel is above 0"), r.err());
        assertArrayEquals(neg, ImageFiles.read(out, ReadLimits.DEFAULT).voxels(), 0f, "all bg: passed through");
    }

    @Test
    void aStackSummaryDescribesEveryPlane() throws IOException {
        // the summary described the last plane only: a specimen then an empty plane read "all bg: passed through"
        Path crop = Fixtures.sampleCrop(dir, "crop.tif", 100, 90, 1);
        float[] specimen = ImageFiles.read(crop, ReadLimits.DEFAULT).voxels();
        float[] px = java.util.Arrays.copyOf(specimen, 2 * specimen.length);
        java.util.Arrays.fill(px, specimen.length, px.length, 100f);
        Path stack = dir.resolve("stack.tif");
        ImageFiles.write(stack, new Volume(100, 90, 2, px, dev.delp.cli.io.Calibration.UNKNOWN, "float32"),
                dev.delp.cli.io.TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
        Result r = CliRunner.run("deconvolve", stack.toString(), "--mode", "invariant", "--iterations", "1", "-o",
                dir.resolve("o.tif").toString()); // the shipped weights: the real sample is level 10
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("invariant, DelpNet's most frequent level per plane: 10 (z 0), bg, passed through (z 1)"),
                r.out());
    }

    @Test
    void classifyRefusesStacksWithoutPlaneAndBadStride() {
        Path tsv = dir.resolve("m.tsv");
        Path stack = Fixtures.sampleCrop(dir, "stack.tif", 100, 90, 3);
        Result r = CliRunner.run("classify", stack.toString(), "--weights", weights.toString(), "-o", tsv.toString());
        assertEquals(2, r.code());
        assertEquals("delp classify: " + stack + " is a stack of 3 planes; choose one with --plane Z (0..2)"
                + System.lineSeparator(), r.err());
        r = CliRunner.run("classify", stack.toString(), "--weights", weights.toString(), "--plane", "2", "-o", tsv.toString());
        assertEquals(0, r.code(), r.toString());
        r = CliRunner.run("classify", stack.toString(), "--stride", "40", "-o", dir.resolve("x.tsv").toString());
        assertEquals("delp classify: --stride must be 42 (overlapping, blended) or 84 (no overlap), got 40"
                + System.lineSeparator(), r.err());
        r = CliRunner.run("classify", stack.toString(), "--plane", "0", "-o", dir.resolve("map.png").toString());
        assertEquals("delp classify: -o " + dir.resolve("map.png") + " is the map as text (TSV: x y width height level "
                + "confidence); name it .tsv, and write an image of the map with --overlay map.png" + System.lineSeparator(),
                r.err());
        assertFalse(Files.exists(dir.resolve("map.png")));
        r = CliRunner.run("deconvolve", stack.toString(), "-o", dir.resolve("o.tif").toString(), "--save-map",
                dir.resolve("map.tif").toString());
        assertEquals("delp deconvolve: --save-map " + dir.resolve("map.tif") + " is written as text (delp classify's TSV); "
                + "name it .tsv" + System.lineSeparator(), r.err());
        Path bad = dir.resolve("bad.dlpw");
        r = CliRunner.run("classify", stack.toString(), "--plane", "0", "--weights", bad.toString(), "-o",
                dir.resolve("y.tsv").toString());
        assertEquals("delp classify: " + bad + ": no such weights file" + System.lineSeparator(), r.err());
        assertFalse(Files.exists(dir.resolve("y.tsv")));
    }

    @Test
    void deconvolveModesRunWithGivenWeights() {
        Path in = Fixtures.sampleCrop(dir, "in.tif", 100, 90, 1);
        for (String mode : new String[] {"awdvd", "invariant", "interpolated"}) {
            Path out = dir.resolve(mode + ".tif");
            Result r = CliRunner.run("deconvolve", in.toString(), "--mode", mode,
                    "--weights", weights.toString(), "--iterations", "3", "--quiet", "-o", out.toString());
            assertEquals(0, r.code(), mode + ": " + r);
            Volume v = ImageFiles.read(out, ReadLimits.DEFAULT);
            assertEquals("100x90", v.shape());
            for (float x : v.voxels()) {
                assertTrue(Float.isFinite(x) && x >= 0, mode);
            }
        }
    }

    /** One flat JSON object as {@code Json} writes it: strings, numbers, booleans, null, integer arrays. */
    private static final java.util.regex.Pattern FLAT_JSON;

    static {
        String value = "(?:\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|true|false|null"
                + "|\\[(?:-?\\d+(?:,-?\\d+)*)?\\])";
        String field = "\"[A-Za-z]+\":" + value;
        FLAT_JSON = java.util.regex.Pattern.compile("\\{" + field + "(?:," + field + ")*\\}");
    }

    @Test
    void deconvolveJsonSaysPerLevelIterationsAndStaysParseable() {
        // "iterations":-1 read as a count; a script now gets the count it asked for or "per-level"
        Path in = Fixtures.sampleCrop(dir, "in.tif", 100, 90, 1);
        Result r = CliRunner.run("deconvolve", in.toString(), "--weights", weights.toString(), "--json", "-o",
                dir.resolve("a.tif").toString());
        assertEquals(0, r.code(), r.toString());
        String line = r.out().strip();
        assertTrue(FLAT_JSON.matcher(line).matches(), line);
        assertTrue(line.contains(",\"iterations\":\"per-level\","), line);
        assertFalse(line.contains("\"iterations\":-1"), line);
        r = CliRunner.run("deconvolve", in.toString(), "--weights", weights.toString(), "--iterations", "3", "--json",
                "-o", dir.resolve("b.tif").toString());
        line = r.out().strip();
        assertTrue(FLAT_JSON.matcher(line).matches(), line);
        assertTrue(line.contains(",\"iterations\":3,"), line);
        assertFalse(FLAT_JSON.matcher("{\"iterations\":per-level}").matches()); // the pattern rejects bare words
    }

    @Test
    void deconvolveSavesTheMapItUsed() throws IOException {
        Path out = dir.resolve("r.tif");
        Path map = dir.resolve("r.tsv");
        String in = Fixtures.sampleCrop(dir, "in.tif", 100, 90, 1).toString();
        Result r = CliRunner.run("deconvolve", in, "--weights", weights.toString(), "--iterations", "2", "--quiet",
                "-o", out.toString(), "--save-map", map.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(Files.exists(out));
        // the same format as delp classify; an untrained net's map passes the filter unchanged here
        // (2x2 patches, all the same level: nothing to clean), so it equals classify's map of the same image
        Path classified = dir.resolve("c.tsv");
        r = CliRunner.run("classify", in, "--weights", weights.toString(), "-o", classified.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(Files.readAllLines(classified), Files.readAllLines(map));

        Path stack = Fixtures.sampleCrop(dir, "stack.tif", 100, 90, 3);
        Path stackMap = dir.resolve("s.tsv");
        r = CliRunner.run("deconvolve", stack.toString(), "--weights", weights.toString(), "--iterations", "1", "--quiet",
                "-o", dir.resolve("s.tif").toString(), "--save-map", stackMap.toString());
        assertEquals(0, r.code(), r.toString());
        List<String> lines = Files.readAllLines(stackMap);
        assertEquals("z\tx\ty\twidth\theight\tlevel\tconfidence", lines.get(0));
        for (int z = 0; z < 3; z++) { // one 100x90 plane = 2x2 patches per plane
            String prefix = z + "\t";
            assertEquals(4, lines.stream().filter(l -> l.startsWith(prefix)).count(), lines.toString());
        }
        assertEquals(13, lines.size(), lines.toString());

        r = CliRunner.run("deconvolve", in, "--level", "3", "-o", dir.resolve("l.tif").toString(), "--save-map",
                dir.resolve("l.tsv").toString());
        assertEquals("delp deconvolve: --save-map writes DelpNet's defocus map; with --psf/--level there is none"
                + System.lineSeparator(), r.err());
        assertFalse(Files.exists(dir.resolve("l.tif")));
        r = CliRunner.run("deconvolve", in, "--weights", weights.toString(), "-o", out.toString(), "--force",
                "--save-map", out.toString());
        assertEquals("delp deconvolve: --save-map " + out + " is written as text (delp classify's TSV); name it .tsv"
                + System.lineSeparator(), r.err());
    }

    @Test
    void trainWritesLoadableWeightsAndEvalChecksItsFlags() throws IOException {
        Path w = dir.resolve("tiny.dlpw");
        Result r = CliRunner.run("train", "--out", w.toString(), "--epochs", "1", "--steps", "1", "--batch", "4",
                "--patches", "24", "--val-blocks", "1", "--threads", "1", "--seed", "3");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("train: best.dlpw -> " + w), "stdout has only the summary: " + r.out());
        assertTrue(r.err().contains("epoch   1 step"), "the driver's epoch log goes to stderr: " + r.err());
        DelpNet net = DelpNet.load(w);
        assertEquals("3", net.provenance().get("seed"));
        assertTrue(Files.exists(Path.of(w + ".run").resolve("train.log")));
        r = CliRunner.run("train", "--out", dir.resolve("x.dlpw").toString(), "--na", "0.8");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("delp train: the trainer supports the default optics only"), r.err());
        r = CliRunner.run("eval", "--weights", w.toString(), "-o", dir.resolve("report.txt").toString());
        assertEquals("delp eval: -o " + dir.resolve("report.txt") + " must end in .md (a Markdown report)"
                + System.lineSeparator(), r.err());
        r = CliRunner.run("eval", "--weights", w.toString(), "--images", dir.toString(), "-o", dir.resolve("r.md").toString());
        assertEquals("delp eval: " + dir + ": no image whose name contains 'a01' (--holdout)" + System.lineSeparator(), r.err());
    }

    @Test
    void learnedModeFlagConflicts() {
        String in = Fixtures.tiff("u16-none-le.tif").toString();
        String o = dir.resolve("o.tif").toString();
        Result r = CliRunner.run("deconvolve", in, "--mode", "awdvd", "--level", "3", "-o", o);
        assertEquals("delp deconvolve: --psf/--level give one PSF for the whole image (--mode invariant); --mode awdvd "
                + "takes each patch's level from DelpNet" + System.lineSeparator(), r.err());
        r = CliRunner.run("deconvolve", in, "--weights", weights.toString(), "--na", "0.8", "-o", o);
        assertEquals("delp deconvolve: in --mode awdvd the optics come from the weights file (the microscope DelpNet was "
                + "trained for); optics flags apply to --psf/--level runs" + System.lineSeparator(), r.err());
        assertEquals(2, r.code());
    }
}
