package dev.delp.fft;

import dev.delp.simd.FftKernels;
import java.util.concurrent.ForkJoinPool;

/**
 * Real-to-half-spectrum FFTs of many rows of width {@code w} (row {@code y} at {@code in[y·w]},
 * its {@code w/2+1} bins at {@code spec[2·y·(w/2+1)]}), in fixed tiles of rows transformed side by
 * side by {@link BatchFft}. Even widths use the half-length trick: {@code z_j = x_{2j} + i·x_{2j+1}},
 * {@code Z = FFT_{w/2}(z)}, {@code X_k = E_k + e^{−2πik/w} O_k} with
 * {@code E_k = (Z_k + conj Z_{w/2−k})/2}, {@code O_k = (Z_k − conj Z_{w/2−k})/(2i)}.
 * Odd widths run a full complex FFT of length {@code w}. Thread-safe.
 */
final class RealRows {
    final int width, halfWidth;
    private final boolean even;
    private final LinePassBuffers pass;
    private final float[] cos, sin; // cos, sin of 2πk/w for k <= w/2

    RealRows(int width, FftKernels kernels) {
        this.width = width;
        this.halfWidth = width / 2 + 1;
        this.even = width % 2 == 0;
        int len = even ? width / 2 : width;
        this.pass = new LinePassBuffers(len, kernels);
        cos = new float[halfWidth];
        sin = new float[halfWidth];
        for (int k = 0; k < halfWidth; k++) {
            cos[k] = (float) Math.cos(2 * Math.PI * k / width);
            sin[k] = (float) Math.sin(2 * Math.PI * k / width);
        }
    }

    /** Forward transform of {@code rows} rows of {@code in} into the half spectra in {@code spec}. */
    void forward(float[] in, float[] spec, int rows, ForkJoinPool pool) {
        int tile = pass.tile;
        Tiles.run(pool, (rows + tile - 1) / tile, i -> {
            int r0 = i * tile;
            int lanes = Math.min(tile, rows - r0);
            float[] a = pass.buffers.take(), b = pass.buffers.take();
            if (even) {
                forwardEven(in, spec, r0, lanes, a, b);
            } else {
                forwardOdd(in, spec, r0, lanes, a, b);
            }
            pass.buffers.give(a);
            pass.buffers.give(b);
        });
    }

    /**
     * Inverse transform of {@code rows} half spectra into real rows, normalised by {@code 1/w} and
     * further multiplied by {@code postScale} (e.g. the other axes' normalisation).
     */
    void inverse(float[] spec, float[] out, int rows, double postScale, ForkJoinPool pool) {
        int tile = pass.tile;
        Tiles.run(pool, (rows + tile - 1) / tile, i -> {
            int r0 = i * tile;
            int lanes = Math.min(tile, rows - r0);
            float[] a = pass.buffers.take(), b = pass.buffers.take();
            if (even) {
                inverseEven(spec, out, r0, lanes, a, b, (float) (postScale / (width / 2)));
            } else {
                inverseOdd(spec, out, r0, lanes, a, b, (float) (postScale / width));
            }
            pass.buffers.give(a);
            pass.buffers.give(b);
        });
    }

    private float[] forwardEven(float[] in, float[] spec, int r0, int lanes, float[] a, float[] b) {
        int h = width / 2, im = h * lanes;
        for (int t = 0; t < lanes; t++) {
            int s = (r0 + t) * width;
            for (int j = 0; j < h; j++) {
                a[j * lanes + t] = in[s + 2 * j];
                a[im + j * lanes + t] = in[s + 2 * j + 1];
            }
        }
        float[] z = pass.fft.transform(a, b, lanes, -1);
        for (int t = 0; t < lanes; t++) {
            int d = 2 * (r0 + t) * halfWidth;
            for (int k = 0; k <= h; k++) {
                int i1 = (k == h ? 0 : k) * lanes + t, i2 = (k == 0 ? 0 : h - k) * lanes + t;
                float zr = z[i1], zi = z[im + i1], cr = z[i2], ci = -z[im + i2];
                float er = 0.5f * (zr + cr), ei = 0.5f * (zi + ci);
                float or = 0.5f * (zi - ci), oi = -0.5f * (zr - cr);
                float wr = cos[k], wi = -sin[k];
                spec[d + 2 * k] = er + wr * or - wi * oi;
                spec[d + 2 * k + 1] = ei + wr * oi + wi * or;
            }
        }
        return z;
    }

