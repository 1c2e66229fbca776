package dev.delp.engine.eval;

import dev.delp.engine.awdvd.PatchClassifier;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Formats an {@link AwdvdEval.Report} as Markdown and renders its figures (the caller writes both). */
final class ReportWriter {
    private ReportWriter() {
    }

    static String markdown(AwdvdEval.Report r, Map<String, BufferedImage> figures, String base) {
        StringBuilder md = new StringBuilder();
        PerLevelEvaluation.Result pl = r.perLevel();
        if (pl == null) {
            md.append("# AWDVD evaluation (whole images only)\n\nCommand: `").append(r.command()).append("`  \n");
            md.append(String.format(Locale.ROOT, "Sources: %s; %.0f photons; seed %d; classifier: %s; wall time %.0f s.%n%n",
                    r.sources(), r.config().photons(), r.config().seed(), r.classifierName(), r.seconds()));
            wholeImages(md, r, figures, base);
            return md.toString();
        }
        PerLevelEvaluation.Method[] methods = PerLevelEvaluation.Method.values();
        md.append("# AWDVD evaluation\n\n");
        md.append("Command: `").append(r.command()).append("`  \n");
        md.append(String.format(Locale.ROOT, "Sources: %s; %d patches per level; %.0f photons at the brightest blurred"
                + " pixel, camera offset %.0f counts and read noise %.0f counts; seed %d; classifier: %s; iterations: %s;"
                + " wall time %.0f s.%n%n", r.sources(), pl.casesPerLevel(), pl.photons(), PatchCases.OFFSET_COUNTS,
                PatchCases.READ_NOISE_COUNTS, r.config().seed(), r.classifierName(), pl.policy(), r.seconds()));

        md.append("## Per level: mean PSNR (dB) / SSIM over held-out 84×84 patches\n\n");
        md.append("PSNR and SSIM use the truth patch's max − min as data range. RL runs on the patch plus a margin of the"
                + " PSF radius of real surrounding data, as in the pipeline.\n\n");
        md.append("| level |");
        for (PerLevelEvaluation.Method m : methods) {
            md.append(' ').append(m.name()).append(" |");
        }
        md.append(" gain DV_TRUE − NOISY |\n|---|");
        for (int i = 0; i <= methods.length; i++) {
            md.append("---|");
        }
        md.append('\n');
        double bestGain = Double.NEGATIVE_INFINITY, bestSsimGain = Double.NEGATIVE_INFINITY;
        List<String> failures = new ArrayList<>();
        for (int l = 0; l < PatchClassifier.LEVELS; l++) {
            md.append("| ").append(l).append(" |");
            for (PerLevelEvaluation.Method m : methods) {
                md.append(' ').append(AwdvdEval.fmt(pl.psnr()[l][m.ordinal()])).append(" / ")
                        .append(AwdvdEval.fmt3(pl.ssim()[l][m.ordinal()])).append(" |");
            }
            double gain = pl.psnr()[l][PerLevelEvaluation.Method.DV_TRUE.ordinal()]
                    - pl.psnr()[l][PerLevelEvaluation.Method.NOISY.ordinal()];
            double ssimGain = pl.ssim()[l][PerLevelEvaluation.Method.DV_TRUE.ordinal()]
                    - pl.ssim()[l][PerLevelEvaluation.Method.NOISY.ordinal()];
            bestGain = Math.max(bestGain, gain);
            bestSsimGain = Math.max(bestSsimGain, ssimGain);
            md.append(' ').append(AwdvdEval.fmt(gain)).append(" dB |\n");
            if (l >= 1) {
                double dv = pl.psnr()[l][PerLevelEvaluation.Method.DV_TRUE.ordinal()];
                double dvS = pl.ssim()[l][PerLevelEvaluation.Method.DV_TRUE.ordinal()];
                for (PerLevelEvaluation.Method m : new PerLevelEvaluation.Method[] {PerLevelEvaluation.Method.NOISY,
                    PerLevelEvaluation.Method.INV_L0_30, PerLevelEvaluation.Method.INV_MID_30}) {
                    if (!(dv > pl.psnr()[l][m.ordinal()]) || !(dvS > pl.ssim()[l][m.ordinal()])) {
                        failures.add("level " + l + ": DV_TRUE does not beat " + m + " in both PSNR and SSIM");
                    }
                }
            }
        }
        md.append('\n');
        for (PerLevelEvaluation.Method m : methods) {
            md.append("- `").append(m.name()).append("`: ").append(m.description).append('\n');
        }
        md.append(String.format(Locale.ROOT, "%nBest-level PSNR gain of depth-variant RL over the noisy input: **%.2f dB**"
                + " (bar ≥ 6.6 dB: %s); best SSIM gain %.3f.%n", bestGain, bestGain >= 6.6 ? "met" : "NOT met",
                bestSsimGain));
        md.append("Depth-variant (true level) beats noisy and both invariant PSFs in PSNR and SSIM at every level ≥ 1: ")
                .append(failures.isEmpty() ? "**yes**" : "**no** — " + String.join("; ", failures)).append(".\n\n");

        double[][] curves = new double[methods.length][];
        List<String> names = new ArrayList<>();
        for (PerLevelEvaluation.Method m : methods) {
            curves[m.ordinal()] = AwdvdEval.column(pl.psnr(), m.ordinal());
            names.add(m.name());
        }
        figures.put(base + "-psnr.png", Plots.lines("Mean PSNR per defocus level", "level", "PSNR (dB)", curves, names));
        for (PerLevelEvaluation.Method m : methods) {
            curves[m.ordinal()] = AwdvdEval.column(pl.ssim(), m.ordinal());
        }
        figures.put(base + "-ssim.png", Plots.lines("Mean SSIM per defocus level", "level", "SSIM", curves, names));
        md.append("![PSNR per level](").append(base).append("-psnr.png)\n![SSIM per level](").append(base)
                .append("-ssim.png)\n\n");

        if (pl.confusion().length > 0) {
            md.append("## DelpNet on the same patches (rows: true level, columns: predicted; 11 = bg)\n\n| |");
            for (int c = 0; c < PatchClassifier.CLASSES; c++) {
                md.append(' ').append(c == PatchClassifier.BG ? "bg" : Integer.toString(c)).append(" |");
            }
            md.append("\n|---|");
            for (int c = 0; c < PatchClassifier.CLASSES; c++) {
                md.append("---|");
            }
            md.append('\n');
            long correct = 0, within = 0, total = 0;
            for (int l = 0; l < pl.confusion().length; l++) {
                md.append("| ").append(l).append(" |");
                for (int c = 0; c < PatchClassifier.CLASSES; c++) {
                    long v = pl.confusion()[l][c];
                    md.append(' ').append(v).append(" |");
                    total += v;
                    if (c == l) {
                        correct += v;
                    }
                    if (c != PatchClassifier.BG && Math.abs(c - l) <= 1) {
                        within += v;
                    }
                }
                md.append('\n');
            }
            md.append(String.format(Locale.ROOT, "%nTop-1 %.1f %%, within one level %.1f %% (%d patches).%n%n",
                    100.0 * correct / total, 100.0 * within / total, total));
            List<String> cols = new ArrayList<>();
            for (int c = 0; c < PatchClassifier.CLASSES; c++) {
                cols.add(c == PatchClassifier.BG ? "bg" : Integer.toString(c));
            }
            figures.put(base + "-confusion.png", Plots.confusion(pl.confusion(), cols));
            md.append("![confusion](").append(base).append("-confusion.png)\n\n");
        }

        wholeImages(md, r, figures, base);
        return md.toString();
    }

