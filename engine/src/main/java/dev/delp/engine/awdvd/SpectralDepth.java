package dev.delp.engine.awdvd;

import dev.delp.engine.image.Image2d;
import dev.delp.fft.FftSizes;
import dev.delp.fft.RealFft2d;
import dev.delp.psf.Psf2d;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.concurrent.ForkJoinPool;
import java.util.function.DoubleFunction;

/**
 * How deep a deeply defocused region is, read from the rings its blur leaves in the image's power
 * spectrum. A defocused PSF is close to a uniform disc whose radius grows in proportion to the
 * defocus; its transfer function has zero rings at radii inversely proportional to it, and the
 * image's spectrum dips there (Cannon 1976; Lagendijk, Biemond &amp; Boekee 1990 fit such blurs by
 * maximum likelihood).
 *
 * <p>The region (the patches of one level, {@link #regionWindow}) is weighted by a Hann window over its
 * bounding box — a window with a flat top would leak the specimen's strong low frequencies into the
 * first dips — and its periodogram averaged over annuli. Each candidate depth {@code z} is scored by
 * the Whittle log-likelihood of those averages under {@code E(f) = A·f^−β·|H_z(f)|² + N}: specimen
 * spectrum a power law, noise floor {@code N} the mean power at 0.35–0.5 cycles/pixel (where nothing
 * of a blur this deep is left), {@code A} and {@code β} fitted for each {@code z}. Depths are scanned
 * on a coarse step ({@link DeepDefocus}: 1 µm for the default optics), then every quarter step around
 * the best.
 *
 * <p>Measured (docs/eval/README.md, "Session 11"; {@code dev.delp.cli.tools.SpectralDepthCheck}): fields
 * of real BBBC006 and procedural specimens blurred 26–44 µm at 300–4,000 photons read within −0.75…+0.5 µm
 * of the truth over two noise seeds, fields 18–20 µm deep
 * never deeper than 20.25; where the specimen is too faint for its rings to clear the noise the reading
 * lands far too shallow, never too deep ({@link DeepDefocus} falls back to its binned reading there).
 */
final class SpectralDepth {
    /** Frequencies below this (cycles/pixel) are left out: the window's own spectrum and the mean live there. */
    static final double LOW_CUT = 0.01;
    /** Band (cycles/pixel) where a deep blur leaves only noise: its mean power is the noise floor. */
    static final double NOISE_FROM = 0.35, NOISE_TO = 0.5;
    /** Smallest side (pixels) of a region's bounding box: the Hann window's main lobe must be narrower than the rings' spacing. */
    static final int MIN_SPAN_PX = 252;
    /**
     * Least spread (log-likelihood units) between the best and the worst depth of the scan for a
     * reading: on fields of pure noise it stays below 3; on the deep fields measured it is thousands.
     */
    static final double MIN_EVIDENCE = 50;

    /** Weights over the box {@code [x0, x0 + width) × [y0, y0 + height)} of an image, row-major. */
    record Window(int x0, int y0, int width, int height, float[] weights) {
    }

    private final double[] power;
    private final double[] frequency;
    private final long[] count;
    private final double noise;

    private SpectralDepth(double[] power, double[] frequency, long[] count, double noise) {
        this.power = power;
        this.frequency = frequency;
        this.count = count;
        this.noise = noise;
    }

    /**
     * The depth (µm) that best explains the spectrum of {@code image} under {@code window}, scanned over
     * {@code [fromUm, toUm]} every {@code stepUm}, then every quarter step around the best; empty
     * when the window is empty, the spectrum has no noise floor, or no depth explains it clearly
     * better than another ({@value #MIN_EVIDENCE}).
     *
     * @param psfAt the PSF at a defocus (µm)
     */
    static OptionalDouble fitUm(Image2d image, Window window, DoubleFunction<Psf2d> psfAt, double fromUm, double toUm,
            double stepUm, ForkJoinPool pool) {
        SpectralDepth s = of(image, window, pool);
        if (s == null) {
            return OptionalDouble.empty();
        }
        double[] coarse = s.scan(psfAt, fromUm, toUm, stepUm);
        if (coarse[1] - coarse[2] < MIN_EVIDENCE) {
            return OptionalDouble.empty();
        }
        double fine = stepUm / 4;
        return OptionalDouble.of(s.scan(psfAt, Math.max(fromUm, coarse[0] - 3 * fine),
                Math.min(toUm, coarse[0] + 3 * fine), fine)[0]);
    }

