package dev.delp.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.testio.TestPsfs;
import org.junit.jupiter.api.Test;

class PsfTwinsTest {
    /** G(σ=1.5) = G(1) ⊛ G(√1.25) exactly (variances add): the fit finds that kernel. */
    @Test
    void aWiderGaussianIsANarrowerOneBlurredFurther() {
        PsfTwins.Twin t = PsfTwins.fit(TestPsfs.gaussian2d(21, 1.0), TestPsfs.gaussian2d(21, 1.5), 11);
        // sampled Gaussians compose only approximately (pixel sampling), to ~1e-3 at these widths
        assertTrue(t.relativeResidual() < 5e-3, "residual " + t.relativeResidual());
        float[] g = t.kernel().data();
        double sum = 0, var = 0;
        for (int y = 0; y < 11; y++) {
            for (int x = 0; x < 11; x++) {
                sum += g[x + 11 * y];
                var += g[x + 11 * y] * (x - 5) * (x - 5);
            }
        }
        assertEquals(1, sum, 2e-3); // both PSFs sum to 1
        assertEquals(1.25, var / sum, 0.05);
        for (float v : g) {
            assertTrue(v >= 0);
        }
    }

    /** No non-negative kernel sharpens: G(1) from G(1.5) leaves a large residual. */
    @Test
    void aNarrowerGaussianIsNoTwinOfAWiderOne() {
        PsfTwins.Twin t = PsfTwins.fit(TestPsfs.gaussian2d(21, 1.5), TestPsfs.gaussian2d(21, 1.0), 11);
        assertTrue(t.relativeResidual() > 0.2, "residual " + t.relativeResidual());
    }

    @Test
    void chiSquareIsTheNoiseWeightedDistance() {
        float[] u = {100, 100, 0, 0}, v = {110, 100, 0, 0};
        assertEquals(100.0 / 104, PsfTwins.chiSquare(u, v, 2, 0, 0, 2, 2, 1, 4), 1e-12);
        assertEquals(400.0 / 204, PsfTwins.chiSquare(u, v, 2, 0, 0, 2, 2, 2, 4), 1e-12); // photons scale the difference
        assertEquals(0, PsfTwins.chiSquare(u, v, 2, 0, 1, 2, 1, 1, 4), 1e-12); // the window leaves the pixel out
        assertThrows(IllegalArgumentException.class, () -> PsfTwins.chiSquare(u, v, 2, 0, 0, 2, 2, 1, 0));
    }

    @Test
    void rejectsEvenSizes() {
        Image2d g = TestPsfs.gaussian2d(9, 1);
        assertThrows(IllegalArgumentException.class, () -> PsfTwins.fit(g, g, 4));
        assertThrows(IllegalArgumentException.class, () -> PsfTwins.fit(TestPsfs.gaussian2d(8, 1), g, 3));
    }
}
