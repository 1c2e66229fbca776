package dev.delp.engine.eval;

import dev.delp.engine.awdvd.PatchGrid;
import dev.delp.engine.awdvd.SeamScore;
import java.util.Arrays;

/**
 * The seam score of an image on the 84-pixel patch grid ({@link SeamScore}) set against its own
 * no-seam distribution: the same statistic on every lattice of lines 84 px apart, offset by
 * {@code (ox, oy)} in {@code 0..83}, using only lines that keep {@code 2·BAND + 1} px away from every
 * place where a patch of either stride (42 or 84, border patches shifted inward) starts, ends or is
 * centred — so no line and no band of a null lattice touches a possible seam.
 *
 * <p>Why: the raw score of a seamless image is far from 1 whenever a few strong edges happen to lie
 * on (or beside) the grid lines. Measured on the BBBC006 in-focus truths (no patches at all), the raw
 * 84-grid score ranges from 0.82 (a02) to 2.25 (a03), and 95 % of the null lattices of the a03
 * truth score between 0.14 and 3.6 times their mean (a02: 0.71–1.39): on a03 the 100 largest of
 * 360,000 pixel differences carry 48 % of the gradient energy. The mean over the null lattices is
 * the right baseline for "1"; the spread tells whether a deviation is a seam or content.
 *
 * <p>{@link #noiseUnitError} makes the statistic usable at the 5 % level: the restoration error
 * {@code A(restored) − A(truth)} with {@code A(c) = 2·sqrt(c + 3/8)} (Anscombe) on the photon-count
 * scale has unit noise variance at every brightness, so the dim background and the bright nuclei
 * weigh alike and a seam — a jump of the error along a patch border — is measured against the
 * noise. Its null range is about 0.95–1.05 (wider, up to 0.83–1.21, on the two-depth images, where
 * some null lines cross the depth step's residual error), and butted case-(i) patches stand out
 * (1.1–3.4 on a02–a06).
 */
public final class SeamNull {
    /**
     * @param grid     {@link SeamScore} on the 84-pixel patch grid
     * @param nullMean mean score over the null lattices
     * @param nullLow  2.5th percentile of (null lattice score / nullMean)
     * @param nullHigh 97.5th percentile of (null lattice score / nullMean)
     * @param lattices number of null lattices
     */
    public record Score(double grid, double nullMean, double nullLow, double nullHigh, int lattices) {
        /** The grid score divided by the null mean: 1 = no seam beyond what content gives anywhere. */
        public double relative() {
            return grid / nullMean;
        }

