package dev.delp.simd;

/**
 * The few float kernels shared by the FFT, Richardson–Lucy and the CNN runtime.
 *
 * <p>Two implementations exist: {@code ScalarKernels} (the readable reference) and
 * {@code VectorKernels} (Vector API, loaded by name only when {@code jdk.incubator.vector} is
 * present). Obtain the active one with {@link Simd#kernels()}. Complex arrays are interleaved
 * {@code re, im, re, im, ...}; {@code nComplex} counts complex values (so {@code 2 * nComplex}
 * floats are touched). Unless stated, output arrays may alias inputs element for element.
 */
public interface FloatKernels {

    /** Human-readable description, e.g. {@code "vector 512-bit"} or {@code "scalar (reason)"}. */
    String description();

    /** Vector width in bits, or 0 for the scalar implementation. */
    int vectorBitSize();

    /** {@code out[i] = a[i] * b[i]} (complex, interleaved). */
    void complexMultiply(float[] a, float[] b, float[] out, int nComplex);

    /** {@code out[i] = a[i] * conj(b[i])} (complex, interleaved). */
    void complexMultiplyConj(float[] a, float[] b, float[] out, int nComplex);

    /** {@code out[i] = a[i] * b[i]} (real). */
    void multiply(float[] a, float[] b, float[] out, int n);

    /**
     * Guarded division: {@code out[i] = den[i] > eps ? num[i] / den[i] : 0}. Used by
     * Richardson–Lucy where the blurred estimate can reach zero.
     */
    void divideGuarded(float[] num, float[] den, float[] out, int n, float eps);

    /** {@code y[i] += alpha * x[i]}. */
    void axpy(float alpha, float[] x, float[] y, int n);

    /** {@code x[i] *= alpha}. */
    void scale(float alpha, float[] x, int n);

    /** {@code out[i] = a[i] * b[i] + c[i]} (fused multiply-add). */
    void fma(float[] a, float[] b, float[] c, float[] out, int n);

    /** Sum of {@code x[0..n)} accumulated in double. */
    double sum(float[] x, int n);

    /** Dot product of {@code x[xOff..xOff+n)} and {@code y[yOff..yOff+n)}, accumulated in double. */
    double dot(float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * Row-major matrix multiply-accumulate {@code C[m×n] += A[m×k] · B[k×n]}, where element
     * {@code (i, j)} of A is {@code a[aOff + i * lda + j]} (likewise B with {@code ldb}, C with
     * {@code ldc}). Each {@code C[i][j]} accumulates its {@code k} products in ascending order of
     * the inner index, so results do not depend on how callers split rows among threads. Used by
     * the CNN runtime (im2col convolution, dense layers). C must not alias A or B.
     */
    void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float[] c, int cOff, int ldc);
}
