package dev.delp.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The element-wise kernels (complexMultiply, complexMultiplyConj, multiply, divideGuarded, fma)
 * and reluMax2x2: the Vector-API implementation gives the scalar one's bits (axpy: its own contract,
 * fused in whole vectors) on every length from 0 past eight
 * vectors, so each loop of the kernels (eight, four or two vectors per iteration, single vectors, the
 * scalar tail) and their hand-offs are covered; an in-place call equals the out-of-place one.
 * Operations per element are the same in both implementations, so equality is exact, not a tolerance.
 */
class ElementwiseKernelsTest {
    private static final FloatKernels SCALAR = Simd.scalar();

    private static float[] random(SplittableRandom r, int n, boolean zeros) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            // mixed signs and magnitudes; with zeros: small and zero values for divideGuarded's guard
            x[i] = zeros && r.nextInt(5) == 0 ? (r.nextBoolean() ? 0f : 1e-9f) : (float) ((r.nextDouble() - 0.4) * Math.exp(4 * r.nextGaussian()));
        }
        return x;
    }

    private static int maxLength(FloatKernels k) {
        return 8 * Math.max(1, k.vectorBitSize() / 32) + 37;
    }

    @Test
    void vectorMatchesScalarBitForBit() {
        FloatKernels v = Simd.vector().orElse(Simd.kernels()); // the scalar pass compares scalar with itself
        SplittableRandom r = new SplittableRandom(61);
        for (int n = 0; n <= maxLength(v); n++) {
            float[] a = random(r, 2 * n, false), b = random(r, 2 * n, true), c = random(r, 2 * n, false);
            for (int op = 0; op < 5; op++) {
                float[] want = new float[2 * n], got = new float[2 * n];
                int len = op < 2 ? n : 2 * n;
                run(SCALAR, op, a, b, c, want, len);
                run(v, op, a, b, c, got, len);
                assertArrayEquals(want, got, "op " + op + " n " + len + " (" + v.description() + ")");
                float[] inPlace = a.clone(); // out aliased with the first input, as the engine calls them
                run(v, op, inPlace, b, c, inPlace, len);
                assertArrayEquals(got, inPlace, "in place, op " + op + " n " + len);
            }
            float[] x = random(r, 2 * n + 3, false), want = new float[2 * n], got = new float[2 * n];
            SCALAR.reluMax2x2(x, 1, n + 1, want, n);
            v.reluMax2x2(x, 1, n + 1, got, n);
            assertArrayEquals(want, got, "reluMax2x2 n " + n);
        }
    }

    /** axpy: a fused multiply-add per element in whole vectors, {@code y + alpha * x} in the scalar tail (as before session 6). */
    @Test
    void axpyFusedInWholeVectors() {
        FloatKernels v = Simd.vector().orElse(null);
        if (v == null) {
            return; // the scalar pass: no Vector API
        }
        int lanes = v.vectorBitSize() / 32;
        SplittableRandom r = new SplittableRandom(62);
        for (int n = 0; n <= maxLength(v); n++) {
            float[] x = random(r, n, false), y = random(r, n, false), want = y.clone();
            float alpha = (float) r.nextGaussian();
            for (int i = 0; i < n; i++) {
                want[i] = i < n / lanes * lanes ? Math.fma(alpha, x[i], want[i]) : want[i] + alpha * x[i];
            }
            v.axpy(alpha, x, y, n);
            assertArrayEquals(want, y, "axpy n " + n);
        }
    }

    private static void run(FloatKernels k, int op, float[] a, float[] b, float[] c, float[] out, int n) {
        switch (op) {
            case 0 -> k.complexMultiply(a, b, out, n);
            case 1 -> k.complexMultiplyConj(a, b, out, n);
            case 2 -> k.multiply(a, b, out, n);
            case 3 -> k.divideGuarded(a, b, out, n, 1e-6f);
            case 4 -> k.fma(a, b, c, out, n);
            default -> assertEquals(0, op);
        }
    }

    /**
     * widen: exact conversions (vs the Java cast), every length through the four-vector loop, single
     * vectors and the tail, at an offset; sumsAndSquares8: vector = scalar bit for bit, and the scalar
     * one = the eight chains written out (chain j: the i ≡ j mod 8 below 8·⌊n/8⌋, then the rest in
     * chain 0; squares by fma) — the same bits, not a tolerance.
     */
    @Test
    void widenAndEightChainSums() {
        FloatKernels v = Simd.vector().orElse(Simd.kernels());
        SplittableRandom r = new SplittableRandom(67);
        for (int n = 0; n <= 8 * maxLength(v) + 9; n++) {
            float[] x = random(r, n + 5, false);
            double[] want = new double[n + 7], got = new double[n + 7];
            for (int i = 0; i < n; i++) {
                want[i + 2] = x[i + 3];
            }
            v.widen(x, 3, got, 2, n);
            assertArrayEquals(want, got, "widen n " + n + " (" + v.description() + ")");
            double[] chains = new double[16];
            int end8 = 3 + (n & ~7);
            for (int i = 3; i < end8; i++) {
                int j = (i - 3) % 8;
                chains[j] += x[i];
                chains[8 + j] = Math.fma((double) x[i], x[i], chains[8 + j]);
            }
            for (int i = end8; i < 3 + n; i++) {
                chains[0] += x[i];
                chains[8] = Math.fma((double) x[i], x[i], chains[8]);
            }
            double[] s = new double[16], vs = new double[16];
            SCALAR.sumsAndSquares8(x, 3, n, s);
            v.sumsAndSquares8(x, 3, n, vs);
            assertArrayEquals(chains, s, "scalar sumsAndSquares8 n " + n);
            assertArrayEquals(chains, vs, "sumsAndSquares8 n " + n + " (" + v.description() + ")");
        }
    }

    /**
     * gatherAffine: vector = the scalar expression {@code (src[map] − sub) · mul} bit for bit on every
     * length through both vector loops and the tail, with offsets, NaN payloads and −0 too; nothing
     * written outside the range; bad ranges and indices throw.
     */
    @Test
    void gatherAffineIsTheScalarExpression() {
        FloatKernels v = Simd.vector().orElse(Simd.kernels());
        SplittableRandom r = new SplittableRandom(73);
        for (int n = 0; n <= 4 * maxLength(v) + 9; n++) {
            float[] src = random(r, 2 * n + 20, false), sub = random(r, n + 6, false), mul = random(r, n + 6, false);
            src[0] = Float.intBitsToFloat(0x7fc01234); // a NaN with a payload
            src[1] = -0f;
            int[] map = new int[n + 4];
            for (int i = 0; i < map.length; i++) {
                map[i] = r.nextInt(src.length - 5);
            }
            for (FloatKernels k : new FloatKernels[] {SCALAR, v}) {
                float[] got = new float[n + 9];
                java.util.Arrays.fill(got, 9f);
                k.gatherAffine(src, 5, map, 3, sub, mul, 2, got, 4, n);
                for (int i = 0; i < got.length; i++) {
                    float want = i >= 4 && i < 4 + n ? (src[5 + map[3 + i - 4]] - sub[2 + i - 4]) * mul[2 + i - 4] : 9f;
                    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[i]),
                            "gatherAffine n " + n + " at " + i + " (" + k.description() + ")");
                }
            }
        }
        for (FloatKernels k : new FloatKernels[] {SCALAR, v}) {
            float[] ab = new float[8];
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> k.gatherAffine(new float[4], 0, new int[8], 0, new float[3], ab, 0, new float[8], 0, 4)); // sub
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> k.gatherAffine(new float[4], 0, new int[3], 0, ab, ab, 0, new float[8], 0, 4)); // map too short
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> k.gatherAffine(new float[4], 0, new int[40], 0, ab, ab, 0, new float[8], 5, 4)); // dst too short
            int[] far = new int[40];
            far[37] = 4;
            float[] ab40 = new float[40];
            org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                    () -> k.gatherAffine(new float[4], 0, far, 0, ab40, ab40, 0, new float[40], 0, 40)); // past src
        }
    }
}
