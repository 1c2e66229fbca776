package dev.delp.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.awdvd.PatchGrid;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.simulate.ForwardModel;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.psf.Optics;
import dev.delp.psf.Psf2d;
import dev.delp.psf.PsfBank;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class VaryingDefocusTest {
    private static final ForkJoinPool POOL = ForkJoinPool.commonPool();

    /** DEEP is one uniform 32 µm blur (beyond the level grid), and its true map is level 10 everywhere. */
    @Test
    void deepIsAUniformBlurBeyondLevelTen() {
        PsfBank bank = new PsfBank(new Optics(0.5, 500, 1.0, 0.65, 2.0), 0);
        int w = 180, h = 130;
        Image2d truth = new SpecimenGenerator().generate(w, h, SpecimenGenerator.Family.NUCLEI, 3);
        // 1e6 photons at the brightest pixel: shot noise ~1e-3 of the peak, read noise 2 counts negligible
        VaryingDefocus.Simulated sim = VaryingDefocus.simulate(truth, VaryingDefocus.Scenario.DEEP, bank, 1e6, 4, POOL);
        float[] observed = sim.toIntensity(sim.counts().data());
        Psf2d p32 = bank.psf(32), p20 = bank.psf(20);
        float[] blur32 = new ForwardModel().blur(truth, new Image2d(p32.size(), p32.size(), p32.values()), POOL).data();
        float[] blur20 = new ForwardModel().blur(truth, new Image2d(p20.size(), p20.size(), p20.values()), POOL).data();
        double max = 0, err32 = 0, err20 = 0;
        for (int i = 0; i < observed.length; i++) {
            max = Math.max(max, blur32[i]);
            err32 = Math.max(err32, Math.abs(observed[i] - blur32[i]));
            err20 = Math.max(err20, Math.abs(observed[i] - blur20[i]));
        }
        assertTrue(err32 < 5e-3 * max, "32 µm blur: max error " + err32 / max + " of the peak");
        assertTrue(err20 > 10 * err32, "and not the 20 µm one: " + err20 / max);
        for (int label : sim.trueLabels(PatchGrid.of(w, h, 42))) {
            assertEquals(10, label);
        }
        assertEquals(16.0, VaryingDefocus.Scenario.DEEP.level(0, w));
    }
}
