package dev.delp.cli.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.training.NetworkWidening;
import dev.delp.nn.DelpNet;
import dev.delp.nn.TrainedOptics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WidenDelpNet}: writes a loadable wider weights file with provenance; clear errors for bad flags. */
class WidenDelpNetTest {
    /** A 16/32/64/64 net (the widths of the weights shipped up to session 7), independent of the current default. */
    private static final String NARROW = String.join("\n", "space_to_depth block=2",
            "conv2d out=16 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "maxpool k=2 stride=2",
            "conv2d out=32 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "maxpool k=2 stride=2",
            "conv2d out=64 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "maxpool k=2 stride=2",
            "conv2d out=64 k=3 stride=1 pad=1 dilation=1 bias=false", "batchnorm momentum=0.6 eps=0.001", "relu",
            "globalavgpool", "dropout rate=0.2", "dense out=12");
    @TempDir
    Path dir;

    @Test
    void widensTheShippedWeightsIntoALoadableFile() throws IOException {
        Path in = dir.resolve("in.dlpw");
        DelpNet.create(NARROW, TrainedOptics.DEFAULT, 1).save(in, Map.of("command", "test"));
        Path out = dir.resolve("wide.dlpw");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        WidenDelpNet.run(new String[] {"--weights", in.toString(), "--widths", "24,48,96,96", "--seed", "3", "--out",
                out.toString()}, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("widths [16, 32, 64, 64] -> [24, 48, 96, 96]"), text);
        assertTrue(text.contains("parameters 61,612 -> 137,340"), text);
        DelpNet wide = DelpNet.load(out);
        assertArrayEquals(new int[] {24, 48, 96, 96}, NetworkWidening.convolutionWidths(wide));
        assertEquals("test", wide.provenance().get("command"));
        assertTrue(wide.provenance().get("widening").startsWith("WidenDelpNet --weights"), wide.provenance().toString());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "in.dlpw and wide.dlpw only: no temporary file left beside the output");
        }
    }

    @Test
    void badFlagsGiveClearErrors() throws IOException {
        Path in = dir.resolve("in.dlpw");
        DelpNet.create(NARROW, TrainedOptics.DEFAULT, 1).save(in, Map.of());
        Path out = dir.resolve("w.dlpw");
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WidenDelpNet.run(
                new String[] {"--weights", in.toString(), "--widths", "24,x,96,96", "--out", out.toString()}, sink));
        assertEquals("--widths 24,x,96,96: 'x' is not an integer (give comma-separated channel counts, e.g. 24,48,96,96)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WidenDelpNet.run(
                new String[] {"--weights", in.toString(), "--widths", "8,48,96,96", "--out", out.toString()}, sink));
        assertTrue(e.getMessage().startsWith("width 8 of convolution 0 must be within [16, 4096]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WidenDelpNet.run(
                new String[] {"--weights", in.toString(), "--out", out.toString()}, sink));
        assertEquals("WidenDelpNet needs --weights in.dlpw, --widths W1,W2,... and --out out.dlpw", e.getMessage());
        assertFalse(Files.exists(out), "nothing written on error");
    }
}
