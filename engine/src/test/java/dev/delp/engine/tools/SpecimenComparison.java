package dev.delp.engine.tools;

import dev.delp.engine.conv.Blur;
import dev.delp.engine.conv.OtfCache;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Percentiles;
import dev.delp.engine.image.PsfImages;
import dev.delp.engine.simulate.ForwardModel;
import dev.delp.engine.simulate.NoiseModel;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.engine.testio.Tiff16;
import dev.delp.fft.RealFft2d;
import dev.delp.psf.BornWolf;
import dev.delp.psf.Optics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Dev tool (test scope): compares generated specimens with the real BBBC006 in-focus images.
 * Writes {@code engine/docs/specimens-vs-bbbc006.png} and prints a Markdown report.
 *
 * <pre>java -cp ... dev.delp.engine.tools.SpecimenComparison /work/shared/data/bbbc006/infocus engine/docs</pre>
 */
public final class SpecimenComparison {
    static final int P = 84;
    static final double[] BANDS = {0.01, 0.03, 0.06, 0.1, 0.15, 0.2, 0.3, 0.5};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<Image2d> real = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".tif")).sorted().toList()) {
                real.add(Tiff16.read(p));
            }
        }
        // Synthetic: in-focus Born–Wolf blur (level 0), camera counts like BBBC006 (offset 110,
        // read noise 1.5, photon budget 700-1500 at the nuclear reference intensity 0.75).
        BornWolf bw = new BornWolf(Optics.defaults());
        Image2d psf0 = PsfImages.of(bw.slice(0));
        OtfCache cache = new OtfCache(2);
        SpecimenGenerator gen = new SpecimenGenerator();
        List<Image2d> synth = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(2024);
        for (int i = 0; i < 6; i++) {
            Image2d x = gen.generate(696, 520, SpecimenGenerator.Family.NUCLEI, 1000 + i);
            Image2d b = Blur.reflect(x, psf0, cache, ForkJoinPool.commonPool());
            double photons = 700 + 800 * rnd.nextDouble();
            synth.add(ForwardModel.observe(b, 0.75, new NoiseModel(photons, 1.5, 110), rnd.split()));
        }
        StringBuilder md = new StringBuilder();
        md.append("| statistic | BBBC006 in-focus (6 images) | generated NUCLEI (6 images) |\n|---|---|---|\n");
        Stats r = stats(real);
        Stats g = stats(synth);
        row(md, "camera offset (0.5th pct), counts", r.offset, g.offset);
        row(md, "background above offset (median), counts", r.bgMedian, g.bgMedian);
        row(md, "foreground 99.9th pct above offset, counts", r.p999, g.p999);
        row(md, "foreground fraction (> 15 % of p99.9)", r.fgFraction, g.fgFraction);
        row(md, "median foreground intensity / p99.9", r.fgMedian, g.fgMedian);
        row(md, "foreground intensity IQR / p99.9", r.fgIqr, g.fgIqr);
        row(md, "background noise σ (row differences / √2), counts", r.bgNoise, g.bgNoise);
        md.append("\nNormalised histogram of (value − offset) / p99.9 (fraction of pixels per bin):\n\n");
        md.append("| bin | BBBC006 | generated |\n|---|---|---|\n");
        for (int b = 0; b < r.hist.length; b++) {
            md.append(String.format(Locale.ROOT, "| %.2f–%.2f | %.4f | %.4f |%n", b * 0.1, (b + 1) * 0.1, r.hist[b], g.hist[b]));
        }
        md.append(String.format(Locale.ROOT, "%nHistogram intersection (1 = identical): %.3f; KS distance of the foreground"
                + " intensity distributions: %.3f%n", intersection(r.hist, g.hist), ks(r.fgValues, g.fgValues)));
        md.append("\nRadially averaged power spectrum of foreground 84×84 patches (mean removed, Hann window,"
                + " normalised to total power 1), share of power per band (cycles/pixel):\n\n");
        md.append("| band | BBBC006 | generated |\n|---|---|---|\n");
        double[] rs = spectrum(real, r);
        double[] gs = spectrum(synth, g);
        for (int b = 0; b + 1 < BANDS.length; b++) {
            md.append(String.format(Locale.ROOT, "| %.2f–%.2f | %.4f | %.4f |%n", BANDS[b], BANDS[b + 1], rs[b], gs[b]));
        }
        System.out.println(md);
        Files.createDirectories(out);
        sideBySide(real, synth, r, g, out.resolve("specimens-vs-bbbc006.png"));
        Files.writeString(out.resolve("specimens-stats.md"), md.toString());
    }

    static final class Stats {
        double offset, bgMedian, p999, fgFraction, fgMedian, fgIqr, bgNoise;
        double[] hist = new double[12];
        double[] fgValues;
        List<double[]> norm = new ArrayList<>(); // offset and p99.9 per image
    }

    static Stats stats(List<Image2d> images) {
        Stats s = new Stats();
        List<Double> fg = new ArrayList<>();
        long total = 0;
        long fgCount = 0;
        for (Image2d im : images) {
            double off = Percentiles.of(im, 0.5);
            float[] d = im.data();
            float[] sub = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                sub[i] = (float) (d[i] - off);
            }
            double p999 = Percentiles.of(sub, 99.9);
            double bg = Percentiles.of(sub, 50);
            s.norm.add(new double[] {off, p999});
            s.offset += off / images.size();
            s.p999 += p999 / images.size();
            // noise: std of horizontal differences in background pixels / sqrt 2
            double n2 = 0;
            long nn = 0;
            for (int y = 0; y < im.height(); y++) {
                for (int x = 0; x + 1 < im.width(); x++) {
                    int i = x + im.width() * y;
                    if (sub[i] < 0.05 * p999 && sub[i + 1] < 0.05 * p999) {
                        double dd = sub[i + 1] - sub[i];
                        n2 += dd * dd;
                        nn++;
                    }
                }
            }
            s.bgNoise += Math.sqrt(n2 / Math.max(1, nn) / 2) / images.size();
            List<Double> bgv = new ArrayList<>();
            for (float v : sub) {
                double u = v / p999;
                s.hist[Math.max(0, Math.min(s.hist.length - 1, (int) Math.floor(u * 10)))]++;
                total++;
                if (u > 0.15) {
                    fg.add(u);
                    fgCount++;
                } else {
                    bgv.add((double) v);
                }
            }
            s.bgMedian += bg / images.size();
        }
        for (int b = 0; b < s.hist.length; b++) {
            s.hist[b] /= total;
        }
        s.fgFraction = fgCount / (double) total;
        s.fgValues = fg.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        s.fgMedian = s.fgValues[s.fgValues.length / 2];
        s.fgIqr = s.fgValues[3 * s.fgValues.length / 4] - s.fgValues[s.fgValues.length / 4];
        return s;
    }

    static double intersection(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.min(a[i], b[i]);
        }
        return s;
    }

    static double ks(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            if (a[i] <= b[j]) {
                i++;
            } else {
                j++;
            }
            d = Math.max(d, Math.abs(i / (double) a.length - j / (double) b.length));
        }
        return d;
    }

    /** Band shares of the mean power spectrum of foreground patches (>= 10 % foreground). */
    static double[] spectrum(List<Image2d> images, Stats st) {
        RealFft2d fft = RealFft2d.of(P, P);
        double[] bands = new double[BANDS.length - 1];
        float[] spec = new float[fft.spectrumLength()];
        int used = 0;
        for (int k = 0; k < images.size(); k++) {
            Image2d im = images.get(k);
            double off = st.norm.get(k)[0];
            double p999 = st.norm.get(k)[1];
            for (int y0 = 0; y0 + P <= im.height(); y0 += P / 2) {
                for (int x0 = 0; x0 + P <= im.width(); x0 += P / 2) {
                    Image2d c = im.crop(x0, y0, P, P);
                    int fgc = 0;
                    double mean = 0;
                    for (float v : c.data()) {
                        fgc += (v - off) / p999 > 0.15 ? 1 : 0;
                        mean += v;
                    }
                    if (fgc < 0.1 * P * P) {
                        continue;
                    }
                    mean /= P * P;
                    float[] w = new float[P * P];
                    for (int y = 0; y < P; y++) {
                        for (int x = 0; x < P; x++) {
                            double hann = Math.sin(Math.PI * (x + 0.5) / P) * Math.sin(Math.PI * (y + 0.5) / P);
                            w[x + P * y] = (float) ((c.get(x, y) - mean) / p999 * hann * hann);
                        }
                    }
                    fft.forward(w, spec);
                    double[] pb = new double[bands.length];
                    double tot = 0;
                    int hw = P / 2 + 1;
                    for (int ky = 0; ky < P; ky++) {
                        double fy = (ky <= P / 2 ? ky : ky - P) / (double) P;
                        for (int kx = 0; kx < hw; kx++) {
                            double fx = kx / (double) P;
                            double f = Math.sqrt(fx * fx + fy * fy);
                            double re = spec[2 * (kx + hw * ky)];
                            double im2 = spec[2 * (kx + hw * ky) + 1];
                            double pw = (re * re + im2 * im2) * (kx == 0 || kx == P / 2 ? 1 : 2);
                            for (int b = 0; b < pb.length; b++) {
                                if (f >= BANDS[b] && f < BANDS[b + 1]) {
                                    pb[b] += pw;
                                    tot += pw;
                                }
                            }
                        }
                    }
                    for (int b = 0; b < pb.length; b++) {
                        bands[b] += pb[b] / tot;
                    }
                    used++;
                }
            }
        }
        for (int b = 0; b < bands.length; b++) {
            bands[b] /= used;
        }
        return bands;
    }

    /** 2 rows of 6 real patches over 2 rows of 6 generated ones, same display window per image. */
    static void sideBySide(List<Image2d> real, List<Image2d> synth, Stats r, Stats g, Path file) throws IOException {
        int cols = 6;
        int gap = 4;
        int rows = 4;
        BufferedImage out = new BufferedImage(cols * (P * 2 + gap), rows * (P * 2 + gap) + 12, BufferedImage.TYPE_BYTE_GRAY);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int row = 0; row < rows; row++) {
            List<Image2d> src = row < 2 ? real : synth;
            Stats st = row < 2 ? r : g;
            for (int c = 0; c < cols; c++) {
                int k = (row % 2) * 3 + c / 2;
                Image2d im = src.get(k % src.size());
                double off = st.norm.get(k % src.size())[0];
                double p999 = st.norm.get(k % src.size())[1];
                Image2d patch = null;
                for (int t = 0; t < 500; t++) {
                    int x0 = rnd.nextInt(im.width() - P);
                    int y0 = rnd.nextInt(im.height() - P);
                    Image2d cand = im.crop(x0, y0, P, P);
                    int fgc = 0;
                    for (float v : cand.data()) {
                        fgc += (v - off) / p999 > 0.15 ? 1 : 0;
                    }
                    if (fgc > 0.15 * P * P || t == 499) {
                        patch = cand;
                        break;
                    }
                }
                for (int y = 0; y < 2 * P; y++) {
                    for (int x = 0; x < 2 * P; x++) {
                        double u = (patch.get(x / 2, y / 2) - off) / (1.1 * p999);
                        int v = (int) Math.round(255 * Math.max(0, Math.min(1, u)));
                        out.getRaster().setSample(c * (2 * P + gap) + x, row * (2 * P + gap) + (row >= 2 ? 12 : 0) + y, 0, v);
                    }
                }
            }
        }
        ImageIO.write(out, "png", file.toFile());
    }

    private static void row(StringBuilder md, String name, double a, double b) {
        md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f |%n", name, a, b));
    }
}
