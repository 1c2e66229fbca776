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
        int w = 200, h = 150;
        Image2d truth = new SpecimenGenerator().generate(w, h, SpecimenGenerator.Family.NUCLEI, 3);
        // 1e6 photons at the brightest pixel: shot noise ~1e-3 of the peak, read noise 2 counts negligible
        VaryingDefocus.Simulated sim = VaryingDefocus.simulate(truth, VaryingDefocus.Scenario.DEEP, bank, 1e6, 4, POOL);
        float[] observed = sim.toIntensity(sim.counts().data());
        Psf2d p32 = bank.psf(32), p20 = bank.psf(20);
        int inset = VaryingDefocus.insetPx(bank);
        float[] blur32 = VaryingDefocus.field(new ForwardModel().blur(truth, new Image2d(p32.size(), p32.size(),
                p32.values()), POOL), inset).data();
        float[] blur20 = VaryingDefocus.field(new ForwardModel().blur(truth, new Image2d(p20.size(), p20.size(),
                p20.values()), POOL), inset).data();
        double max = 0, err32 = 0, err20 = 0;
        for (int i = 0; i < observed.length; i++) {
            max = Math.max(max, blur32[i]);
            err32 = Math.max(err32, Math.abs(observed[i] - blur32[i]));
            err20 = Math.max(err20, Math.abs(observed[i] - blur20[i]));
        }
        assertTrue(err32 < 5e-3 * max, "32 µm blur: max error " + err32 / max + " of the peak");
        assertTrue(err20 > 10 * err32, "and not the 20 µm one: " + err20 / max);
        for (int label : sim.trueLabels(PatchGrid.of(w - 2 * inset, h - 2 * inset, 42))) {
            assertEquals(10, label);
        }
        assertEquals(16.0, VaryingDefocus.Scenario.DEEP.level(0, w));
    }

    /**
     * The field is the middle of the blurred image, in by the radius of the deepest PSF (32 µm), so
     * light from beyond the field enters it: a bright emitter just outside the field shows inside.
     */
    @Test
    void theFieldIsCutFromInsideTheBlurredImage() {
        PsfBank bank = new PsfBank(new Optics(0.5, 500, 1.0, 0.65, 2.0), 0);
        int inset = VaryingDefocus.insetPx(bank);
        assertEquals(bank.psf(32).size() / 2, inset);
        int w = 2 * inset + 100, h = 2 * inset + 90;
        float[] px = new float[w * h];
        int sx = inset - 4, sy = h / 2; // 4 px left of the field, level 0 continues there
        px[sx + w * sy] = 1f;
        px[w / 2 + w * sy] = 1f; // and one inside, for the photon reference
        VaryingDefocus.Simulated sim = VaryingDefocus.simulate(new Image2d(w, h, px), VaryingDefocus.Scenario.TILT,
                bank, 1e6, 5, POOL);
        assertEquals(100, sim.truth().width());
        assertEquals(90, sim.truth().height());
        assertEquals(w, sim.sourceWidth());
        assertEquals(h, sim.sourceHeight());
        float[] observed = sim.toIntensity(sim.counts().data());
        int fy = sy - inset;
        // the in-focus PSF (level 0 at the field's left edge) puts light 4-5 px from its emitter
        assertTrue(observed[0 + 100 * fy] > 1e-3 * observed[(w / 2 - inset) + 100 * fy],
                "light from the emitter outside the field: " + observed[100 * fy]);
        assertEquals(0f, sim.truth().data()[100 * fy], "the truth is the field's own");
        IllegalArgumentException small = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> VaryingDefocus.simulate(new Image2d(2 * inset + 83, 200, new float[(2 * inset + 83) * 200]),
                        VaryingDefocus.Scenario.STEP, bank, 1000, 1, POOL));
        assertTrue(small.getMessage().contains("too small"), small.getMessage());
    }
}
