package dev.delp.engine.deconv;

import java.util.concurrent.ForkJoinPool;

/**
 * The multiplicative total-variation factor of RL-TV (Dey et al., "Richardson–Lucy algorithm with
 * total variation regularization for 3D confocal microscope deconvolution", Microsc. Res. Tech. 69
 * (2006) 260–266, eq. 13): {@code x_{k+1} = x_k · c / (1 − λ · div(∇x_k / |∇x_k|))}.
 * Gradients are forward differences, the divergence backward differences (its adjoint), with
 * zero flux at the work-volume edges; {@code |∇x|} is smoothed by {@code ε²} (ε = 1e-3 of the image mean) to avoid 0/0. As a
 * safeguard the denominator is kept at or above 0.1, so a factor never exceeds 10 or turns negative.
 */
final class TotalVariation {
    private static final float MIN_DENOMINATOR = 0.1f;

    private TotalVariation() {
    }

    /**
     * Writes the TV factor of every work voxel of the estimate into {@code out[0..workSize)}; the
     * estimate is {@code x}, or for Biggs–Andrews ({@code direction != null}) the prediction
     * {@code max(0, x + α·direction)} ({@link Bf16#predict}), recomputed where needed.
     */
    static void factors(float[] x, char[] direction, float alpha, float[] out, Grid g, double lambda, double epsilon,
            Chunks chunks, ForkJoinPool pool) {
        int w = g.workWidth();
        int h = g.workHeight();
        int d = g.workDepth();
        float lam = (float) lambda;
        float eps2 = (float) Math.max(1e-30, epsilon * epsilon);
        Estimate e = new Estimate(x, direction, alpha);
        chunks.run(pool, (r0, r1, c) -> {
            for (int r = r0; r < r1; r++) {
                int yy = r % h;
                int zz = r / h;
                for (int xx = 0; xx < w; xx++) {
                    int i = xx + w * r;
                    float div = component(e, i, xx, yy, zz, w, h, d, eps2);
                    if (xx > 0) {
                        div -= normalised(e, i - 1, xx - 1, yy, zz, w, h, d, eps2, 0);
                    }
                    if (yy > 0) {
                        div -= normalised(e, i - w, xx, yy - 1, zz, w, h, d, eps2, 1);
                    }
                    if (zz > 0) {
                        div -= normalised(e, i - w * h, xx, yy, zz - 1, w, h, d, eps2, 2);
                    }
                    float den = 1f - lam * div;
                    out[i] = 1f / Math.max(den, MIN_DENOMINATOR);
                }
            }
        });
    }

    /** The estimate at a voxel: {@code x}, or the Biggs–Andrews prediction from {@code x} and the direction. */
    private record Estimate(float[] x, char[] direction, float alpha) {
        float at(int i) {
            return direction == null ? x[i] : Bf16.predict(x[i], alpha, direction[i]);
        }
    }

    /** Sum over axes of the normalised forward gradient at voxel {@code i}. */
    private static float component(Estimate x, int i, int xx, int yy, int zz, int w, int h, int d, float eps2) {
        float gx = xx + 1 < w ? x.at(i + 1) - x.at(i) : 0f;
        float gy = yy + 1 < h ? x.at(i + w) - x.at(i) : 0f;
        float gz = zz + 1 < d ? x.at(i + w * h) - x.at(i) : 0f;
        float inv = (float) (1 / Math.sqrt(gx * gx + gy * gy + gz * gz + eps2));
        return (gx + gy + gz) * inv;
    }

    /** Component {@code axis} of the normalised forward gradient at voxel {@code i}. */
    private static float normalised(Estimate x, int i, int xx, int yy, int zz, int w, int h, int d, float eps2, int axis) {
        float gx = xx + 1 < w ? x.at(i + 1) - x.at(i) : 0f;
        float gy = yy + 1 < h ? x.at(i + w) - x.at(i) : 0f;
        float gz = zz + 1 < d ? x.at(i + w * h) - x.at(i) : 0f;
        float inv = (float) (1 / Math.sqrt(gx * gx + gy * gy + gz * gz + eps2));
        return (axis == 0 ? gx : axis == 1 ? gy : gz) * inv;
    }
}