    private static void wholeImages(StringBuilder md, AwdvdEval.Report r, Map<String, BufferedImage> figures, String base) {
        for (WholeImageEvaluation.Result w : r.wholeImages()) {
            VaryingDefocus.Simulated sim = w.sim();
            int width = sim.truth().width(), height = sim.truth().height();
            md.append("## Whole image, ").append(sim.scenario()).append(" (").append(width).append('×').append(height)
                    .append(")\n\n");
            md.append("The field lies ").append((sim.sourceWidth() - width) / 2).append(" px in from every edge of the ")
                    .append(sim.sourceWidth()).append('×').append(sim.sourceHeight()).append(" image that was blurred,"
                    + " so the specimen continues beyond it as in a real field. ");
            md.append(switch (sim.scenario()) {
                case TILT -> "Defocus grows linearly from level 0 at the left edge to level 10 at the right (object-side blur).\n\n";
                case STEP -> "Level 2 on the left half, level 7 on the right half (object-side blur).\n\n";
                case DEEP -> "The whole field 32 µm out of focus (16 levels: beyond level 10, \"20 µm or more\"; its true map"
                        + " is level 10 everywhere). The depth-variant modes restore level 10 at the depth read from the"
                        + " image (`DeepDefocus`: the rings of its blur in the power spectrum, else DelpNet on the image"
                        + " binned 2×2); the invariant rows use the nominal level PSFs.\n\n";
            });
            if (!w.predictedMap().isEmpty()) {
                md.append(w.predictedMap()).append(".\n\n");
            }
            md.append("| restoration | PSNR (dB) | SSIM | seam, raw (84-grid) | raw ÷ shifted grids (old) | raw ÷ all"
                    + " offsets [null 95 %] | error seam, noise units [null 95 %] | time (s) |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            double inputPsnr = w.rows().get(0).psnr();
            for (WholeImageEvaluation.Row row : w.rows()) {
                md.append("| ").append(row.name()).append(" | ").append(AwdvdEval.fmt(row.psnr())).append(" | ")
                        .append(AwdvdEval.fmt3(row.ssim())).append(" | ").append(AwdvdEval.fmt3(row.seam84()))
                        .append(" | ").append(AwdvdEval.fmt3(row.seam84() / row.seamShifted())).append(" | ")
                        .append(seam(row.imageSeam())).append(" | ").append(seam(row.errorSeam())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", row.seconds())).append(" |\n");
            }
            md.append('\n').append(wholeImageBars(w, inputPsnr)).append('\n');
            // side-by-side crops around a patch corner in the middle of the field
            List<float[]> imgs = new ArrayList<>();
            List<String> caps = new ArrayList<>();
            imgs.add(w.input());
            caps.add("input");
            for (String want : new String[] {"awdvd s=84 (case i) (true map)", "awdvd s=42 (case ii) (true map)",
                "interpolated (true map)", "invariant level 5 (true map)"}) {
                for (WholeImageEvaluation.Row row : w.rows()) {
                    if (row.name().equals(want)) {
                        imgs.add(row.image());
                        caps.add(want.replace(" (true map)", ""));
                    }
                }
            }
            imgs.add(sim.truth().data());
            caps.add("truth");
            float lo = 0, hi = (float) (0.6 * Quality.range(sim.truth().data()));
            int size = 168, x0 = Math.max(0, Math.min(width - size, 336 - 84)), y0 = Math.max(0, Math.min(height - size,
                    168 - 84));
            String png = base + "-" + sim.scenario().name().toLowerCase(Locale.ROOT) + ".png";
            figures.put(png, Plots.strip(imgs, caps, width, x0, y0, size, lo, hi));
            md.append(String.format(Locale.ROOT, "Crops %d×%d at (%d, %d), centred on a case-(i) patch corner:%n%n![%s](%s)%n%n",
                    size, size, x0, y0, sim.scenario(), png));
        }
        md.append("## Definitions\n\n- Seam score, raw: mean squared difference across the 84-pixel patch borders divided by"
                + " that of the parallel pixel pairs within 4 px of them. Content alone moves it far from 1 (a few bright edges"
                + " on or beside the lines dominate), so it is divided by a no-seam baseline of the same image: old, the mean"
                + " on 11 grids shifted by 7..77 px diagonally; now, the mean over all 84×84 offset lattices, using only lines"
                + " whose band stays ≥ 9 px from any patch start, end or centre of either stride, with the 2.5–97.5 % range"
                + " of the offset lattices (relative to their mean) in brackets — a score inside it is what content gives"
                + " anywhere.\n- Error seam (the bar's score): the same, on the restoration error in photon-noise units,"
                + " 2·sqrt(counts + 3/8) of the restoration minus that of the truth (Anscombe: unit noise variance at every"
                + " brightness), so bright nuclei do not dominate and a seam is a jump of the error along a border.\n"
                + "- Map filter (`DefocusMapFilter`, both depth-variant modes): a patch whose expected level is ≥ 1 level"
                + " from the confidence-weighted median of its 3×3 non-background neighbourhood (≥ 3 neighbours) takes its"
                + " neighbours' level distribution; a true map passes unchanged. Interpolated mode: the patches at a jump"
                + " of ≥ 2 expected levels between non-background neighbours are restored patch-wise as in case (ii) and"
                + " blended in with the same bilinear weights.\n"
                + "- Whole-image truth: in-focus image minus"
                + " its 0.5th percentile; PSNR data range = truth max − min. True map: the level at each patch's centre.\n");
    }

    private static String wholeImageBars(WholeImageEvaluation.Result w, double inputPsnr) {
        double dflt = find(w, "awdvd s=42 (case ii) (true map)").psnr();
        double inv = Math.max(find(w, "invariant level 0, 30 it (true map)").psnr(),
                Math.max(find(w, "invariant level 5 (true map)").psnr(), find(w, "invariant level 5, 30 it (true map)")
                        .psnr()));
        double interp = find(w, "interpolated (true map)").psnr();
        WholeImageEvaluation.Row c2 = find(w, "awdvd s=42 (case ii) (true map)");
        WholeImageEvaluation.Row c1 = find(w, "awdvd s=84 (case i) (true map)");
        WholeImageEvaluation.Row ip = find(w, "interpolated (true map)");
        double e2 = c2.errorSeam().relative(), ei = ip.errorSeam().relative(), e1 = c1.errorSeam().relative();
        return String.format(Locale.ROOT, "- Bars (true map): default mode %s input (%.2f vs %.2f dB); default − best invariant"
                + " = %.2f dB (bar ≥ 2: %s); interpolated − case (ii) = %.3f dB (bar ≥ 0: %s); error seam score: case (ii)"
                + " %.3f, interpolated %.3f (bar within 5 %% of 1: %s), case (i) %.3f (%s its null range %.3f–%.3f). Old"
                + " score (raw ÷ shifted grids): case (ii) %.3f, interpolated %.3f, case (i) %.3f.%n",
                dflt >= inputPsnr ? "≥" : "**below**", dflt, inputPsnr, dflt - inv, dflt - inv >= 2 ? "met" : "NOT met",
                interp - dflt, interp >= dflt ? "met" : "NOT met", e2, ei,
                Math.abs(e2 - 1) <= 0.05 && Math.abs(ei - 1) <= 0.05 ? "met" : "NOT met", e1,
                e1 > c1.errorSeam().nullHigh() ? "above" : "inside", c1.errorSeam().nullLow(), c1.errorSeam().nullHigh(),
                c2.seam84() / c2.seamShifted(), ip.seam84() / ip.seamShifted(), c1.seam84() / c1.seamShifted())
                + delpNetGap(w);
    }

    /** Interpolated − case (ii) with DelpNet's map (the product's default path), if it was run. */
    private static String delpNetGap(WholeImageEvaluation.Result w) {
        WholeImageEvaluation.Row c2 = find(w, "awdvd s=42 (case ii) (DelpNet map)");
        WholeImageEvaluation.Row ip = find(w, "interpolated (DelpNet map)");
        if (!Double.isFinite(c2.psnr()) || !Double.isFinite(ip.psnr())) {
            return "";
        }
        return String.format(Locale.ROOT, "- DelpNet map: interpolated − case (ii) = %.3f dB (%s).%n", ip.psnr() - c2.psnr(),
                ip.psnr() >= c2.psnr() ? "≥ 0" : "**below**");
    }

    private static String seam(SeamNull.Score s) {
        return Double.isFinite(s.relative()) ? String.format(Locale.ROOT, "%.3f [%.2f–%.2f]", s.relative(), s.nullLow(),
                s.nullHigh()) : "–";
    }

    private static WholeImageEvaluation.Row find(WholeImageEvaluation.Result w, String name) {
        for (WholeImageEvaluation.Row r : w.rows()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return new WholeImageEvaluation.Row(name, Double.NaN, Double.NaN, Double.NaN, Double.NaN, SeamNull.Score.none(),
                SeamNull.Score.none(), 0, null);
    }
}
