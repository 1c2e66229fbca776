package dev.delp.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each batched FFT kernel on a hand-computed case, for the scalar and (when loadable) the vector
 * implementation. Lane t carries the case scaled by (t + 1), over 37 lanes, so that full vectors
 * and the scalar tail are both exercised.
 */
class FftKernelsTest {
    static final int LANES = 37;
    static final float TOL = 2e-6f; // relative to the case's magnitude, times the lane scale

    static List<FftKernels> impls() {
        List<FftKernels> list = new ArrayList<>();
        list.add(Simd.scalarFft());
        Simd.vectorFft().ifPresent(list::add);
        return list;
    }

    /** Split planes for r inputs of LANES lanes each: re at [k*L + t], im at [r*L + k*L + t]. */
    static float[] planes(float[][] inputs) {
        int r = inputs.length;
        float[] x = new float[2 * r * LANES];
        for (int k = 0; k < r; k++) {
            for (int t = 0; t < LANES; t++) {
                x[k * LANES + t] = inputs[k][0] * (t + 1);
                x[r * LANES + k * LANES + t] = inputs[k][1] * (t + 1);
            }
        }
        return x;
    }

    static void expect(FftKernels k, float[] y, int r, double[][] want) {
        for (int j = 0; j < r; j++) {
            for (int t = 0; t < LANES; t++) {
                assertEquals(want[j][0] * (t + 1), y[j * LANES + t], TOL * (t + 1) * 10, k.description() + " y" + j + " re lane " + t);
                assertEquals(want[j][1] * (t + 1), y[r * LANES + j * LANES + t], TOL * (t + 1) * 10, k.description() + " y" + j + " im lane " + t);
            }
        }
    }

    /** y_j = Σ_k a_k exp(sign 2πi jk/r), by direct summation in double. */
    static double[][] dft(float[][] a, int sign) {
        int r = a.length;
        double[][] y = new double[r][2];
        for (int j = 0; j < r; j++) {
            for (int k = 0; k < r; k++) {
                double ang = sign * 2 * Math.PI * j * k / r;
                y[j][0] += a[k][0] * Math.cos(ang) - a[k][1] * Math.sin(ang);
                y[j][1] += a[k][0] * Math.sin(ang) + a[k][1] * Math.cos(ang);
            }
        }
        return y;
    }

    @Test
    void radix2WithTwiddle() {
        float[][] a = {{1, 2}, {3, -1}};
        for (FftKernels k : impls()) {
            float[] x = planes(a), y = new float[x.length];
            // twiddle w1 = i: y0 = a0 + a1 = 4 + i, y1 = (a0 − a1)·i = (−2 + 3i)·i = −3 − 2i
            k.radix2(x, 0, 2 * LANES, LANES, y, 0, 2 * LANES, LANES, LANES, new float[] {0, 1}, 0);
            expect(k, y, 2, new double[][] {{4, 1}, {-3, -2}});
        }
    }

