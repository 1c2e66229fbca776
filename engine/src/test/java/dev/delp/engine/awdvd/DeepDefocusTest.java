package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Reflect;
import dev.delp.engine.simulate.ForwardModel;
import dev.delp.engine.simulate.NoiseModel;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.psf.Optics;
import dev.delp.psf.Psf2d;
import dev.delp.psf.PsfBank;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class DeepDefocusTest {
    private static final ForkJoinPool POOL = ForkJoinPool.commonPool();
    private static final int P = 84;

    /** A classifier that answers {@code level} for every window and records what it was shown. */
    private static PatchClassifier answering(int level, List<float[]> seen) {
        return (patches, p, n, pool) -> {
            float[][] out = new float[n][PatchClassifier.CLASSES];
            for (int i = 0; i < n; i++) {
                seen.add(java.util.Arrays.copyOfRange(patches, i * p * p, (i + 1) * p * p));
                out[i][level] = 1f;
            }
            return out;
        };
    }

    private static DefocusMap map(int w, int h, int deepPatches) {
        PatchGrid g = PatchGrid.of(w, h, 42);
        int[] labels = new int[g.count()];
        for (int i = 0; i < deepPatches; i++) {
            labels[i] = 10;
        }
        return DefocusMap.ofLabels(g, labels);
    }

    @Test
    void binnedLevelTimesTwoStepsIsTheDepthWhenClearlyBeyondLevelTen() {
        Image2d img = new Image2d(200, 170, new float[200 * 170]);
        List<float[]> seen = new ArrayList<>();
        assertEquals(32.0, DeepDefocus.binnedUm(img, map(200, 170, 3), answering(8, seen), 2.0, POOL).getAsDouble());
        assertEquals(3, seen.size(), "one binned window per level-10 patch");
        // level 10's own depth reads as binned 5, and readings scatter: below 7 is no evidence of "deeper"
        assertFalse(DeepDefocus.binnedUm(img, map(200, 170, 3), answering(6, seen), 2.0, POOL).isPresent());
        assertEquals(28.0, DeepDefocus.binnedUm(img, map(200, 170, 3), answering(7, seen), 2.0, POOL).getAsDouble());
        assertEquals(40.0, DeepDefocus.binnedUm(img, map(200, 170, 3), answering(10, seen), 2.0, POOL).getAsDouble());
        assertEquals(48.0, DeepDefocus.binnedUm(img, map(200, 170, 1), answering(8, seen), 3.0, POOL).getAsDouble());
    }

    @Test
    void nothingToReadGivesNoDepth() {
        Image2d img = new Image2d(200, 170, new float[200 * 170]);
        List<float[]> seen = new ArrayList<>();
        assertFalse(DeepDefocus.binnedUm(img, map(200, 170, 0), answering(8, seen), 2.0, POOL).isPresent());
        assertTrue(seen.isEmpty(), "no level-10 patch: the classifier is not asked");
        assertFalse(DeepDefocus.binnedUm(img, map(200, 170, 2), answering(PatchClassifier.BG, seen), 2.0, POOL)
                .isPresent());
    }

    @Test
    void manyWindowsAreClassifiedInBoundedBatches() {
        int w = 84 + 42 * 19, h = 84 + 42 * 15; // 20 x 16 = 320 patches, all level 10
        Image2d img = new Image2d(w, h, new float[w * h]);
        List<Integer> calls = new ArrayList<>();
        PatchClassifier cls = (patches, p, n, pool) -> {
            assertEquals(n * p * p, patches.length);
            calls.add(n);
            float[][] out = new float[n][PatchClassifier.CLASSES];
            for (int i = 0; i < n; i++) {
                out[i][9] = 1f;
            }
            return out;
        };
        DefocusMap m = map(w, h, PatchGrid.of(w, h, 42).count());
        assertEquals(320, m.count());
        assertEquals(36.0, DeepDefocus.binnedUm(img, m, cls, 2.0, POOL).getAsDouble());
        assertEquals(List.of(256, 64), calls);
    }

    @Test
    void lowerMedianOfTheReadings() {
        Image2d img = new Image2d(300, 170, new float[300 * 170]);
        int[] answers = {9, 7, 11, 10, 8}; // bg (11) left out: 7, 8, 9, 10 -> lower median 8
        PatchClassifier cls = (patches, p, n, pool) -> {
            float[][] out = new float[n][PatchClassifier.CLASSES];
            for (int i = 0; i < n; i++) {
                out[i][answers[i]] = 1f;
            }
            return out;
        };
        assertEquals(32.0, DeepDefocus.binnedUm(img, map(300, 170, 5), cls, 2.0, POOL).getAsDouble());
    }

    @Test
    void windowsAreTwiceThePatchAroundItsCentreAveragedTwoByTwoAndMirrored() {
        int w = 130, h = 100; // smaller than a 168-px window: mirrored more than once
        float[] d = new float[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i % w) * 1000 + i / w;
        }
        Image2d img = new Image2d(w, h, d);
        List<float[]> seen = new ArrayList<>();
        DefocusMap m = map(w, h, 1);
        DeepDefocus.binnedUm(img, m, answering(8, seen), 2.0, POOL);
        int cx = m.grid().patchX(0) + P / 2, cy = m.grid().patchY(0) + P / 2;
        float[] win = seen.get(0);
        for (int y = 0; y < P; y++) {
            for (int x = 0; x < P; x++) {
                double s = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        s += d[Reflect.index(cx - P + 2 * x + dx, w) + w * Reflect.index(cy - P + 2 * y + dy, h)];
                    }
                }
                assertEquals(s / 4, win[x + P * y], 1e-3 * Math.abs(s / 4) + 1e-6, "(" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        Image2d img = new Image2d(200, 170, new float[200 * 170]);
        List<float[]> seen = new ArrayList<>();
        assertThrows(IllegalArgumentException.class,
                () -> DeepDefocus.binnedUm(img, map(200, 170, 1), answering(8, seen), 0, POOL));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeepDefocus.binnedUm(new Image2d(210, 170, new float[210 * 170]), map(200, 170, 1),
                        answering(8, seen), 2.0, POOL));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    /**
     * The shipped DelpNet on a procedural nucleus field blurred 32 µm deep (1,000 photons): the binned
     * look reads it within one binned level (±4 µm), where the map alone says only "20 µm or more".
     */
    @Test
    void shippedNetworkReadsA32MicronBlur() throws Exception {
        DelpNetClassifier net = DelpNetClassifier.loadDefault();
        Optics optics = net.optics();
        PsfBank bank = new PsfBank(optics, 0);
        int w = 336, h = 336;
        Image2d truth = new SpecimenGenerator().generate(w, h, SpecimenGenerator.Family.NUCLEI, 21);
        Psf2d psf = bank.psf(32);
        Image2d blurred = new ForwardModel().blur(truth, new Image2d(psf.size(), psf.size(), psf.values()), POOL);
        Image2d counts = ForwardModel.observe(blurred, blurred.max(), new NoiseModel(1000, 2, 100),
                new SplittableRandom(5));
        Awdvd aw = Awdvd.of(net, BornWolfLevels.of(optics));
        DefocusMap map = DefocusMapFilter.filter(aw.classify(counts, 42, POOL, AwdvdProgress.NONE));
        OptionalDouble z = DeepDefocus.binnedUm(counts, map, net, optics.stepUm(), POOL);
        assertTrue(z.isPresent(), "level-10 patches expected");
        assertTrue(Math.abs(z.getAsDouble() - 32) <= 4, "read " + z.getAsDouble() + " µm for a 32 µm blur");

        // the pipeline restores level 10 at that depth, and better than at level 10's nominal 20 µm
        // (a PSF source that is not BornWolfLevels keeps the nominal PSFs); case (i) and 30 iterations
        // keep the test short
        AwdvdOptions o = AwdvdOptions.defaults().withStride(84).withIterations(30).withOffset(100f);
        DefocusMap coarse = aw.classify(counts, 84, POOL, AwdvdProgress.NONE);
        AwdvdResult deep = aw.deconvolve(counts, coarse, o, POOL, AwdvdProgress.NONE);
        BornWolfLevels nominalLevels = BornWolfLevels.of(optics);
        PsfSource nominal = nominalLevels::psf;
        AwdvdResult flat = new Awdvd(net, nominal, new RlPatchDeconvolver(nominal), IterationTables.defaultPolicy())
                .deconvolve(counts, coarse, o, POOL, AwdvdProgress.NONE);
        assertTrue(Math.abs(deep.deepestUm() - 32) <= 4, "restored at " + deep.deepestUm() + " µm");
        assertTrue(Double.isNaN(flat.deepestUm()));
        double range = truth.max() - truth.min();
        double gainDb = psnr(truth, deep.image(), blurred.max()) - psnr(truth, flat.image(), blurred.max());
        assertTrue(gainDb > 3, "deep PSF gains " + gainDb + " dB over the nominal one (range " + range + ")");
    }

    /** PSNR of restored counts (offset 100, 1,000 photons at {@code reference}) against the truth. */
    private static double psnr(Image2d truth, Image2d counts, double reference) {
        double se = 0, lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        float[] t = truth.data(), c = counts.data();
        for (int i = 0; i < t.length; i++) {
            double v = (c[i] - 100) * reference / 1000;
            se += (v - t[i]) * (v - t[i]);
            lo = Math.min(lo, t[i]);
            hi = Math.max(hi, t[i]);
        }
        return 10 * Math.log10((hi - lo) * (hi - lo) / (se / t.length));
    }
}
