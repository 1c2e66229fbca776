package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.simulate.ForwardModel;
import dev.delp.engine.simulate.NoiseModel;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.psf.Optics;
import dev.delp.psf.Psf2d;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpectralDepthTest {
    private static final ForkJoinPool POOL = ForkJoinPool.commonPool();
    private static final BornWolfLevels LEVELS = BornWolfLevels.of(Optics.defaults());
    private static final int FIELD = 336;

    /**
     * A field of procedural nuclei blurred {@code depthUm} deep (the specimen continues beyond the
     * field, so no border of the blur is seen), camera counts at 1,000 photons over an offset of 100.
     */
    private static Image2d field(double depthUm, SpecimenGenerator.Family family, long seed) {
        int inset = 48;
        Image2d truth = new SpecimenGenerator().generate(FIELD + 2 * inset, FIELD + 2 * inset, family, seed);
        Psf2d psf = LEVELS.psfAtUm(depthUm);
        Image2d blurred = new ForwardModel().blur(truth, new Image2d(psf.size(), psf.size(), psf.values()), POOL)
                .crop(inset, inset, FIELD, FIELD);
        return ForwardModel.observe(blurred, blurred.max(), new NoiseModel(1000, 2, 100), new SplittableRandom(seed));
    }

    private static DefocusMap allDeep(int w, int h) {
        PatchGrid g = PatchGrid.of(w, h, 42);
        int[] labels = new int[g.count()];
        java.util.Arrays.fill(labels, PatchClassifier.LEVELS - 1);
        return DefocusMap.ofLabels(g, labels);
    }

    private static double read(Image2d counts) {
        SpectralDepth.Window window = SpectralDepth.regionWindow(allDeep(counts.width(), counts.height()),
                PatchClassifier.LEVELS - 1);
        OptionalDouble z = SpectralDepth.fitUm(counts, window, LEVELS::psfAtUm, 14, 48, 1, POOL);
        assertTrue(z.isPresent());
        return z.getAsDouble();
    }

    /**
     * The tolerance: a 1 µm error at 32 µm moves the first ring by 3 %, under a frequency bin of this
     * field; restorations lose about 0.6 dB per 0.75 µm there (docs/eval/README.md, session 11).
     */
    @Test
    void readsTheDepthOfDeepBlursWithinOneMicron() {
        for (double depthUm : new double[] {24, 32, 40}) {
            for (SpecimenGenerator.Family family : new SpecimenGenerator.Family[] {SpecimenGenerator.Family.NUCLEI,
                    SpecimenGenerator.Family.PUNCTA}) {
                double z = read(field(depthUm, family, 11));
                assertEquals(depthUm, z, 1.0, family + " blurred " + depthUm + " µm read " + z);
            }
        }
    }

    /** Level 10's own depth is not read as deeper: the pipeline would otherwise change a correct PSF. */
    @Test
    void aTwentyMicronBlurIsNotReadDeeper() {
        double z = read(field(20, SpecimenGenerator.Family.NUCLEI, 12));
        assertTrue(z <= 20.5 && z >= 18, "20 µm read " + z);
    }

    /**
     * Nothing but noise: no credible spectral reading (it lands at the scan's shallow end), so the
     * depth comes from the binned classification — here background, so none.
     */
    @Test
    void flatNoiseFallsBackToTheBinnedReading() {
        float[] flat = new float[FIELD * FIELD];
        java.util.Arrays.fill(flat, 400f);
        Image2d counts = ForwardModel.observe(new Image2d(FIELD, FIELD, flat), 400, new NoiseModel(1000, 2, 100),
                new SplittableRandom(3));
        AtomicInteger asked = new AtomicInteger();
        PatchClassifier background = (patches, p, n, pool) -> {
            asked.addAndGet(n);
            float[][] out = new float[n][PatchClassifier.CLASSES];
            for (float[] row : out) {
                row[PatchClassifier.BG] = 1;
            }
            return out;
        };
        OptionalDouble z = DeepDefocus.estimateUm(counts, allDeep(FIELD, FIELD), background, LEVELS, POOL);
        assertFalse(z.isPresent());
        assertTrue(asked.get() > 0, "the binned reading was not consulted");
    }

    /** The deep field's spectral reading wins over the classifier's binned one, which is not asked. */
    @Test
    void aCredibleSpectralReadingIsUsedWithoutTheClassifier() {
        Image2d counts = field(32, SpecimenGenerator.Family.NUCLEI, 13);
        PatchClassifier never = (patches, p, n, pool) -> {
            throw new AssertionError("binned reading asked for");
        };
        OptionalDouble z = DeepDefocus.estimateUm(counts, allDeep(FIELD, FIELD), never, LEVELS, POOL);
        assertEquals(32, z.getAsDouble(), 1.0);
    }

    @Test
    void regionWindowCoversTheLevelsPatchesOnlyAndNeedsASpanForItsRings() {
        int w = 420, h = 300;
        PatchGrid g = PatchGrid.of(w, h, 42);
        int[] labels = new int[g.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = g.patchX(i) >= 168 ? 10 : 3; // deep from x = 168 on: 252 px wide, 300 high
        }
        SpectralDepth.Window window = SpectralDepth.regionWindow(DefocusMap.ofLabels(g, labels), 10);
        assertNotNull(window);
        assertEquals(168, window.x0());
        assertEquals(0, window.y0());
        assertEquals(252, window.width());
        assertEquals(300, window.height());
        double sum = 0;
        for (float m : window.weights()) {
            assertTrue(m >= 0 && m <= 1, "weight " + m);
            sum += m;
        }
        // the indicator ramps up from x = 168 + 21 (the first deep patch centre's half way), the Hann takes ~1/4
        assertTrue(sum > 0.1 * 252 * 300, "window too small: " + sum);

        for (int i = 0; i < labels.length; i++) {
            labels[i] = g.patchX(i) >= 210 ? 10 : 3; // 210 px wide: rings of a 40 µm blur not resolved
        }
        assertNull(SpectralDepth.regionWindow(DefocusMap.ofLabels(g, labels), 10));
        assertNull(SpectralDepth.regionWindow(DefocusMap.ofLabels(g, new int[g.count()]), 10), "no deep patch");
    }

    /** A window outside the image is a caller's bug, reported as such. */
    @Test
    void windowMustFitTheImage() {
        Image2d img = new Image2d(100, 100, new float[100 * 100]);
        assertThrows(IllegalArgumentException.class,
                () -> SpectralDepth.of(img, new SpectralDepth.Window(50, 0, 60, 100, new float[60 * 100]), POOL));
    }
}
