package dev.delp.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.delp.cli.Command;
import dev.delp.cli.Invocation;
import dev.delp.cli.Json;
import dev.delp.cli.OptionSpec;
import dev.delp.cli.UsageException;
import dev.delp.cli.io.ImageFormatException;
import dev.delp.cli.io.OutputFiles;
import dev.delp.cli.tools.TrainDelpNet;
import dev.delp.psf.Optics;

/**
 * {@code delp train}: trains DelpNet with the {@link TrainDelpNet} tool (engine's {@code DelpNetTraining}) (simulated defocus
 * of in-focus images and procedural specimens; validation on held-out data) and installs the best
 * epoch's weights as {@code --out}. The driver's log and per-epoch checkpoints stay in
 * {@code <out>.run/}.
 */
public final class TrainCommand implements Command {
    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train DelpNet on simulated defocus (in-focus images + procedural specimens) -> weights .dlpw";
    }

    @Override
    public String synopsis() {
        return "--out w.dlpw [--images dir] [--patches N] [--epochs E] [--seed S] [--steps N] [--batch B]";
    }

    @Override
    public List<OptionSpec> options() {
        List<OptionSpec> o = new ArrayList<>(List.of(
                OptionSpec.value("out", "FILE", "weights file to write (.dlpw); checkpoints and train.log go to FILE.run/"),
                OptionSpec.value("images", "DIR", "folder of in-focus 16-bit TIFFs (e.g. BBBC006 w1 z=10); files matching --holdout are held out"),
                OptionSpec.value("holdout", "NAME", "name part of the held-out images (default a01)"),
                OptionSpec.value("patches", "N", "training pool size in patches, 12..10000000 (default 24000)"),
                OptionSpec.value("epochs", "E", "epochs, 1..100000 (default 20)"),
                OptionSpec.value("steps", "N", "optimiser steps per epoch, 1..10000000 (default 500)"),
                OptionSpec.value("batch", "B", "patches per step, 2..4096 (default 32)"),
                OptionSpec.value("lr", "RATE", "peak learning rate of Adam, 1e-7..1 (default 0.002)"),
                OptionSpec.value("seed", "S", "seed of every random choice, any 64-bit integer (default 1)"),
                OptionSpec.value("val-blocks", "N", "validation blocks of 12 patches per set, 1..100000 (default 50)")));
        for (OptionSpec spec : OpticsFlags.SPECS) { // accepted so scripts can state them; only the defaults train
            o.add(OptionSpec.value(spec.name(), spec.valueName(), spec.help() + "; the trainer supports the default only"));
        }
        return o;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        Path out = inv.requiredPath("out");
        if (!out.toString().endsWith(".dlpw")) {
            throw new UsageException("--out " + out + " must end in .dlpw");
        }
        OutputFiles.checkWritable(out, List.of(), inv.force());
        Optics optics = OpticsFlags.parse(inv, Double.NaN);
        if (!optics.equals(Optics.defaults())) {
            throw new UsageException("the trainer supports the default optics only (" + OpticsFlags.describe(Optics.defaults())
                    + "), got " + OpticsFlags.describe(optics));
        }
        Path run = Path.of(out + ".run");
        List<String> args = new ArrayList<>(List.of("--out", run.toString(), "--threads", Integer.toString(inv.threads())));
        String[][] map = {{"images", "images"}, {"holdout", "holdout"}, {"patches", "pool"}, {"epochs", "epochs"},
            {"steps", "steps"}, {"batch", "batch"}, {"lr", "lr"}, {"seed", "seed"}, {"val-blocks", "val-blocks"}};
        for (String[] m : map) {
            if (inv.has(m[0])) {
                args.add("--" + m[1]);
                args.add(inv.string(m[0], ""));
            }
        }
        inv.integer("patches", 24000, 12, 10_000_000); // every range in this command's words, before any work
        inv.integer("epochs", 20, 1, 100_000);
        inv.integer("steps", 500, 1, 10_000_000);
        inv.integer("batch", 32, 2, 4096);
        inv.number("lr", 2e-3, 1e-7, 1);
        inv.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        inv.integer("val-blocks", 50, 1, 100_000);
        long t0 = System.nanoTime();
        // Progress lines go to stderr so stdout keeps only the summary / --json line (none with --quiet/--json).
        java.io.PrintStream log = inv.quiet() || inv.json() ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream())
                : inv.err();
        TrainDelpNet.run(args.toArray(String[]::new), log);
        Path best = run.resolve("best.dlpw");
        if (!Files.isRegularFile(best)) {
            best = run.resolve("last.dlpw");
        }
        if (!Files.isRegularFile(best)) {
            throw new ImageFormatException(run + ": the trainer wrote no weights (see " + run.resolve("train.log") + ")");
        }
        Path from = best;
        OutputFiles.write(out, List.of(), inv.force(), o -> Files.copy(from, o));
        double s = (System.nanoTime() - t0) / 1e9;
        inv.report(String.format(Locale.ROOT, "train: %s -> %s (log and checkpoints in %s, %.0f s)", from.getFileName(), out,
                        run, s),
                new Json().put("command", "train").put("output", out.toString()).put("run", run.toString()).put("seconds", s));
        return 0;
    }
}
