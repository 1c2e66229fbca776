package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ForkJoinPool;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The two awdvd RL paths run at a data peak in [1, 2) by a power of two and scale back: an image
 * scaled by {@code 2^k} gives the same bits scaled by {@code 2^k} (before, an image peaking at 1e-20
 * fell below the division guard and came out all zeros), and an ordinary image gives the bytes it
 * gave before the change (CRC-32 recorded from the code before it, both SIMD passes).
 */
class AwdvdRlScaleTest {
    private static final int W = 29, H = 23;
    private static final ForkJoinPool POOL = ForkJoinPool.commonPool();
    private static final Image2d PSF_A = TestSupport.gaussian(0.9, 2);
    private static final Image2d PSF_B = TestSupport.gaussian(2.0, 5);
    private static final PsfSource PSFS = level -> level == 1 ? PSF_A : PSF_B;

    /** A blurred noisy specimen peaking far from [1, 2) (so the scaling path runs). */
    private static float[] data() {
        float[] y = TestSupport.noisy(TestSupport.blurReflect(TestSupport.specimen(W, H, 7), W, H, PSF_B), 5, 21);
        for (int i = 0; i < y.length; i++) {
            y[i] *= 37.3f;
        }
        return y;
    }

    private static WeightMaps maps() {
        float[][] m = new float[3][W * H];
        for (int j = 0; j < H; j++) {
            for (int i = 0; i < W; i++) {
                float bg = j > 9 && j < 13 ? 0.3f : 0f;
                float t = i / (float) (W - 1);
                m[0][i + W * j] = (1 - bg) * (1 - t);
                m[1][i + W * j] = (1 - bg) * t;
                m[2][i + W * j] = bg;
            }
        }
        return WeightMapsAccess.of(W, H, new int[] {1, 6, PatchClassifier.BG}, m);
    }

    /** Every RL run of the two paths on {@code y}: patch RL from both starts, variant RL on both sides. */
    private static float[][] runs(float[] y) {
        WeightMaps wm = maps();
        RegionStops stops = RegionStops.perClass(wm, IterationPolicy.fixed(6));
        return new float[][] {
            new RlPatchDeconvolver(PSFS, RlStart.FLAT).deconvolve(y, W, H, 6, 6, POOL),
            new RlPatchDeconvolver(PSFS, RlStart.DATA).deconvolve(y, W, H, 1, 6, POOL),
            VariantRichardsonLucy.deconvolve(y, wm, PSFS, stops, RlStart.FLAT, BlurModel.IMAGE_SIDE, POOL,
                    AwdvdProgress.NONE),
            VariantRichardsonLucy.deconvolve(y, wm, PSFS, stops, RlStart.DATA, BlurModel.OBJECT_SIDE, POOL,
                    AwdvdProgress.NONE),
        };
    }

    private static long crc(float[] a) {
        ByteBuffer b = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : a) {
            b.putFloat(v);
        }
        CRC32 c = new CRC32();
        c.update(b.array());
        return c.getValue();
    }

    @Test
    void ordinaryImageGivesTheBytesOfBeforeTheScaling() {
        // CRC-32 of each run's floats (little-endian) from the code before the scaling, both SIMD passes
        long[] before = {0x24075d43L, 0xb9004f55L, 0xcc27b29dL, 0xf2fb7cceL};
        float[][] got = runs(data());
        for (int i = 0; i < got.length; i++) {
            assertEquals(before[i], crc(got[i]), "run " + i);
        }
    }

    @Test
    void imageScaledByAPowerOfTwoGivesTheSameBitsScaled() {
        float[] y = data();
        float[][] ref = runs(y);
        for (int k : new int[] {-80, -66, 60}) {
            float[] ys = new float[y.length];
            for (int i = 0; i < y.length; i++) {
                ys[i] = Math.scalb(y[i], k);
            }
            float[][] got = runs(ys);
            for (int r = 0; r < ref.length; r++) {
                float[] want = new float[ref[r].length];
                double sum = 0;
                for (int i = 0; i < want.length; i++) {
                    want[i] = Math.scalb(ref[r][i], k);
                    sum += ref[r][i];
                }
                assertTrue(sum > 0, "run " + r + " is not all zeros");
                assertArrayEquals(want, got[r], "run " + r + " at 2^" + k);
            }
        }
    }

    @Test
    void imagePeakingAt1eMinus20IsNotZeroed() {
        // the QA case: before, the absolute guard 1e-20 on Hx made both paths return all zeros
        float[] y = data();
        float peak = 0f;
        for (float v : y) {
            peak = Math.max(peak, v);
        }
        float[] tiny = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            tiny[i] = y[i] / peak * 1e-20f;
        }
        for (float[] out : runs(tiny)) {
            double flux = 0, data = 0;
            for (int i = 0; i < out.length; i++) {
                flux += out[i];
                data += tiny[i];
            }
            assertEquals(1.0, flux / data, 0.2, "flux kept");
        }
    }
}
