package dev.delp.simd;

/** Argument checks shared by the kernel implementations. */
final class Checks {
    private Checks() {
    }

    static void lengths(int n, float[]... arrays) {
        if (n < 0) {
            throw new IllegalArgumentException("element count must be >= 0, got " + n);
        }
        for (int k = 0; k < arrays.length; k++) {
            if (arrays[k].length < n) {
                throw new IllegalArgumentException("array " + k + " has length " + arrays[k].length
                        + ", kernel needs at least " + n);
            }
        }
    }

    static void range(float[] a, int offset, int n) {
        if (offset < 0 || n < 0 || offset > a.length - n) {
            throw new IllegalArgumentException("range [" + offset + ", " + offset + " + " + n
                    + ") is outside an array of length " + a.length);
        }
    }

    static void matrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (rows < 0 || cols < 0 || off < 0 || (rows > 1 && ld < cols)) {
            throw new IllegalArgumentException("matrix " + name + " " + rows + "x" + cols + " with offset "
                    + off + " and leading dimension " + ld + " is invalid (need rows, cols, offset >= 0, ld >= cols)");
        }
        if (rows > 0 && cols > 0 && (long) off + (long) (rows - 1) * ld + cols > x.length) {
            throw new IllegalArgumentException("matrix " + name + " " + rows + "x" + cols + " (offset " + off
                    + ", leading dimension " + ld + ") does not fit an array of length " + x.length);
        }
    }
}
