package dev.delp.psf;

import java.util.Arrays;

/**
 * An immutable 2D PSF: odd {@code size × size}, centred on pixel {@code (size/2, size/2)}, values
 * non-negative and summing to 1 (within float rounding, ≤ 1e-6). Row-major, index {@code x + size*y}.
 */
public final class Psf2d {
    private final int size;
    private final double defocusUm;
    private final float[] values;

    Psf2d(int size, double defocusUm, float[] values) {
        this.size = size;
        this.defocusUm = defocusUm;
        this.values = values;
    }

    /**
     * Wraps external values (e.g. a measured PSF read from a TIFF): validates the shape and the
     * values, then normalises a copy to sum 1 (accumulated in double).
     *
     * @param defocusUm the defocus it represents, or {@code Double.NaN} if unknown
     * @throws IllegalArgumentException if size is not odd in [1, 4095], the length is not size²,
     *                                  a value is negative or not finite, or the sum is 0
     */
    public static Psf2d normalized(int size, float[] values, double defocusUm) {
        BornWolf.checkSize(size);
        if (values == null || values.length != size * size) {
            throw new IllegalArgumentException("PSF values must have length size*size = " + size + "x" + size
                    + " = " + ((long) size * size) + ", got " + (values == null ? "null" : values.length));
        }
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (!(Float.isFinite(v) && v >= 0)) {
                throw new IllegalArgumentException("PSF value at (" + (i % size) + "," + (i / size)
                        + ") must be finite and >= 0, got " + v);
            }
            sum += v;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("PSF " + size + "x" + size + " sums to 0; cannot normalise");
        }
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (values[i] / sum);
        }
        return new Psf2d(size, defocusUm, out);
    }

    /** Width = height, odd. */
    public int size() {
        return size;
    }

    /** Defocus (µm) this PSF was computed for ({@code NaN} if unknown). */
    public double defocusUm() {
        return defocusUm;
    }

    /** Value at column x, row y (0-based; the centre is {@code size/2}). */
    public float get(int x, int y) {
        if (x < 0 || y < 0 || x >= size || y >= size) {
            throw new IndexOutOfBoundsException("(" + x + "," + y + ") outside PSF " + size + "x" + size);
        }
        return values[x + size * y];
    }

    /** A copy of the values, row-major {@code size*size}. */
    public float[] values() {
        return values.clone();
    }

    /** Sum of the values in double (1 within float rounding). */
    public double sum() {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

    /**
     * This PSF zero-padded (centred) to a larger odd size, e.g. to give PSFs of several levels one
     * common size. Values are unchanged, so the sum stays 1.
     */
    public Psf2d padTo(int newSize) {
        BornWolf.checkSize(newSize);
        if (newSize < size) {
            throw new IllegalArgumentException("cannot pad PSF " + size + "x" + size + " to smaller " + newSize + "x" + newSize);
        }
        if (newSize == size) {
            return this;
        }
        float[] out = new float[newSize * newSize];
        int off = (newSize - size) / 2;
        for (int y = 0; y < size; y++) {
            System.arraycopy(values, size * y, out, off + newSize * (y + off), size);
        }
        return new Psf2d(newSize, defocusUm, out);
    }

    @Override
    public String toString() {
        return "Psf2d[" + size + "x" + size + ", defocus " + defocusUm + " µm]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Psf2d p && p.size == size
                && Double.compare(p.defocusUm, defocusUm) == 0 && Arrays.equals(p.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + size;
    }
}
