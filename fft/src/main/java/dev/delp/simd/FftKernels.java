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

    /**
     * Floats per vector of these kernels, 1 for the scalar reference. Lanes past the last whole
     * vector run through scalar tails, several times slower per lane; callers may pad a narrow
     * last tile to whole vectors ({@code dev.delp.fft.RealRows}).
     */
    default int vectorFloats() {
        return 1;
    }

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

    /**
     * Gathers {@code len} runs of {@code lanes} interleaved complex values (run {@code e} at
     * {@code src[off + e·stride]}) into split planes: {@code a[e·lanes + t]} real,
     * {@code a[im + e·lanes + t]} imaginary. Used for lines that lie side by side (columns).
     */
    void columnsToSplit(float[] src, int off, int stride, int lanes, int len, float[] a, int im);

    /** The reverse of {@link #columnsToSplit}, multiplying by {@code scale} on the way. */
    void splitToColumns(float[] a, int im, int lanes, int len, float[] dst, int off, int stride, float scale);

    /**
     * Real-FFT post-processing (the half-length trick), over {@code lanes} sequences in split planes:
     * from {@code Z = FFT_h(z)} (elements {@code e < h} at {@code z[e·lanes + t]}, imaginary at
     * {@code z[zIm + e·lanes + t]}) to {@code X_k = E_k + e^{−2πik/2h} O_k}, {@code k <= h}, with
     * {@code E_k = (Z_k + conj Z_{h−k})/2}, {@code O_k = (Z_k − conj Z_{h−k})/(2i)} (indices mod h),
     * stored the same way in {@code x} with imaginary plane at {@code xIm}.
     * {@code cos[k], sin[k]} hold {@code cos, sin(2πk/2h)} for {@code k <= h}.
     */
    void realForwardPost(float[] z, int zIm, float[] x, int xIm, int h, int lanes, float[] cos, float[] sin);

    /**
     * The inverse of {@link #realForwardPost}: from half spectra {@code X_k}, {@code k <= h}, to
     * {@code Z_k = E_k + i·O_k}, {@code k < h}, with {@code E_k = (X_k + conj X_{h−k})/2} and
     * {@code O_k = (X_k − conj X_{h−k})·e^{+2πik/2h}/2}; then {@code IFFT_h(Z)} (unscaled) is
     * {@code h·z}.
     */
    void realInversePre(float[] x, int xIm, float[] z, int zIm, int h, int lanes, float[] cos, float[] sin);

    /**
     * Transposing copy from {@code lanes} rows of interleaved complex values (row {@code t} starts
     * at {@code src[off + rowIndex[t]]}, element {@code e} at {@code + 2e}) into split planes
     * ({@code a[e·lanes + t]} real, {@code a[im + e·lanes + t]} imaginary), {@code e < len}.
     * {@code rowIndex} holds at least {@code lanes} row offsets (typically {@code t·rowStride}).
     */
    void rowsToSplit(float[] src, int off, int[] rowIndex, int lanes, int len, float[] a, int im);

    /** The reverse of {@link #rowsToSplit}, multiplying by {@code scale} on the way. */
    void splitToRows(float[] a, int im, int lanes, int len, float[] dst, int off, int[] rowIndex, float scale);

    /**
     * {@link #realForwardPost} followed by {@link #splitToRows} (scale 1) without the intermediate
     * planes: the half spectra {@code X_k}, {@code k <= h}, of the {@code lanes} sequences go
     * straight to interleaved row {@code t} at {@code dst[off + rowIndex[t] + 2k]}. Same values,
     * bit for bit, as the two calls; one pass over the tile less.
     */
    void realForwardPostToRows(float[] z, int zIm, int h, int lanes, float[] cos, float[] sin, float[] dst, int off,
                               int[] rowIndex);

    /**
     * {@link #rowsToSplit} of {@code h + 1} bins followed by {@link #realInversePre}, without the
     * intermediate planes: reads the half spectra of {@code lanes} interleaved rows (row {@code t}
     * at {@code src[off + rowIndex[t]]}) and writes {@code Z_k}, {@code k < h}, to the split planes
     * {@code z[k·lanes + t]}, {@code z[zIm + k·lanes + t]}. Same values, bit for bit, as the two calls.
     */
    void rowsToRealInversePre(float[] src, int off, int[] rowIndex, int lanes, int h, float[] cos, float[] sin,
                              float[] z, int zIm);

    /**
     * Radix-4 butterfly on interleaved complex data (no split planes), for {@code count} runs
     * {@code q}: run {@code q} has inputs {@code a_k} at {@code x[xo + q·xq + k·is + i]} (real) and
     * {@code + 1} (imaginary), {@code i} even, {@code i < len} ({@code len} floats, even), and
     * outputs {@code y_j = w_j · Σ_k a_k ω^{jk}} at {@code y[yo + q·yq + j·os + i]}; twiddles as in
     * the split kernels, those of run {@code q} starting at {@code twOff + q·twStep} (all unit when
     * {@code tw} is null), so that one call can run a whole Stockham stage (one run per butterfly
     * position, {@code twStep = 2(r−1)}) or the runs of one position ({@code twStep = 0}). Input
     * and output ranges must not overlap. Used by {@code dev.delp.fft.InterleavedStockham}.
     */
    void radix4Interleaved(float[] x, int xo, int is, int xq, float[] y, int yo, int os, int yq, int len, int count,
                           float[] tw, int twOff, int twStep, int sign);

    /** The radix-2 twin of {@link #radix4Interleaved}: {@code y_0 = a_0 + a_1}, {@code y_1 = w_1 (a_0 − a_1)}. */
    void radix2Interleaved(float[] x, int xo, int is, int xq, float[] y, int yo, int os, int yq, int len, int count,
                           float[] tw, int twOff, int twStep);

    /**
     * Transposing copy from {@code lanes} rows of interleaved complex values into the interleaved
     * tile order of {@link #radix4Interleaved}: element {@code e < len} of row {@code t} (at
     * {@code src[off + pairIndex[2t] + 2e]}, imaginary at {@code + 1}) goes to
     * {@code a[e·2·lanes + 2t]}, {@code + 1}. {@code pairIndex} holds {@code pairIndex[2t] = rowOffset_t},
     * {@code pairIndex[2t + 1] = rowOffset_t + 1} for at least {@code lanes} rows.
     */
    void rowsToInterleaved(float[] src, int off, int[] pairIndex, int lanes, int len, float[] a);

    /** The reverse of {@link #rowsToInterleaved}, multiplying by {@code scale} on the way. */
    void interleavedToRows(float[] a, int lanes, int len, float[] dst, int off, int[] pairIndex, float scale);

    /**
     * {@link #realForwardPostToRows} for {@code Z} in the interleaved tile order
     * ({@code Z_e} of lane {@code t} at {@code z[e·2·lanes + 2t]}, {@code + 1}); rows addressed as in
     * {@link #rowsToInterleaved}. Same rounding as the split kernels (bit-identical results).
     */
    void realForwardPostInterleavedToRows(float[] z, int h, int lanes, float[] cos, float[] sin, float[] dst, int off,
                                          int[] pairIndex);

    /**
     * {@link #rowsToRealInversePre} writing {@code Z_k}, {@code k < h}, in the interleaved tile order
     * ({@code z[k·2·lanes + 2t]}, {@code + 1}); rows addressed as in {@link #rowsToInterleaved}.
     */
    void rowsToRealInversePreInterleaved(float[] src, int off, int[] pairIndex, int lanes, int h, float[] cos,
                                         float[] sin, float[] z);

    /** The radix-3 twin of {@link #radix4Interleaved}. */
    void radix3Interleaved(float[] x, int xo, int is, int xq, float[] y, int yo, int os, int yq, int len, int count,
                           float[] tw, int twOff, int twStep, int sign);

    /** The radix-5 twin of {@link #radix4Interleaved}. */
    void radix5Interleaved(float[] x, int xo, int is, int xq, float[] y, int yo, int os, int yq, int len, int count,
                           float[] tw, int twOff, int twStep, int sign);

    /** The odd-radix twin of {@link #radix4Interleaved}; {@code cos}, {@code sin} as in {@link #radixOdd}. */
    void radixOddInterleaved(int r, float[] cos, float[] sin, float[] x, int xo, int is, int xq, float[] y, int yo,
                             int os, int yq, int len, int count, float[] tw, int twOff, int twStep, int sign);
}
