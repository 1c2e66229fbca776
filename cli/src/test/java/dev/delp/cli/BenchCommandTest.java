package dev.delp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.delp.cli.CliRunner.Result;

/** {@code delp bench --json} prints the DESIGN.md §5 lines (the heavy rl-iteration and delpnet-patch tasks are left to manual runs). */
class BenchCommandTest {
    @Test
    void fftLinesHaveTheContractFormat() {
        Result r = CliRunner.run("bench", "--json", "--runs", "1", "--warmup-ms", "0", "--task", "fft2d-r2c-c2r");
        assertEquals(0, r.code(), r.toString());
        String[] lines = r.out().split("\n");
        int[] sizes = {84, 256, 512, 1000, 1024};
        assertEquals(sizes.length, lines.length, r.out());
        Pattern p = Pattern.compile("\\{\"task\":\"fft2d-r2c-c2r\",\"shape\":\\[(\\d+),(\\d+)\\],\"threads\":1,\"ms\":([0-9.E-]+)\\}");
        for (int i = 0; i < sizes.length; i++) {
            Matcher m = p.matcher(lines[i]);
            assertTrue(m.matches(), lines[i]);
            assertEquals(sizes[i], Integer.parseInt(m.group(1)));
            assertTrue(Double.parseDouble(m.group(3)) > 0);
        }
    }

    @Test
    void psfBankLine() {
        Result r = CliRunner.run("bench", "--json", "--runs", "1", "--warmup-ms", "0", "--task", "psf-bank");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().matches("\\{\"task\":\"psf-bank\",\"levels\":11,\"threads\":1,\"ms\":[0-9.E-]+\\}\n"), r.out());
    }
}
