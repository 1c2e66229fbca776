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
        return meanAndInverseFast(dev.delp.simd.Simd.scalar(), data, off, n, new double[16]);
    }

    /**
     * {@link #meanAndInverseFast(float[], int, int)} with the eight chains summed by
     * {@code kernels.sumsAndSquares8} (the same bits in every implementation; the Vector API one
     * keeps the chains as the lanes of one double vector, session 10) into {@code chains} (16
     * doubles, scratch), combined as {@code ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))}.
     */
    long meanAndInverseFast(dev.delp.simd.FloatKernels kernels, float[] data, int off, int n, double[] chains) {
        kernels.sumsAndSquares8(data, off, n, chains);
        double[] c = chains;
        return pack(((c[0] + c[1]) + (c[2] + c[3])) + ((c[4] + c[5]) + (c[6] + c[7])),
                ((c[8] + c[9]) + (c[10] + c[11])) + ((c[12] + c[13]) + (c[14] + c[15])), n);
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
