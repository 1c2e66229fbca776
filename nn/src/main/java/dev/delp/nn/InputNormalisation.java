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
        return pack(sum, sq, n);
    }

    /**
     * As {@link #meanAndInverse} with the double sums split over eight interleaved accumulators
     * (eight independent chains of additions instead of one; the squares as {@code fma(v, v, q)},
     * which equals {@code q + v·v} because the square of a float is exact in double); the sums
     * differ from the sequential ones by rounding in double only (relative ~1e-16), which the
     * float mean and inverse almost never see. Used by the fused inference path.
     */
    long meanAndInverseFast(float[] data, int off, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        double q0 = 0, q1 = 0, q2 = 0, q3 = 0, q4 = 0, q5 = 0, q6 = 0, q7 = 0;
        int i = off, end = off + n;
        for (; i + 7 < end; i += 8) {
            double v0 = data[i], v1 = data[i + 1], v2 = data[i + 2], v3 = data[i + 3];
            double v4 = data[i + 4], v5 = data[i + 5], v6 = data[i + 6], v7 = data[i + 7];
            s0 += v0;
            s1 += v1;
            s2 += v2;
            s3 += v3;
            s4 += v4;
            s5 += v5;
            s6 += v6;
            s7 += v7;
            q0 = Math.fma(v0, v0, q0);
            q1 = Math.fma(v1, v1, q1);
            q2 = Math.fma(v2, v2, q2);
            q3 = Math.fma(v3, v3, q3);
            q4 = Math.fma(v4, v4, q4);
            q5 = Math.fma(v5, v5, q5);
            q6 = Math.fma(v6, v6, q6);
            q7 = Math.fma(v7, v7, q7);
        }
        for (; i < end; i++) {
            double v = data[i];
            s0 += v;
            q0 = Math.fma(v, v, q0);
        }
        return pack(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)),
                ((q0 + q1) + (q2 + q3)) + ((q4 + q5) + (q6 + q7)), n);
    }

    private long pack(double sum, double sq, int n) {
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
