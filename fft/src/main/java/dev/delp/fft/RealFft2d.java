package dev.delp.fft;

import java.util.concurrent.ForkJoinPool;

/**
 * Plan for a real-input 2D FFT of a row-major {@code width x height} image (index {@code x + width*y}).
 * The spectrum holds {@code height} rows of {@code width/2 + 1} complex bins, interleaved:
 * the bin {@code (kx, ky)} is at float index {@code 2 * (kx + (width/2+1) * ky)} (FFTW's r2c layout).
 * Forward is unnormalised; inverse scales by {@code 1/(width*height)}. Plans are immutable and
 * thread-safe; work is split over the given fork-join pool by rows and columns, and results do
 * not depend on the pool's parallelism.
 */
public final class RealFft2d {
    private final int width, height, halfWidth;
    private final RealFft1d rows;
    private final ComplexFft1d cols;

    private RealFft2d(int width, int height) {
        this.width = width;
        this.height = height;
        this.halfWidth = width / 2 + 1;
        this.rows = RealFft1d.of(width);
        this.cols = ComplexFft1d.of(height);
    }

    /** A plan for a {@code width x height} real image. */
    public static RealFft2d of(int width, int height) {
        FftSizes.checkShape(width, height);
        return new RealFft2d(width, height);
    }

    public int width() { return width; }

    public int height() { return height; }

    /** Floats in the half spectrum: {@code 2 * (width/2+1) * height}. */
    public int spectrumLength() {
        return 2 * halfWidth * height;
    }

    /** Forward transform on the common pool. */
    public void forward(float[] in, float[] spectrum) {
        forward(in, spectrum, ForkJoinPool.commonPool());
    }

    /** Forward transform: {@code width*height} reals to the half spectrum. */
    public void forward(float[] in, float[] spectrum, ForkJoinPool pool) {
        FftSizes.checkArray("in", in, 0, (long) width * height);
        FftSizes.checkArray("spectrum", spectrum, 0, spectrumLength());
        for (int y = 0; y < height; y++) {
            rows.forward(in, y * width, spectrum, 2 * halfWidth * y);
        }
        columns(spectrum, -1);
    }

    /** Inverse transform on the common pool. */
    public void inverse(float[] spectrum, float[] out) {
        inverse(spectrum, out, ForkJoinPool.commonPool());
    }

    /** Inverse transform (scaled by {@code 1/(width*height)}); the spectrum is not modified. */
    public void inverse(float[] spectrum, float[] out, ForkJoinPool pool) {
        FftSizes.checkArray("spectrum", spectrum, 0, spectrumLength());
        FftSizes.checkArray("out", out, 0, (long) width * height);
        float[] tmp = spectrum.clone();
        columns(tmp, +1);
        for (int y = 0; y < height; y++) {
            rows.inverse(tmp, 2 * halfWidth * y, out, y * width);
        }
    }

    private void columns(float[] s, int sign) {
        float[] col = new float[2 * height];
        for (int kx = 0; kx < halfWidth; kx++) {
            for (int y = 0; y < height; y++) {
                col[2 * y] = s[2 * (kx + halfWidth * y)];
                col[2 * y + 1] = s[2 * (kx + halfWidth * y) + 1];
            }
            if (sign < 0) {
                cols.forward(col, 0);
            } else {
                cols.inverse(col, 0);
            }
            for (int y = 0; y < height; y++) {
                s[2 * (kx + halfWidth * y)] = col[2 * y];
                s[2 * (kx + halfWidth * y) + 1] = col[2 * y + 1];
            }
        }
    }
}
