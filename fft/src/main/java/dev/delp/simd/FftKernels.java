package dev.delp.simd;

/**
 * Batched FFT butterflies for the Stockham stages of {@code dev.delp.fft.BatchFft}: many
 * transforms side by side, stored in split planes (real parts and imaginary parts in separate
 * runs), so that one butterfly is applied to {@code len} contiguous lanes with the same twiddle.
 *
 * <p>Radix-{@code r} butterfly, for every lane {@code i < len}: inputs
 * {@code a_k = (x[xRe + k·is + i], x[xIm + k·is + i])}, {@code k < r}; outputs
 * {@code y_j = w_j · Σ_k a_k ω^{jk}} at {@code (y[yRe + j·os + i], y[yIm + j·os + i])}, with
 * {@code ω = exp(sign·2πi/r)}, {@code w_0 = 1} and {@code w_j = (tw[twOff + 2(j−1)], tw[twOff + 2(j−1) + 1])},
 * or all {@code w_j = 1} when {@code tw == null}. Input and output ranges must not overlap.
 *
 * <p>Two implementations exist, {@code ScalarFftKernels} (reference) and {@code VectorFftKernels};
 * {@link Simd#fftKernels()} returns the active one.
 */
public interface FftKernels {

    /** Description of the implementation, as {@link FloatKernels#description()}. */
    String description();

    void radix2(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                float[] tw, int twOff);

    void radix3(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                float[] tw, int twOff, int sign);

    void radix4(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                float[] tw, int twOff, int sign);

    void radix5(float[] x, int xRe, int xIm, int is, float[] y, int yRe, int yIm, int os, int len,
                float[] tw, int twOff, int sign);

    /**
     * Any odd radix {@code r}; {@code cos[t] = cos(2πt/r)}, {@code sin[t] = sin(2πt/r)} for {@code t < r}.
     */
    void radixOdd(int r, float[] cos, float[] sin, float[] x, int xRe, int xIm, int is, float[] y, int yRe,
                  int yIm, int os, int len, float[] tw, int twOff, int sign);

    /** {@code y[i] = x[i] · (wr + i·wi)} for {@code len} lanes of split complex data (may alias exactly). */
    void rotate(float[] x, int xRe, int xIm, float[] y, int yRe, int yIm, int len, float wr, float wi);
}
