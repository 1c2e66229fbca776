package dev.delp.engine.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.awdvd.IterationPolicy;
import dev.delp.psf.Optics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwdvdEvalSmokeTest {

    @Test
    void writesAReportWithTablesAndFigures(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        AwdvdEval.Report r = AwdvdEval.run(new AwdvdEval.Config(1, 1000, 5, false, true), List.of(),
                "procedural specimens", Optics.defaults(), null, "none", IterationPolicy.fixed(5),
                IterationPolicy.fixed(3), ForkJoinPool.commonPool(), s -> { }, "test");
        Path md = dir.resolve("report.md");
        r.write(md);
        String text = Files.readString(md);
        assertTrue(text.contains("| 10 |") && text.contains("DV_TRUE"), text);
        assertTrue(Files.size(dir.resolve("report-psnr.png")) > 1000);
        // the depth-variant restoration with the true level must beat the noisy input at a deep level
        double[][] psnr = r.perLevel().psnr();
        assertTrue(psnr[8][PerLevelEvaluation.Method.DV_TRUE.ordinal()] > psnr[8][PerLevelEvaluation.Method.NOISY.ordinal()],
                text);
    }
}
