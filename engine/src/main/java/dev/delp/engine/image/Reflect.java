package dev.delp.engine.image;

/**
 * Index arithmetic for reflective (mirror) borders.
 *
 * <p>delp uses <em>half-sample symmetric</em> reflection (scipy's {@code mode='reflect'}, numpy's
 * {@code 'symmetric'}, deconwolf's mirror): the edge sample is repeated, so for {@code n = 4}
 * the indices {@code -2 -1 | 0 1 2 3 | 4 5} map to {@code 1 0 | 0 1 2 3 | 3 2}. The pattern is
 * periodic with period {@code 2n}, so any offset, however far outside, maps into {@code [0, n)}.
 */
public final class Reflect {
    private Reflect() {
    }

    /** Maps any integer index onto {@code [0, n)} by half-sample symmetric reflection. */
    public static int index(int i, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("length n = " + n + " must be >= 1");
        }
        if (i >= 0 && i < n) {
            return i;
        }
        long period = 2L * n;
        long m = Math.floorMod((long) i, period);
        return (int) (m < n ? m : period - 1 - m);
    }
}
