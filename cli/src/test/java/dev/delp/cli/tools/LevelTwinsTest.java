package dev.delp.cli.tools;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LevelTwinsTest {
    @TempDir
    Path dir;

    /** Level 1's Born–Wolf PSF is level 0's blurred by a non-negative kernel; level 2's is not level 1's. */
    @Test
    void levelOneIsLevelZeroBlurredFurtherAndLevelTwoIsNot() throws IOException {
        Path out = dir.resolve("twins.md");
        LevelTwins.run(new String[] {"--levels", "2", "--specimens", "2", "--out", out.toString()});
        String md = Files.readString(out);
        assertTrue(residual(md, "0 → 1") < 0.01, md);
        assertTrue(residual(md, "1 → 2") > 0.05, md);
        assertTrue(md.contains("| 0 → 1 | ") && md.contains("| nuclei | "), md);
    }

    @Test
    void rejectsAnEvenKernel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LevelTwins.run(new String[] {"--kernel", "8", "--levels", "1", "--specimens", "1"}));
        assertTrue(e.getMessage().contains("must be odd"), e.getMessage());
    }

    private static double residual(String md, String pair) {
        Matcher m = Pattern.compile("\\| " + pair + " \\| ([0-9.]+) \\|").matcher(md);
        assertTrue(m.find(), md);
        return Double.parseDouble(m.group(1));
    }
}
