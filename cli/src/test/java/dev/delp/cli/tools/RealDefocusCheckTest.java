package dev.delp.cli.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.cli.io.Calibration;
import dev.delp.cli.io.ImageFiles;
import dev.delp.cli.io.TiffVolumeWriter;
import dev.delp.cli.io.Volume;
import dev.delp.engine.conv.Blur;
import dev.delp.engine.conv.OtfCache;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.engine.training.TrainingSources;
import dev.delp.psf.Optics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real-defocus check on a field defocused by a known amount, stored as 16-bit TIFFs like BBBC006. */
class RealDefocusCheckTest {
    @TempDir
    Path dir;

    @Test
    void findsTheDefocusAndScoresARestorationAgainstTheInFocusTruth() throws IOException {
        int w = 160, h = 128;
        Image2d specimen = new SpecimenGenerator().generate(w, h, SpecimenGenerator.Family.NUCLEI, 5);
        float[] inFocus = new float[w * h];
        for (int i = 0; i < inFocus.length; i++) {
            inFocus[i] = 100 + Math.round(3000 * specimen.data()[i]);
        }
        Image2d blurred = Blur.reflect(specimen, TrainingSources.psfs(Optics.defaults()).psf(10), new OtfCache(1),
                ForkJoinPool.commonPool());
        float[] defocused = new float[w * h], truth = new float[w * h];
        for (int i = 0; i < defocused.length; i++) {
            defocused[i] = 120 + Math.round(1500 * blurred.data()[i]);
            truth[i] = 120 + Math.round(1500 * specimen.data()[i]);
        }
        Path in = write("infocus.tif", w, h, inFocus), de = write("defocused.tif", w, h, defocused);
        Path perfect = write("perfect.tif", w, h, truth), report = dir.resolve("check.md");
        RealDefocusCheck.run(new String[] {"--infocus", in.toString(), "--defocused", de.toString(), "--restored",
                perfect.toString(), "--max-um", "16", "--step-um", "2", "--border", "24", "--max-shift", "3",
                "--out", report.toString()});
        String md = Files.readString(report);
        assertTrue(md.contains("Best: 10.0 µm (5.0 levels of 2.0 µm)."), md);
        assertTrue(md.contains("observed shifted by (0, 0) px"), md);
        // the gain maps in-focus signal (3000 per unit) to defocused counts (1500 per unit)
        Matcher best = Pattern.compile("\\| 10\\.0 \\(best\\) \\| ([0-9.]+) \\| ([0-9.]+) \\|").matcher(md);
        assertTrue(best.find(), md);
        assertEquals(0.5, Double.parseDouble(best.group(1)), 0.005);
        // offset: 120 plus the in-focus background above the camera's 100 that the percentile removed, at gain 0.5
        double removed = dev.delp.engine.image.Percentiles.of(inFocus, 0.5) - 100;
        assertTrue(removed > 5, "the specimen has background fluorescence: " + removed);
        assertEquals(120 + 0.5 * removed, Double.parseDouble(best.group(2)), 0.5);
        double inputPsnr = psnr(md, de), perfectPsnr = psnr(md, perfect);
        assertTrue(perfectPsnr > 45 && perfectPsnr > inputPsnr + 10, md);
    }

    @Test
    void requiresBothImagesAndMatchingSizes() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RealDefocusCheck.run(new String[] {"--infocus", "a.tif"}));
        assertEquals("--infocus FILE and --defocused FILE are required", e.getMessage());
        Path a = write("a.tif", 128, 128, new float[128 * 128]), b = write("b.tif", 128, 96, new float[128 * 96]);
        e = assertThrows(IllegalArgumentException.class,
                () -> RealDefocusCheck.run(new String[] {"--infocus", a.toString(), "--defocused", b.toString()}));
        assertTrue(e.getMessage().contains("differ in size"), e.getMessage());
    }

    private static double psnr(String md, Path image) {
        Matcher m = Pattern.compile("\\| " + Pattern.quote(image.toString()) + "[^|]* \\| ([0-9.]+) \\|").matcher(md);
        assertTrue(m.find(), md);
        return Double.parseDouble(m.group(1));
    }

    private Path write(String name, int w, int h, float[] counts) {
        Path p = dir.resolve(name);
        ImageFiles.write(p, Volume.ofPlane(w, h, counts, Calibration.UNKNOWN), TiffVolumeWriter.Bits.UINT16, List.of(), false);
        return p;
    }
}
