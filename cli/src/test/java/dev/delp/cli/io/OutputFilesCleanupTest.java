package dev.delp.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped by Ctrl-C or SIGTERM left {@code .out.tif.N.tmp} files beside its output (seen in
 * session 10 with {@code timeout -s TERM}); the shutdown hook now deletes every temp file still being
 * written. Here the hook's action runs while a body is writing, as it would when the JVM stops.
 */
class OutputFilesCleanupTest {
    @TempDir
    Path dir;

    @Test
    void theShutdownActionDeletesTempFilesBeingWritten() throws Exception {
        Path out = dir.resolve("out.tif");
        int[] deleted = new int[1];
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> OutputFiles.write(out, List.of(), false, o -> {
            o.write(new byte[1000]);
            try (Stream<Path> l = Files.list(dir)) {
                assertEquals(1, l.filter(p -> p.getFileName().toString().startsWith(".out.tif.")).count(), "the temp file");
            }
            deleted[0] = OutputFiles.deleteInProgress(); // what the hook does when the JVM stops now
        }));
        assertEquals(1, deleted[0]);
        assertTrue(e.getMessage().startsWith(out + ": cannot write"), e.getMessage());
        try (Stream<Path> l = Files.list(dir)) {
            assertEquals(0, l.count(), "neither the output nor a temp file is left");
        }
        // a finished write is no longer tracked: the hook leaves it alone
        OutputFiles.write(out, List.of(), false, o -> o.write(7));
        assertEquals(0, OutputFiles.deleteInProgress());
        assertEquals(1, Files.size(out));
    }

    @Test
    void outputsWrittenTogetherAppearTogetherOrNotAtAll() throws Exception {
        // delp classify -o map.tsv --overlay map.png wrote the TSV, then ran out of memory on the overlay
        Path tsv = dir.resolve("map.tsv");
        Path png = dir.resolve("map.png");
        Map<Path, OutputFiles.Body> both = new LinkedHashMap<>();
        both.put(tsv, o -> o.write(new byte[] {1, 2, 3}));
        both.put(png, o -> {
            throw new java.io.IOException("disk full");
        });
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> OutputFiles.writeAll(both, List.of(), false));
        assertEquals(png + ": cannot write: disk full", e.getMessage());
        try (Stream<Path> l = Files.list(dir)) {
            assertEquals(0, l.count(), "no output and no temp file");
        }
        both.put(png, o -> o.write(9));
        OutputFiles.writeAll(both, List.of(), false);
        assertEquals(3, Files.size(tsv));
        assertEquals(1, Files.size(png));
        // each target is checked before anything is written
        both.put(tsv, o -> o.write(4));
        e = assertThrows(ImageFormatException.class, () -> OutputFiles.writeAll(both, List.of(), false));
        assertEquals(tsv + ": already exists; use --force to overwrite it", e.getMessage());
        assertEquals(3, Files.size(tsv));
    }
}
