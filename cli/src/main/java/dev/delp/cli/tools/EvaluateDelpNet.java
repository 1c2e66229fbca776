package dev.delp.cli.tools;

import dev.delp.cli.io.OutputFiles;
import dev.delp.engine.awdvd.DelpNetClassifier;
import dev.delp.engine.dataset.DatasetBuilder;
import dev.delp.engine.dataset.DatasetConfig;
import dev.delp.engine.training.Evaluation;
import dev.delp.engine.training.LabelledSet;
import dev.delp.engine.training.TrainingSources;
import dev.delp.nn.DelpNet;
import dev.delp.psf.Optics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import javax.imageio.ImageIO;

/**
 * Held-out evaluation of a weights file, written as Markdown plus a PNG: patches from procedural
 * specimens of seeds never used in training, and — reported separately — from the real in-focus
 * image(s) held out of training, blurred synthetically with the same forward model.
 *
 * <p>Usage: {@code java -cp delp.jar dev.delp.cli.tools.EvaluateDelpNet [--weights w.dlpw] --out report.md [--images DIR --holdout a01]
 * [--seed S] [--blocks N] [--threads T] [--tta true|false] [--level10-max-um U] [--photons-min P --photons-max Q]}.
 * Without {@code --weights} the shipped default ({@link DelpNet#loadDefault()}) is evaluated. The photon
 * budget (peak photons per patch, drawn log-uniformly) defaults to the training range 300..4000;
 * {@code --photons-min P --photons-max P} evaluates at one budget (how accuracy depends on noise).
 */
public final class EvaluateDelpNet {
    private static final Set<String> FLAGS = Set.of("weights", "out", "images", "holdout", "seed", "blocks", "threads",
            "tta", "level10-max-um", "photons-min", "photons-max");

    private EvaluateDelpNet() {
    }

    public static void main(String[] args) {
        Tools.exit(() -> run(args));
    }

    static void run(String[] args) throws IOException {
        Flags f = new Flags(args, FLAGS);
        DelpNet net = f.string("weights", null) == null ? DelpNet.loadDefault() : DelpNet.load(Path.of(f.string("weights", null)));
        Path out = Path.of(f.string("out", "delpnet-eval.md"));
        long seed = f.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int blocks = (int) f.integer("blocks", 200, 1, 1_000_000);
        int threads = (int) f.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        boolean tta = Boolean.parseBoolean(f.string("tta", "false"));
        double level10Max = f.number("level10-max-um", 32, 0, 1000);
        Optics optics = DelpNetClassifier.opticsOf(net);
        DatasetConfig base = TrainingSources.config(optics, Math.max(level10Max, 10 * optics.stepUm()));
        double photonsMin = f.number("photons-min", base.photonsMin(), 1, 1e9);
        double photonsMax = f.number("photons-max", Math.max(photonsMin, base.photonsMax()), 1, 1e9);
        if (photonsMax < photonsMin) {
            throw new IllegalArgumentException("--photons-max " + photonsMax + " must be >= --photons-min " + photonsMin);
        }
        DatasetConfig cfg = base.withPhotons(photonsMin, photonsMax);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Evaluation.Result> results = new ArrayList<>();
            LabelledSet synth = LabelledSet.build(TrainingSources.synthetic(optics, cfg), seed + Evaluation.EVAL_SEED_SALT, 0, blocks, pool);
            results.add(Evaluation.evaluate("procedural specimens (unseen seeds)", net, synth, tta, pool));
            String heldInfo = "";
            if (f.string("images", null) != null) {
                String holdout = f.string("holdout", "a01");
                List<Path> held = TrainingImages.split(Path.of(f.string("images", null)), holdout).heldOut();
                if (held.isEmpty()) {
                    throw new IllegalArgumentException("--holdout " + holdout + " matches no image in " + f.string("images", null));
                }
                DatasetBuilder real = TrainingSources.real(TrainingImages.load(held), optics, cfg);
                LabelledSet realSet = LabelledSet.build(real, seed + Evaluation.EVAL_SEED_SALT, 0, blocks, pool);
                if (realSet.count() == 0) {
                    throw new IllegalArgumentException("the held-out images " + held + " give no labelled patches"
                            + " (too small for 84x84 patches with background windows?)");
                }
                results.add(Evaluation.evaluate("held-out BBBC006 " + holdout + " (synthetic blur)", net, realSet, tta, pool));
                heldInfo = " Held-out real image(s): " + held.stream().map(p -> p.getFileName().toString()).toList() + ".";
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String preamble = String.format(Locale.ROOT, "Weights: %s (%,d parameters, %.2f MFLOP/patch; provenance: %s)."
                    + " Evaluation seed %d (+ salt 0x%X), %d blocks of 12 patches per set (one per class), level 10 ="
                    + " %.0f..%.0f um, Poisson %.0f..%.0f photons, offset %.0f, read noise %.1f.%s Test-time"
                    + " symmetry averaging: %s. %d threads, %.1f s.",
                    f.string("weights", DelpNet.RESOURCE), net.parameterCount(), net.flopsPerPatch() / 1e6,
                    net.provenance().getOrDefault("command", "?"), seed, Evaluation.EVAL_SEED_SALT, blocks, 10 * cfg.stepUm(),
                    cfg.level10MaxDefocusUm(), cfg.photonsMin(), cfg.photonsMax(), cfg.offsetCounts(),
                    cfg.readNoiseCounts(), heldInfo, tta ? "on (8 symmetries)" : "off", threads, seconds);
            write(out, "DelpNet held-out evaluation", preamble, results);
            for (Evaluation.Result r : results) {
                System.out.printf(Locale.ROOT, "%s: %d patches, top-1 %.2f %%, within-one %.2f %%%n", r.name(), r.count(),
                        100 * r.top1(), 100 * r.withinOne());
            }
            System.out.println("report: " + out);
        } finally {
            pool.shutdown();
        }
    }

    /** Writes {@code md} and a PNG plot beside it (same name, {@code .png}), each atomically. */
    static void write(Path md, String title, String preamble, List<Evaluation.Result> results) throws IOException {
        Path dir = md.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String base = md.getFileName().toString().replaceFirst("\\.md$", "");
        Path png = dir.resolve(base + ".png");
        OutputFiles.write(png, List.of(), true, o -> ImageIO.write(Evaluation.plot(results), "png", o));
        String markdown = Evaluation.markdown(title, preamble, results, png.getFileName().toString());
        OutputFiles.write(md, List.of(), true, o -> o.write(markdown.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
