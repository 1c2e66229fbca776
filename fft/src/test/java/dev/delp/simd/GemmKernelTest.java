package dev.delp.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link FloatKernels#gemm} against a double-precision triple loop, both implementations. */
class GemmKernelTest {

    private static List<FloatKernels> implementations() {
        List<FloatKernels> list = new ArrayList<>();
        list.add(Simd.scalar());
        Simd.vector().ifPresent(list::add);
        list.add(Simd.kernels());
        return list;
    }

    @Test
    void handComputedCase() {
        float[] a = {1, 2, 3, 4, 5, 6};           // 2x3
        float[] b = {7, 8, 9, 10, 11, 12};        // 3x2
        for (FloatKernels kr : implementations()) {
            float[] c = {1, 1, 1, 1};
            kr.gemm(2, 2, 3, a, 0, 3, b, 0, 2, c, 0, 2);
            assertArrayEquals(new float[] {59, 65, 140, 155}, c, kr.description());
        }
    }

    @Test
    void matchesDoubleReferenceOnAwkwardShapes() {
        int[] sizes = {1, 3, 4, 7, 13, 25, 36, 84, 207};
        SplittableRandom rnd = new SplittableRandom(6);
        for (int m : new int[] {1, 3, 4, 5, 16, 17}) {
            for (int n : sizes) {
                for (int k : new int[] {1, 7, 36, 144}) {
                    int lda = k + 2, ldb = n + 3, ldc = n + 1, aOff = 5, bOff = 2, cOff = 1;
                    float[] a = random(rnd, aOff + m * lda);
                    float[] b = random(rnd, bOff + k * ldb);
                    float[] c0 = random(rnd, cOff + m * ldc + 4);
                    float[] scalarOut = null;
                    for (FloatKernels kr : implementations()) {
                        float[] c = c0.clone();
                        kr.gemm(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                double ref = c0[cOff + i * ldc + j];
                                double mag = Math.abs(ref);
                                for (int p = 0; p < k; p++) {
                                    double t = (double) a[aOff + i * lda + p] * b[bOff + p * ldb + j];
                                    ref += t;
                                    mag += Math.abs(t);
                                }
                                // k fused multiply-adds in float: each rounds once, so the error is
                                // bounded by (k + 1) * 2^-24 * sum |terms|; 1.2e-7 per step is that bound.
                                double tol = (k + 1) * 1.2e-7 * mag + 1e-30;
                                assertEquals(ref, c[cOff + i * ldc + j], tol,
                                        kr.description() + " m=" + m + " n=" + n + " k=" + k + " at " + i + "," + j);
                            }
                        }
                        // Padding between rows must be untouched.
                        for (int i = 0; i < m; i++) {
                            assertEquals(c0[cOff + i * ldc + n], c[cOff + i * ldc + n], 0.0, "row padding written");
                        }
                        if (scalarOut == null) {
                            scalarOut = c;
                        } else {
                            // Same summation order with fused multiply-adds: bit-identical to scalar.
                            assertArrayEquals(scalarOut, c, kr.description());
                        }
                    }
                }
            }
        }
    }

    @Test
    void rejectsMatricesThatDoNotFit() {
        for (FloatKernels kr : implementations()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kr.gemm(2, 2, 2, new float[3], 0, 2, new float[4], 0, 2, new float[4], 0, 2));
            assertEquals(true, e.getMessage().contains("matrix a 2x2"), e.getMessage());
        }
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }
}
