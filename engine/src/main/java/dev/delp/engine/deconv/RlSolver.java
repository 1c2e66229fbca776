package dev.delp.engine.deconv;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * Richardson–Lucy on an extended domain with the normalisation map of Bertero & Boccacci,
 * "A simple method for the reduction of boundary effects in the Richardson-Lucy approach to image
 * deconvolution", A&amp;A 437 (2005) 369–374, eq. (15):
 * {@code x ← x / w · Aᵀ(y / A x)}, where {@code A = crop_image ∘ (h ⊛ ·)} maps the work volume to
 * the image and {@code w = Aᵀ 1} (voxels with {@code w < minWeight} are held at 0).
 *
 * <p>One iteration is one method ({@link #plainIteration}, {@link #acceleratedIteration}); each
 * performs FFT#1 (forward of the estimate), FFT#2 (inverse: blurred estimate), FFT#3 (forward of
 * the ratio), FFT#4 (inverse: correction). Pointwise steps run over fixed row chunks on the pool
 * (plain loops that C2 auto-vectorises; the kernels of {@code FloatKernels} take no offsets, so they
 * cannot serve row chunks); complex spectrum products use the SIMD kernels, real (symmetric-PSF)
 * OTFs a scaling loop. No allocation inside the iteration.
 */
final class RlSolver {
    private final RlWorkspace ws;
    private final Grid g;
    private final Transform fft;
    private final OtfProduct otf;
    private final RlOptions options;
    private final ForkJoinPool pool;
    private float divisionFloor;
    private double alpha;
    private double mean;

    private final Object otfKey;

    RlSolver(RlWorkspace ws, Transform fft, OtfProduct otf, Object otfKey, RlOptions options, ForkJoinPool pool) {
        this.otfKey = otfKey;
        this.ws = ws;
        this.g = ws.grid;
        this.fft = fft;
        this.otf = otf;
        this.options = options;
        this.pool = pool;
    }

    /**
     * Loads the observation (compact image layout; negative values clipped to 0), computes the
     * normalisation map and the flat initial estimate (the image mean where {@code w >= minWeight}).
     *
     * @return the mean of the observation (0 means an all-zero image: nothing to do)
     */
    double setup(float[] observed) {
        double sum = 0;
        double max = 0;
        for (int i = 0; i < observed.length; i++) {
            float v = Math.max(0f, observed[i]);
            ws.y[i] = v;
            sum += v;
            max = Math.max(max, v);
        }
        mean = sum / observed.length;
        // Guard of the ratio y / (A x): 1e-6 of the peak, far below any signal a float can resolve.
        divisionFloor = (float) Math.max(1e-6 * max, Float.MIN_NORMAL);
        // Normalisation map w = Aᵀ 1 (B&B 2005 eq. 15): the image mask correlated with the PSF.
        // It depends only on the grid and the OTF, so a workspace reused with the same OTF keeps it.
        if (ws.invWeight == null || ws.mapKey != otfKey || ws.mapMinWeight != options.minWeight()) {
            Arrays.fill(ws.buf, 0f);
            for (int r = 0; r < g.workRows(); r++) {
                if (g.rowInImage(r)) {
                    Arrays.fill(ws.buf, r * g.workWidth(), r * g.workWidth() + g.imageWidth(), 1f);
                }
            }
            correlate(ws.buf, ws.buf);
            ws.invWeight = new NormalisationMap(g, ws.buf, (float) options.minWeight());
            ws.mapKey = otfKey;
            ws.mapMinWeight = options.minWeight();
        }
        float start = (float) mean;
        float[] row = ws.rowScratch[0];
        int wW = g.workWidth();
        for (int r = 0; r < g.workRows(); r++) {
            ws.invWeight.row(r, row);
            for (int i = 0; i < wW; i++) {
                ws.x[r * wW + i] = row[i] > 0f ? start : 0f;
            }
        }
        if (ws.accelerated) {
            Arrays.fill(ws.gPrev, 0f);
            System.arraycopy(ws.x, 0, ws.xPrev, 0, ws.x.length);
        }
        alpha = 0;
        return mean;
    }

    /** {@code out = h ⊛ in} (FFT#1, product, FFT#2). */
    private void blur(float[] in, float[] out) {
        fft.forward(in, ws.spectrum, pool);
        otf.multiply(ws.spectrum, false);
        fft.inverseDestroying(ws.spectrum, out, pool);
    }

    /** {@code out = hᵀ ⊛ in}, the adjoint (FFT#3, conjugate product, FFT#4). */
    private void correlate(float[] in, float[] out) {
        fft.forward(in, ws.spectrum, pool);
        otf.multiply(ws.spectrum, true);
        fft.inverseDestroying(ws.spectrum, out, pool);
    }

    /** {@code buf ← y / buf} on the image, 0 elsewhere (the data term of RL). */
    private void ratio() {
        float[] buf = ws.buf;
        float[] y = ws.y;
        float floor = divisionFloor;
        int wW = g.workWidth();
        int iW = g.imageWidth();
        ws.chunks.run(pool, (r0, r1, c) -> {
            for (int r = r0; r < r1; r++) {
                int o = r * wW;
                if (!g.rowInImage(r)) {
                    Arrays.fill(buf, o, o + wW, 0f);
                    continue;
                }
                int yo = g.imageRowOffset(r);
                for (int i = 0; i < iW; i++) {
                    float d = buf[o + i];
                    buf[o + i] = d > floor ? y[yo + i] / d : 0f;
                }
                Arrays.fill(buf, o + iW, o + wW, 0f);
            }
        });
    }

    /** The RL correction {@code c = Aᵀ(y / A x)} of the estimate in {@code x}, left in {@code buf}. */
    private void correction(float[] x) {
        blur(x, ws.buf);
        ratio();
        correlate(ws.buf, ws.buf);
        if (options.tvLambda() > 0) {
            TotalVariation.factors(x, ws.spectrum, g, options.tvLambda(), 1e-3 * mean, ws.chunks, pool);
        }
    }

    /**
     * One plain RL iteration: {@code x ← x · c / w} (· TV factor).
     *
     * @return the relative change if {@code measure}, else NaN
     */
    double plainIteration(boolean measure) {
        correction(ws.x);
        float[] x = ws.x;
        float[] c = ws.buf;
        float[] tv = options.tvLambda() > 0 ? ws.spectrum : null;
        int wW = g.workWidth();
        ws.chunks.run(pool, (r0, r1, ci) -> {
            double diff = 0;
            double norm = 0;
            float[] iw = ws.rowScratch[ci];
            for (int r = r0; r < r1; r++) {
                ws.invWeight.row(r, iw);
                int o = r * wW;
                if (!measure && tv == null) {
                    for (int i = 0; i < wW; i++) {
                        x[o + i] = x[o + i] * c[o + i] * iw[i];
                    }
                    continue;
                }
                for (int i = 0; i < wW; i++) {
                    float old = x[o + i];
                    float nu = old * c[o + i] * iw[i];
                    if (tv != null) {
                        nu *= tv[o + i];
                    }
                    x[o + i] = nu;
                    float d = nu - old;
                    diff += d * d;
                    norm += old * old;
                }
            }
            ws.partialA[ci] = diff;
            ws.partialB[ci] = norm;
        });
        if (!measure) {
            return Double.NaN;
        }
        double norm = ws.chunks.sum(ws.partialB);
        return norm > 0 ? Math.sqrt(ws.chunks.sum(ws.partialA) / norm) : 0;
    }

    /**
     * One accelerated iteration (Biggs &amp; Andrews, "Acceleration of iterative image restoration
     * algorithms", Appl. Opt. 36 (1997) 1766, eqs. 9–12, order 1): predict
     * {@code y_k = max(0, x_k + α_k (x_k − x_{k−1}))}, take one RL step {@code x_{k+1} = ψ(y_k)},
     * keep {@code g_k = x_{k+1} − y_k}, and set {@code α_{k+1} = Σ g_k g_{k−1} / Σ g_{k−1}²}
     * clipped to [0, 0.999] (0 while fewer than two steps exist, so iterations 1–2 are plain RL).
     *
     * @return the relative change {@code ‖x_{k+1} − x_k‖ / ‖x_k‖} if {@code measure}, else NaN
     */
    double acceleratedIteration(boolean measure) {
        float[] x = ws.x;
        float[] xp = ws.xPrev;
        float a = (float) alpha;
        int wW = g.workWidth();
        // Prediction (eq. 9) with the non-negativity safeguard; xPrev ← x_k.
        ws.chunks.run(pool, (r0, r1, ci) -> {
            for (int i = r0 * wW, hi = r1 * wW; i < hi; i++) {
                float xk = x[i];
                float pred = xk + a * (xk - xp[i]);
                xp[i] = xk;
                x[i] = pred > 0f ? pred : 0f;
            }
        });
        correction(x);
        float[] c = ws.buf;
        float[] gp = ws.gPrev;
        float[] tv = options.tvLambda() > 0 ? ws.spectrum : null;
        ws.chunks.run(pool, (r0, r1, ci) -> {
            double num = 0;
            double den = 0;
            double diff = 0;
            double norm = 0;
            float[] iw = ws.rowScratch[ci];
            for (int r = r0; r < r1; r++) {
                ws.invWeight.row(r, iw);
                int o = r * wW;
                for (int j = 0; j < wW; j++) {
                    int i = o + j;
                    float yk = x[i];
                    float nu = yk * c[i] * iw[j];
                    if (tv != null) {
                        nu *= tv[i];
                    }
                    float gk = nu - yk;
                    num += (double) gk * gp[i];
                    den += (double) gp[i] * gp[i];
                    gp[i] = gk;
                    x[i] = nu;
                    if (measure) {
                        float d = nu - xp[i];
                        diff += d * d;
                        norm += xp[i] * xp[i];
                    }
                }
            }
            ws.partialA[ci] = num;
            ws.partialB[ci] = den;
            ws.partialC[ci] = diff;
            ws.partialD[ci] = norm;
        });
        double num = ws.chunks.sum(ws.partialA);
        double den = ws.chunks.sum(ws.partialB);
        double next = den > 0 ? num / den : 0;
        alpha = Math.max(0, Math.min(0.999, next));
        if (!measure) {
            return Double.NaN;
        }
        double norm = ws.chunks.sum(ws.partialD);
        return norm > 0 ? Math.sqrt(ws.chunks.sum(ws.partialC) / norm) : 0;
    }

    /** The extrapolation factor the next accelerated iteration will use. */
    double alpha() {
        return alpha;
    }
}
