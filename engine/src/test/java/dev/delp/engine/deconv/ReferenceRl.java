package dev.delp.engine.deconv;

/**
 * Brute-force Richardson–Lucy in double precision with direct spatial convolution on the extended
 * domain (Bertero & Boccacci 2005), written independently of the FFT code: the reference for the
 * correctness tests. Volumes are {@code w x h x d} (d = 1 for 2D), PSF {@code pw x ph x pd},
 * centre at {@code size/2}.
 */
final class ReferenceRl {
    final int w, h, d, pw, ph, pd, cx, cy, cz;
    final int ew, eh, ed; // extended object domain
    final double[] psf;
    final double[] y;
    final double[] weight;
    double[] x;
    double[] xPrev;
    double[] gPrev;
    double alpha;
    /**
     * With bfloat16 state: Σ over iterations of {@code α·2⁻⁷·max|x_k − x_{k−1}|} (one bfloat16 step), the largest change
     * of the prediction that one flipped bfloat16 rounding (a value within float round-off of a
     * rounding boundary, rounded one way here and the other way in the engine) can cause.
     */
    double roundingFlipBound;
    final double floor;

    ReferenceRl(float[] image, int w, int h, int d, float[] psfValues, int pw, int ph, int pd, double minWeight) {
        this.w = w; this.h = h; this.d = d; this.pw = pw; this.ph = ph; this.pd = pd;
        cx = pw / 2; cy = ph / 2; cz = pd / 2;
        ew = w + pw - 1; eh = h + ph - 1; ed = d + pd - 1;
        psf = new double[psfValues.length];
        double s = 0;
        for (float v : psfValues) {
            s += v;
        }
        for (int i = 0; i < psf.length; i++) {
            psf[i] = psfValues[i] / s;
        }
        y = new double[image.length];
        double sum = 0;
        double max = 0;
        for (int i = 0; i < image.length; i++) {
            y[i] = Math.max(0, image[i]);
            sum += y[i];
            max = Math.max(max, y[i]);
        }
        floor = Math.max(1e-6 * max, Float.MIN_NORMAL);
        double[] ones = new double[y.length];
        java.util.Arrays.fill(ones, 1);
        weight = adjoint(ones);
        x = new double[ew * eh * ed];
        for (int i = 0; i < x.length; i++) {
            x[i] = weight[i] >= minWeight ? sum / y.length : 0;
            if (weight[i] < minWeight) {
                weight[i] = 0;
            }
        }
        xPrev = x.clone();
        gPrev = new double[x.length];
    }

    /** Object index of image-relative position (px, py, pz), which may be negative down to -(p-1-c). */
    int obj(int px, int py, int pz) {
        return (px + pw - 1 - cx) + ew * ((py + ph - 1 - cy) + eh * (pz + pd - 1 - cz));
    }

    /** (A x)(m) = Σ_q h(q) x(m − (q − c)). */
    double[] forward(double[] obj) {
        double[] out = new double[w * h * d];
        for (int z = 0; z < d; z++) for (int yy = 0; yy < h; yy++) for (int xx = 0; xx < w; xx++) {
            double s = 0;
            for (int k = 0; k < pd; k++) for (int j = 0; j < ph; j++) for (int i = 0; i < pw; i++) {
                s += psf[i + pw * (j + ph * k)] * obj[obj(xx - (i - cx), yy - (j - cy), z - (k - cz))];
            }
            out[xx + w * (yy + h * z)] = s;
        }
        return out;
    }

    /** (Aᵀ r)(p) = Σ_q h(q) r(p + (q − c)) over image positions. */
    double[] adjoint(double[] r) {
        double[] out = new double[ew * eh * ed];
        for (int z = 0; z < d; z++) for (int yy = 0; yy < h; yy++) for (int xx = 0; xx < w; xx++) {
            double v = r[xx + w * (yy + h * z)];
            for (int k = 0; k < pd; k++) for (int j = 0; j < ph; j++) for (int i = 0; i < pw; i++) {
                out[obj(xx - (i - cx), yy - (j - cy), z - (k - cz))] += psf[i + pw * (j + ph * k)] * v;
            }
        }
        return out;
    }

    double[] step(double[] est) {
        double[] ax = forward(est);
        for (int i = 0; i < ax.length; i++) {
            ax[i] = ax[i] > floor ? y[i] / ax[i] : 0;
        }
        double[] c = adjoint(ax);
        double[] out = new double[est.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = weight[i] > 0 ? est[i] * c[i] / weight[i] : 0;
        }
        return out;
    }

    void plain() {
        x = step(x);
    }

    /** Biggs–Andrews with the state (direction, previous step) kept exactly. */
    void accelerated() {
        accelerated(false);
    }

    /**
     * Biggs–Andrews; with {@code bf16State} the state is rounded as the engine stores it: the
     * direction {@code x_k − x_{k−1}} to bfloat16 (through float), the previous step {@code g_{k−1}}
     * to bytes with one scale per row, and the extrapolation factor to float.
     */
    void accelerated(boolean bf16State) {
        double a = bf16State ? (float) alpha : alpha;
        double[] pred = new double[x.length];
        double maxDir = 0;
        for (int i = 0; i < x.length; i++) {
            double dir = x[i] - xPrev[i];
            maxDir = Math.max(maxDir, Math.abs(dir));
            if (bf16State) {
                dir = Bf16.value(Bf16.of((float) dir));
            }
            pred[i] = Math.max(0, x[i] + a * dir);
        }
        if (bf16State) {
            roundingFlipBound += a * maxDir / 128;
        }
        xPrev = x;
        double[] next = step(pred);
        double num = 0;
        double den = 0;
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = next[i] - pred[i];
            num += g[i] * gPrev[i];
            den += gPrev[i] * gPrev[i];
        }
        alpha = den > 0 ? Math.max(0, Math.min(0.999, num / den)) : 0;
        if (bf16State) { // g_{k−1} as the engine keeps it: bytes scaled per row (ScaledBytes), in float
            for (int row = 0; row < eh * ed; row++) {
                float max = 0f;
                for (int i = 0; i < ew; i++) {
                    max = Math.max(max, Math.abs((float) g[row * ew + i]));
                }
                float inv = 127f / max;
                float scale = max / 127f;
                for (int i = 0; i < ew; i++) {
                    g[row * ew + i] = max > 0f ? Math.round((float) g[row * ew + i] * inv) * scale : 0f;
                }
            }
        }
        gPrev = g;
        x = next;
    }

    /** {@code ‖y − A x‖₂} of the current estimate. */
    double residual() {
        double[] ax = forward(x);
        double s = 0;
        for (int i = 0; i < ax.length; i++) {
            s += (y[i] - ax[i]) * (y[i] - ax[i]);
        }
        return Math.sqrt(s);
    }

    /** The estimate on the image region. */
    double[] image() {
        double[] out = new double[w * h * d];
        for (int z = 0; z < d; z++) for (int yy = 0; yy < h; yy++) for (int xx = 0; xx < w; xx++) {
            out[xx + w * (yy + h * z)] = x[obj(xx, yy, z)];
        }
        return out;
    }
}
