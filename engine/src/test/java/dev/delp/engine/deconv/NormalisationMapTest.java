package dev.delp.engine.deconv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The folded normalisation map returns, for every work voxel, the same {@code 1/w} as the
 * unfolded one, for a PSF symmetric in every axis; {@code w} is computed here by brute-force
 * periodic correlation of the image mask (double precision, independent of the FFT).
 */
class NormalisationMapTest {
    @Test
    void foldedMapEqualsTheFullOneForASymmetricPsf() {
        // image 11x8x5 (odd/even mixes), psf 5x3x3, work = image + psf - 1 rounded up a bit
        int iw = 11, ih = 8, id = 5, pw = 5, ph = 3, pd = 3;
        for (int[] work : new int[][] {{15, 10, 7}, {16, 12, 8}}) {
            Grid g = new Grid(iw, ih, id, pw, ph, pd, work[0], work[1], work[2]);
            int stride = work[0] + 3; // padded rows, like the in-place FFT's
            float[] w = weights(g, stride, separable(pw, ph, pd));
            NormalisationMap full = new NormalisationMap(g, w, stride, 1e-4f, false, false, false);
            NormalisationMap folded = new NormalisationMap(g, w, stride, 1e-4f, true, true, true);
            float[] a = new float[full.scratchLength()];
            float[] b = new float[folded.scratchLength()];
            for (int r = 0; r < g.workRows(); r++) {
                full.row(r, a);
                folded.row(r, b);
                for (int x = 0; x < g.workWidth(); x++) {
                    float wv = w[r * stride + x];
                    float expected = wv >= 1e-4f ? 1f / wv : 0f;
                    // the folded map reads the mirror voxel's w: equal up to double->float rounding
                    assertEquals(expected, b[x], 1e-6f * Math.max(1f, expected), "row " + r + " x " + x);
                    assertEquals(expected, a[x], 1e-6f * Math.max(1f, expected), "row " + r + " x " + x);
                }
            }
            assertTrue(folded.bytes() < full.bytes() / 4, folded.bytes() + " vs " + full.bytes());
        }
    }

    @Test
    void axisFoldPairsMirrorCoordinates() {
        for (int[] c : new int[][] {{16, 11}, {15, 11}, {16, 10}, {9, 9}, {1, 1}}) {
            AxisFold f = new AxisFold(c[0], c[1], true);
            for (int p = 0; p < c[0]; p++) {
                int mirror = Math.floorMod(c[1] - 1 - p, c[0]);
                assertEquals(f.stored[p], f.stored[mirror], "work " + c[0] + " image " + c[1] + " p " + p);
            }
            assertTrue(f.size <= c[0] / 2 + 1, "size " + f.size);
        }
    }

    private static double[] separable(int pw, int ph, int pd) {
        double[] h = new double[pw * ph * pd];
        double s = 0;
        for (int z = 0; z < pd; z++) {
            for (int y = 0; y < ph; y++) {
                for (int x = 0; x < pw; x++) {
                    double v = Math.exp(-Math.pow(x - pw / 2, 2) / 3 - Math.pow(y - ph / 2, 2) / 2 - Math.pow(z - pd / 2, 2));
                    h[x + pw * (y + ph * z)] = v;
                    s += v;
                }
            }
        }
        for (int i = 0; i < h.length; i++) {
            h[i] /= s;
        }
        return h;
    }

    /** w(p) = Σ_q h(q) mask(p + q − c) on the periodic work volume, in padded rows. */
    private static float[] weights(Grid g, int stride, double[] h) {
        int W = g.workWidth(), H = g.workHeight(), D = g.workDepth();
        int pw = g.psfWidth(), ph = g.psfHeight(), pd = g.psfDepth();
        float[] w = new float[stride * H * D];
        for (int z = 0; z < D; z++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double s = 0;
                    for (int k = 0; k < pd; k++) {
                        for (int j = 0; j < ph; j++) {
                            for (int i = 0; i < pw; i++) {
                                int mx = Math.floorMod(x + i - pw / 2, W);
                                int my = Math.floorMod(y + j - ph / 2, H);
                                int mz = Math.floorMod(z + k - pd / 2, D);
                                if (mx < g.imageWidth() && my < g.imageHeight() && mz < g.imageDepth()) {
                                    s += h[i + pw * (j + ph * k)];
                                }
                            }
                        }
                    }
                    w[x + stride * (y + H * z)] = (float) s;
                }
            }
        }
        return w;
    }
}