    /**
     * The window over the patches of {@code map} labelled {@code level}: their bilinearly interpolated
     * indicator times a Hann window over their bounding box; null when they are none or their bounding
     * box is narrower than {@value #MIN_SPAN_PX} pixels either way.
     */
    static Window regionWindow(DefocusMap map, int level) {
        PatchGrid grid = map.grid();
        int p = grid.patchSize();
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        float[][] rows = new float[map.count()][PatchClassifier.CLASSES];
        int other = level == 0 ? 1 : 0;
        for (int i = 0; i < map.count(); i++) {
            boolean in = map.label(i) == level;
            rows[i][in ? level : other] = 1;
            if (in) {
                x0 = Math.min(x0, grid.patchX(i));
                y0 = Math.min(y0, grid.patchY(i));
                x1 = Math.max(x1, grid.patchX(i) + p);
                y1 = Math.max(y1, grid.patchY(i) + p);
            }
        }
        if (x1 < 0 || x1 - x0 < MIN_SPAN_PX || y1 - y0 < MIN_SPAN_PX) {
            return null;
        }
        // only the two classes the rows hold: with a minimum weight of 0 all twelve were interpolated,
        // ten of them all zeros (48 bytes per image pixel; zeros change no sum, so the same bits)
        WeightMaps maps = WeightMaps.interpolate(grid, rows, Float.MIN_VALUE);
        float[] indicator = null;
        for (int k = 0; k < maps.count(); k++) {
            if (maps.label(k) == level) {
                indicator = maps.map(k);
            }
        }
        int w = grid.imageWidth(), bw = x1 - x0, bh = y1 - y0;
        float[] weights = new float[bw * bh];
        for (int y = 0; y < bh; y++) {
            double hy = hann(y, bh);
            for (int x = 0; x < bw; x++) {
                weights[x + bw * y] = (float) (indicator[x0 + x + w * (y0 + y)] * hy * hann(x, bw));
            }
        }
        return new Window(x0, y0, bw, bh, weights);
    }

