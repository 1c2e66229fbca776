package dev.delp.engine.simulate;

/**
 * Seeded 2D value noise: pseudo-random lattice values (a hash of seed and lattice point, so no
 * table is stored) interpolated with a C¹ smoothstep. Values lie in [-1, 1]. Used for chromatin
 * texture and slow background variation.
 */
final class ValueNoise {
    private final long seed;

    ValueNoise(long seed) {
        this.seed = seed;
    }

    /** Noise at {@code (x, y)} in lattice units. */
    double at(double x, double y) {
        long ix = (long) Math.floor(x);
        long iy = (long) Math.floor(y);
        double fx = x - ix;
        double fy = y - iy;
        double sx = fx * fx * (3 - 2 * fx);
        double sy = fy * fy * (3 - 2 * fy);
        double v00 = lattice(ix, iy);
        double v10 = lattice(ix + 1, iy);
        double v01 = lattice(ix, iy + 1);
        double v11 = lattice(ix + 1, iy + 1);
        double top = v00 + sx * (v10 - v00);
        double bottom = v01 + sx * (v11 - v01);
        return top + sy * (bottom - top);
    }

    /** Two octaves: {@code at(x/scale) + 0.5 at(2x/scale)}, normalised to [-1, 1]. */
    double fractal(double x, double y, double scale) {
        return (at(x / scale, y / scale) + 0.5 * at(2 * x / scale + 17.3, 2 * y / scale - 5.1)) / 1.5;
    }

    private double lattice(long ix, long iy) {
        long h = seed ^ (ix * 0x9E3779B97F4A7C15L) ^ (iy * 0xC2B2AE3D27D4EB4FL);
        h = mix(h);
        return (h >>> 11) * 0x1.0p-52 - 1.0; // [-1, 1)
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
