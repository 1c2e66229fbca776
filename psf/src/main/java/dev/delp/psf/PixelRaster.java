package dev.delp.psf;

/**
 * Pixel integration of a radial profile onto an odd square raster: each pixel gets the mean of
 * h over its area by a tensor Gauss–Legendre rule ({@value #NODES}×{@value #NODES} nodes). h is
 * band-limited to 2·NA/λ, so across a pixel of width p it varies at most like e^{iωt} with
 * ω = 2π·2NA/λ·p/2 (≈ 4.1 at the default optics); the 12-point rule's error is then about
 * ω^{24}/24! ≈ 1e-9 of the peak. Only the octant 0 ≤ dy ≤ dx is integrated; the other seven
 * are copies (h is radial), which also makes the x↔y and x↔−x symmetries exact.
 */
final class PixelRaster {
    static final int NODES = 12;

    private PixelRaster() {
    }

    /** Un-normalised pixel means of h, row-major size². */
    static double[] raster(RadialProfile profile, int size, double pixelUm) {
        return raster(profile, size, pixelUm, NODES);
    }

    static double[] raster(RadialProfile profile, int size, double pixelUm, int nodes) {
        double[][] gl = GaussLegendre.rule(nodes);
        double[] t = new double[nodes], w = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            t[i] = 0.5 * gl[0][i];          // offsets in pixels within [−½, ½]
            w[i] = 0.5 * gl[1][i];          // weights sum to 1
        }
        int c = size / 2;
        double[] out = new double[size * size];
        for (int dy = 0; dy <= c; dy++) {
            for (int dx = dy; dx <= c; dx++) {
                double acc = 0;
                for (int a = 0; a < nodes; a++) {
                    double y = (dy + t[a]) * pixelUm;
                    double y2 = y * y, row = 0;
                    for (int b = 0; b < nodes; b++) {
                        double x = (dx + t[b]) * pixelUm;
                        row += w[b] * profile.at(Math.sqrt(x * x + y2));
                    }
                    acc += w[a] * row;
                }
                out[(c + dx) + size * (c + dy)] = acc;
                out[(c - dx) + size * (c + dy)] = acc;
                out[(c + dx) + size * (c - dy)] = acc;
                out[(c - dx) + size * (c - dy)] = acc;
                out[(c + dy) + size * (c + dx)] = acc;
                out[(c - dy) + size * (c + dx)] = acc;
                out[(c + dy) + size * (c - dx)] = acc;
                out[(c - dy) + size * (c - dx)] = acc;
            }
        }
        return out;
    }

    /** Radius (µm) of the farthest integration node for a raster of this size. */
    static double maxRadiusUm(int size, double pixelUm) {
        return (size / 2 + 0.5) * Math.sqrt(2) * pixelUm;
    }
}
