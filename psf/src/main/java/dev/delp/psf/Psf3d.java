package dev.delp.psf;

/**
 * An immutable 3D PSF stack: {@code size × size × depth}, index {@code x + size*(y + size*z)}, plane
 * {@code z} at defocus {@code zMinUm + z*zStepUm}. The whole stack sums to 1; planes keep their
 * physical relative energy (each plane of an unbounded widefield PSF carries the same energy, so
 * planes differ only by what the lateral crop cuts off).
 */
public final class Psf3d {
    private final int size, depth;
    private final double zMinUm, zStepUm;
    private final float[] values;

    Psf3d(int size, int depth, double zMinUm, double zStepUm, float[] values) {
        this.size = size;
        this.depth = depth;
        this.zMinUm = zMinUm;
        this.zStepUm = zStepUm;
        this.values = values;
    }

    /** Width and height of every plane (pixels). */
    public int size() {
        return size;
    }

    /** Number of planes. */
    public int depth() {
        return depth;
    }

    /** Axial distance between planes (µm). */
    public double zStepUm() {
        return zStepUm;
    }

    /** Defocus of plane 0 (µm). */
    public double zMinUm() {
        return zMinUm;
    }

    /** Value at (x, y, z). */
    public float get(int x, int y, int z) {
        if (x < 0 || y < 0 || z < 0 || x >= size || y >= size || z >= depth) {
            throw new IndexOutOfBoundsException("(" + x + "," + y + "," + z + ") outside PSF "
                    + size + "x" + size + "x" + depth);
        }
        return values[x + size * (y + size * z)];
    }

    /** A copy of the values, {@code x + size*(y + size*z)}. */
    public float[] values() {
        return values.clone();
    }
}
