package dev.delp.nn;

/**
 * Per-patch input normalisation stored in the weights file. Brightness varies by orders of
 * magnitude between specimens and photon budgets, so each patch is standardised on its own:
 * <ul>
 *   <li>{@code zscore}: {@code x' = (x − mean) / max(std, stdFloor·max(|mean|, 1))} with mean and
 *       (population) standard deviation of the patch accumulated in double. A constant patch maps
 *       to zeros.</li>
 * </ul>
 *
 * @param kind     the method name as stored in the file (only {@code zscore} is defined)
 * @param stdFloor relative floor on the standard deviation, in (0, 1)
 */
public record InputNormalisation(String kind, double stdFloor) {
    /** The normalisation DelpNet is trained with. */
    public static final InputNormalisation ZSCORE = new InputNormalisation("zscore", 1e-6);

    /** Validates the kind and floor. */
    public InputNormalisation {
        if (!"zscore".equals(kind)) {
            throw new IllegalArgumentException("input normalisation '" + kind + "' is not supported (known: zscore)");
        }
        if (!(stdFloor > 0 && stdFloor < 1)) {
            throw new IllegalArgumentException("input normalisation stdFloor " + stdFloor + " must be in (0, 1)");
        }
    }

    /** Normalises {@code n} floats at {@code off} in place. */
    public void apply(float[] data, int off, int n) {
        long mi = meanAndInverse(data, off, n);
        float m = mean(mi), inv = inverse(mi);
        for (int i = off; i < off + n; i++) {
            data[i] = (data[i] - m) * inv;
        }
    }

    /**
     * The float mean and inverse scale of {@code n} floats at {@code off} (sums in double), packed
     * as two float bit patterns in one long so the fused inference path allocates nothing; every
     * value then maps to {@code (x − mean) · inverse}, exactly as {@link #apply}.
     */
    long meanAndInverse(float[] data, int off, int n) {
        double sum = 0, sq = 0;
        for (int i = off; i < off + n; i++) {
            double v = data[i];
            sum += v;
            sq += v * v;
        }
        double mean = sum / n;
        double var = Math.max(0, sq / n - mean * mean);
        double std = Math.max(Math.sqrt(var), stdFloor * Math.max(Math.abs(mean), 1));
        float m = (float) mean, inv = (float) (1 / std);
        return ((long) Float.floatToRawIntBits(m) << 32) | (Float.floatToRawIntBits(inv) & 0xFFFF_FFFFL);
    }

    static float mean(long meanAndInverse) {
        return Float.intBitsToFloat((int) (meanAndInverse >>> 32));
    }

    static float inverse(long meanAndInverse) {
        return Float.intBitsToFloat((int) meanAndInverse);
    }
}
