package dev.delp.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PowerOfTwoScale} against peaks built as {@code m · 2^k} with a known exponent. */
class PowerOfTwoScaleTest {
    @Test
    void takesEveryNormalPeakIntoOneToTwoByTheKnownPowerOfTwo() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int k = Float.MIN_EXPONENT; k <= Float.MAX_EXPONENT; k++) {
            for (float m : new float[] {1f, 1.5f, Math.nextDown(2f), 1f + (float) rnd.nextDouble()}) {
                if (m >= 2f) {
                    continue;
                }
                float peak = m * (float) Math.pow(2, k); // exact: m has 24 bits, 2^k is a normal float
                float scale = PowerOfTwoScale.toUnit(peak);
                assertEquals((float) Math.pow(2, -k), scale, "peak " + peak);
                assertEquals(m, peak * scale, "peak " + peak);
                assertEquals(1f, scale * PowerOfTwoScale.inverse(scale), "peak " + peak);
            }
        }
    }

    @Test
    void leavesWhatNoScaleCanFixAtOne() {
        for (float p : new float[] {0f, -3f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            assertEquals(1f, PowerOfTwoScale.toUnit(p), "peak " + p);
        }
        assertEquals(1f, PowerOfTwoScale.inverse(1f));
    }

    @Test
    void peakAndMagnitude() {
        float[] d = {-7f, 2f, 0.5f, -1f, 3f, 1f};
        assertEquals(3f, PowerOfTwoScale.peak(d));
        assertEquals(7f, PowerOfTwoScale.magnitude(d));
        assertEquals(2f, PowerOfTwoScale.peak(d, 1, 4));
        assertEquals(0f, PowerOfTwoScale.peak(new float[] {-1f, -2f}));
        assertEquals(0f, PowerOfTwoScale.peak(new float[0]));
        assertEquals(Float.NaN, PowerOfTwoScale.peak(new float[] {1f, Float.NaN}));
        assertEquals(Float.NaN, PowerOfTwoScale.magnitude(new float[] {Float.NaN, 1f}));
    }

    @Test
    void scalingThereAndBackGivesTheSameBits() {
        SplittableRandom rnd = new SplittableRandom(9);
        float[] d = new float[1000];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rnd.nextDouble(-1, 1) * Math.pow(10, rnd.nextInt(-30, 30)));
        }
        float scale = PowerOfTwoScale.toUnit(PowerOfTwoScale.peak(d));
        float[] s = PowerOfTwoScale.scaled(d, scale);
        float[] t = d.clone();
        PowerOfTwoScale.scaleInPlace(t, scale);
        assertArrayEquals(s, t);
        for (int i = 0; i < d.length; i++) {
            assertEquals(Math.scalb(d[i], -Math.getExponent(PowerOfTwoScale.peak(d))), s[i], "i=" + i);
        }
        PowerOfTwoScale.scaleInPlace(t, PowerOfTwoScale.inverse(scale));
        for (int i = 0; i < d.length; i++) {
            if (Math.abs(d[i]) >= Float.MIN_NORMAL * Math.max(1f, 1f / scale)) { // no subnormal on the way
                assertEquals(Float.floatToIntBits(d[i]), Float.floatToIntBits(t[i]), "i=" + i);
            }
        }
    }
}
