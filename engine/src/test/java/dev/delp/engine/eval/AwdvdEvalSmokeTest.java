package dev.delp.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.awdvd.IterationPolicy;
import dev.delp.psf.Optics;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class AwdvdEvalSmokeTest {

    @Test
    void rendersAReportWithTablesAndFigures() {
        System.setProperty("java.awt.headless", "true");
        AwdvdEval.Report r = AwdvdEval.run(new AwdvdEval.Config(1, 1000, 5, false, true), List.of(),
                "procedural specimens", Optics.defaults(), null, "none", IterationPolicy.fixed(5),
                IterationPolicy.fixed(3), ForkJoinPool.commonPool(), s -> { }, "test");
        AwdvdEval.Rendered rendered = r.render("report");
        String text = rendered.markdown();
        assertTrue(text.contains("| 10 |") && text.contains("DV_TRUE"), text);
        assertEquals(List.of("report-psnr.png", "report-ssim.png"), List.copyOf(rendered.figures().keySet()));
        for (String figure : rendered.figures().keySet()) {
            assertTrue(text.contains("](" + figure + ")"), "the Markdown links " + figure);
        }
        assertTrue(rendered.figures().get("report-psnr.png").getWidth() > 100);
        // the depth-variant restoration with the true level must beat the noisy input at a deep level
        double[][] psnr = r.perLevel().psnr();
        assertTrue(psnr[8][PerLevelEvaluation.Method.DV_TRUE.ordinal()] > psnr[8][PerLevelEvaluation.Method.NOISY.ordinal()],
                text);
    }
}
