package dev.delp.engine.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Evaluation metrics on a hand-computed case. */
class EvaluationTest {

    private static float[] oneHotish(int best, int second) {
        float[] p = new float[12];
        java.util.Arrays.fill(p, 0.01f);
        p[second] = 0.2f;
        p[best] = 0.6f;
        return p;
    }

    @Test
    void handComputedMetrics() {
        // truth 3 -> predicted 3 (second 4); truth 3 -> predicted 4 (second 3);
        // truth 11 (bg) -> predicted 10 (second 0); truth 0 -> predicted 1 (second 5).
        float[][] p = {oneHotish(3, 4), oneHotish(4, 3), oneHotish(10, 0), oneHotish(1, 5)};
        int[] labels = {3, 3, 11, 0};
        Evaluation.Result r = Evaluation.score("t", p, labels, 4);
        assertEquals(0.25, r.top1(), 1e-12);
        assertEquals(0.75, r.withinOne(), 1e-12); // bg→10 is not "within one"
        assertEquals(0.5, r.topK()[1], 1e-12);    // truth in top 2 for samples 1 and 2
        assertEquals(1.0, r.topK()[2], 1e-12);    // samples 3, 4: two classes above the truth -> top 3
        assertEquals(1.0, r.topK()[11], 1e-12);
        assertEquals(1, r.confusion()[3][3]);
        assertEquals(1, r.confusion()[3][4]);
        assertEquals(1, r.confusion()[11][10]);
        assertEquals(0.5, r.perClassTop1()[3], 1e-12);
        assertEquals(1.0, r.perClassWithinOne()[3], 1e-12);
        assertTrue(Double.isNaN(r.perClassTop1()[7]));
        assertArrayEquals(new int[] {1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1}, r.perClassCount());
        String md = Evaluation.markdown("title", "pre", List.of(r), "x.png");
        assertTrue(md.contains("| t | 4 | 25.00 % | 75.00 % |"), md);
        BufferedImage img = Evaluation.plot(List.of(r));
        assertEquals(900, img.getWidth());
    }
}
