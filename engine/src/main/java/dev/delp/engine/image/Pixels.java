package dev.delp.engine.image;

/** Whole-array reductions shared by {@link Image2d} and {@link Stack3d}. */
final class Pixels {
    private Pixels() {
    }

    /** Sum accumulated in double in index order (so it does not depend on threads or SIMD). */
    static double sum(float[] data) {
        double s = 0;
        for (float v : data) {
            s += v;
        }
        return s;
    }

    static float min(float[] data) {
        float m = Float.POSITIVE_INFINITY;
        for (float v : data) {
            m = Math.min(m, v);
        }
        return m;
    }

    static float max(float[] data) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : data) {
            m = Math.max(m, v);
        }
        return m;
    }
}