    private float[] forwardOdd(float[] in, float[] spec, int r0, int lanes, float[] a, float[] b) {
        int n = width, im = n * lanes;
        for (int t = 0; t < lanes; t++) {
            int s = (r0 + t) * width;
            for (int j = 0; j < n; j++) {
                a[j * lanes + t] = in[s + j];
                a[im + j * lanes + t] = 0f;
            }
        }
        float[] z = pass.fft.transform(a, b, lanes, -1);
        for (int t = 0; t < lanes; t++) {
            int d = 2 * (r0 + t) * halfWidth;
            for (int k = 0; k < halfWidth; k++) {
                spec[d + 2 * k] = z[k * lanes + t];
                spec[d + 2 * k + 1] = z[im + k * lanes + t];
            }
        }
        return z;
    }

    private void inverseEven(float[] spec, float[] out, int r0, int lanes, float[] a, float[] b, float scale) {
        int h = width / 2, im = h * lanes;
        for (int t = 0; t < lanes; t++) {
            int s = 2 * (r0 + t) * halfWidth;
            for (int k = 0; k < h; k++) {
                float xr = spec[s + 2 * k], xi = spec[s + 2 * k + 1];
                float cr = spec[s + 2 * (h - k)], ci = -spec[s + 2 * (h - k) + 1];
                float er = 0.5f * (xr + cr), ei = 0.5f * (xi + ci);
                float dr = 0.5f * (xr - cr), di = 0.5f * (xi - ci);
                float c = cos[k], sn = sin[k]; // O = D·e^{+2πik/w}
                float or = dr * c - di * sn, oi = dr * sn + di * c;
                a[k * lanes + t] = er - oi;
                a[im + k * lanes + t] = ei + or;
            }
        }
        float[] z = pass.fft.transform(a, b, lanes, +1);
        for (int t = 0; t < lanes; t++) {
            int d = (r0 + t) * width;
            for (int j = 0; j < h; j++) {
                out[d + 2 * j] = z[j * lanes + t] * scale;
                out[d + 2 * j + 1] = z[im + j * lanes + t] * scale;
            }
        }
    }

    private void inverseOdd(float[] spec, float[] out, int r0, int lanes, float[] a, float[] b, float scale) {
        int n = width, im = n * lanes;
        for (int t = 0; t < lanes; t++) {
            int s = 2 * (r0 + t) * halfWidth;
            for (int k = 0; k < halfWidth; k++) {
                a[k * lanes + t] = spec[s + 2 * k];
                a[im + k * lanes + t] = spec[s + 2 * k + 1];
            }
            for (int k = halfWidth; k < n; k++) { // Hermitian symmetry
                a[k * lanes + t] = spec[s + 2 * (n - k)];
                a[im + k * lanes + t] = -spec[s + 2 * (n - k) + 1];
            }
        }
        float[] z = pass.fft.transform(a, b, lanes, +1);
        for (int t = 0; t < lanes; t++) {
            int d = (r0 + t) * width;
            for (int j = 0; j < n; j++) {
                out[d + j] = z[j * lanes + t] * scale;
            }
        }
    }

    /** The batched plan and tile buffers for the row length. */
    private static final class LinePassBuffers {
        final BatchFft fft;
        final int tile;
        final ScratchPool buffers;

        LinePassBuffers(int len, FftKernels kernels) {
            fft = new BatchFft(ComplexFft1d.of(len).plan(), kernels);
            tile = LinePass.tileFor(len);
            buffers = new ScratchPool(fft.bufferFloats(tile));
        }
    }
}
