package dev.delp.cli.tools;

import dev.delp.cli.io.OutputFiles;
import dev.delp.engine.awdvd.DelpNetClassifier;
import dev.delp.engine.eval.DefocusFit;
import dev.delp.engine.eval.EvalImages;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Percentiles;
import dev.delp.engine.metrics.Psnr;
import dev.delp.engine.metrics.Ssim;
import dev.delp.engine.training.TrainingSources;
import dev.delp.nn.DelpNet;
import dev.delp.psf.Optics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * Developer tool: checks the model and the restorations on REAL defocus, where an in-focus image of
 * the same field exists (BBBC006 {@code a01_s1_defocused.tif} and the in-focus {@code a01}).
 * {@link DefocusFit} finds the Born–Wolf defocus (optics of the shipped DelpNet) that best explains
 * the defocused image, then each {@code --restored} image (and the defocused input) is scored by
 * PSNR and SSIM against the in-focus truth in the defocused image's units,
 * {@code gain · (in-focus − its 0.5th percentile) + offset}, inside the fit's border.
 *
 * <p>Usage: {@code java -cp delp.jar dev.delp.cli.tools.RealDefocusCheck --infocus F --defocused F
 * [--restored a.tif,b.tif] [--max-um 44] [--step-um 1] [--border 48] [--max-shift 12] [--out check.md]}
 */
public final class RealDefocusCheck {
    private static final Set<String> FLAGS = Set.of("infocus", "defocused", "restored", "max-um", "step-um", "border",
            "max-shift", "out");

    private RealDefocusCheck() {
    }

    public static void main(String[] args) {
        Tools.exit(() -> run(args));
    }

    static void run(String[] args) throws IOException {
        Flags f = new Flags(args, FLAGS);
        String infocus = f.string("infocus", null), defocused = f.string("defocused", null);
        if (infocus == null || defocused == null) {
            throw new IllegalArgumentException("--infocus FILE and --defocused FILE are required");
        }
        double maxUm = f.number("max-um", 44, 0, 1000);
        double stepUm = f.number("step-um", 1, 0.01, 1000);
        int border = (int) f.integer("border", 48, 0, 10_000);
        int maxShift = (int) f.integer("max-shift", 12, 0, 1000);
        List<Image2d> read = TrainingImages.read(List.of(Path.of(infocus), Path.of(defocused)));
        Image2d inFocus = read.get(0), observed = read.get(1);
        double camera = Percentiles.of(inFocus.data(), 0.5); // reported; EvalImages removes the same percentile
        Image2d signal = EvalImages.withoutOffset(inFocus);
        Optics optics = DelpNetClassifier.opticsOf(DelpNet.loadDefault());
        ForkJoinPool pool = new ForkJoinPool(1);
        DefocusFit.Result fit;
        try {
            fit = DefocusFit.fit(signal, observed, TrainingSources.psfs(optics), maxUm, stepUm, border, maxShift, pool);
        } finally {
            pool.shutdown();
        }
        StringBuilder md = new StringBuilder("# Real defocus check\n\n");
        md.append(String.format(Locale.ROOT, "Command: `RealDefocusCheck %s`. Born–Wolf PSFs of %s; in-focus camera offset"
                + " %.1f counts (0.5th percentile); %d-px border left out; observed shifted by (%d, %d) px.%n%n",
                String.join(" ", args), optics, camera, border, fit.shiftX(), fit.shiftY()));
        md.append("| defocus (µm) | gain | offset | residual RMS (counts) | correlation |\n|---|---|---|---|---|\n");
        for (DefocusFit.Row r : fit.rows()) {
            md.append(String.format(Locale.ROOT, "| %.1f%s | %.4f | %.2f | %.3f | %.5f |%n", r.defocusUm(),
                    r == fit.best() ? " (best)" : "", r.gain(), r.offset(), r.residualRms(), r.correlation()));
        }
        DefocusFit.Row b = fit.best();
        md.append(String.format(Locale.ROOT, "%nBest: %.1f µm (%.1f levels of %.1f µm).%n%n", b.defocusUm(),
                b.defocusUm() / optics.stepUm(), optics.stepUm()));
        Image2d truth = window(signal, border, 0, 0, b.gain(), b.offset());
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float v : truth.data()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        md.append("| image | PSNR (dB) | SSIM |\n|---|---|---|\n");
        List<String> names = new ArrayList<>(List.of(defocused));
        String restored = f.string("restored", null);
        if (restored != null && !restored.isBlank()) {
            names.addAll(List.of(restored.split(",")));
        }
        for (String name : names) {
            Image2d img = name.equals(defocused) ? observed : TrainingImages.read(List.of(Path.of(name))).get(0);
            if (img.width() != observed.width() || img.height() != observed.height()) {
                throw new IllegalArgumentException(name + " is " + img.shape() + ", the defocused image " + observed.shape());
            }
            Image2d w = window(img, border, fit.shiftX(), fit.shiftY(), 1, 0);
            md.append(String.format(Locale.ROOT, "| %s%s | %.2f | %.4f |%n", name, name.equals(defocused) ? " (input)" : "",
                    Psnr.of(truth, w, hi - lo), Ssim.of(truth, w, hi - lo)));
        }
        System.out.print(md);
        String out = f.string("out", null);
        if (out != null) {
            OutputFiles.write(Path.of(out), List.of(), true,
                    stream -> stream.write(md.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** {@code gain · img + offset} inside the border, read at {@code (x + dx, y + dy)}. */
    private static Image2d window(Image2d img, int border, int dx, int dy, double gain, double offset) {
        int w = img.width() - 2 * border, h = img.height() - 2 * border;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[x + w * y] = (float) (gain * img.data()[(x + border + dx) + img.width() * (y + border + dy)] + offset);
            }
        }
        return new Image2d(w, h, out);
    }
}
