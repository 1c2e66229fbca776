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

    /** {@code out[i] = a[i] * b[i] + c[i]} (fused multiply-add). */
    void fma(float[] a, float[] b, float[] c, float[] out, int n);

    /** Dot product of {@code x[xOff..xOff+n)} and {@code y[yOff..yOff+n)}, accumulated in double. */
    double dot(float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * {@code y[yOff + i] = (double) x[xOff + i]} for {@code i < n} (exact). For sums in double over
     * floats read through an index table (DelpNet's global average): a scalar float → double
     * conversion per element is slower than the additions (bench/RESULTS.md, nn session 10).
     */
    void widen(float[] x, int xOff, double[] y, int yOff, int n);

    /**
     * {@code dst[dstOff + i] = (src[srcOff + map[mapOff + i]] − sub[abOff + i]) · mul[abOff + i]} for
     * {@code i < n}, rounded after the subtraction and after the product (as the Java expression):
     * a gather with a per-element affine map, bit for bit the same in every implementation
     * (DelpNet's input packing: a raw pixel of each patch, normalised by that patch's mean and
     * inverse scale, into the first layer's column phases).
     *
     * @throws IllegalArgumentException if a range of {@code map}, {@code sub}, {@code mul} or {@code dst} does not fit
     * @throws IndexOutOfBoundsException if an index {@code srcOff + map[mapOff + i]} is outside {@code src}
     */
    void gatherAffine(float[] src, int srcOff, int[] map, int mapOff, float[] sub, float[] mul, int abOff, float[] dst,
                      int dstOff, int n);

    /**
     * Sums and sums of squares of {@code x[off..off+n)} in double, in eight chains: chain {@code j}
     * (0–7) adds {@code x[off + i]} for the {@code i ≡ j (mod 8)} below {@code 8·⌊n/8⌋} in ascending
     * {@code i}, chain 0 then the rest in ascending order; {@code sums[j]} = chain {@code j}'s sum
     * (from 0, {@code s + v}) and {@code sums[8 + j]} its sum of squares ({@code fma(v, v, q)}, exact
     * products: a float's square is exact in double). Every implementation gives the same bits.
     * DelpNet's per-patch input statistics.
     */
    void sumsAndSquares8(float[] x, int off, int n, double[] sums);

    /**
     * Row-major matrix multiply-accumulate {@code C[m×n] += A[m×k] · B[k×n]}, where element
     * {@code (i, j)} of A is {@code a[aOff + i * lda + j]} (likewise B with {@code ldb}, C with
     * {@code ldc}). Each {@code C[i][j]} accumulates its {@code k} products in ascending order of
     * the inner index, so results do not depend on how callers split rows among threads. Used by
     * the CNN runtime (im2col convolution, dense layers). C must not alias A or B.
     */
    void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float[] c, int cOff, int ldc);

    /** Rows per panel of the packed A matrix of {@link #convGemm} (see {@link #packRowPanels}). */
    int PANEL_ROWS = 8;

    /**
     * Packs a row-major {@code m×k} matrix into the row-panel layout {@link #convGemm} reads:
     * panels of {@link #PANEL_ROWS} rows, each stored column by column ({@code p} outer, row
     * inner), so the {@code A(i, p)} of one panel are adjacent; the last panel holds the
     * {@code m % PANEL_ROWS} remaining rows the same way. Element {@code (i, p)} lands at
     * {@code (i / 8)·8·k + p·r + i % 8} with {@code r} the row count of its panel.
     */
    static float[] packRowPanels(float[] rowMajor, int m, int k) {
        if (m < 0 || k < 0 || (long) m * k > rowMajor.length) {
            throw new IllegalArgumentException("packRowPanels " + m + "x" + k + " needs " + (long) m * k
                    + " floats, array has " + rowMajor.length);
        }
        float[] out = new float[m * k];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                out[ConvGemm.panelIndex(m, k, i, p)] = rowMajor[i * k + p];
            }
        }
        return out;
    }

    /**
     * Convolution as an indirect ("implicit im2col") matrix multiply, for inference:
     * <pre>
     *   c[cOff + i·ldc + j] = act( bias[i] + Σ_{p &lt; k} A(i, p) · b[bOff + bRows[p] + j] )   i &lt; m, j &lt; n
     * </pre>
     * where {@code A} is {@code m×k} in the row-panel layout of {@link #packRowPanels}, row
     * {@code p} of B starts at {@code bOff + bRows[p]} (for a 3×3 convolution over a zero-padded
     * plane, the offsets of the 9 taps of every input channel; for an im2col matrix,
     * {@code p·ldb}), and {@code act} is {@code max(·, 0)} when {@code relu} else the identity.
     * Each element starts at {@code bias[i]} and adds its products in ascending {@code p} by
     * fused multiply-add, so scalar and vector results are identical and do not depend on how
     * callers split the work.
     *
     * <p>Columns {@code [n, ldc)} of each row of C are scratch: the kernel may overwrite them with
     * unspecified values (whole vectors past {@code n}, reading B past {@code n} too, when both
     * arrays are long enough); give C rows and B some slack for speed. C must not alias A or B.
     *
     * @throws IllegalArgumentException if a dimension is negative or a range does not fit
     */
    void convGemm(int m, int n, int k, float[] a, float[] bias, float[] b, int bOff, int[] bRows,
                  float[] c, int cOff, int ldc, boolean relu);

    /**
     * {@link #convGemm} with A's panels starting at {@code a[aOff]} and the rows of B {@code ldb}
     * floats apart — row {@code p} at {@code bOff + p·ldb} — for a plain matrix product (the Winograd products
     * {@code M_ξ = U_ξ · V_ξ} of the inference plan): the same results bit for bit as
     * {@code convGemm} with {@code bRows[p] = p·ldb} on the panels copied from {@code aOff}, the same
     * scratch columns {@code [n, ldc)} of C. Rows {@code [i0, i0 + m)} of a larger panel-packed matrix
     * ({@code i0} a multiple of {@link #PANEL_ROWS}, the block ending at a panel's end or the matrix's)
     * are {@code aOff = i0·k}.
     * Faster on the vector path: a B row's offset is linear in {@code p}, so the bounds checks of its
     * vector loads are not re-done per row as with an offset read from {@code bRows}
     * (bench/RESULTS.md, nn session 8).
     *
     * @throws IllegalArgumentException if a dimension is negative, {@code aOff < 0}, {@code ldb < 0}, or a
     *         range does not fit
     */
    void convGemmStrided(int m, int n, int k, float[] a, int aOff, float[] bias, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc, boolean relu);

    /**
     * ReLU of the maximum over 2×2 neighbourhoods of a row-major plane, for a 2×2 max-pool after a
     * ReLU (a stride-2 pool keeps every other element):
     * {@code out[i] = max(0, x[a], x[a+1], x[b], x[b+1])} with {@code a = off + i},
     * {@code b = a + rowStride}, for {@code i < n}. Compared as the integers of the bit patterns,
     * which orders non-negative floats as floats and puts every negative float and {@code -0.0}
     * below {@code +0.0}: exact for every non-NaN input (a NaN with the sign bit clear wins, one
     * with it set loses; both implementations alike, bit for bit).
     *
     * @throws IllegalArgumentException if a range does not fit
     */
    void reluMax2x2(float[] x, int off, int rowStride, float[] out, int n);

    /**
     * {@link #reluMax2x2} with the two columns of a neighbourhood {@code colStride} apart and the
     * output from {@code outOff}: {@code out[outOff + i] = max(0, x[a], x[a+colStride], x[b],
     * x[b+colStride])} with {@code a = off + i}, {@code b = a + rowStride}, for {@code i < n}; the
     * same integer order of the bit patterns (bit for bit the same maxima). For a plane stored in
     * column phases (even and odd columns in separate runs), where a 2×2 pool is element-wise.
     * {@code out} must not overlap the part of {@code x} read (an implementation may write an
     * element twice).
     *
     * @throws IllegalArgumentException if a range does not fit
     */
    void reluMax2x2Strided(float[] x, int off, int colStride, int rowStride, float[] out, int outOff, int n);

    /**
     * Winograd F(2×2, 3×3) input transform {@code V = Bᵀ d B} of {@code n} 4×4 input tiles side by side:
     * element {@code (i, k)} ({@code i, k < 4}) of tile {@code j}'s input is
     * {@code x[off + (i / 2)·rowStride + ((i % 2)·2 + k % 2)·phaseStride + k / 2 + j]} — a plane
     * stored as 2×2 phase planes (pixel {@code (y, x)} in phase plane {@code (y % 2, x % 2)} at row
     * {@code y / 2}, column {@code x / 2}), so that consecutive tiles, of one tile row and of the
     * next, are consecutive floats — and element {@code ξ = a·4 + b} of its transform goes to
     * {@code v[vOff + ξ·vStride + j]}. Bᵀ is the standard Lavin–Gray matrix, rows
     * {@code (1,0,-1,0), (0,1,1,0), (0,-1,1,0), (0,1,0,-1)}, applied as columns then rows in a fixed
     * order of float operations, so scalar and vector results are identical. {@code v} must not
     * overlap {@code x}.
     *
     * @throws IllegalArgumentException if a range does not fit
     */
    void winogradInput(float[] x, int off, int rowStride, int phaseStride, float[] v, int vOff, int vStride, int n);

    /**
     * Winograd F(2×2, 3×3) output transform {@code Y = Aᵀ M A} of {@code n} tiles side by side, plus
     * {@code bias}, then an optional 2×2 max-pool and ReLU: element {@code ξ} ({@code ξ < 16}) of tile
     * {@code j}'s M is {@code mm[off + ξ·xiStride + j]}; without {@code pool}, {@code act(Y(a, b) + bias)}
     * goes to {@code out[outOff + (a·2 + b)·outStride + j]}; with {@code pool},
     * {@code act(max(Y) + bias)} goes to {@code out[outOff + j]}. {@code act} is {@code max(·, 0)} when
     * {@code relu}. The first 8 rows of M are used as scratch (overwritten). Same float operations in
     * the same order in both implementations.
     *
     * @throws IllegalArgumentException if a range does not fit
     */
    void winogradOutput(float[] mm, int off, int xiStride, float bias, boolean relu, boolean pool,
                        float[] out, int outOff, int outStride, int n);

    /**
     * The Winograd-domain 3×3 kernel {@code U = G g Gᵀ} (4×4, row-major) for
     * {@link #winogradInput}/{@link #winogradOutput}, computed in double from the row-major 3×3
     * {@code g[off..off+9)}; G rows {@code (1,0,0), (½,½,½), (½,−½,½), (0,0,1)}.
     * Then {@code Aᵀ[(U) ⊙ (Bᵀ d B)]A} is the 3×3 correlation (cross-correlation, as CNN
     * convolutions are) of the 4×4 input tile d with g, for its 2×2 valid outputs.
     *
     * @throws IllegalArgumentException if the kernel does not fit
     */
    static double[] winogradKernel(double[] g, int off) {
        double[][] gm = {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0, 0, 1}};
        if (off < 0 || (long) off + 9 > g.length) {
            throw new IllegalArgumentException("winogradKernel needs g[" + off + ", " + (off + 9L) + "), length " + g.length);
        }
        int alpha = 4;
        double[] t = new double[alpha * 3]; // G g
        for (int a = 0; a < alpha; a++) {
            for (int k = 0; k < 3; k++) {
                double s = 0;
                for (int i = 0; i < 3; i++) {
                    s += gm[a][i] * g[off + i * 3 + k];
                }
                t[a * 3 + k] = s;
            }
        }
        double[] u = new double[alpha * alpha]; // (G g) Gᵀ
        for (int a = 0; a < alpha; a++) {
            for (int b = 0; b < alpha; b++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += t[a * 3 + k] * gm[b][k];
                }
                u[a * alpha + b] = s;
            }
        }
        return u;
    }
}
