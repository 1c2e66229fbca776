package dev.delp.engine.eval;

import dev.delp.engine.image.Image2d;

/**
 * Whether one PSF is another PSF blurred further: the non-negative kernel {@code g} ({@code k×k},
 * centred) minimising {@code ‖h_a ⊛ g − h_b‖²}. If the residual is tiny, then for ANY specimen
 * {@code S} the image {@code S ⊛ h_b} equals {@code (S ⊛ g) ⊛ h_a}: the image of a slightly
 * softer, equally physical specimen (a non-negative blur of a fluorophore distribution is one).
 * A classifier that does not know the specimen can then tell {@code a} from {@code b} only through
 * its prior on how sharp specimens are, not from the data. Used for DelpNet's levels 0 and 1
 * (issue 6): 2 µm apart, inside the 2 µm depth of field at NA 0.5.
 */
public final class PsfTwins {
    /**
     * The fitted kernel and how well it reproduces {@code h_b}.
     *
     * @param kernel           {@code g}, {@code size × size}, non-negative
     * @param relativeResidual {@code ‖h_a ⊛ g − h_b‖ / ‖h_b‖}
     */
    public record Twin(Image2d kernel, double relativeResidual) {
    }

    private static final int SWEEPS = 5000;

    private PsfTwins() {
    }

    /**
     * Fits {@code g} by cyclic coordinate descent on the normal equations with projection on
     * {@code g ≥ 0} (exact minimisation along each coordinate; the problem is convex, so the sweeps
     * converge to the non-negative least-squares solution). Both PSFs are centred on a common grid
     * large enough that no shifted copy is cut.
     *
     * @throws IllegalArgumentException if {@code size} is not odd in [1, 31] or a PSF is not odd-sized and square
     */
    public static Twin fit(Image2d from, Image2d to, int size) {
        if (size < 1 || size > 31 || size % 2 == 0) {
            throw new IllegalArgumentException("kernel size " + size + " must be odd in [1, 31]");
        }
        for (Image2d h : new Image2d[] {from, to}) {
            if (h.width() != h.height() || h.width() % 2 == 0) {
                throw new IllegalArgumentException("PSF " + h.shape() + " must be square with an odd side");
            }
        }
        int n = Math.max(from.width() + size - 1, to.width());
        double[] a = embed(from, n), b = embed(to, n);
        int r = size / 2, m = size * size;
        double[][] cols = new double[m][];
        for (int dy = -r, j = 0; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++, j++) {
                cols[j] = shift(a, n, dx, dy);
            }
        }
        double[][] gram = new double[m][m];
        double[] rhs = new double[m];
        for (int i = 0; i < m; i++) {
            rhs[i] = dot(cols[i], b);
            for (int j = 0; j <= i; j++) {
                gram[i][j] = gram[j][i] = dot(cols[i], cols[j]);
            }
        }
        double[] g = new double[m], gradient = new double[m]; // gradient = gram·g − rhs
        for (int i = 0; i < m; i++) {
            gradient[i] = -rhs[i];
        }
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            for (int i = 0; i < m; i++) {
                double next = Math.max(0, g[i] - gradient[i] / gram[i][i]);
                double step = next - g[i];
                if (step != 0) {
                    g[i] = next;
                    for (int k = 0; k < m; k++) {
                        gradient[k] += step * gram[k][i];
                    }
                }
            }
        }
        double err = 0, norm = 0;
        for (int p = 0; p < n * n; p++) {
            double fit = 0;
            for (int j = 0; j < m; j++) {
                fit += g[j] * cols[j][p];
            }
            err += (fit - b[p]) * (fit - b[p]);
            norm += b[p] * b[p];
        }
        float[] kernel = new float[m];
        for (int j = 0; j < m; j++) {
            kernel[j] = (float) g[j];
        }
        return new Twin(new Image2d(size, size, kernel), Math.sqrt(err / norm));
    }

    /**
     * The Poisson log-likelihood distance between two noiseless images in photons,
     * {@code Σ (u − v)² / (u + readVariance)} over the window: the χ² by which noisy data from
     * {@code u} would reject {@code v} (≈ 2 × the expected log-likelihood ratio); below ~2 the
     * two are not told apart reliably even by an observer who knows both candidates.
     *
     * @throws IllegalArgumentException if {@code readVariance <= 0}
     */
    public static double chiSquare(float[] u, float[] v, int width, int x0, int y0, int w, int h, double scale,
            double readVariance) {
        if (!(readVariance > 0)) {
            throw new IllegalArgumentException("read-noise variance " + readVariance + " must be > 0 (it keeps dark pixels finite)");
        }
        double c = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                double p = scale * u[x + width * y], q = scale * v[x + width * y];
                c += (p - q) * (p - q) / (Math.max(p, 0) + readVariance);
            }
        }
        return c;
    }

    private static double[] embed(Image2d h, int n) {
        double[] o = new double[n * n];
        int off = (n - h.width()) / 2;
        for (int y = 0; y < h.height(); y++) {
            for (int x = 0; x < h.width(); x++) {
                o[(x + off) + n * (y + off)] = h.data()[x + h.width() * y];
            }
        }
        return o;
    }

    private static double[] shift(double[] v, int n, int dx, int dy) {
        double[] o = new double[n * n];
        for (int y = Math.max(0, dy); y < Math.min(n, n + dy); y++) {
            for (int x = Math.max(0, dx); x < Math.min(n, n + dx); x++) {
                o[x + n * y] = v[(x - dx) + n * (y - dy)];
            }
        }
        return o;
    }

    private static double dot(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += p[i] * q[i];
        }
        return s;
    }
}