        /** A score of nothing (for the truth against itself). */
        public static Score none() {
            return new Score(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
    }

    private static final int PATCH = PatchGrid.DEFAULT_PATCH;

    private SeamNull() {
    }

    /**
     * Scores {@code image} ({@code width x height}) on the 84-pixel grid and on every null lattice.
     *
     * Images too small for any usable null line get a NaN null.
     *
     * @throws IllegalArgumentException if a side is below 1 or the pixel count is not {@code width*height}
     */
    public static Score of(float[] image, int width, int height) {
        if (width < 1 || height < 1 || image.length != (long) width * height) {
            throw new IllegalArgumentException("image of " + image.length + " pixels as " + width + "x" + height
                    + ": need width, height >= 1 and width*height pixels");
        }
        double grid = SeamScore.of(image, PatchGrid.of(width, height, PATCH));
        double[] ex = new double[width], ey = new double[height];
        for (int y = 0; y < height; y++) {
            for (int x = 1; x < width; x++) {
                double d = image[x + width * y] - image[x - 1 + width * y];
                ex[x] += d * d;
            }
        }
        for (int y = 1; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double d = image[x + width * y] - image[x + width * (y - 1)];
                ey[y] += d * d;
            }
        }
        boolean[] okX = usable(width, PatchGrid.of(width, height, PATCH / 2), PatchGrid.of(width, height, PATCH), true);
        boolean[] okY = usable(height, PatchGrid.of(width, height, PATCH / 2), PatchGrid.of(width, height, PATCH), false);
        double[][] ax = new double[PATCH][], ay = new double[PATCH][];
        for (int o = 0; o < PATCH; o++) {
            ax[o] = lattice(ex, width, height, o, okX);
            ay[o] = lattice(ey, height, width, o, okY);
        }
        double[] scores = new double[PATCH * PATCH];
        int n = 0;
        for (int ox = 0; ox < PATCH; ox++) {
            for (int oy = 0; oy < PATCH; oy++) {
                double[] a = ax[ox], b = ay[oy];
                if (a[1] + b[1] == 0 || a[2] + b[2] == 0) {
                    continue;
                }
                scores[n++] = ((a[0] + b[0]) / (a[1] + b[1])) / ((a[2] + b[2]) / (a[3] + b[3]));
            }
        }
        if (n == 0) {
            return new Score(grid, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] s = Arrays.copyOf(scores, n);
        double mean = 0;
        for (double v : s) {
            mean += v;
        }
        mean /= n;
        Arrays.sort(s);
        return new Score(grid, mean, s[(int) (0.025 * (n - 1))] / mean, s[(int) Math.ceil(0.975 * (n - 1))] / mean, n);
    }

    /**
     * The image on a variance-stabilised photon scale: {@code 2·sqrt(max(0, v·countsPerIntensity) + 3/8)}
     * (Anscombe), where Poisson noise has unit variance at every brightness.
     */
    public static float[] noiseUnits(float[] intensity, double countsPerIntensity) {
        if (!(countsPerIntensity > 0) || Double.isInfinite(countsPerIntensity)) {
            throw new IllegalArgumentException("counts per intensity unit " + countsPerIntensity + " must be > 0 and finite");
        }
        float[] out = new float[intensity.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (2 * Math.sqrt(Math.max(0, intensity[i] * countsPerIntensity) + 0.375));
        }
        return out;
    }

    /** {@code noiseUnits(restored) − noiseUnits(truth)}: the restoration error in units of the photon noise. */
    public static float[] noiseUnitError(float[] restored, float[] truth, double countsPerIntensity) {
        if (restored.length != truth.length) {
            throw new IllegalArgumentException("restored has " + restored.length + " pixels, truth " + truth.length);
        }
        float[] a = noiseUnits(restored, countsPerIntensity), b = noiseUnits(truth, countsPerIntensity);
        for (int i = 0; i < a.length; i++) {
            a[i] -= b[i];
        }
        return a;
    }

    /** Lines {@code b} (pair {@code (b-1, b)}) whose band stays clear of every patch start, end and centre. */
    private static boolean[] usable(int length, PatchGrid half, PatchGrid full, boolean xAxis) {
        boolean[] near = new boolean[length + 1];
        for (PatchGrid g : new PatchGrid[] {half, full}) {
            int count = xAxis ? g.columns() : g.rows();
            for (int i = 0; i < count; i++) {
                int o = xAxis ? g.x(i) : g.y(i);
                for (int f : new int[] {o, o + PATCH / 2, o + PATCH}) {
                    for (int b = f - 2 * SeamScore.BAND; b <= f + 2 * SeamScore.BAND; b++) {
                        if (b >= 0 && b <= length) {
                            near[b] = true;
                        }
                    }
                }
            }
        }
        boolean[] ok = new boolean[length + 1];
        for (int b = SeamScore.BAND + 1; b < length - SeamScore.BAND; b++) {
            ok[b] = !near[b];
        }
        return ok;
    }

    /** [seam sum, seam count, band sum, band count] of the usable lines at {@code o + 84k}. */
    private static double[] lattice(double[] e, int length, int across, int o, boolean[] ok) {
        double[] r = new double[4];
        for (int b = o; b < length; b += PATCH) {
            if (!ok[b]) {
                continue;
            }
            for (int k = -SeamScore.BAND; k <= SeamScore.BAND; k++) {
                int slot = k == 0 ? 0 : 2;
                r[slot] += e[b + k];
                r[slot + 1] += across;
            }
        }
        return r;
    }
}
