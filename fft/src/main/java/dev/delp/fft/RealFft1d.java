package dev.delp.fft;

/**
 * Plan for a real-input 1D FFT of length {@code n}: the forward transform writes the half
 * spectrum, {@code n/2 + 1} complex bins interleaved; the inverse reads it and scales by {@code 1/n}.
 * Even {@code n} runs one complex FFT of length {@code n/2} (the half-length trick, see
 * {@link RealRows}); odd {@code n} a complex FFT of length {@code n}. Immutable and thread-safe;
 * scratch comes from a per-plan pool.
 */
public final class RealFft1d {
    private final int n;
    private final boolean even;
    private final FftPlan plan; // length n/2 (even) or n (odd)
    private final ScratchPool buffers, scratch;
    private final float[] cos, sin; // cos, sin of 2πk/n for k <= n/2

    private RealFft1d(int n) {
        this.n = n;
        this.even = n % 2 == 0;
        this.plan = ComplexFft1d.of(even ? n / 2 : n).plan();
        this.buffers = new ScratchPool(2 * plan.n);
        this.scratch = new ScratchPool(plan.scratchFloats());
        int half = n / 2 + 1;
        cos = new float[half];
        sin = new float[half];
        for (int k = 0; k < half; k++) {
            cos[k] = (float) Math.cos(2 * Math.PI * k / n);
            sin[k] = (float) Math.sin(2 * Math.PI * k / n);
        }
    }

    /** A plan for length {@code n}. */
    public static RealFft1d of(int n) {
        FftSizes.checkLength("n", n);
        return new RealFft1d(n);
    }

    /** Transform length (real samples). */
    public int length() {
        return n;
    }

    /** Number of floats in the half spectrum: {@code 2 * (n/2 + 1)}. */
    public int spectrumLength() {
        return 2 * (n / 2 + 1);
    }

    /** Floats of the in-place layout: {@code 2 * (n/2 + 1)} (the {@code n} samples then 1 or 2 padding floats). */
    public int paddedLength() {
        return spectrumLength();
    }

    /**
     * Forward transform in place: {@code data[off .. off+n)} holds the samples (the {@link #paddedLength()}
     * {@code − n} floats after them are ignored) and {@code data[off .. off+paddedLength())} receives
     * the {@code n/2+1} interleaved bins. Bit-identical to {@link #forward}; only plan scratch is used.
     *
     * @throws IllegalArgumentException if {@code data} is null or shorter than {@code off + paddedLength()}
     */
    public void forwardInPlace(float[] data, int off) {
        FftSizes.checkArray("data", data, off, paddedLength());
        forward(data, off, data, off); // reads all samples into plan scratch before writing
    }

    /**
     * Inverse transform in place (scaled by {@code 1/n}): the half spectrum at {@code data[off]} is
     * overwritten by the {@code n} samples (the padding floats after them are left unspecified).
     * Bit-identical to {@link #inverse}.
     *
     * @throws IllegalArgumentException if {@code data} is null or shorter than {@code off + paddedLength()}
     */
    public void inverseInPlace(float[] data, int off) {
        FftSizes.checkArray("data", data, off, paddedLength());
        inverse(data, off, data, off); // reads the whole spectrum into plan scratch before writing
    }

    /** Forward: {@code n} reals from {@code in[inOff]} to {@code n/2+1} complex bins at {@code spectrum[specOff]}. */
    public void forward(float[] in, int inOff, float[] spectrum, int specOff) {
        FftSizes.checkArray("in", in, inOff, n);
        FftSizes.checkArray("spectrum", spectrum, specOff, spectrumLength());
        float[] w = buffers.take(), work = scratch.take();
        int m = plan.n;
        if (even) {
            System.arraycopy(in, inOff, w, 0, n); // z_j = x_2j + i x_2j+1, already interleaved
            Stockham.transform(plan, w, 0, work, -1);
            for (int k = 0; k <= m; k++) {
                int i1 = 2 * (k == m ? 0 : k), i2 = 2 * (k == 0 ? 0 : m - k);
                float zr = w[i1], zi = w[i1 + 1], cr = w[i2], ci = -w[i2 + 1];
                float er = 0.5f * (zr + cr), ei = 0.5f * (zi + ci);
                float or = 0.5f * (zi - ci), oi = -0.5f * (zr - cr);
                float wr = cos[k], wi = -sin[k];
                spectrum[specOff + 2 * k] = er + wr * or - wi * oi;
                spectrum[specOff + 2 * k + 1] = ei + wr * oi + wi * or;
            }
        } else {
            for (int i = 0; i < n; i++) {
                w[2 * i] = in[inOff + i];
                w[2 * i + 1] = 0f;
            }
            Stockham.transform(plan, w, 0, work, -1);
            System.arraycopy(w, 0, spectrum, specOff, spectrumLength());
        }
        buffers.give(w);
        scratch.give(work);
    }

    /** Inverse (scaled by {@code 1/n}): half spectrum in, {@code n} reals out. The spectrum is not modified. */
    public void inverse(float[] spectrum, int specOff, float[] out, int outOff) {
        FftSizes.checkArray("spectrum", spectrum, specOff, spectrumLength());
        FftSizes.checkArray("out", out, outOff, n);
        float[] w = buffers.take(), work = scratch.take();
        int m = plan.n;
        if (even) {
            for (int k = 0; k < m; k++) {
                int s = specOff + 2 * k, c = specOff + 2 * (m - k);
                float xr = spectrum[s], xi = spectrum[s + 1], cr = spectrum[c], ci = -spectrum[c + 1];
                float er = 0.5f * (xr + cr), ei = 0.5f * (xi + ci);
                float dr = 0.5f * (xr - cr), di = 0.5f * (xi - ci);
                float or = dr * cos[k] - di * sin[k], oi = dr * sin[k] + di * cos[k];
                w[2 * k] = er - oi;
                w[2 * k + 1] = ei + or;
            }
            Stockham.transform(plan, w, 0, work, +1);
            float scale = 1f / m;
            for (int i = 0; i < n; i++) {
                out[outOff + i] = w[i] * scale;
            }
        } else {
            int half = n / 2 + 1;
            System.arraycopy(spectrum, specOff, w, 0, 2 * half);
            for (int k = half; k < n; k++) { // Hermitian symmetry
                w[2 * k] = spectrum[specOff + 2 * (n - k)];
                w[2 * k + 1] = -spectrum[specOff + 2 * (n - k) + 1];
            }
            Stockham.transform(plan, w, 0, work, +1);
            float scale = 1f / n;
            for (int i = 0; i < n; i++) {
                out[outOff + i] = w[2 * i] * scale;
            }
        }
        buffers.give(w);
        scratch.give(work);
    }
}
