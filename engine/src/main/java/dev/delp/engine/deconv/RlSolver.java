package dev.delp.engine.deconv;

import dev.delp.engine.image.PowerOfTwoScale;
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
 * copies the estimate (or the Biggs–Andrews prediction) into the one padded volume and performs
 * there, in place, FFT#1 (forward of the estimate), FFT#2 (inverse: blurred estimate), the ratio,
 * FFT#3 (forward of the ratio), FFT#4 (inverse: correction); the update then reads the correction
 * from it. Pointwise steps run over fixed row chunks on the pool (plain loops that C2
 * auto-vectorises; the kernels of {@code FloatKernels} take no offsets, so they cannot serve row
 * chunks); complex spectrum products use the SIMD kernels, real (symmetric-PSF) OTFs a scaling
 * loop. No allocation inside the iteration.
 */
final class RlSolver {
    private final RlWorkspace ws;
    private final Grid g;
    private final Transform fft;
    private final OtfProduct otf;
    private final RlOptions options;
    private final ForkJoinPool pool;
    private final boolean[] mirrored; // PSF mirror symmetry per axis (x, y, z): folds the normalisation map
    private float divisionFloor;
    private double alpha;
    private double mean;
    private float dataScale = 1f;

    private final Object otfKey;

    RlSolver(RlWorkspace ws, Transform fft, OtfProduct otf, Object otfKey, boolean[] mirrored, RlOptions options,
            ForkJoinPool pool) {
        this.otfKey = otfKey;
        this.mirrored = mirrored.clone();
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
        // RL commutes with the data's scale; it runs at a peak in [1, 2) (a power of two: every float
        // operation of an iteration then gives the same bits, scaled), so that images of 1e36 do not
        // overflow the FFTs and images of 1e-36 do not sink below the division guard or TV's epsilon
        // (both came out all zeros). Undone in outputScale().
        dataScale = PowerOfTwoScale.toUnit(PowerOfTwoScale.peak(observed));
        double sum = 0;
        double max = 0;
        for (int i = 0; i < observed.length; i++) {
            float v = Math.max(0f, observed[i]) * dataScale;
            ws.y[i] = v;
            sum += v;
            max = Math.max(max, v);
        }
        mean = sum / observed.length;
        // Guard of the ratio y / (A x): 1e-6 of the peak, far below any signal a float can resolve.
        divisionFloor = (float) Math.max(1e-6 * max, Float.MIN_NORMAL);
        // Normalisation map w = Aᵀ 1 (B&B 2005 eq. 15): the image mask correlated with the PSF,
        // computed in the padded volume (no temporary volume). It depends only on the grid and the
        // OTF, so a workspace reused with the same OTF keeps it.
        if (ws.invWeight == null || ws.mapKey != otfKey || ws.mapMinWeight != options.minWeight()) {
            ws.invWeight = null; // the old map is garbage before the new one is built
            float[] p = ws.padded;
            int s = ws.stride;
            int iW = g.imageWidth();
            ws.chunks.run(pool, (r0, r1, c) -> {
                for (int r = r0; r < r1; r++) {
                    int o = r * s;
                    Arrays.fill(p, o, o + s, 0f);
                    if (g.rowInImage(r)) {
                        Arrays.fill(p, o, o + iW, 1f);
                    }
                }
            });
            correlateInPlace();
            ws.invWeight = new NormalisationMap(g, p, s, (float) options.minWeight(), mirrored[0], mirrored[1],
                    mirrored[2]);
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
            Arrays.fill(ws.gPrev, (byte) 0);
            Arrays.fill(ws.gScale, 0f);
            Arrays.fill(ws.direction, (char) 0);
        }
        alpha = 0;
        return mean;
    }

    /** {@code padded ← h ⊛ padded} (FFT#1, product, FFT#2). */
    private void blurInPlace() {
        fft.forwardInPlace(ws.padded, pool);
        otf.multiply(ws.padded, false);
        fft.inverseInPlace(ws.padded, pool);
    }

    /** {@code padded ← hᵀ ⊛ padded}, the adjoint (FFT#3, conjugate product, FFT#4). */
    private void correlateInPlace() {
        fft.forwardInPlace(ws.padded, pool);
        otf.multiply(ws.padded, true);
        fft.inverseInPlace(ws.padded, pool);
    }

    /** {@code padded ← x}, or for Biggs–Andrews the prediction {@code max(0, x + α·direction)}. */
    private void loadEstimate(float a) {
        float[] x = ws.x;
        float[] p = ws.padded;
        char[] dir = ws.direction;
        int s = ws.stride;
        int wW = g.workWidth();
        ws.chunks.run(pool, (r0, r1, c) -> {
            for (int r = r0; r < r1; r++) {
                if (dir == null) {
                    System.arraycopy(x, r * wW, p, r * s, wW);
                    continue;
                }
                int o = r * wW;
                int po = r * s;
                for (int i = 0; i < wW; i++) {
                    p[po + i] = Bf16.predict(x[o + i], a, dir[o + i]);
                }
            }
        });
    }

