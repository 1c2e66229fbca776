package dev.delp.fft;

/**
 * Plan for a real-input 1D FFT of length {@code n}: the forward transform writes the half
 * spectrum, {@code n/2 + 1} complex bins interleaved; the inverse reads it and scales by {@code 1/n}.
 */
public final class RealFft1d {
    private final int n;
    private final ComplexFft1d complex;

    private RealFft1d(int n) {
        this.n = n;
        this.complex = ComplexFft1d.of(n);
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

    /** Forward: {@code n} reals from {@code in[inOff]} to {@code n/2+1} complex bins at {@code spectrum[specOff]}. */
    public void forward(float[] in, int inOff, float[] spectrum, int specOff) {
        FftSizes.checkArray("in", in, inOff, n);
        FftSizes.checkArray("spectrum", spectrum, specOff, spectrumLength());
        float[] tmp = new float[2 * n];
        for (int i = 0; i < n; i++) {
            tmp[2 * i] = in[inOff + i];
        }
        complex.forward(tmp, 0);
        System.arraycopy(tmp, 0, spectrum, specOff, spectrumLength());
    }

    /** Inverse (scaled by {@code 1/n}): half spectrum in, {@code n} reals out. The spectrum is not modified. */
    public void inverse(float[] spectrum, int specOff, float[] out, int outOff) {
        FftSizes.checkArray("spectrum", spectrum, specOff, spectrumLength());
        FftSizes.checkArray("out", out, outOff, n);
        float[] tmp = new float[2 * n];
        int half = n / 2 + 1;
        for (int k = 0; k < half; k++) {
            tmp[2 * k] = spectrum[specOff + 2 * k];
            tmp[2 * k + 1] = spectrum[specOff + 2 * k + 1];
        }
        for (int k = half; k < n; k++) { // Hermitian symmetry
            tmp[2 * k] = spectrum[specOff + 2 * (n - k)];
            tmp[2 * k + 1] = -spectrum[specOff + 2 * (n - k) + 1];
        }
        complex.inverse(tmp, 0);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = tmp[2 * i];
        }
    }
}
