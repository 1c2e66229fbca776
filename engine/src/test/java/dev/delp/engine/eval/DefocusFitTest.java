package dev.delp.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.conv.Blur;
import dev.delp.engine.conv.OtfCache;
import dev.delp.engine.dataset.PsfSource;
import dev.delp.engine.dataset.PsfSources;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.psf.Optics;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class DefocusFitTest {
    private static final PsfSource PSFS = PsfSources.bornWolf(Optics.defaults());

    /** A field blurred at a known defocus, scaled, offset, shifted and noised: the fit recovers all of it. */
    @Test
    void recoversDefocusGainOffsetAndShift() {
        int w = 160, h = 128;
        Image2d signal = new SpecimenGenerator().generate(w, h, SpecimenGenerator.Family.NUCLEI, 11);
        Image2d model = Blur.reflect(signal, PSFS.psf(12), new OtfCache(2), ForkJoinPool.commonPool());
        float[] obs = new float[w * h];
        SplittableRandom rnd = new SplittableRandom(3);
        int sx = 2, sy = -1; // observed(x + sx, y + sy) = model(x, y)
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int mx = Math.min(w - 1, Math.max(0, x - sx)), my = Math.min(h - 1, Math.max(0, y - sy));
                obs[x + w * y] = (float) (800 * model.data()[mx + w * my] + 110 + 0.5 * (rnd.nextDouble() - 0.5));
            }
        }
        DefocusFit.Result r = DefocusFit.fit(signal, new Image2d(w, h, obs), PSFS, 20, 2, 16, 4, ForkJoinPool.commonPool());
        assertEquals(12, r.best().defocusUm());
        assertEquals(sx, r.shiftX());
        assertEquals(sy, r.shiftY());
        assertEquals(11, r.rows().size());
        // uniform noise of width 0.5 has RMS 0.144; the exact model leaves only it (and float rounding)
        assertEquals(800, r.best().gain(), 800 * 1e-3);
        assertEquals(110, r.best().offset(), 0.05);
        assertTrue(r.best().residualRms() < 0.16, "residual " + r.best().residualRms());
        assertTrue(r.best().correlation() > 0.9999, "correlation " + r.best().correlation());
        // neighbouring defocus explains it worse: the scan has a real minimum, not a flat floor
        assertTrue(r.rows().get(5).residualRms() > 3 * r.best().residualRms());
        assertTrue(r.rows().get(7).residualRms() > 3 * r.best().residualRms());
    }

    @Test
    void rejectsMismatchedSizesAndEmptyWindows() {
        Image2d a = Image2d.zeros(64, 64), b = Image2d.zeros(64, 48);
        ForkJoinPool pool = ForkJoinPool.commonPool();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DefocusFit.fit(a, b, PSFS, 10, 2, 8, 2, pool));
        assertTrue(e.getMessage().contains("differ in size"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DefocusFit.fit(a, a, PSFS, 10, 2, 32, 2, pool));
        assertThrows(IllegalArgumentException.class, () -> DefocusFit.fit(a, a, PSFS, 10, 2, 2, 4, pool));
        assertThrows(IllegalArgumentException.class, () -> DefocusFit.fit(a, a, PSFS, 10, 0, 8, 2, pool));
    }
}