    @Test
    void radix3Radix4Radix5AndOddMatchHandValues() {
        for (FftKernels k : impls()) {
            // DFT3 of (1, 2, 3): (6, −1.5 + 0.866i, −1.5 − 0.866i)
            float[] x = planes(new float[][] {{1, 0}, {2, 0}, {3, 0}}), y = new float[x.length];
            k.radix3(x, 0, 3 * LANES, LANES, y, 0, 3 * LANES, LANES, LANES, null, 0, -1);
            double h = Math.sqrt(3) / 2;
            expect(k, y, 3, new double[][] {{6, 0}, {-1.5, h}, {-1.5, -h}});
            // DFT4 of (1, 2, 3, 4): (10, −2 + 2i, −2, −2 − 2i); inverse sign gives the conjugate pattern
            x = planes(new float[][] {{1, 0}, {2, 0}, {3, 0}, {4, 0}});
            y = new float[x.length];
            k.radix4(x, 0, 4 * LANES, LANES, y, 0, 4 * LANES, LANES, LANES, null, 0, -1);
            expect(k, y, 4, new double[][] {{10, 0}, {-2, 2}, {-2, 0}, {-2, -2}});
            k.radix4(x, 0, 4 * LANES, LANES, y, 0, 4 * LANES, LANES, LANES, null, 0, +1);
            expect(k, y, 4, new double[][] {{10, 0}, {-2, -2}, {-2, 0}, {-2, 2}});
            // a delta at k = 1 (y_j = exp(−2πij/r)) and a smooth input, against a direct DFT
            for (int r : new int[] {5, 7, 11}) {
                float[][] a = new float[r][2];
                a[1][0] = 1;
                float[][] b = new float[r][2];
                for (int j = 0; j < r; j++) {
                    b[j][0] = (float) Math.cos(0.3 * j);
                    b[j][1] = (float) Math.sin(0.7 * j);
                }
                for (float[][] in : new float[][][] {a, b}) {
                    x = planes(in);
                    y = new float[x.length];
                    if (r == 5) {
                        k.radix5(x, 0, r * LANES, LANES, y, 0, r * LANES, LANES, LANES, null, 0, -1);
                    } else {
                        float[] cos = new float[r], sin = new float[r];
                        for (int t = 0; t < r; t++) {
                            cos[t] = (float) Math.cos(2 * Math.PI * t / r);
                            sin[t] = (float) Math.sin(2 * Math.PI * t / r);
                        }
                        k.radixOdd(r, cos, sin, x, 0, r * LANES, LANES, y, 0, r * LANES, LANES, LANES, null, 0, -1);
                    }
                    expect(k, y, r, dft(in, -1));
                }
            }
        }
    }

    @Test
    void rotateAndColumnCopies() {
        for (FftKernels k : impls()) {
            float[] x = planes(new float[][] {{1, 2}}), y = new float[x.length];
            k.rotate(x, 0, LANES, y, 0, LANES, LANES, 3, 4); // (1 + 2i)(3 + 4i) = −5 + 10i
            expect(k, y, 1, new double[][] {{-5, 10}});
            // two runs of LANES interleaved values, 2·LANES + 6 floats apart
            int stride = 2 * LANES + 6;
            float[] inter = new float[2 * stride];
            k.splitToColumns(planes(new float[][] {{1, 2}, {3, 4}}), 2 * LANES, LANES, 2, inter, 0, stride, 2f);
            for (int t = 0; t < LANES; t++) {
                assertEquals(2f * (t + 1), inter[2 * t]);
                assertEquals(4f * (t + 1), inter[2 * t + 1]);
                assertEquals(6f * (t + 1), inter[stride + 2 * t]);
                assertEquals(8f * (t + 1), inter[stride + 2 * t + 1]);
            }
            float[] back = new float[4 * LANES];
            k.columnsToSplit(inter, 0, stride, LANES, 2, back, 2 * LANES);
            expect(k, back, 2, new double[][] {{2, 4}, {6, 8}});
        }
    }

    @Test
    void realPostAndPreMatchLength4Case() {
        // x = (1, 2, 3, 4): z = (1 + 2i, 3 + 4i), Z = FFT2(z) = (4 + 6i, −2 − 2i), X = DFT4(x) = (10, −2 + 2i, −2)
        float[] cos = {1, 0, -1}, sin = {0, 1, 0};
        for (FftKernels k : impls()) {
            float[] z = planes(new float[][] {{4, 6}, {-2, -2}});
            float[] x = new float[2 * 3 * LANES];
            k.realForwardPost(z, 2 * LANES, x, 3 * LANES, 2, LANES, cos, sin);
            expect(k, x, 3, new double[][] {{10, 0}, {-2, 2}, {-2, 0}});
            float[] z2 = new float[2 * 2 * LANES];
            k.realInversePre(x, 3 * LANES, z2, 2 * LANES, 2, LANES, cos, sin);
            expect(k, z2, 2, new double[][] {{4, 6}, {-2, -2}});
        }
    }
}
