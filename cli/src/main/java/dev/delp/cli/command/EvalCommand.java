package dev.delp.cli.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import dev.delp.cli.Command;
import dev.delp.cli.Invocation;
import dev.delp.cli.Json;
import dev.delp.cli.OptionSpec;
import dev.delp.cli.UsageException;
import dev.delp.cli.io.ImageFiles;
import dev.delp.cli.io.ImageFormatException;
import dev.delp.cli.io.OutputFiles;
import dev.delp.cli.io.Volume;
import dev.delp.engine.awdvd.DelpNetClassifier;
import dev.delp.engine.awdvd.IterationTables;
import dev.delp.engine.eval.AwdvdEval;
import dev.delp.engine.eval.EvalImages;
import dev.delp.engine.image.Image2d;

/**
 * {@code delp eval}: the paper's evaluation with our numbers (engine's {@link AwdvdEval}): per-level
 * PSNR/SSIM of the defocused input, depth-invariant RL and AWDVD on held-out patches, DelpNet's
 * accuracy, and whole images with varying defocus; a Markdown report with PNG figures.
 */
public final class EvalCommand implements Command {
    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "evaluate DelpNet + AWDVD on held-out data (PSNR/SSIM per level, accuracy) -> Markdown report";
    }

    @Override
    public String synopsis() {
        return "[--weights w.dlpw] [--seed S] [--images dir --holdout NAME] [--patches N] -o report.md";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.value("out", "FILE", "report .md (PNG figures are written beside it)"),
                OptionSpec.value("weights", "FILE", "DelpNet weights .dlpw (default: the shipped weights)"),
                OptionSpec.value("seed", "S", "seed of every random choice (default 1)"),
                OptionSpec.value("images", "DIR", "folder of in-focus 16-bit TIFFs; files whose name contains --holdout are the truths"),
                OptionSpec.value("holdout", "NAME", "name part of the held-out images in --images (default a01: held out of the shipped DelpNet's training; the iteration tables were learned on a02-a06, so a01 is held out of both)"),
                OptionSpec.value("patches", "N", "held-out patches per level, 1..100000 (default 100)"),
                OptionSpec.value("photons", "P", "photon budget at the brightest blurred pixel, (0, 1e9] (default 1000)"),
                OptionSpec.flag("no-whole", "skip the whole-image scenarios (tilted, two-depth and 32 µm deep specimens)"));
    }

    @Override
    public int run(Invocation inv) throws IOException {
        Path out = inv.requiredPath("out");
        if (!ImageFiles.extension(out).equals("md")) {
            throw new UsageException("-o " + out + " must end in .md (a Markdown report)");
        }
        OutputFiles.checkWritable(out, List.of(), inv.force());
        long seed = inv.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int patches = (int) inv.integer("patches", 100, 1, 100_000);
        double photons = inv.positive("photons", 1000, 1e9);
        String holdout = inv.string("holdout", "a01");
        List<Image2d> held = new ArrayList<>();
        String sources = "procedural specimens";
        if (inv.has("images")) {
            Path dir = Path.of(inv.string("images", ""));
            if (!Files.isDirectory(dir)) {
                throw new ImageFormatException(dir + ": --images must be a folder");
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> ImageFiles.isImageName(p) && p.getFileName().toString().contains(holdout))
                        .sorted().toList();
            }
            if (files.isEmpty()) {
                throw new ImageFormatException(dir + ": no image whose name contains '" + holdout + "' (--holdout)");
            }
            for (Path p : files) {
                Volume v = ImageFiles.read(p, inv.limits());
                ImageFiles.requireFinite(p, v, 0); // the truth plane
                ImageFiles.requireSpecimen(p, v, dev.delp.nn.DelpNet.PATCH);
                float[] plane = java.util.Arrays.copyOf(v.voxels(), v.planeSize());
                held.add(EvalImages.withoutOffset(new Image2d(v.width(), v.height(), plane)));
            }
            sources = "held-out " + files.stream().map(p -> p.getFileName().toString()).toList() + " + procedural specimens";
        }
        DelpNetClassifier classifier = Classifiers.load(inv);
        String name = "DelpNet " + (inv.has("weights") ? inv.string("weights", "") : "(default weights)");
        AwdvdEval.Report report = AwdvdEval.run(new AwdvdEval.Config(patches, photons, seed, !inv.flag("no-whole"), true),
                held, sources, classifier.optics(), classifier, name, IterationTables.defaultPolicy(),
                IterationTables.at1000Photons(), inv.pool(),
                line -> {
                    if (!inv.quiet() && !inv.json()) {
                        inv.err().println(line);
                    }
                }, commandLine(inv, seed, patches, photons));
        writeReport(report, out, inv.force());
        inv.report(String.format(Locale.ROOT, "eval: %d patches per level, seed %d, %s -> %s (%.0f s)", patches, seed,
                        sources, out, report.seconds()),
                new Json().put("command", "eval").put("output", out.toString()).put("patchesPerLevel", patches)
                        .put("seed", seed).put("seconds", report.seconds()));
        return 0;
    }

    /**
     * The command as the report states it, with every flag that changes the report (the report's own
     * line used to drop --images, --holdout, --weights and --no-whole, so it could not be re-run).
     */
    static String commandLine(Invocation inv, long seed, int patches, double photons) {
        return commandLine(seed, patches, photons, inv.string("images", null), inv.string("holdout", null),
                inv.string("weights", null), inv.flag("no-whole"));
    }

    /** As above, from the values ({@code null}: flag not given). */
    static String commandLine(long seed, int patches, double photons, String images, String holdout, String weights,
            boolean noWhole) {
        StringBuilder sb = new StringBuilder("delp eval --seed " + seed + " --patches " + patches + " --photons " + photons);
        String[][] given = {{"images", images}, {"holdout", holdout}, {"weights", weights}};
        for (String[] g : given) {
            if (g[1] != null) {
                sb.append(" --").append(g[0]).append(' ').append(g[1]);
            }
        }
        return noWhole ? sb.append(" --no-whole").toString() : sb.toString();
    }

    /**
     * Writes the report's PNG figures beside {@code out} (replacing older figures of the same report),
     * then the Markdown, each through a temp file moved into place.
     */
    private static void writeReport(AwdvdEval.Report report, Path out, boolean force) {
        String base = out.getFileName().toString().replaceFirst("\\.md$", "");
        AwdvdEval.Rendered rendered = report.render(base);
        Path dir = out.toAbsolutePath().getParent();
        for (var figure : rendered.figures().entrySet()) {
            OutputFiles.write(dir.resolve(figure.getKey()), List.of(), true, o -> {
                if (!ImageIO.write(figure.getValue(), "png", o)) {
                    throw new IOException("the JDK has no PNG writer");
                }
            });
        }
        OutputFiles.write(out, List.of(), force, o -> o.write(rendered.markdown().getBytes(StandardCharsets.UTF_8)));
    }
}
