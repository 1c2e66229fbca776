package dev.delp.engine.awdvd;

import dev.delp.fft.FftSizes;
import dev.delp.fft.RealFft2d;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Depth steps located inside the patch spacing, for the interpolated mode. Between two adjacent
 * patch centres whose dominant levels differ by at least {@value #MIN_LEVEL_JUMP} levels (more than
 * a tilt moves in one patch spacing: the full 0..10 range over a 696-px field moves 0.6 levels per
 * 42 px), the depth is taken to jump rather than ramp, and the column (or row) of the jump is chosen
 * by the Poisson likelihood of the data: with a pilot estimate {@code x̂} of the object (the previous
 * round's restoration), each candidate split {@code s} between the centres predicts
 * {@code μ_s = K_a ⊛ (x̂·[t < s]) + K_b ⊛ (x̂·[t ≥ s])} ({@code K} = the probability-weighted PSF of
 * each patch), and the split with the smallest Poisson deviance over the pair's window (its span plus
 * half a spacing each side, times the strip of the other axis nearest to the pair's row or column)
 * wins. The weight maps between the two centres, in that strip, are then the first patch's class
 * weights before the split and the second patch's from it on.
 *
 * <p>Why: a mixture of two PSFs across the whole 42-px spacing blurs the emitters on both sides of a
 * depth step with partly the wrong PSF. With the true step column (an oracle) the interpolated mode
 * gained 1.0–1.5 dB on the two-depth images of a04 and a06; fixed narrow ramps centred between the
 * centres (session 2's {@link CentreRamp}) do not help, as the step is rarely in the middle. The
 * split is not tested against the linear ramp: the pilot was fitted under the ramp, so the ramp
 * always explains it better (all 12 strips of a06's step) although the split restores 2 dB better.
 * Each window is evaluated on a small FFT tile, 2 real FFTs per candidate.
 */
final class DepthSteps {
    /** Smallest level difference between adjacent patch centres treated as a step. */
    static final int MIN_LEVEL_JUMP = 2;

    /**
     * One step: between nodes {@code node} and {@code node + 1} along x ({@code alongX}) or y, in the
     * strip of node {@code across} of the other axis, the right (lower) patch's weights start at
     * pixel {@code at}.
     */
    record Split(boolean alongX, int across, int node, int at) {
    }

    private DepthSteps() {
    }

    /**
     * Finds the steps of {@code map} (its grid's image size) from the offset-free {@code image}
     * and a pilot {@code estimate} of the object (same size), for the classes {@code maps} keeps.
     */
    static List<Split> find(DefocusMap map, WeightMaps maps, float[] image, float[] estimate, PsfSource psfs,
            ForkJoinPool pool) {
        PatchGrid grid = map.grid();
        int w = grid.imageWidth(), h = grid.imageHeight();
        if (image.length != w * h || estimate.length != w * h) {
            throw new IllegalArgumentException("image " + image.length + " and estimate " + estimate.length
                    + " pixels, grid is " + w + "x" + h);
        }
        List<Split> out = new ArrayList<>();
        Axis x = new Axis(true, grid), y = new Axis(false, grid);
        for (Axis a : new Axis[] {x, y}) {
            Axis other = a == x ? y : x;
            for (int k = 0; k < other.centres.length; k++) {
                for (int j = 0; j + 1 < a.centres.length; j++) {
                    int pa = a.patch(j, k), pb = a.patch(j + 1, k);
                    int la = map.label(pa), lb = map.label(pb);
                    if (la == PatchClassifier.BG || lb == PatchClassifier.BG || Math.abs(la - lb) < MIN_LEVEL_JUMP) {
                        continue;
                    }
                    Split s = best(a, other, j, k, weights(map, maps, pa), weights(map, maps, pb), maps, image, estimate,
                            psfs, pool);
                    if (s != null) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    /** The maps with every split applied (a new object; {@code maps} is unchanged). */
    static WeightMaps apply(WeightMaps maps, DefocusMap map, List<Split> splits) {
        PatchGrid grid = map.grid();
        int w = maps.width();
        float[][] m = new float[maps.count()][];
        for (int c = 0; c < m.length; c++) {
            m[c] = maps.map(c).clone();
        }
        Axis x = new Axis(true, grid), y = new Axis(false, grid);
        for (Split s : splits) {
            Axis a = s.alongX() ? x : y, other = s.alongX() ? y : x;
            float[] left = weights(map, maps, a.patch(s.node(), s.across()));
            float[] right = weights(map, maps, a.patch(s.node() + 1, s.across()));
            int lo = (int) Math.ceil(a.centres[s.node()]), hi = (int) Math.floor(a.centres[s.node() + 1]);
            int[] strip = other.strip(s.across());
            for (int b = strip[0]; b < strip[1]; b++) {
                for (int t = lo; t <= hi; t++) {
                    int p = a.alongX ? t + w * b : b + w * t;
                    float[] v = t < s.at() ? left : right;
                    for (int c = 0; c < m.length; c++) {
                        m[c][p] = v[c];
                    }
                }
            }
        }
        return WeightMaps.explicit(maps.width(), maps.height(), maps.labels(), m);
    }

    /** A patch's probabilities over the classes the maps keep, normalised (its weights at its own centre). */
    private static float[] weights(DefocusMap map, WeightMaps maps, int patch) {
        float[] prob = map.probabilities(patch);
        float[] v = new float[maps.count()];
        double s = 0;
        for (int c = 0; c < v.length; c++) {
            v[c] = prob[maps.label(c)];
            s += v[c];
        }
        for (int c = 0; c < v.length; c++) {
            v[c] = s > 0 ? (float) (v[c] / s) : 1f / v.length;
        }
        return v;
    }

    private static Split best(Axis a, Axis other, int j, int k, float[] left, float[] right, WeightMaps maps,
            float[] image, float[] estimate, PsfSource psfs, ForkJoinPool pool) {
        int w = maps.width();
        double c0 = a.centres[j], c1 = a.centres[j + 1];
        double half = (c1 - c0) / 2;
        int lo = (int) Math.ceil(c0), hi = (int) Math.floor(c1);
        if (hi - lo < 2) {
            return null;
        }
        // window: the pair's span plus half a spacing each side, along; the strip of node k, across
        int w0 = Math.max(0, (int) Math.floor(c0 - half)), w1 = Math.min(a.length, (int) Math.ceil(c1 + half) + 1);
        int[] strip = other.strip(k);
        int b0 = strip[0], b1 = strip[1];
        int radius = 0;
        for (int c = 0; c < maps.count(); c++) {
            if (maps.label(c) != PatchClassifier.BG && (left[c] > 0 || right[c] > 0)) {
                radius = Math.max(radius, psfs.radius(maps.label(c)));
            }
        }
        // tile: window plus the PSF radius, clipped to the image; tile x = along, tile y = across
        int t0 = Math.max(0, w0 - radius), t1 = Math.min(a.length, w1 + radius);
        int u0 = Math.max(0, b0 - radius), u1 = Math.min(other.length, b1 + radius);
        int tw = FftSizes.good(t1 - t0 + 2 * radius), th = FftSizes.good(u1 - u0 + 2 * radius);
        RealFft2d fft = RealFft2d.of(tw, th);
        int len = fft.spectrumLength();
        float[] kl = new float[len], kr = new float[len];
        for (int c = 0; c < maps.count(); c++) {
            if (left[c] == 0 && right[c] == 0) {
                continue;
            }
            int label = maps.label(c);
            if (label == PatchClassifier.BG) { // identity PSF: OTF 1
                for (int q = 0; q < len; q += 2) {
                    kl[q] += left[c];
                    kr[q] += right[c];
                }
                continue;
            }
            float[] otf = Otf.of(psfs.psf(label), tw, th, pool).spectrum;
            for (int q = 0; q < len; q++) {
                kl[q] += left[c] * otf[q];
                kr[q] += right[c] * otf[q];
            }
        }
        // object on the tile (at offset radius, so the circular wrap never reaches the window)
        float[] obj = new float[tw * th];
        for (int u = u0; u < u1; u++) {
            for (int t = t0; t < t1; t++) {
                obj[(t - t0 + radius) + tw * (u - u0 + radius)] = Math.max(0f, estimate[a.index(t, u, w)]);
            }
        }
        float[] specAll = new float[len], specL = new float[len], mix = new float[len], mu = new float[tw * th];
        fft.forward(obj, specAll, pool);
        float[] part = new float[tw * th];
        double bestDev = Double.MAX_VALUE;
        int bestAt = -1;
        for (int s = lo + 1; s <= hi; s++) {
            java.util.Arrays.fill(part, 0f);
            for (int u = 0; u < th; u++) {
                for (int t = t0; t < Math.min(s, t1); t++) {
                    int q = (t - t0 + radius) + tw * u;
                    part[q] = obj[q];
                }
            }
            double d = deviance(fft, part, specAll, specL, kl, kr, mix, mu, image, a, w, t0, u0, radius, w0, w1, b0,
                    b1, pool);
            if (d < bestDev) {
                bestDev = d;
                bestAt = s;
            }
        }
        return bestAt < 0 ? null : new Split(a.alongX, k, j, bestAt);
    }

    /**
     * Poisson half-deviance over the window of {@code μ = K_l ⊛ part + K_r ⊛ (object − part)} with
     * {@code part} the left share of the object on the tile.
     */
    private static double deviance(RealFft2d fft, float[] part, float[] specAll, float[] specL, float[] kl, float[] kr,
            float[] mix, float[] mu, float[] image, Axis a, int w, int t0, int u0, int radius, int w0, int w1, int b0,
            int b1, ForkJoinPool pool) {
        fft.forward(part, specL, pool);
        for (int q = 0; q < mix.length; q += 2) {
            float lr = specL[q], li = specL[q + 1];
            float rr = specAll[q] - lr, ri = specAll[q + 1] - li;
            mix[q] = kl[q] * lr - kl[q + 1] * li + kr[q] * rr - kr[q + 1] * ri;
            mix[q + 1] = kl[q] * li + kl[q + 1] * lr + kr[q] * ri + kr[q + 1] * rr;
        }
        fft.inverse(mix, mu, pool);
        int tw = fft.width();
        double d = 0;
        for (int u = b0; u < b1; u++) {
            for (int t = w0; t < w1; t++) {
                double m = Math.max(1e-6, mu[(t - t0 + radius) + tw * (u - u0 + radius)]);
                double y = Math.max(0, image[a.index(t, u, w)]);
                d += (y > 0 ? y * Math.log(y / m) : 0) - (y - m);
            }
        }
        return d;
    }

    /** One axis of the grid: its patch centres and how (along, across) map to image pixels. */
    private static final class Axis {
        final boolean alongX;
        final double[] centres;
        final int length, columns;

        Axis(boolean alongX, PatchGrid grid) {
            this.alongX = alongX;
            this.centres = alongX ? grid.columnCentres() : grid.rowCentres();
            this.length = alongX ? grid.imageWidth() : grid.imageHeight();
            this.columns = grid.columns();
        }

        /** Patch index of node {@code j} on this axis and node {@code k} on the other. */
        int patch(int j, int k) {
            return alongX ? j + columns * k : k + columns * j;
        }

        /** Pixel index of (along {@code t}, across {@code u}). */
        int index(int t, int u, int width) {
            return alongX ? t + width * u : u + width * t;
        }

        /** Pixels {@code [from, to)} nearer to node {@code k} than to its neighbours. */
        int[] strip(int k) {
            int from = k == 0 ? 0 : (int) Math.ceil((centres[k - 1] + centres[k]) / 2);
            int to = k == centres.length - 1 ? length : (int) Math.ceil((centres[k] + centres[k + 1]) / 2);
            return new int[] {from, to};
        }
    }
}
