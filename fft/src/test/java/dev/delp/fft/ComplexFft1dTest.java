package dev.delp.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ComplexFft1dTest {
    // Float has a 6e-8 unit roundoff; an FFT's error grows like sqrt(log n) per stage, so a
    // correct float FFT sits near 1e-7 relative RMS. 2e-6 (the project's bar) leaves ample margin
    // while catching any wrong twiddle or index (which gives errors of order 1).
    static final double FORWARD_TOL = 2e-6;
    static final double ROUND_TRIP_TOL = 1e-6;

    private static void check(int n) {
        float[] x = Reference.randomFloats(2 * n, 1000 + n);
        double[] want = Reference.dft(Reference.toDouble(x), -1);
        ComplexFft1d plan = ComplexFft1d.of(n);
        float[] y = x.clone();
        plan.forward(y, 0);
        double e = Reference.relRms(y, want);
        assertTrue(e <= FORWARD_TOL, "n=" + n + " forward rel RMS " + e);
        plan.inverse(y, 0);
        double r = Reference.relRms(y, x);
        assertTrue(r <= ROUND_TRIP_TOL, "n=" + n + " round trip rel RMS " + r);
    }

    @Test
    void everyLengthUpTo1024MatchesDirectDft() {
        for (int n = 1; n <= 1024; n++) {
            check(n);
        }
    }

    @Test
    void everyLengthFrom1025To2048MatchesDirectDft() { // DESIGN.md §6 sets the bar for 1..2048
        for (int n = 1025; n <= 2048; n++) {
            check(n);
        }
    }

    @Test
    void primesAndAwkwardLengthsMatchDirectDft() {
        for (int n : new int[] {1009, 2039, 4093, 8191, 84, 168, 500, 1000, 1536, 2310, 4095, 4099, 29 * 31, 2 * 1013}) {
            check(n);
        }
    }

    @Test
    void length16384MatchesDoubleReferenceFft() {
        int n = 16384;
        float[] x = Reference.randomFloats(2 * n, 77);
        double[] want = Reference.fftPow2(Reference.toDouble(x), -1);
        float[] y = x.clone();
        ComplexFft1d.of(n).forward(y, 0);
        assertTrue(Reference.relRms(y, want) <= FORWARD_TOL, "rel RMS " + Reference.relRms(y, want));
        ComplexFft1d.of(n).inverse(y, 0);
        assertTrue(Reference.relRms(y, x) <= ROUND_TRIP_TOL);
    }

    @Test
    void inverseMatchesDirectDftWithPositiveExponent() {
        for (int n : new int[] {7, 12, 97, 210, 1009}) {
            float[] x = Reference.randomFloats(2 * n, n);
            double[] want = Reference.dft(Reference.toDouble(x), +1);
            for (int i = 0; i < want.length; i++) {
                want[i] /= n;
            }
            float[] y = x.clone();
            ComplexFft1d.of(n).inverse(y, 0);
            assertTrue(Reference.relRms(y, want) <= FORWARD_TOL, "n=" + n);
        }
    }

    @Test
    void realFft1dMatchesDirectDftForOddAndEvenLengths() {
        for (int n = 1; n <= 300; n += (n < 40 ? 1 : 37)) {
            check1dReal(n);
        }
        for (int n : new int[] {84, 1000, 1009, 2 * 1009, 4096}) {
            check1dReal(n);
        }
    }

    private static void check1dReal(int n) {
        float[] x = Reference.randomFloats(n + 3, n);
        double[] c = new double[2 * n];
        for (int i = 0; i < n; i++) {
            c[2 * i] = x[3 + i];
        }
        double[] full = Reference.dft(c, -1);
        RealFft1d plan = RealFft1d.of(n);
        float[] spec = new float[plan.spectrumLength() + 2];
        plan.forward(x, 3, spec, 2); // offsets on both sides
        double[] want = java.util.Arrays.copyOf(full, plan.spectrumLength());
        float[] got = java.util.Arrays.copyOfRange(spec, 2, 2 + plan.spectrumLength());
        assertTrue(Reference.relRms(got, want) <= FORWARD_TOL, "real n=" + n + " " + Reference.relRms(got, want));
        float[] back = new float[n];
        plan.inverse(spec, 2, back, 0);
        assertTrue(Reference.relRms(back, java.util.Arrays.copyOfRange(x, 3, 3 + n)) <= ROUND_TRIP_TOL, "real n=" + n);
    }

    @Test
    void handComputedLength4() {
        // DFT of (1, 2, 3, 4) = (10, -2+2i, -2, -2-2i)
        float[] x = {1, 0, 2, 0, 3, 0, 4, 0};
        ComplexFft1d.of(4).forward(x, 0);
        float[] want = {10, 0, -2, 2, -2, 0, -2, -2};
        for (int i = 0; i < 8; i++) {
            assertEquals(want[i], x[i], 1e-6f);
        }
    }

    @Test
    void offsetAndCallerScratchGiveTheSameBits() {
        int n = 360;
        ComplexFft1d plan = ComplexFft1d.of(n);
        float[] x = Reference.randomFloats(2 * n + 10, 5);
        float[] a = x.clone();
        plan.forward(a, 10); // transform the last 2n floats, at offset 10
        float[] b = java.util.Arrays.copyOfRange(x, 10, 10 + 2 * n);
        plan.forward(b, 0, new float[plan.scratchLength()]);
        for (int i = 0; i < 2 * n; i++) {
            assertEquals(Float.floatToIntBits(b[i]), Float.floatToIntBits(a[10 + i]));
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(x[i], a[i]); // floats before the offset untouched
        }
    }

    @Test
    void planCacheIsBounded() {
        for (int n = 2000; n < 2000 + 2 * ComplexFft1d.CACHE_LIMIT; n++) {
            ComplexFft1d.of(n);
        }
        assertTrue(ComplexFft1d.cacheSize() <= ComplexFft1d.CACHE_LIMIT);
    }

    @Test
    void badInputNamesTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ComplexFft1d.of(0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ComplexFft1d.of(-5));
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ComplexFft1d.of(Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains(String.valueOf(Integer.MAX_VALUE)), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ComplexFft1d.of(8).forward(new float[15], 0));
        assertTrue(e.getMessage().contains("15"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ComplexFft1d.of(8).inverse(new float[16], 1));
        assertTrue(e.getMessage().contains("offset 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ComplexFft1d.of(8).forward(new float[16], 0, new float[1]));
        assertTrue(e.getMessage().contains("work"), e.getMessage());
    }
}
