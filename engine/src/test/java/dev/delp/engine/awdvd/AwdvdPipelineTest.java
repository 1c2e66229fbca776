package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class AwdvdPipelineTest {
    private static final ForkJoinPool ONE = new ForkJoinPool(1);
    private static final ForkJoinPool TWO = new ForkJoinPool(2);
    private static final PsfSource GAUSS = TestSupport.gaussianLevels();

    @AfterAll
    static void shutdown() {
        ONE.shutdown();
        TWO.shutdown();
    }

    private static Image2d random(int w, int h, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] d = new float[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rnd.nextDouble() * 4000);
        }
        return new Image2d(w, h, d);
    }

    @Test
    void identityDeconvolverReturnsTheInputExactly() {
        Awdvd awdvd = new Awdvd(PatchClassifier.constant(5), GAUSS, PatchDeconvolver.identity(),
                IterationPolicy.fixed(30));
        for (int[] s : new int[][] {{84, 84}, {85, 85}, {100, 100}, {167, 167}, {696, 520}}) {
            Image2d in = random(s[0], s[1], s[0] * 31L + s[1]);
            for (int stride : new int[] {42, 84}) {
                AwdvdResult r = awdvd.deconvolve(in, AwdvdOptions.defaults().withStride(stride), TWO, AwdvdProgress.NONE);
                assertArrayEquals(in.data(), r.image().data(), in.shape() + " stride " + stride);
            }
        }
    }

    /**
     * An image narrower or lower than a patch is not classified (a mirrored canvas gets levels that
     * are not in the specimen); with a given level the invariant mode needs no map and restores it,
     * as it would with that level's map given.
     */
    @Test
    void imagesSmallerThanAPatchAreNotClassifiedButRestoreWithAGivenLevel() {
        Awdvd awdvd = Awdvd.of(PatchClassifier.constant(5), GAUSS);
        Image2d strip = random(256, 20, 9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> awdvd.classify(strip, 42, TWO, AwdvdProgress.NONE));
        assertTrue(e.getMessage().contains("smaller than one 84x84"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> awdvd.deconvolve(strip, AwdvdOptions.defaults(), TWO, AwdvdProgress.NONE));

        AwdvdOptions level3 = AwdvdOptions.defaults().withMode(AwdvdOptions.Mode.INVARIANT).withInvariantLevel(3)
                .withIterations(10);
        AwdvdResult r = awdvd.deconvolve(strip, level3, TWO, AwdvdProgress.NONE);
        PatchGrid grid = PatchGrid.of(256, 20, 42);
        int[] threes = new int[grid.count()];
        java.util.Arrays.fill(threes, 3);
        AwdvdResult given = awdvd.deconvolve(strip, DefocusMap.ofLabels(grid, threes), level3, TWO, AwdvdProgress.NONE);
        assertEquals(3, r.levelUsed());
        assertArrayEquals(given.image().data(), r.image().data());
    }

    @Test
    void backgroundPassesThroughUnchangedInEveryMode() {
        Awdvd awdvd = Awdvd.of(PatchClassifier.constant(PatchClassifier.BG), GAUSS);
        Image2d in = random(130, 100, 3);
        for (AwdvdOptions.Mode mode : AwdvdOptions.Mode.values()) {
            AwdvdResult r = awdvd.deconvolve(in, AwdvdOptions.defaults().withMode(mode).withIterations(20), TWO,
                    AwdvdProgress.NONE);
            assertArrayEquals(in.data(), r.image().data(), mode.toString());
            assertTrue(r.map().allBackground());
        }
        // the invariant mode has no level to take from an all-background map; an explicit one still runs
        assertEquals(PatchClassifier.BG, awdvd.deconvolve(in, AwdvdOptions.defaults().withMode(AwdvdOptions.Mode.INVARIANT),
                TWO, AwdvdProgress.NONE).levelUsed());
        AwdvdResult level3 = awdvd.deconvolve(in, AwdvdOptions.defaults().withMode(AwdvdOptions.Mode.INVARIANT)
                .withInvariantLevel(3).withIterations(5), TWO, AwdvdProgress.NONE);
        assertEquals(3, level3.levelUsed());
        assertTrue(!java.util.Arrays.equals(in.data(), level3.image().data()), "level 3 given: deconvolved");
    }

    @Test
    void knownLevelImprovesPsnrInEveryMode() {
        int w = 200, h = 170, level = 4;
        float[] truth = TestSupport.specimen(w, h, 21);
        float[] blurred = TestSupport.blurReflect(truth, w, h, GAUSS.psf(level));
        Image2d in = new Image2d(w, h, TestSupport.noisy(blurred, 20, 5));
        double before = TestSupport.psnr(in.data(), truth);
        Awdvd awdvd = Awdvd.of(PatchClassifier.constant(level), GAUSS);
        for (AwdvdOptions o : new AwdvdOptions[] {AwdvdOptions.defaults(), AwdvdOptions.defaults().withStride(84),
                AwdvdOptions.defaults().withMode(AwdvdOptions.Mode.INTERPOLATED),
                AwdvdOptions.defaults().withMode(AwdvdOptions.Mode.INVARIANT)}) {
            AwdvdResult r = awdvd.deconvolve(in, o.withIterations(25), TWO, AwdvdProgress.NONE);
            double after = TestSupport.psnr(r.image().data(), truth);
            // measured ~ +4..5 dB; a wrong PSF orientation, margin or blend loses most of it
            assertTrue(after > before + 2.5, o + ": PSNR " + before + " -> " + after);
        }
    }

    @Test
    void blendedCaseLeavesNoSeamsWhereButtedPatchesDo() {
        int w = 336, h = 336;
        float[] truth = TestSupport.texture(w, h, 77);
        // level 2 left of x = 200, level 6 right of it (not on a patch border): spatially varying blur
        float[] a = TestSupport.blurReflect(truth, w, h, GAUSS.psf(2));
        float[] b = TestSupport.blurReflect(truth, w, h, GAUSS.psf(6));
        float[] mixed = new float[w * h];
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = (i % w) < 200 ? a[i] : b[i];
        }
        Image2d in = new Image2d(w, h, TestSupport.noisy(mixed, 50, 9));
        PatchClassifier byHalf = (patches, p, n, pool) -> {
            throw new AssertionError("map is given");
        };
        Awdvd awdvd = Awdvd.of(byHalf, GAUSS);
        double[] seams = new double[3];
        int k = 0;
        for (AwdvdOptions o : new AwdvdOptions[] {AwdvdOptions.defaults(), AwdvdOptions.defaults().withStride(84),
                AwdvdOptions.defaults().withMode(AwdvdOptions.Mode.INTERPOLATED)}) {
            PatchGrid g = PatchGrid.of(w, h, o.stride());
            int[] labels = new int[g.count()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = g.patchX(i) + 42 < 200 ? 2 : 6;
            }
            AwdvdResult r = awdvd.deconvolve(in, DefocusMap.ofLabels(g, labels), o.withIterations(30), TWO,
                    AwdvdProgress.NONE);
            seams[k++] = SeamScore.of(r.image().data(), PatchGrid.of(w, h, 84));
        }
        double truthSeam = SeamScore.of(truth, PatchGrid.of(w, h, 84));
        // On a 336x336 image the score of a seamless image still varies with content: moving the
        // grid by 7..77 px gives 0.8..1.3 for case (ii) and interpolated alike (measured), and the
        // truth itself scores 1.16. So: blended modes within 20 % of the truth's score (measured
        // 1.15x and 1.14x), butted case (i) at least twice it (measured 2.6x). The 5 % bar of the
        // issue is evaluated on larger images in the eval report.
        assertTrue(seams[0] < 1.2 * truthSeam, "case (ii) seam " + seams[0] + ", truth " + truthSeam);
        assertTrue(seams[2] < 1.2 * truthSeam, "interpolated seam " + seams[2] + ", truth " + truthSeam);
        assertTrue(seams[1] > 2 * truthSeam, "case (i) seam " + seams[1] + " should stand out, truth " + truthSeam);
    }

    @Test
    void resultsAreIdenticalForAnyThreadCount() {
        Image2d in = new Image2d(190, 150, TestSupport.noisy(
                TestSupport.blurReflect(TestSupport.specimen(190, 150, 4), 190, 150, GAUSS.psf(3)), 20, 2));
        PatchClassifier byPosition = (patches, p, n, pool) -> {
            float[][] out = new float[n][PatchClassifier.CLASSES];
            for (int i = 0; i < n; i++) {
                double mean = 0;
                for (int j = 0; j < p * p; j++) {
                    mean += patches[i * p * p + j];
                }
                int label = (int) (mean / (p * p)) % 7;
                out[i][label] = 0.7f;
                out[i][label + 1] = 0.3f;
            }
            return out;
        };
        Awdvd awdvd = Awdvd.of(byPosition, GAUSS);
        for (AwdvdOptions o : new AwdvdOptions[] {AwdvdOptions.defaults().withBatchPatches(5),
                AwdvdOptions.defaults().withMode(AwdvdOptions.Mode.INTERPOLATED)}) {
            AtomicInteger calls = new AtomicInteger();
            float[] one = awdvd.deconvolve(in, o.withIterations(8), ONE, (s, d, t) -> calls.incrementAndGet())
                    .image().data();
            float[] two = awdvd.deconvolve(in, o.withIterations(8), TWO, AwdvdProgress.NONE).image().data();
            assertArrayEquals(one, two, o.mode().toString());
            assertTrue(calls.get() >= 2, "progress reported");
        }
    }

    @Test
    void rejectsNonFiniteInputAndMismatchedMaps() {
        Awdvd awdvd = Awdvd.of(PatchClassifier.constant(1), GAUSS);
        float[] d = new float[100 * 100];
        d[4321] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> awdvd.deconvolve(new Image2d(100, 100, d), AwdvdOptions.defaults(), TWO, AwdvdProgress.NONE));
        assertTrue(e.getMessage().contains("(21, 43)"), e.getMessage());
        DefocusMap map = DefocusMap.ofLabels(PatchGrid.of(100, 100, 84), new int[4]);
        assertThrows(IllegalArgumentException.class, () -> awdvd.deconvolve(new Image2d(100, 100, new float[10000]),
                map, AwdvdOptions.defaults(), TWO, AwdvdProgress.NONE));
        assertThrows(IllegalArgumentException.class, () -> AwdvdOptions.defaults().withStride(0));
        assertThrows(IllegalArgumentException.class, () -> AwdvdOptions.defaults().withIterations(-2));
    }
}