    /** {@code padded ← y / padded} on the image, 0 elsewhere (the data term of RL). */
    private void ratio() {
        float[] p = ws.padded;
        float[] y = ws.y;
        float floor = divisionFloor;
        int s = ws.stride;
        int wW = g.workWidth();
        int iW = g.imageWidth();
        ws.chunks.run(pool, (r0, r1, c) -> {
            for (int r = r0; r < r1; r++) {
                int o = r * s;
                if (!g.rowInImage(r)) {
                    Arrays.fill(p, o, o + wW, 0f);
                    continue;
                }
                int yo = g.imageRowOffset(r);
                for (int i = 0; i < iW; i++) {
                    float d = p[o + i];
                    p[o + i] = d > floor ? y[yo + i] / d : 0f;
                }
                Arrays.fill(p, o + iW, o + wW, 0f);
            }
        });
    }

    /**
     * The RL correction {@code c = Aᵀ(y / A e)} at the estimate {@code e} ({@code x}, or the
     * prediction with extrapolation factor {@code a}), left in the padded volume; TV factors of
     * {@code e} in {@code ws.tv}.
     */
    private void correction(float a) {
        loadEstimate(a);
        blurInPlace();
        ratio();
        correlateInPlace();
        if (options.tvLambda() > 0) {
            TotalVariation.factors(ws.x, ws.accelerated ? ws.direction : null, a, ws.tv(), g, options.tvLambda(),
                    1e-3 * mean, ws.chunks, pool);
        }
    }

    /**
     * One plain RL iteration: {@code x ← x · c / w} (· TV factor).
     *
     * @return the relative change if {@code measure}, else NaN
     */
    double plainIteration(boolean measure) {
        correction(0f);
        float[] x = ws.x;
        float[] c = ws.padded;
        float[] tv = options.tvLambda() > 0 ? ws.tv : null;
        int wW = g.workWidth();
        int s = ws.stride;
        ws.chunks.run(pool, (r0, r1, ci) -> {
            double diff = 0;
            double norm = 0;
            float[] iw = ws.rowScratch[ci];
            for (int r = r0; r < r1; r++) {
                ws.invWeight.row(r, iw);
                int o = r * wW;
                int co = r * s;
                if (!measure && tv == null) {
                    for (int i = 0; i < wW; i++) {
                        x[o + i] = x[o + i] * c[co + i] * iw[i];
                    }
                    continue;
                }
                for (int i = 0; i < wW; i++) {
                    float old = x[o + i];
                    float nu = old * c[co + i] * iw[i];
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
     * <p>Memory: {@code x_k} stays in float; the direction {@code x_k − x_{k−1}} is kept in
     * bfloat16 ({@link Bf16}, relative rounding ≤ 2⁻⁸), {@code g_{k−1}} — which only enters the two
     * sums of α — in bytes with one scale per row ({@link ScaledBytes}, error ≤ row max / 254), and
     * {@code y_k} is never stored: it is recomputed from {@code x_k} and the direction
     * ({@link Bf16#predict}, same bits) when the update needs it. The rounding only moves the
     * extrapolated point {@code y_k} by ≤ 2⁻⁸·α·|x_k − x_{k−1}| per voxel and α by the rounding
     * of the two sums; every RL step is
     * still taken at a non-negative point in float, so the monotone-likelihood safeguards are
     * unchanged. Validated against the double-precision brute force with the same rounding
     * (first iterations, 1e-4) and without it (50 iterations: residual and PSNR), see the tests.
     *
     * @return the relative change {@code ‖x_{k+1} − x_k‖ / ‖x_k‖} if {@code measure}, else NaN
     */
    double acceleratedIteration(boolean measure) {
        float a = (float) alpha;
        correction(a);
        float[] x = ws.x;
        float[] c = ws.padded;
        char[] dir = ws.direction;
        byte[] gp = ws.gPrev;
        float[] gs = ws.gScale;
        float[] tv = options.tvLambda() > 0 ? ws.tv : null;
        int wW = g.workWidth();
        int s = ws.stride;
        ws.chunks.run(pool, (r0, r1, ci) -> {
            double num = 0;
            double den = 0;
            double diff = 0;
            double norm = 0;
            float[] iw = ws.rowScratch[ci];
            float[] gRow = ws.rowScratch[ci];
            int gOff = 2 * wW + 2; // after 1/w and its folded row
            for (int r = r0; r < r1; r++) {
                ws.invWeight.row(r, iw);
                int o = r * wW;
                int co = r * s;
                float scale = gs[r];
                for (int j = 0; j < wW; j++) {
                    int i = o + j;
                    float xk = x[i];
                    float yk = Bf16.predict(xk, a, dir[i]);
                    float nu = yk * c[co + j] * iw[j];
                    if (tv != null) {
                        nu *= tv[i];
                    }
                    float gk = nu - yk;
                    float g1 = gp[i] * scale;
                    num += (double) gk * g1;
                    den += (double) g1 * g1;
                    gRow[gOff + j] = gk;
                    float d = nu - xk;
                    dir[i] = Bf16.of(d);
                    x[i] = nu;
                    if (measure) {
                        diff += d * d;
                        norm += xk * xk;
                    }
                }
                gs[r] = ScaledBytes.encode(gRow, gOff, wW, gp, o);
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

    /** The factor that takes the estimate back to the observation's scale (see {@link #setup}). */
    float outputScale() {
        return PowerOfTwoScale.inverse(dataScale);
    }

    /** The extrapolation factor the next accelerated iteration will use. */
    double alpha() {
        return alpha;
    }
}
