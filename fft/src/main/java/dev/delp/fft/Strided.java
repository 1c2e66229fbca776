package dev.delp.fft;

/** Complex transforms along the y or z axis of an interleaved complex volume {@code nx x ny x nz}. */
final class Strided {
    private Strided() {
    }

    /** Transforms every line along {@code axis} (1 = y, 2 = z); {@code sign} -1 forward, +1 inverse (scaled). */
    static void alongAxis(float[] s, int nx, int ny, int nz, int axis, int sign) {
        int len = axis == 1 ? ny : nz;
        ComplexFft1d plan = ComplexFft1d.of(len);
        long stride = axis == 1 ? nx : (long) nx * ny;
        float[] line = new float[2 * len];
        int outer = axis == 1 ? nz : ny;
        for (int o = 0; o < outer; o++) {
            for (int x = 0; x < nx; x++) {
                long base = axis == 1 ? x + (long) nx * ny * o : x + (long) nx * o;
                for (int i = 0; i < len; i++) {
                    int idx = (int) (2 * (base + stride * i));
                    line[2 * i] = s[idx];
                    line[2 * i + 1] = s[idx + 1];
                }
                if (sign < 0) {
                    plan.forward(line, 0);
                } else {
                    plan.inverse(line, 0);
                }
                for (int i = 0; i < len; i++) {
                    int idx = (int) (2 * (base + stride * i));
                    s[idx] = line[2 * i];
                    s[idx + 1] = line[2 * i + 1];
                }
            }
        }
    }
}
