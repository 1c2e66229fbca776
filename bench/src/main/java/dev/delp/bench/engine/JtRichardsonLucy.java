package dev.delp.bench.engine;

import org.jtransforms.fft.FloatFFT_2D;
import org.jtransforms.fft.FloatFFT_3D;

/**
 * The baseline: the same Richardson–Lucy loop as delp (extended domain, Bertero–Boccacci
 * normalisation, same work shape, same guards) written on JTransforms 3.1 with plain Java loops.
 * JTransforms' packed real 2D/3D transforms need power-of-two sizes, so it uses
 * {@code realForwardFull} + {@code complexInverse} on the full complex spectrum, as a user of the
 * library would for these (2,3,5,7-smooth) work sizes.
 */
final class JtRichardsonLucy {
    final int iw, ih, id, ww, wh, wd, n;
    private final FloatFFT_2D fft2;
    private final FloatFFT_3D fft3;
    final float[] x;      // (work)
    private final float[] y;      // (work) observation, 0 outside the image
    private final float[] mask;   // (work) 1 on the image
    private final float[] invW;   // (work)
    private final float[] buf;    // (work)
    private final float[] c;      // (2 * work) full complex spectrum
    private final float[] otf;    // (2 * work)
    private final float floor;

    JtRichardsonLucy(float[] image, int iw, int ih, int id, float[] psf, int pw, int ph, int pd, int ww, int wh, int wd) {
        this.iw = iw; this.ih = ih; this.id = id; this.ww = ww; this.wh = wh; this.wd = wd;
        n = ww * wh * wd;
        fft2 = wd == 1 ? new FloatFFT_2D(wh, ww) : null;
        fft3 = wd == 1 ? null : new FloatFFT_3D(wd, wh, ww);
        x = new float[n];
        y = new float[n];
        mask = new float[n];
        invW = new float[n];
        buf = new float[n];
        c = new float[2 * n];
        otf = new float[2 * n];
        double sum = 0;
        double max = 0;
        for (int z = 0; z < id; z++) {
            for (int yy = 0; yy < ih; yy++) {
                for (int xx = 0; xx < iw; xx++) {
                    float v = Math.max(0, image[xx + iw * (yy + ih * z)]);
                    y[xx + ww * (yy + wh * z)] = v;
                    mask[xx + ww * (yy + wh * z)] = 1;
                    sum += v;
                    max = Math.max(max, v);
                }
            }
        }
        floor = (float) Math.max(1e-6 * max, Float.MIN_NORMAL);
        double ps = 0;
        for (float v : psf) {
            ps += v;
        }
        int cx = pw / 2, cy = ph / 2, cz = pd / 2;
        for (int z = 0; z < pd; z++) {
            for (int yy = 0; yy < ph; yy++) {
                for (int xx = 0; xx < pw; xx++) {
                    int i = Math.floorMod(xx - cx, ww) + ww * (Math.floorMod(yy - cy, wh) + wh * Math.floorMod(z - cz, wd));
                    c[i] += (float) (psf[xx + pw * (yy + ph * z)] / ps);
                }
            }
        }
        forwardFull();
        System.arraycopy(c, 0, otf, 0, 2 * n);
        // w = hᵀ ⊛ mask; invW = 1/w above 1e-4 (delp's default threshold).
        correlate(mask, invW);
        float start = (float) (sum / ((double) iw * ih * id));
        for (int i = 0; i < n; i++) {
            float w = invW[i];
            invW[i] = w >= 1e-4f ? 1 / w : 0;
            x[i] = w >= 1e-4f ? start : 0;
        }
    }

    private void forwardFull() {
        if (fft2 != null) {
            fft2.realForwardFull(c);
        } else {
            fft3.realForwardFull(c);
        }
    }

    private void inverseFull() {
        if (fft2 != null) {
            fft2.complexInverse(c, true);
        } else {
            fft3.complexInverse(c, true);
        }
    }

    private void convolve(float[] in, float[] out, boolean conjugate) {
        System.arraycopy(in, 0, c, 0, n);
        forwardFull();
        for (int i = 0; i < n; i++) {
            float ar = c[2 * i], ai = c[2 * i + 1];
            float br = otf[2 * i], bi = conjugate ? -otf[2 * i + 1] : otf[2 * i + 1];
            c[2 * i] = ar * br - ai * bi;
            c[2 * i + 1] = ar * bi + ai * br;
        }
        inverseFull();
        for (int i = 0; i < n; i++) {
            out[i] = c[2 * i];
        }
    }

    private void correlate(float[] in, float[] out) {
        convolve(in, out, true);
    }

    /** One plain RL iteration. */
    void iterate() {
        convolve(x, buf, false);
        for (int i = 0; i < n; i++) {
            float d = buf[i];
            buf[i] = mask[i] != 0 && d > floor ? y[i] / d : 0;
        }
        correlate(buf, buf);
        for (int i = 0; i < n; i++) {
            x[i] = x[i] * buf[i] * invW[i];
        }
    }

    /** The estimate on the image region. */
    float[] image() {
        float[] out = new float[iw * ih * id];
        for (int z = 0; z < id; z++) {
            for (int yy = 0; yy < ih; yy++) {
                System.arraycopy(x, ww * (yy + wh * z), out, iw * (yy + ih * z), iw);
            }
        }
        return out;
    }
}
