package dev.delp.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.commons.imaging.FormatCompliance;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.tiff.TiffReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why delp walks TIFF IFDs itself: reading a many-page stack, measured in one run against
 * Commons Imaging's TiffReader (IFDs only, no pixels) as the baseline. Opt-in (timing):
 * {@code mvn -pl cli test -Dtest=TiffReadScalingTest -Ddelp.test.argLine=-Ddelp.perf=true}.
 */
class TiffReadScalingTest {
    @TempDir
    Path dir;

    @Test
    void manyPageStacksReadInLinearTime() throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("delp.perf"), "timing test: run with -Ddelp.perf=true");
        for (int depth : new int[] {64, 256}) {
            Path f = dir.resolve("s" + depth + ".tif");
            ImageFiles.write(f, new Volume(256, 256, depth, new float[256 * 256 * depth], Calibration.UNKNOWN, "float32"),
                    TiffVolumeWriter.Bits.FLOAT32, List.of(), false);
            double baseline = Double.MAX_VALUE, ours = Double.MAX_VALUE;
            for (int r = 0; r < 5; r++) {
                long t = System.nanoTime();
                int n = new TiffReader(true).readDirectories(ByteSource.path(f), false, FormatCompliance.getDefault())
                        .directories.size();
                baseline = Math.min(baseline, (System.nanoTime() - t) / 1e6);
                t = System.nanoTime();
                Volume v = ImageFiles.read(f, ReadLimits.DEFAULT);
                ours = Math.min(ours, (System.nanoTime() - t) / 1e6);
                assertEquals(depth, n);
                assertEquals(depth, v.depth());
            }
            System.out.printf(Locale.ROOT, "%d pages of 256x256 float32 (%d MiB): Commons Imaging TiffReader, IFDs only: "
                    + "%.0f ms; delp ImageFiles.read incl. pixels: %.0f ms; ratio %.1fx%n", depth, depth / 4, baseline, ours,
                    baseline / ours);
            if (depth == 256) {
                assertTrue(ours * 3 < baseline, "expected the quadratic baseline to be > 3x slower at 256 pages");
            }
        }
    }
}
