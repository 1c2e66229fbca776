package dev.delp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.delp.cli.CliRunner.Result;

/**
 * The real, strongly defocused BBBC006 sample (fit: about 40 µm) with the shipped weights: classify says
 * how deep level 10 reads, and deconvolve restores level 10 at that depth.
 */
class DeepDefocusCliTest {
    @TempDir
    Path dir;

    @Test
    void classifyReportsTheDepthDeconvolveUses() throws IOException {
        Path sample = dir.resolve("sample.tif");
        try (InputStream in = getClass().getResourceAsStream("/dev/delp/fixtures/images/bbbc006-a01-defocused-256.tif")) {
            assertNotNull(in, "sample image on the classpath (fixtures module)");
            Files.copy(in, sample);
        }
        Result c = CliRunner.run("classify", sample.toString(), "-o", dir.resolve("map.tsv").toString(), "--quiet",
                "--json");
        assertEquals(0, c.code(), c.toString());
        Matcher json = Pattern.compile("\"level10DepthUm\":([0-9.]+)").matcher(c.out());
        assertTrue(json.find(), c.out());
        double depthUm = Double.parseDouble(json.group(1));
        // the field is ~40 µm deep by a Born–Wolf fit to its in-focus plane, its rings read ~30 (docs/eval
        // README, session 11); binned readings 7..10 give 28..40 µm
        assertTrue(depthUm >= 28 && depthUm <= 40, "level 10 read at " + depthUm + " µm");

        Result d = CliRunner.run("deconvolve", sample.toString(), "-o", dir.resolve("out.tif").toString());
        assertEquals(0, d.code(), d.toString());
        String expected = "level 10 restored at " + (depthUm == Math.rint(depthUm) ? String.valueOf((long) depthUm)
                : String.valueOf(depthUm)) + " µm";
        assertTrue(d.out().contains(expected), "expected '" + expected + "' in " + d.out());
    }
}
