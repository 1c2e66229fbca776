package dev.delp.cli.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.cli.io.Calibration;
import dev.delp.cli.io.ImageFiles;
import dev.delp.cli.io.TiffVolumeWriter;
import dev.delp.cli.io.Volume;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.nn.DelpNet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The developer tools on a folder of real-looking in-focus TIFFs: split, load, train, evaluate. */
class ToolsTest {
    private static final int SIDE = 384;
    @TempDir
    Path dir;
    Path images;

    @BeforeEach
    void writeImages() throws IOException {
        images = Files.createDirectories(dir.resolve("infocus"));
        SpecimenGenerator gen = new SpecimenGenerator();
        for (String name : List.of("x_a01_w1.tif", "x_a02_w1.tif", "x_a03_w1.tiff")) {
            Image2d img = gen.generate(SIDE, SIDE, name.hashCode());
            ImageFiles.write(images.resolve(name), Volume.ofPlane(SIDE, SIDE, img.data(), Calibration.UNKNOWN),
                    TiffVolumeWriter.Bits.UINT16, List.of(), false);
        }
        Files.writeString(images.resolve("notes.txt"), "not an image");
    }

    @Test
    void splitsByHoldoutNameAndLoadsOnePlaneEach() throws IOException {
        TrainingImages t = TrainingImages.split(images, "a01");
        assertEquals(List.of("x_a02_w1.tif", "x_a03_w1.tiff"), t.train().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(List.of(images.resolve("x_a01_w1.tif")), t.heldOut());
        var loaded = TrainingImages.load(t.heldOut());
        assertEquals(1, loaded.size());
        assertEquals(SIDE, loaded.get(0).image().width());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingImages.split(dir.resolve("missing"), "a01"));
        assertEquals("--images " + dir.resolve("missing") + " is not a folder", e.getMessage());
    }

    @Test
    void trainsFromImagesWritesLogAndCheckpointsAtomically() throws IOException {
        Path out = dir.resolve("run");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainDelpNet.run(new String[] {"--out", out.toString(), "--images", images.toString(), "--holdout", "a01",
                "--epochs", "1", "--steps", "1", "--batch", "4", "--pool", "24", "--val-blocks", "1", "--threads", "1",
                "--seed", "4"}, new PrintStream(log, true, StandardCharsets.UTF_8));
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("images: train x_a02_w1.tif,x_a03_w1.tiff; held out x_a01_w1.tif"), text);
        assertTrue(text.contains("epoch   1 step"), text);
        assertEquals(text.lines().count(), Files.readAllLines(out.resolve("train.log")).size());
        DelpNet best = DelpNet.load(out.resolve("best.dlpw"));
        assertEquals("4", best.provenance().get("seed"));
        assertTrue(best.provenance().get("command").startsWith("TrainDelpNet --out "));
        try (Stream<Path> s = Files.list(out)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp file left");
        }
    }

    @Test
    void holdoutMustSplitTheFolder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainDelpNet.run(new String[] {
                "--out", dir.resolve("r").toString(), "--images", images.toString(), "--holdout", "zz"}, System.out));
        assertTrue(e.getMessage().startsWith("--holdout zz must match some but not all of the 3 images in "), e.getMessage());
        assertFalse(Files.exists(dir.resolve("r")), "nothing created before the inputs are checked");
        e = assertThrows(IllegalArgumentException.class, () -> TrainDelpNet.run(new String[] {"--epochs", "0"}, System.out));
        assertEquals("--epochs must be within [1, 100000], got 0", e.getMessage());
    }

    @Test
    void evaluatesTheShippedWeightsIntoMarkdownAndPng() throws IOException {
        Path md = dir.resolve("eval.md");
        EvaluateDelpNet.run(new String[] {"--out", md.toString(), "--images", images.toString(), "--holdout", "a01",
                "--blocks", "1", "--threads", "1", "--seed", "2"});
        String report = Files.readString(md);
        assertTrue(report.contains("held-out BBBC006 a01"), report);
        assertFalse(report.contains("NaN"), report);
        assertTrue(Files.size(dir.resolve("eval.png")) > 1000);
    }

    @Test
    void evaluatesAtOnePhotonBudgetAndRejectsAnInvertedRange() throws IOException {
        Path md = dir.resolve("eval-1000.md");
        EvaluateDelpNet.run(new String[] {"--out", md.toString(), "--blocks", "1", "--threads", "1", "--seed", "2",
                "--photons-min", "1000", "--photons-max", "1000"});
        String report = Files.readString(md);
        assertTrue(report.contains("Poisson 1000..1000 photons"), report);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvaluateDelpNet.run(new String[] {
                "--out", dir.resolve("x.md").toString(), "--blocks", "1", "--photons-min", "2000", "--photons-max", "1000"}));
        assertEquals("--photons-max 1000.0 must be >= --photons-min 2000.0", e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.md")));
    }

    @Test
    void levelCeilingWritesTheOracleTableAndChecksPhotons() throws IOException {
        Path md = dir.resolve("ceiling.md");
        LevelCeiling.run(new String[] {"--out", md.toString(), "--specimens", "1", "--windows", "2", "--photons", "300",
                "--threads", "1", "--seed", "3"});
        String report = Files.readString(md);
        assertTrue(report.contains("| 0↔1 (0 vs 2) |") && report.contains("| 9↔10 (18 vs 20) |"), report);
        assertFalse(report.contains("NaN"), report);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LevelCeiling.run(new String[] {"--out", md.toString(), "--photons", "300;1000"}));
        assertEquals("--photons '300;1000' must be comma-separated numbers in 1..1e9", e.getMessage());
    }

    @Test
    void learnIterationTableChecksItsArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearnIterationTable.run(new String[] {images.toString(), "a01", "32"}));
        assertEquals("expected <infocus-dir> <exclude-name> <casesPerLevel> <maxIter> <photons,...> <seed> [threads],"
                + " got 3 arguments", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LearnIterationTable.run(new String[] {images.toString(), "a01", "0", "150", "1000", "1"}));
        assertEquals("casesPerLevel '0' must be a positive integer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LearnIterationTable.run(new String[] {images.toString(), "a01", "2", "150", "1000;300", "1"}));
        assertEquals("photons '1000;300' must be comma-separated numbers", e.getMessage());
    }
}
