package dev.delp.engine.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Stack3d;
import dev.delp.engine.testio.TestPsfs;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The compact OTF storages multiply a spectrum exactly like the full complex OTF. */
class OtfStorageTest {
    private static final ForkJoinPool POOL = ForkJoinPool.commonPool();

    private static float[] randomSpectrum(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (r.nextDouble() - 0.5);
        }
        return s;
    }

    /** Max |a − b| over max |b|. */
    private static double maxRelative(float[] a, float[] b) {
        double peak = 0;
        double err = 0;
        for (int i = 0; i < a.length; i++) {
            peak = Math.max(peak, Math.abs(b[i]));
            err = Math.max(err, Math.abs(a[i] - b[i]));
        }
        return err / peak;
    }

    @Test
    void octantOtfOfASymmetricPsfEqualsTheComplexOne() {
        // Separable Gaussian: mirror-symmetric in x, y and z; work sizes odd and even per axis.
        int[][] works = {{24, 20, 12}, {25, 21, 13}, {16, 15, 8}};
        Stack3d psf = symmetric(7, 5);
        for (int[] w : works) {
            Otf3d full = Otf3d.of(psf, w[0], w[1], w[2], POOL);
            Otf3d octant = Otf3d.compact(psf, w[0], w[1], w[2], POOL);
            assertFalse(full.isReal());
            assertTrue(octant.isReal() && octant.isFoldedY() && octant.isFoldedZ());
            int half = w[0] / 2 + 1;
            assertEquals(4L * half * (w[1] / 2 + 1) * (w[2] / 2 + 1), octant.bytes());
            for (boolean conj : new boolean[] {false, true}) {
                float[] a = randomSpectrum(full.spectrumLength(), w[0] + w[2]);
                float[] b = a.clone();
                full.multiply(a, conj);
                octant.multiply(b, conj);
                // The dropped imaginary parts and mirror halves are float round-off of the FFT
                // (~1e-7 of the OTF's peak 1): the products agree to that.
                assertTrue(maxRelative(b, a) < 1e-6, "work " + w[0] + "x" + w[1] + "x" + w[2] + " conj " + conj
                        + ": " + maxRelative(b, a));
            }
        }
    }

    @Test
    void quadrantOtf2dAndTheFallbacks() {
        Image2d g = TestPsfs.gaussian2d(9, 1.7);
        Otf2d full = Otf2d.of(g, 30, 28, POOL);
        Otf2d quadrant = Otf2d.compact(g, 30, 28, POOL);
        assertTrue(quadrant.isReal() && quadrant.isFoldedY());
        assertEquals(4L * 16 * 15, quadrant.bytes());
        float[] a = randomSpectrum(full.spectrumLength(), 3);
        float[] b = a.clone();
        full.multiply(a, true);
        quadrant.multiply(b, true);
        assertTrue(maxRelative(b, a) < 1e-6);
        // Skewed PSF: neither centrosymmetric nor mirrored -> complex, unfolded.
        Otf2d skewed = Otf2d.compact(TestPsfs.skewed2d(9, 1.7), 30, 28, POOL);
        assertFalse(skewed.isReal() || skewed.isFoldedY());
        // Centrosymmetric but not mirror-symmetric (a tilted line): real, not folded.
        Image2d tilted = Image2d.zeros(5, 5);
        for (int i = 0; i < 5; i++) {
            tilted.set(i, i, 0.2f);
        }
        Otf2d diag = Otf2d.compact(tilted, 30, 28, POOL);
        assertTrue(diag.isReal());
        assertFalse(diag.isFoldedY());
        Otf2d diagFull = Otf2d.of(tilted, 30, 28, POOL);
        float[] c = randomSpectrum(diagFull.spectrumLength(), 4);
        float[] d = c.clone();
        diagFull.multiply(c, false);
        diag.multiply(d, false);
        assertTrue(maxRelative(d, c) < 1e-6);
    }

    @Test
    void symmetryDetection() {
        Stack3d s = symmetric(5, 3);
        for (int axis = 0; axis < 3; axis++) {
            assertTrue(PsfSymmetry.mirrored(s.data(), 5, 5, 3, axis));
        }
        Stack3d skew = TestPsfs.gaussian3d(5, 3, 1.0, 0.8); // skewed in x and z
        assertFalse(PsfSymmetry.mirrored(skew.data(), 5, 5, 3, 0));
        assertTrue(PsfSymmetry.mirrored(skew.data(), 5, 5, 3, 1));
        assertFalse(PsfSymmetry.mirrored(skew.data(), 5, 5, 3, 2));
        assertFalse(PsfSymmetry.mirrored(new float[4 * 3], 4, 3, 1, 0), "even size has no centre voxel");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PsfSymmetry.mirrored(new float[10], 3, 3, 1, 0));
    }

    @Test
    void cacheKeysALargePsfByDigest() {
        // 41x41x41 = 68921 values: above the copy limit, keyed by its SHA-256
        Stack3d big = symmetric(41, 41);
        OtfCache cache = new OtfCache(4);
        Otf3d a = cache.otf(big, 42, 42, 42, POOL);
        assertTrue(a == cache.otf(big.copy(), 42, 42, 42, POOL), "same content, other array: a hit");
        big.data()[5] += 1e-6f;
        assertTrue(a != cache.otf(big, 42, 42, 42, POOL), "mutated PSF: a miss");
        assertTrue(a != cache.otf(symmetric(41, 41), 42, 42, 40 + 4, POOL), "other work shape: a miss");
        assertEquals(3, cache.size());
    }

    static Stack3d symmetric(int size, int depth) {
        float[] v = new float[size * size * depth];
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double dx = x - size / 2;
                    double dy = y - size / 2;
                    double dz = z - depth / 2;
                    v[x + size * (y + size * z)] = (float) Math.exp(-(dx * dx + 1.3 * dy * dy) / 4 - dz * dz / 2);
                }
            }
        }
        return new Stack3d(size, size, depth, v);
    }
}
