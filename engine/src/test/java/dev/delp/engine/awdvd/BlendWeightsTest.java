package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlendWeightsTest {

    @Test
    void tentsOffsetByHalfAPatchSumToExactlyOne() {
        BlendWeights t = BlendWeights.tent(84);
        for (int i = 0; i < 42; i++) {
            // pixel i+42 of patch A and pixel i of patch B (origin 42 further) coincide
            assertEquals(1.0, (double) t.at(i + 42) + t.at(i), 1e-6, "offset " + i);
            assertTrue(t.at(i) > 0);
        }
        assertEquals(t.at(41), t.at(42));
        assertEquals(t.at(0), t.at(83));
    }

    @Test
    void rawTentWeightsAreAPartitionOfUnityInsideARegularGrid() {
        // 252 = 0, 42, ..., 168: interior pixels (away from the first and last half patch) get
        // exactly 1 before normalisation; 2D is the product of two 1D partitions.
        PatchGrid g = PatchGrid.of(252, 252, 42);
        Blender b = new Blender(252, 252, BlendWeights.tent(84));
        float[] ones = new float[84 * 84];
        java.util.Arrays.fill(ones, 1f);
        for (int i = 0; i < g.count(); i++) {
            b.add(ones, g.patchX(i), g.patchY(i));
        }
        double[] w = b.weightSums();
        for (int y = 42; y < 210; y++) {
            for (int x = 42; x < 210; x++) {
                assertEquals(1.0, w[x + 252 * y], 1e-6, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void normalisedWeightsSumToOneEverywhereForAwkwardGrids() {
        // Blending copies of one random image must return it bit for bit at every pixel, which
        // holds only if the normalised weights sum to 1 everywhere (border, shifted patches, canvas).
        SplittableRandom rnd = new SplittableRandom(7);
        for (int[] s : new int[][] {{84, 84}, {85, 100}, {167, 167}, {696, 520}, {30, 200}}) {
            for (int stride : new int[] {42, 84}) {
                PatchGrid g = PatchGrid.of(s[0], s[1], stride);
                float[] img = new float[s[0] * s[1]];
                for (int i = 0; i < img.length; i++) {
                    img[i] = (float) (rnd.nextDouble() * 1000);
                }
                dev.delp.engine.image.Image2d im = new dev.delp.engine.image.Image2d(s[0], s[1], img);
                Blender b = new Blender(s[0], s[1], BlendWeights.forGrid(g));
                for (int i = 0; i < g.count(); i++) {
                    b.add(Awdvd.cut(im, g.patchX(i), g.patchY(i), 84, 84), g.patchX(i), g.patchY(i));
                }
                float[] out = b.result();
                for (int i = 0; i < img.length; i++) {
                    assertEquals(img[i], out[i], 0f, "pixel " + i + " of " + g);
                }
            }
        }
    }
}
