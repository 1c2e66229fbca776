package dev.delp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The progress bar with a fake clock: rate, ETA, in-place redraw on a terminal, sparse plain lines otherwise. */
class ProgressTest {
    private final long[] now = {0};

    private String run(boolean terminal, boolean enabled) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(b, true, StandardCharsets.UTF_8);
        try (Progress p = new Progress(err, "deconvolve", 100, "it", terminal, enabled, () -> now[0], 5000)) {
            for (int i = 0; i < 100; i++) {
                now[0] += 200_000_000L; // 0.2 s per iteration: 5 it/s, 20 s in total
                p.advance(1);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void lineShowsCountRateAndEta() {
        Progress p = new Progress(new PrintStream(new ByteArrayOutputStream()), "rl", 100, "it", false, true, () -> now[0], 5000);
        now[0] = 4_000_000_000L;
        p.advance(20); // 20 it in 4 s: 5 it/s, 80 left: 16 s
        assertEquals("rl [####....................] 20/100 it  5.00 it/s  ETA 0:16", p.line(now[0]));
        p.advance(80);
        now[0] = 20_000_000_000L;
        assertEquals("rl [########################] 100/100 it  5.00 it/s  in 0:20", p.line(now[0]));
    }

    @Test
    void plainOutputPrintsAnOccasionalLineAndTheEnd() {
        String s = run(false, true);
        String[] lines = s.split("\n");
        // one line per 5 s of a 20 s run (the last is the final line, not repeated on close)
        assertEquals(4, lines.length, s);
        assertTrue(lines[0].startsWith("deconvolve [######"), lines[0]);
        assertTrue(lines[3].endsWith("100/100 it  5.00 it/s  in 0:20"), lines[3]);
        assertTrue(!s.contains("\r"));
    }

    @Test
    void terminalOutputRedrawsInPlace() {
        String s = run(true, true);
        assertTrue(s.startsWith("\r"), s);
        assertEquals(1, s.split("\n", -1).length - 1, "one final newline only");
        assertTrue(s.split("\r").length > 90, "redrawn at most every 0.1 s of a 20 s run");
    }

    @Test
    void quietPrintsNothing() {
        assertEquals("", run(false, false));
        assertEquals("", run(true, false));
    }

    @Test
    void clockFormat() {
        assertEquals("0:05", Progress.clock(4.6));
        assertEquals("2:00", Progress.clock(120));
        assertEquals("1:01:01", Progress.clock(3661));
    }
}
