package dev.delp.fft;

/** Size helpers for FFT padding and argument validation. */
public final class FftSizes {
    /** Largest transform length accepted along one axis. */
    public static final int MAX_LENGTH = 1 << 27;
    /** Largest total number of elements accepted for a multi-dimensional transform. */
    public static final long MAX_ELEMENTS = 1L << 30;

    private FftSizes() {
    }

    /**
     * The smallest {@code m >= n} whose prime factors are all in {2, 3, 5, 7}.
     *
     * @throws IllegalArgumentException if {@code n < 1} or {@code n > MAX_LENGTH}
     */
    public static int good(int n) {
        checkLength("n", n);
        for (int m = n; ; m++) {
            if (isSmooth(m)) {
                return m;
            }
        }
    }

    /** True when every prime factor of {@code n} is 2, 3, 5 or 7. */
    public static boolean isSmooth(int n) {
        if (n < 1) {
            return false;
        }
        for (int p : new int[] {2, 3, 5, 7}) {
            while (n % p == 0) {
                n /= p;
            }
        }
        return n == 1;
    }

    /** Throws an {@link IllegalArgumentException} naming {@code what} unless {@code 1 <= n <= MAX_LENGTH}. */
    public static void checkLength(String what, int n) {
        if (n < 1 || n > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " = " + n + " is not a valid FFT length (1.." + MAX_LENGTH + ")");
        }
    }

    static long checkShape(int... dims) {
        long total = 1;
        String[] names = {"width", "height", "depth"};
        for (int i = 0; i < dims.length; i++) {
            checkLength(names[i], dims[i]);
            total *= dims[i];
        }
        if (total > MAX_ELEMENTS) {
            throw new IllegalArgumentException("FFT shape " + shapeString(dims) + " has " + total
                    + " elements, more than the limit " + MAX_ELEMENTS);
        }
        return total;
    }

    /**
     * Checks that an interleaved complex array of {@code dims[0] x dims[1] x ...} bins fits in a
     * Java array; {@code shape} is the user's shape, for the message.
     */
    static void checkSpectrum(int bins0, int... shape) {
        long total = 2L * bins0;
        for (int i = 1; i < shape.length; i++) {
            total *= shape[i];
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("FFT shape " + shapeString(shape) + " needs " + total
                    + " floats of spectrum, more than a Java array holds (" + (Integer.MAX_VALUE - 8) + ")");
        }
    }

    static void checkDistinct(float[] a, float[] b) {
        if (a == b) {
            throw new IllegalArgumentException("input and output must be different arrays");
        }
    }

    static String shapeString(int... dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : "x").append(dims[i]);
        }
        return sb.toString();
    }

    static void checkArray(String what, float[] a, int offset, long needed) {
        if (a == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (offset < 0 || offset + needed > a.length) {
            throw new IllegalArgumentException(what + " too short: needs " + needed + " floats from offset " + offset
                    + ", has length " + a.length);
        }
    }
}
