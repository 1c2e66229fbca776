package dev.delp.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The element-wise kernels (complexMultiply, complexMultiplyConj, multiply, divideGuarded, scale, fma)
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
            for (int op = 0; op < 6; op++) {
                float[] want = new float[2 * n], got = new float[2 * n];
                int len = op < 2 ? n : 2 * n;
                run(SCALAR, op, a, b, c, want, len);
                run(v, op, a, b, c, got, len);
                assertArrayEquals(want, got, "op " + op + " n " + len + " (" + v.description() + ")");
                if (op < 5) {
                    float[] inPlace = a.clone(); // out aliased with the first input, as the engine calls them
                    run(v, op, inPlace, b, c, inPlace, len);
                    assertArrayEquals(got, inPlace, "in place, op " + op + " n " + len);
                }
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
            case 5 -> {
                System.arraycopy(a, 0, out, 0, n);
                k.scale(-1.75f, out, n);
            }
            default -> assertEquals(0, op);
        }
    }
}
