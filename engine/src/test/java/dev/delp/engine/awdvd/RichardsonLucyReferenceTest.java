package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Reflect;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * Both RL implementations against a brute-force double-precision implementation of the same
 * iteration (Bertero–Boccacci boundary, Nagy–O'Leary operator) written with direct sums.
 */
class RichardsonLucyReferenceTest {
    private static final int W = 23, H = 19;

    @Test
    void patchRlMatchesDirectDoubleReference() {
        Image2d psf = TestSupport.gaussian(1.3, 4);
        float[] y = TestSupport.noisy(TestSupport.blurReflect(TestSupport.specimen(W, H, 3), W, H, psf), 5, 11);
        for (RlStart start : RlStart.values()) {
            RlPatchDeconvolver rl = new RlPatchDeconvolver(level -> psf, start);
            for (int iterations : new int[] {1, 3}) {
                float[] got = rl.deconvolve(y, W, H, 2, iterations, ForkJoinPool.commonPool());
                double[] ref = reference(y, new Image2d[] {psf}, new float[][] {ones()}, iterations, start);
                assertClose(ref, got, "patch RL from " + start + ", " + iterations + " iterations");
            }
        }
        // zero iterations pass the region through whatever the start
        assertEquals(0, java.util.Arrays.compare(y, new RlPatchDeconvolver(level -> psf).deconvolve(y, W, H, 2, 0,
                ForkJoinPool.commonPool())));
    }

    @Test
    void variantRlMatchesDirectDoubleReferenceWithTwoPsfsAndBackground() {
        Image2d a = TestSupport.gaussian(0.9, 2);
        Image2d b = TestSupport.gaussian(2.0, 5);
        float[] y = TestSupport.noisy(TestSupport.blurReflect(TestSupport.specimen(W, H, 5), W, H, b), 5, 12);
        // three smooth maps summing to 1: level 1 on the left, level 6 on the right, bg in the middle rows
        float[][] maps = new float[3][W * H];
        for (int j = 0; j < H; j++) {
            for (int i = 0; i < W; i++) {
                float bg = j > 8 && j < 12 ? 0.3f : 0f;
                float t = i / (float) (W - 1);
                maps[0][i + W * j] = (1 - bg) * (1 - t);
                maps[1][i + W * j] = (1 - bg) * t;
                maps[2][i + W * j] = bg;
            }
        }
        WeightMaps wm = WeightMapsAccess.of(W, H, new int[] {1, 6, PatchClassifier.BG}, maps);
        PsfSource psfs = level -> level == 1 ? a : b;
        for (RlStart start : new RlStart[] {RlStart.DATA, RlStart.FLAT}) {
            float[] got = VariantRichardsonLucy.deconvolve(y, wm, psfs, RegionStops.perClass(wm, IterationPolicy.fixed(3)),
                    start, ForkJoinPool.commonPool(), AwdvdProgress.NONE);
            double[] ref = reference(y, new Image2d[] {a, b, null}, maps, 3, start);
            // per-region stopping: background gets 0 iterations, so its share of the output is the data
            for (int p = 0; p < ref.length; p++) {
                ref[p] = (maps[0][p] + maps[1][p]) * ref[p] + maps[2][p] * y[p];
            }
            assertClose(ref, got, "variant RL from " + start);
        }
    }

    @Test
    void invariantModeEqualsPatchRlOnTheWholeImage() {
        Image2d psf = TestSupport.gaussian(1.7, 5);
        float[] y = TestSupport.noisy(TestSupport.blurReflect(TestSupport.specimen(W, H, 8), W, H, psf), 5, 13);
        // both default to the flat start
        float[] whole = VariantRichardsonLucy.deconvolve(y, WeightMaps.single(W, H, 4), level -> psf,
                IterationPolicy.fixed(4), ForkJoinPool.commonPool(), AwdvdProgress.NONE);
        float[] patch = new RlPatchDeconvolver(level -> psf).deconvolve(y, W, H, 4, 4, ForkJoinPool.commonPool());
        double[] asDouble = new double[patch.length];
        for (int i = 0; i < patch.length; i++) {
            asDouble[i] = patch[i];
        }
        assertClose(asDouble, whole, "invariant vs patch RL");
    }

    private static float[] ones() {
        float[] o = new float[W * H];
        java.util.Arrays.fill(o, 1f);
        return o;
    }

    /**
     * Direct double RL: data on D (W x H), object on D grown by r = the largest radius,
     * (A x)(p) = Σ_c w_c(p) Σ_q h_c(p - q) x(q) (null PSF = identity), x ← x · Aᵀ(y/Ax) / Aᵀ1 where
     * Aᵀ1 > 1e-4 (else 0); start from the data mirrored into the border ring, or flat at the data's mean.
     */
    static double[] reference(float[] y, Image2d[] psfs, float[][] maps, int iterations, RlStart start) {
        int r = 0;
        for (Image2d p : psfs) {
            if (p != null) {
                r = Math.max(r, p.width() / 2);
            }
        }
        int ew = W + 2 * r, eh = H + 2 * r;
        double[] norm = adjoint(ones(W * H), psfs, maps, r);
        double[] x = new double[ew * eh];
        for (int j = 0; j < eh; j++) {
            for (int i = 0; i < ew; i++) {
                x[i + ew * j] = norm[i + ew * j] > 1e-4 ? y[Reflect.index(i - r, W) + W * Reflect.index(j - r, H)] : 0;
            }
        }
        if (start == RlStart.FLAT) {
            double mean = 0;
            for (float v : y) {
                mean += Math.max(0, v);
            }
            mean /= y.length;
            for (int q = 0; q < x.length; q++) {
                x[q] = norm[q] > 1e-4 ? mean : 0;
            }
        }
        for (int it = 0; it < iterations; it++) {
            double[] ratio = new double[W * H];
            for (int j = 0; j < H; j++) {
                for (int i = 0; i < W; i++) {
                    double ax = 0;
                    for (int c = 0; c < psfs.length; c++) {
                        double wc = maps[c][i + W * j];
                        Image2d h = psfs[c];
                        if (h == null) {
                            ax += wc * x[i + r + ew * (j + r)];
                            continue;
                        }
                        int rc = h.width() / 2;
                        double s = 0;
                        for (int v = -rc; v <= rc; v++) {
                            for (int u = -rc; u <= rc; u++) {
                                // q = p - (u, v); h index (u + rc, v + rc)
                                s += h.get(u + rc, v + rc) * x[(i + r - u) + ew * (j + r - v)];
                            }
                        }
                        ax += wc * s;
                    }
                    ratio[i + W * j] = ax > 0 ? Math.max(0, y[i + W * j]) / ax : 0;
                }
            }
            double[] corr = adjoint(ratio, psfs, maps, r);
            for (int q = 0; q < x.length; q++) {
                x[q] = norm[q] > 1e-4 ? x[q] * corr[q] / norm[q] : 0;
            }
        }
        double[] out = new double[W * H];
        for (int j = 0; j < H; j++) {
            for (int i = 0; i < W; i++) {
                out[i + W * j] = x[i + r + ew * (j + r)];
            }
        }
        return out;
    }

    private static double[] ones(int n) {
        double[] o = new double[n];
        java.util.Arrays.fill(o, 1);
        return o;
    }

    private static double[] adjoint(double[] v, Image2d[] psfs, float[][] maps, int r) {
        int ew = W + 2 * r, eh = H + 2 * r;
        double[] out = new double[ew * eh];
        for (int j = 0; j < H; j++) {
            for (int i = 0; i < W; i++) {
                for (int c = 0; c < psfs.length; c++) {
                    double a = maps[c][i + W * j] * v[i + W * j];
                    Image2d h = psfs[c];
                    if (h == null) {
                        out[i + r + ew * (j + r)] += a;
                        continue;
                    }
                    int rc = h.width() / 2;
                    for (int vv = -rc; vv <= rc; vv++) {
                        for (int u = -rc; u <= rc; u++) {
                            out[(i + r - u) + ew * (j + r - vv)] += h.get(u + rc, vv + rc) * a;
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Float FFT convolution carries ~1e-6 relative error per operation; a few RL iterations
     * compound it to ~1e-5 of the image maximum, so 2e-4 of the maximum leaves a wide margin while
     * any indexing or adjoint mistake (errors of order 1e-1) fails.
     */
    private static void assertClose(double[] ref, float[] got, String what) {
        double max = 0;
        for (double v : ref) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0);
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            worst = Math.max(worst, Math.abs(ref[i] - got[i]));
        }
        assertEquals(0, worst / max, 2e-4, what + ": worst error " + worst + " of max " + max);
    }
}
