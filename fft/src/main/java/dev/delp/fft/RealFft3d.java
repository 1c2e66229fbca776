package dev.delp.fft;

import java.util.concurrent.ForkJoinPool;

/**
 * Plan for a real-input 3D FFT of a {@code width x height x depth} volume (index
 * {@code x + width*(y + height*z)}). The spectrum holds {@code (width/2+1) x height x depth}
 * complex bins, interleaved, bin {@code (kx,ky,kz)} at float index
 * {@code 2 * (kx + (width/2+1) * (ky + height * kz))}. Forward unnormalised, inverse scaled by
 * {@code 1/(width*height*depth)}. Immutable and thread-safe.
 */
public final class RealFft3d {
    private final int width, height, depth, halfWidth;
    private final RealFft1d rows;

    private RealFft3d(int width, int height, int depth) {
        this.width = width;
        this.height = height;
        this.depth = depth;
        this.halfWidth = width / 2 + 1;
        this.rows = RealFft1d.of(width);
    }

    /** A plan for a {@code width x height x depth} real volume. */
    public static RealFft3d of(int width, int height, int depth) {
        FftSizes.checkShape(width, height, depth);
        return new RealFft3d(width, height, depth);
    }

    public int width() { return width; }

    public int height() { return height; }

    public int depth() { return depth; }

    /** Floats in the half spectrum: {@code 2 * (width/2+1) * height * depth}. */
    public int spectrumLength() {
        return 2 * halfWidth * height * depth;
    }

    /** Forward transform on the common pool. */
    public void forward(float[] in, float[] spectrum) {
        forward(in, spectrum, ForkJoinPool.commonPool());
    }

    /** Forward transform. */
    public void forward(float[] in, float[] spectrum, ForkJoinPool pool) {
        FftSizes.checkArray("in", in, 0, (long) width * height * depth);
        FftSizes.checkArray("spectrum", spectrum, 0, spectrumLength());
        for (int r = 0; r < height * depth; r++) {
            rows.forward(in, r * width, spectrum, 2 * halfWidth * r);
        }
        Strided.alongAxis(spectrum, halfWidth, height, depth, 1, -1);
        Strided.alongAxis(spectrum, halfWidth, height, depth, 2, -1);
    }

    /** Inverse transform on the common pool. */
    public void inverse(float[] spectrum, float[] out) {
        inverse(spectrum, out, ForkJoinPool.commonPool());
    }

    /** Inverse transform (scaled); the spectrum is not modified. */
    public void inverse(float[] spectrum, float[] out, ForkJoinPool pool) {
        FftSizes.checkArray("spectrum", spectrum, 0, spectrumLength());
        FftSizes.checkArray("out", out, 0, (long) width * height * depth);
        float[] tmp = spectrum.clone();
        Strided.alongAxis(tmp, halfWidth, height, depth, 2, +1);
        Strided.alongAxis(tmp, halfWidth, height, depth, 1, +1);
        for (int r = 0; r < height * depth; r++) {
            rows.inverse(tmp, 2 * halfWidth * r, out, r * width);
        }
    }
}
