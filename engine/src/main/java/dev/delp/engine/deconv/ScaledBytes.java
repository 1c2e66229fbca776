package dev.delp.engine.deconv;

/**
 * A row of floats as signed bytes with one float scale per row: {@code v ≈ b · scale},
 * {@code scale = max|v| / 127}, {@code b = round(v / scale)} in [−127, 127]. The absolute rounding
 * error is at most {@code max|v| / 254} — half a step — so values near the row's maximum keep
 * ≈ 0.4 % and small ones lose their relative precision. Used for the Biggs–Andrews previous step
 * {@code g_{k−1}}, which only enters the two global sums of {@code α = Σ g_k g_{k−1} / Σ g_{k−1}²};
 * those are dominated by the large values, and rounding errors of independent voxels average out.
 */
final class ScaledBytes {
    private ScaledBytes() {
    }

    /** Encodes {@code values[from..from+n)} into {@code dst[off..off+n)}; returns the row's scale. */
    static float encode(float[] values, int from, int n, byte[] dst, int off) {
        float max = 0f;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(values[from + i]));
        }
        if (!(max > 0f)) {
            java.util.Arrays.fill(dst, off, off + n, (byte) 0);
            return 0f;
        }
        float inv = 127f / max;
        for (int i = 0; i < n; i++) {
            dst[off + i] = (byte) Math.round(values[from + i] * inv);
        }
        return max / 127f;
    }
}