    private static double hann(int i, int n) {
        return 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n);
    }

    /**
     * The annulus-averaged periodogram of {@code weights · (image − its weighted mean)} over the
     * window's box (zero-padded to an FFT size: annuli about as wide as the window's resolution);
     * null if the weights are all zero or the spectrum has no noise floor.
     */
    static SpectralDepth of(Image2d image, Window window, ForkJoinPool pool) {
        int w = window.width(), h = window.height(), iw = image.width();
        if (window.x0() < 0 || window.y0() < 0 || window.x0() + w > iw || window.y0() + h > image.height()
                || window.weights().length != w * h) {
            throw new IllegalArgumentException("window " + w + "x" + h + " at (" + window.x0() + ", " + window.y0()
                    + ") does not fit the " + iw + "x" + image.height() + " image");
        }
        float[] d = image.data(), m = window.weights();
        double sw = 0, swy = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                sw += m[x + w * y];
                swy += (double) m[x + w * y] * d[window.x0() + x + iw * (window.y0() + y)];
            }
        }
        if (!(sw > 0)) {
            return null;
        }
        double mean = swy / sw;
        int wp = FftSizes.good(w), hp = FftSizes.good(h);
        RealFft2d fft = RealFft2d.of(wp, hp);
        float[] in = new float[wp * hp];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                in[x + wp * y] = (float) (m[x + w * y] * (d[window.x0() + x + iw * (window.y0() + y)] - mean));
            }
        }
        float[] spectrum = new float[fft.spectrumLength()];
        fft.forward(in, spectrum, pool);
        double df = 1.0 / Math.min(wp, hp);
        int bins = (int) (Math.sqrt(0.5) / df) + 2;
        double[] power = new double[bins], frequency = new double[bins];
        long[] count = new long[bins];
        int hw = wp / 2 + 1;
        for (int ky = 0; ky < hp; ky++) {
            double fy = (ky <= hp / 2 ? ky : ky - hp) / (double) hp;
            for (int kx = 0; kx < hw; kx++) {
                double fx = kx / (double) wp;
                double f = Math.sqrt(fx * fx + fy * fy);
                int b = (int) (f / df);
                double re = spectrum[2 * (kx + hw * ky)], im = spectrum[2 * (kx + hw * ky) + 1];
                power[b] += re * re + im * im;
                frequency[b] += f;
                count[b]++;
            }
        }
        double noiseSum = 0;
        long noiseCount = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                power[b] /= count[b];
                frequency[b] /= count[b];
                if (frequency[b] >= NOISE_FROM && frequency[b] <= NOISE_TO) {
                    noiseSum += power[b] * count[b];
                    noiseCount += count[b];
                }
            }
        }
        double noise = noiseCount == 0 ? 0 : noiseSum / noiseCount;
        return noise > 0 ? new SpectralDepth(power, frequency, count, noise) : null;
    }

    /** The best depth on {@code from, from + step, ... ≤ to}, its log-likelihood and the worst one's. */
    private double[] scan(DoubleFunction<Psf2d> psfAt, double fromUm, double toUm, double stepUm) {
        double bestUm = fromUm, best = Double.NEGATIVE_INFINITY, worst = Double.POSITIVE_INFINITY;
        for (int k = 0; fromUm + k * stepUm <= toUm + 1e-9; k++) {
            double z = fromUm + k * stepUm;
            double l = logLikelihood(transfer2(psfAt.apply(z)));
            worst = Math.min(worst, l);
            if (l > best) {
                best = l;
                bestUm = z;
            }
        }
        return new double[] {bestUm, best, worst};
    }

    /**
     * {@code |H(f)|²} at each annulus' mean frequency. The PSF is radially symmetric, so its transfer
     * function along one axis — the cosine transform of its line spread function — is that at any angle.
     */
    double[] transfer2(Psf2d psf) {
        int s = psf.size();
        double c = (s - 1) / 2.0;
        double[] line = new double[s];
        double total = 0;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                line[x] += psf.get(x, y);
            }
        }
        for (double v : line) {
            total += v;
        }
        double[] h2 = new double[power.length];
        for (int b = 0; b < h2.length; b++) {
            double re = 0;
            for (int x = 0; x < s; x++) {
                re += line[x] * Math.cos(2 * Math.PI * frequency[b] * (x - c));
            }
            h2[b] = re * re / (total * total);
        }
        return h2;
    }

    /**
     * Whittle log-likelihood maximised over the specimen's power law (β on a grid, A by golden
     * section). The model is smoothed across neighbouring annuli by the Hann window's squared
     * spectrum ({@code 1/6, 2/3, 1/6} at one annulus apart): without it, the window's smoothing of
     * the dips, steeper on their low-frequency side, read fields 36–40 µm deep 0.75–1 µm shallow.
     */
    double logLikelihood(double[] h2) {
        double best = Double.NEGATIVE_INFINITY;
        double[] raw = new double[h2.length];
        double[] g = new double[h2.length];
        double[] ratios = new double[h2.length];
        for (int step = 0; step <= 14; step++) {
            double beta = 0.5 + 0.25 * step;
            for (int b = 0; b < raw.length; b++) {
                raw[b] = count[b] == 0 ? 0 : h2[b] * Math.pow(frequency[b], -beta);
            }
            int k = 0;
            for (int b = 0; b < g.length; b++) {
                g[b] = b == 0 || b == g.length - 1 ? raw[b] : (raw[b - 1] + 4 * raw[b] + raw[b + 1]) / 6;
                if (count[b] > 0 && frequency[b] >= LOW_CUT && frequency[b] < 0.1 && g[b] > 0 && power[b] > noise) {
                    ratios[k++] = (power[b] - noise) / g[b];
                }
            }
            if (k == 0) {
                continue;
            }
            Arrays.sort(ratios, 0, k);
            double centre = Math.log(ratios[k / 2]);
            best = Math.max(best, maxOverAmplitude(g, centre - 12, centre + 12));
        }
        return best;
    }

    private double maxOverAmplitude(double[] g, double lo, double hi) {
        double r = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - r * (hi - lo), x2 = lo + r * (hi - lo);
        double f1 = whittle(g, Math.exp(x1)), f2 = whittle(g, Math.exp(x2));
        for (int it = 0; it < 60; it++) {
            if (f1 > f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - r * (hi - lo);
                f1 = whittle(g, Math.exp(x1));
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + r * (hi - lo);
                f2 = whittle(g, Math.exp(x2));
            }
        }
        return Math.max(f1, f2);
    }

    private double whittle(double[] g, double amplitude) {
        double s = 0;
        for (int b = 0; b < g.length; b++) {
            if (count[b] == 0 || frequency[b] < LOW_CUT || frequency[b] > NOISE_TO) {
                continue;
            }
            double e = amplitude * g[b] + noise;
            s -= count[b] * (Math.log(e) + power[b] / e);
        }
        return s;
    }
}
