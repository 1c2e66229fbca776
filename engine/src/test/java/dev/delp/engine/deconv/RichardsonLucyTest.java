package dev.delp.engine.deconv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.conv.Blur;
import dev.delp.engine.conv.OtfCache;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Stack3d;
import dev.delp.engine.testio.TestPsfs;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class RichardsonLucyTest {
    private static final ForkJoinPool POOL = ForkJoinPool.commonPool();

    private static Image2d randomImage(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Image2d im = Image2d.zeros(w, h);
        for (int i = 0; i < im.size(); i++) {
            im.data()[i] = (float) (10 + 90 * r.nextDouble());
        }
        return im;
    }

    /**
     * The error bar of a comparison with the reference: 1e-4 of the peak (float FFTs), plus for
     * Biggs–Andrews what the bfloat16 state can legitimately add — a value within float round-off
     * of a bfloat16 rounding boundary rounds differently in float and in double, which moves the
     * prediction at that voxel by at most one bfloat16 step (2⁻⁷ relative) of {@code α·(x_k − x_{k−1})}
     * ({@link ReferenceRl#roundingFlipBound}).
     */
    private static double tolerance(ReferenceRl ref, double[] image) {
        double peak = 0;
        for (double v : image) {
            peak = Math.max(peak, Math.abs(v));
        }
        return 1e-4 + ref.roundingFlipBound / peak;
    }

    /** {@code ‖fast − ref‖₂ / ‖ref‖₂}: a flipped bfloat16 rounding at a few voxels barely moves it. */
    private static double rmsRelative(float[] fast, double[] ref) {
        double e = 0;
        double n = 0;
        for (int i = 0; i < ref.length; i++) {
            e += (fast[i] - ref[i]) * (fast[i] - ref[i]);
            n += ref[i] * ref[i];
        }
        return Math.sqrt(e / n);
    }

    private static double maxRelative(float[] fast, double[] ref) {
        double maxRef = 0;
        double maxErr = 0;
        for (int i = 0; i < ref.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(ref[i]));
            maxErr = Math.max(maxErr, Math.abs(fast[i] - ref[i]));
        }
        return maxErr / maxRef;
    }

    @Test
    void zeroIterationsReturnTheImageUnchanged() {
        // not the flat start estimate: `delp deconvolve --level L --iterations 0` wrote a constant image
        Image2d y = randomImage(20, 17, 5);
        Image2d out = new RichardsonLucy(RlOptions.plain()).deconvolve(y, TestPsfs.gaussian2d(5, 1.2),
                StopRule.iterations(0), RlProgress.NONE, POOL);
        assertArrayEquals(y.data(), out.data());
        assertTrue(out.data() != y.data(), "a copy");
        Stack3d s = new Stack3d(6, 5, 4, randomImage(6, 20, 7).data());
        Stack3d o = new RichardsonLucy(RlOptions.biggsAndrews()).deconvolve(s, TestPsfs.gaussian3d(5, 3, 1.0, 0.8),
                StopRule.iterations(0), RlProgress.NONE, POOL);
        assertArrayEquals(s.data(), o.data());
    }

    @Test
    void plainAndAcceleratedMatchBruteForce2d() {
        // Float FFTs of ~1e3-point grids carry ~1e-6 relative error per transform; 4 transforms
        // per iteration over 5 iterations stays well inside the 1e-4 bar of the issue.
        // The skewed PSF exercises the general storages (complex OTF, unfolded normalisation map),
        // the Gaussian the folded ones (quadrant OTF, map folded in x and y).
        int[][] shapes = {{13, 11}, {20, 17}, {8, 8}, {12, 9}};
        for (int[] s : shapes) {
            Image2d y = randomImage(s[0], s[1], s[0]);
            Image2d psf = s[0] == 12 ? TestPsfs.gaussian2d(5, 1.2) : TestPsfs.skewed2d(5, 1.2);
            for (boolean acc : new boolean[] {false, true}) {
                ReferenceRl ref = new ReferenceRl(y.data(), s[0], s[1], 1, psf.data(), 5, 5, 1, 1e-4);
                RichardsonLucy rl = new RichardsonLucy(acc ? RlOptions.biggsAndrews() : RlOptions.plain());
                for (int k = 1; k <= 5; k++) {
                    if (acc) {
                        ref.accelerated(true); // the engine keeps the Biggs–Andrews state in bfloat16
                    } else {
                        ref.plain();
                    }
                    Image2d out = rl.deconvolve(y, psf, StopRule.iterations(k), RlProgress.NONE, POOL);
                    double err = maxRelative(out.data(), ref.image());
                    double tol = tolerance(ref, ref.image());
                    assertTrue(err < tol, "2D " + y.shape() + (acc ? " accelerated" : " plain") + " iteration " + k
                            + ": relative error " + err + " > " + tol);
                    double rms = rmsRelative(out.data(), ref.image());
                    assertTrue(rms < 1e-4, "2D " + y.shape() + " iteration " + k + ": rms relative error " + rms);
                }
            }
        }
    }

    @Test
    void plainAndAcceleratedMatchBruteForce3d() {
        SplittableRandom r = new SplittableRandom(3);
        int w = 9;
        int h = 8;
        int d = 5;
        float[] data = new float[w * h * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (5 + 50 * r.nextDouble());
        }
        Stack3d y = new Stack3d(w, h, d, data);
        // skewed in x and z (complex OTF, map folded in y only), then mirror-symmetric (octant OTF,
        // map folded in every axis)
        for (Stack3d psf : new Stack3d[] {TestPsfs.gaussian3d(5, 3, 1.0, 0.8), symmetric3d(5, 3, 1.0, 0.8)}) {
            for (boolean acc : new boolean[] {false, true}) {
                ReferenceRl ref = new ReferenceRl(data, w, h, d, psf.data(), 5, 5, 3, 1e-4);
                RichardsonLucy rl = new RichardsonLucy(acc ? RlOptions.biggsAndrews() : RlOptions.plain());
                for (int k = 1; k <= 4; k++) {
                    if (acc) {
                        ref.accelerated(true);
                    } else {
                        ref.plain();
                    }
                    Stack3d out = rl.deconvolve(y, psf, StopRule.iterations(k), RlProgress.NONE, POOL);
                    double err = maxRelative(out.data(), ref.image());
                    double tol = tolerance(ref, ref.image());
                    assertTrue(err < tol, "3D" + (acc ? " accelerated" : " plain") + " iteration " + k + ": " + err + " > " + tol);
                    double rms = rmsRelative(out.data(), ref.image());
                    assertTrue(rms < 1e-4, "3D iteration " + k + ": rms relative error " + rms);
                }
            }
        }
    }

    /** A Gaussian PSF symmetric in every axis (sum 1). */
    static Stack3d symmetric3d(int size, int depth, double sigma, double sigmaZ) {
        float[] v = new float[size * size * depth];
        double s = 0;
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double dx = x - size / 2;
                    double dy = y - size / 2;
                    double dz = z - depth / 2;
                    double g = Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma) - dz * dz / (2 * sigmaZ * sigmaZ));
                    v[x + size * (y + size * z)] = (float) g;
                    s += g;
                }
            }
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) s;
        }
        return new Stack3d(size, size, depth, v);
    }

    @Test
    void acceleratedExtrapolatesAfterTwoIterations() {
        Image2d y = randomImage(16, 16, 4);
        List<RlProgress.Report> reports = new ArrayList<>();
        new RichardsonLucy(RlOptions.biggsAndrews()).deconvolve(y, TestPsfs.gaussian2d(5, 1), StopRule.iterations(6),
                reports::add, POOL);
        assertEquals(6, reports.size());
        assertEquals(0, reports.get(0).alpha());
        assertEquals(0, reports.get(1).alpha());
        assertTrue(reports.get(3).alpha() > 0, "alpha " + reports.get(3).alpha());
    }

    @Test
    void pointSourcesSharpenAndResidualFallsMonotonically() {
        Image2d truth = Image2d.zeros(64, 64);
        truth.set(20, 22, 1000);
        truth.set(40, 30, 600);
        truth.set(33, 45, 800);
        Image2d psf = TestPsfs.gaussian2d(15, 2.0);
        OtfCache cache = new OtfCache(4);
        Image2d y = Blur.reflect(truth, psf, cache, POOL);
        RichardsonLucy rl = new RichardsonLucy(RlOptions.plain());
        // RL starts from a flat estimate, so iteration 1 is the first state compared.
        double lastPeak = 0;
        double lastResidual = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= 12; k++) {
            Image2d x = rl.deconvolve(y, psf, StopRule.iterations(k), RlProgress.NONE, POOL);
            double peak = x.max();
            double res = residual(x, y, psf, cache);
            assertTrue(peak > lastPeak, "peak must rise at iteration " + k + ": " + peak + " <= " + lastPeak);
            assertTrue(res < lastResidual, "residual must fall at iteration " + k + ": " + res + " >= " + lastResidual);
            lastPeak = peak;
            lastResidual = res;
        }
        assertTrue(lastPeak > 3 * y.max(), "12 iterations sharpen the points well: " + lastPeak + " vs " + y.max());
    }

    private static double residual(Image2d x, Image2d y, Image2d psf, OtfCache cache) {
        // Objects are far from the border and the background is 0, so the mirrored blur of the
        // cropped estimate equals the extended-domain model here.
        Image2d b = Blur.reflect(x, psf, cache, POOL);
        double s = 0;
        for (int i = 0; i < y.size(); i++) {
            double d = y.data()[i] - b.data()[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    @Test
    void blurredFlatFieldStaysFlatIncludingBorders() {
        for (RlOptions opt : new RlOptions[] {RlOptions.plain(), RlOptions.biggsAndrews()}) {
            Image2d y = Image2d.filled(67, 45, 250f); // a blurred flat field is flat
            Image2d x = new RichardsonLucy(opt).deconvolve(y, TestPsfs.skewed2d(21, 3.5), StopRule.iterations(25),
                    RlProgress.NONE, POOL);
            assertEquals(250, x.min(), 2.5, "flat to 1 % at every pixel (min)");
            assertEquals(250, x.max(), 2.5, "flat to 1 % at every pixel (max)");
        }
        Stack3d s = Stack3d.filled(12, 10, 7, 40f);
        Stack3d xs = new RichardsonLucy(RlOptions.plain()).deconvolve(s, TestPsfs.gaussian3d(7, 5, 1.5, 1.2),
                StopRule.iterations(15), RlProgress.NONE, POOL);
        for (float v : xs.data()) {
            assertEquals(40, v, 0.4);
        }
    }

    @Test
    void fluxIsPreservedAwayFromEdges() {
        Image2d truth = Image2d.filled(96, 80, 5f);
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < 40; i++) {
            int x = 25 + r.nextInt(46);
            int y = 25 + r.nextInt(30);
            truth.set(x, y, truth.get(x, y) + 300);
        }
        Image2d psf = TestPsfs.gaussian2d(13, 2);
        Image2d y = Blur.reflect(truth, psf, new OtfCache(2), POOL);
        for (RlOptions opt : new RlOptions[] {RlOptions.plain(), RlOptions.biggsAndrews(), RlOptions.plain().withTv(0.002)}) {
            Image2d x = new RichardsonLucy(opt).deconvolve(y, psf, StopRule.iterations(30), RlProgress.NONE, POOL);
            assertEquals(y.sum(), x.sum(), 1e-3 * y.sum(), "flux with " + opt);
        }
    }

    @Test
    void guardsAndEdgeCases() {
        Image2d psf = TestPsfs.gaussian2d(5, 1);
        RichardsonLucy rl = new RichardsonLucy(RlOptions.plain());
        Image2d bad = Image2d.filled(10, 10, 1);
        bad.set(3, 4, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rl.deconvolve(bad, psf, StopRule.iterations(3), RlProgress.NONE, POOL));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("10x10"), e.getMessage());
        Image2d zeros = Image2d.zeros(10, 10);
        assertEquals(0, rl.deconvolve(zeros, psf, StopRule.iterations(3), RlProgress.NONE, POOL).max());
        Image2d negPsf = psf.copy();
        negPsf.data()[0] = -1;
        assertThrows(IllegalArgumentException.class,
                () -> rl.deconvolve(Image2d.filled(8, 8, 1), negPsf, StopRule.iterations(1), RlProgress.NONE, POOL));
        // A single bright pixel on zero background: no NaN, no negative values.
        Image2d spike = Image2d.zeros(9, 9);
        spike.set(4, 4, 1e6f);
        Image2d out = new RichardsonLucy(RlOptions.biggsAndrews()).deconvolve(spike, psf, StopRule.iterations(20),
                RlProgress.NONE, POOL);
        for (float v : out.data()) {
            assertTrue(Float.isFinite(v) && v >= 0);
        }
        // 1x1 image, PSF larger than the image.
        assertEquals(7f, rl.deconvolve(Image2d.filled(1, 1, 7), psf, StopRule.iterations(4), RlProgress.NONE, POOL)
                .get(0, 0), 1e-4);
    }

    @Test
    void toleranceStopsEarlyAndReportsEveryIteration() {
        Image2d y = Blur.reflect(randomImage(40, 40, 9), TestPsfs.gaussian2d(9, 1.5), new OtfCache(2), POOL);
        List<RlProgress.Report> reports = new ArrayList<>();
        new RichardsonLucy(RlOptions.plain()).deconvolve(y, TestPsfs.gaussian2d(9, 1.5),
                StopRule.tolerance(500, 1e-3), reports::add, POOL);
        assertTrue(reports.size() < 500, "stopped after " + reports.size());
        RlProgress.Report last = reports.get(reports.size() - 1);
        assertTrue(last.relativeChange() < 1e-3);
        for (int i = 0; i < reports.size(); i++) {
            assertEquals(i + 1, reports.get(i).iteration());
        }
    }

    @Test
    void sameBytesForOneAndTwoThreads() {
        Image2d y = Blur.reflect(randomImage(300, 260, 10), TestPsfs.gaussian2d(15, 2.5), new OtfCache(2), POOL);
        Stack3d s = Stack3d.of(y.crop(0, 0, 60, 60), y.crop(60, 0, 60, 60), y.crop(0, 60, 60, 60));
        for (RlOptions opt : new RlOptions[] {RlOptions.plain(), RlOptions.biggsAndrews().withTv(0.001)}) {
            float[][] results = new float[2][];
            float[][] results3 = new float[2][];
            for (int t = 1; t <= 2; t++) {
                ForkJoinPool pool = new ForkJoinPool(t);
                RichardsonLucy rl = new RichardsonLucy(opt);
                results[t - 1] = rl.deconvolve(y, TestPsfs.gaussian2d(15, 2.5), StopRule.tolerance(6, 1e-9),
                        RlProgress.NONE, pool).data();
                results3[t - 1] = rl.deconvolve(s, TestPsfs.gaussian3d(9, 3, 1.5, 1), StopRule.iterations(3),
                        RlProgress.NONE, pool).data();
                pool.shutdown();
            }
            assertArrayEquals(results[0], results[1]);
            assertArrayEquals(results3[0], results3[1]);
        }
    }

    /**
     * RL commutes with the data's scale, and by a power of two exactly: images of 1e36 overflowed the
     * FFTs and images of 1e-36 fell below the division guard (both came out all zeros), and TV's
     * epsilon floor switched TV off below a mean of ~1e-12.
     */
    @Test
    void anyScaleGivesTheSameBitsScaled() {
        Image2d y = Blur.reflect(randomImage(48, 40, 31), TestPsfs.gaussian2d(9, 1.5), new OtfCache(2), POOL);
        Stack3d s = Stack3d.of(y.crop(0, 0, 24, 20), y.crop(24, 0, 24, 20), y.crop(0, 20, 24, 20));
        for (RlOptions opt : new RlOptions[] {RlOptions.plain(), RlOptions.biggsAndrews(), RlOptions.plain().withTv(0.01),
            RlOptions.biggsAndrews().withTv(0.002)}) {
            RichardsonLucy rl = new RichardsonLucy(opt);
            float[] ref = rl.deconvolve(y, TestPsfs.gaussian2d(9, 1.5), StopRule.iterations(6), RlProgress.NONE, POOL).data();
            float[] ref3 = rl.deconvolve(s, TestPsfs.gaussian3d(5, 3, 1.2, 1), StopRule.iterations(3), RlProgress.NONE,
                    POOL).data();
            for (int k : new int[] {120, 60, -60, -120}) {
                float f = Math.scalb(1f, k);
                float[] out = rl.deconvolve(scaled(y, f), TestPsfs.gaussian2d(9, 1.5), StopRule.iterations(6),
                        RlProgress.NONE, POOL).data();
                float[] out3 = rl.deconvolve(new Stack3d(24, 20, 3, scaled(new Image2d(24, 60, s.data()), f).data()),
                        TestPsfs.gaussian3d(5, 3, 1.2, 1), StopRule.iterations(3), RlProgress.NONE, POOL).data();
                assertArrayEquals(scaled(new Image2d(48, 40, ref), f).data(), out, opt + " 2^" + k);
                assertArrayEquals(scaled(new Image2d(24, 60, ref3), f).data(), out3, opt + " 3D 2^" + k);
            }
        }
    }

    private static Image2d scaled(Image2d im, float f) {
        float[] d = im.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] *= f;
        }
        return new Image2d(im.width(), im.height(), d);
    }

    @Test
    void reusedWorkspaceGivesTheSameBytesAsAFreshOne() {
        // AWDVD deconvolves many patches on one thread: the cached workspace and normalisation map
        // must not leak state from one call into the next.
        Image2d psf = TestPsfs.gaussian2d(11, 2);
        Image2d a = randomImage(50, 40, 21);
        Image2d b = randomImage(50, 40, 22);
        RichardsonLucy shared = new RichardsonLucy(RlOptions.biggsAndrews());
        shared.deconvolve(a, psf, StopRule.iterations(7), RlProgress.NONE, POOL);
        Image2d reused = shared.deconvolve(b, psf, StopRule.iterations(7), RlProgress.NONE, POOL);
        Image2d fresh = new RichardsonLucy(RlOptions.biggsAndrews()).deconvolve(b, psf, StopRule.iterations(7),
                RlProgress.NONE, POOL);
        assertArrayEquals(fresh.data(), reused.data());
        Image2d otherPsf = shared.deconvolve(b, TestPsfs.gaussian2d(11, 1), StopRule.iterations(7), RlProgress.NONE, POOL);
        Image2d otherFresh = new RichardsonLucy(RlOptions.biggsAndrews()).deconvolve(b, TestPsfs.gaussian2d(11, 1),
                StopRule.iterations(7), RlProgress.NONE, POOL);
        assertArrayEquals(otherFresh.data(), otherPsf.data());
    }

    @Test
    void tvSmoothsNoiseComparedWithPlain() {
        SplittableRandom r = new SplittableRandom(12);
        Image2d truth = Image2d.filled(64, 64, 100f);
        for (int y = 20; y < 44; y++) {
            for (int x = 20; x < 44; x++) {
                truth.set(x, y, 300f);
            }
        }
        Image2d psf = TestPsfs.gaussian2d(9, 1.5);
        Image2d y = Blur.reflect(truth, psf, new OtfCache(2), POOL);
        for (int i = 0; i < y.size(); i++) {
            y.data()[i] += (float) (10 * (r.nextDouble() - 0.5));
        }
        Image2d plain = new RichardsonLucy(RlOptions.plain()).deconvolve(y, psf, StopRule.iterations(40),
                RlProgress.NONE, POOL);
        Image2d tv = new RichardsonLucy(RlOptions.plain().withTv(0.01)).deconvolve(y, psf, StopRule.iterations(40),
                RlProgress.NONE, POOL);
        assertTrue(roughness(tv) < roughness(plain), "TV must reduce roughness in the flat regions");
    }

    private static double roughness(Image2d im) {
        double s = 0;
        for (int y = 2; y < 16; y++) {
            for (int x = 2; x < 60; x++) {
                double d = im.get(x + 1, y) - im.get(x, y);
                s += d * d;
            }
        }
        return s;
    }
}
