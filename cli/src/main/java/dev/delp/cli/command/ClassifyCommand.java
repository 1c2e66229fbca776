package dev.delp.cli.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.OptionalDouble;

import dev.delp.cli.Command;
import dev.delp.cli.Invocation;
import dev.delp.cli.Json;
import dev.delp.cli.OptionSpec;
import dev.delp.cli.Progress;
import dev.delp.cli.UsageException;
import dev.delp.cli.io.ImageFiles;
import dev.delp.cli.io.OutputFiles;
import dev.delp.cli.io.PngImages;
import dev.delp.cli.io.Volume;
import dev.delp.engine.awdvd.Awdvd;
import dev.delp.engine.awdvd.BornWolfLevels;
import dev.delp.engine.awdvd.DefocusMap;
import dev.delp.engine.awdvd.DelpNetClassifier;
import dev.delp.engine.awdvd.PatchClassifier;
import dev.delp.engine.awdvd.PatchGrid;
import dev.delp.engine.image.Image2d;

/** {@code delp classify}: DelpNet's defocus level (0..10 or bg) for every 84×84 patch, as TSV (+ PNG overlay). */
public final class ClassifyCommand implements Command {
    /** Level colours (blue = in focus → red = level 10), a perceptually ordered ramp. */
    static final int[] LEVEL_RGB = {0x30123b, 0x4145ab, 0x4675ed, 0x39a2fc, 0x1bcfd4, 0x24eca6, 0x61fc6c, 0xa4fc3b,
        0xd1e834, 0xf3c63a, 0xfe9b2d};

    @Override
    public String name() {
        return "classify";
    }

    @Override
    public String summary() {
        return "DelpNet defocus level (0..10 or bg) of every 84x84 patch -> map.tsv (+ PNG overlay)";
    }

    @Override
    public String synopsis() {
        return "in.tif [--weights w.dlpw] -o map.tsv [--overlay map.png] [--stride 42|84] [--plane Z]";
    }

    @Override
    public int[] positionals() {
        return new int[] {1, 1};
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.value("out", "FILE", "output TSV: x y width height level confidence (pixels; level 0..10 or bg)"),
                OptionSpec.value("weights", "FILE", "DelpNet weights .dlpw (default: the weights shipped in delp-fixtures)"),
                OptionSpec.value("overlay", "FILE", "also write a PNG: the image in grey, each patch tinted by its level"),
                OptionSpec.value("stride", "PX", "patch stride in pixels: 42 (overlapping, default) or 84"),
                OptionSpec.value("plane", "Z", "plane of a stack to classify, 0-based (default 0 for single images)"));
    }

    @Override
    public int run(Invocation inv) {
        Path in = Path.of(inv.positionals().get(0));
        Path out = inv.requiredPath("out");
        if (ImageFiles.isImageName(out)) { // `-o map.png` wrote the TSV text into a file named .png
            throw new UsageException("-o " + out + " is the map as text (TSV: x y width height level confidence); "
                    + "name it .tsv, and write an image of the map with --overlay map.png");
        }
        int stride = stride(inv);
        Path overlay = inv.has("overlay") ? Path.of(inv.string("overlay", "")) : null;
        List<Path> inputs = Classifiers.withWeights(inv, in);
        OutputFiles.checkWritable(out, inputs, inv.force());
        if (overlay != null) {
            if (!ImageFiles.extension(overlay).equals("png")) {
                throw new UsageException("--overlay " + overlay + " must end in .png");
            }
            OutputFiles.checkWritable(overlay, inputs, inv.force());
        }
        Volume v = ImageFiles.read(in, inv.limits());
        int z = (int) inv.integer("plane", 0, 0, v.depth() - 1L);
        if (v.depth() > 1 && !inv.has("plane")) {
            throw new UsageException(in + " is a stack of " + v.depth() + " planes; choose one with --plane Z (0.."
                    + (v.depth() - 1) + ")");
        }
        Classifiers.requireWholePatch(in, v, "");
        DelpNetClassifier classifier = Classifiers.load(inv);
        Classifiers.warnOnPixelMismatch(inv, in, v, classifier.optics());
        float[] plane = java.util.Arrays.copyOfRange(v.voxels(), z * v.planeSize(), (z + 1) * v.planeSize());
        Inputs.requireFinite(in, v, z);
        Classifiers.warnNoLight(inv, in, plane);
        Image2d image = new Image2d(v.width(), v.height(), plane);
        Awdvd awdvd = Awdvd.of(classifier, BornWolfLevels.of(classifier.optics()));
        long t0 = System.nanoTime();
        DefocusMap map;
        int patches = PatchGrid.of(v.width(), v.height(), stride).count();
        try (Progress p = inv.progress("classify", patches, "patches")) {
            map = awdvd.classify(image, stride, inv.pool(), (stage, done, total) -> p.set(done));
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        byte[] tsv = map.toTsv().getBytes(StandardCharsets.UTF_8);
        Map<Path, OutputFiles.Body> outputs = new LinkedHashMap<>(); // both or neither (the overlay can run out of memory)
        outputs.put(out, o -> o.write(tsv));
        if (overlay != null) {
            int[] rgb = overlay(image, map);
            outputs.put(overlay, o -> PngImages.writeRgb(v.width(), v.height(), rgb, o));
        }
        OutputFiles.writeAll(outputs, inputs, inv.force());
        int[] counts = new int[PatchClassifier.LEVELS + 1];
        for (int i = 0; i < map.count(); i++) {
            counts[map.label(i)]++;
        }
        List<String> hist = new ArrayList<>();
        for (int l = 0; l < counts.length; l++) {
            if (counts[l] > 0) {
                hist.add((l == PatchClassifier.BG ? "bg" : "level " + l) + " x" + counts[l]);
            }
        }
        OptionalDouble deepUm = awdvd.deepestLevelUm(image, map, inv.pool()); // what deconvolve restores level 10 at
        String deep = deepUm.isPresent()
                ? String.format(Locale.ROOT, "; level 10 reads %s µm deep", OpticsFlags.trim(deepUm.getAsDouble()))
                : "";
        boolean foreground = counts[PatchClassifier.BG] < map.count();
        Json json = new Json().put("command", "classify").put("input", in.toString()).put("output", out.toString())
                .put("patches", map.count()).put("stride", stride);
        json = foreground ? json.put("dominantLevel", map.dominantLevel()) : json.put("dominantLevel", "bg");
        json.put("counts", counts);
        if (deepUm.isPresent()) {
            json.put("level10DepthUm", deepUm.getAsDouble());
        }
        inv.report(String.format(Locale.ROOT, "classify %s %s: %d patches (stride %d): %s; %s%s -> %s%s (%.0f ms)",
                        in, v.shape(), map.count(), stride, String.join(", ", hist),
                        foreground ? "dominant level " + map.dominantLevel() : "no foreground patch", deep, out,
                        overlay == null ? "" : ", " + overlay, ms),
                json.put("ms", ms));
        return 0;
    }

    static int stride(Invocation inv) {
        String s = inv.string("stride", "42").trim();
        if (!s.equals("42") && !s.equals("84")) {
            throw new UsageException("--stride must be 42 (overlapping, blended) or 84 (no overlap), got " + s);
        }
        return Integer.parseInt(s);
    }

    /** Grey image (1st..99th percentile stretch) tinted 45 % by the level colour of the nearest patch centre. */
    static int[] overlay(Image2d image, DefocusMap map) {
        PatchGrid g = map.grid();
        float[] d = image.data();
        float[] sorted = d.clone();
        java.util.Arrays.sort(sorted);
        float lo = sorted[(int) (0.01 * (sorted.length - 1))];
        float hi = sorted[(int) (0.99 * (sorted.length - 1))];
        float scale = hi > lo ? 255f / (hi - lo) : 0;
        int[] rgb = new int[d.length];
        int[] colOf = nearest(image.width(), g.columns(), g::x, g.patchSize());
        int[] rowOf = nearest(image.height(), g.rows(), g::y, g.patchSize());
        for (int y = 0; y < image.height(); y++) {
            int row = rowOf[y];
            for (int x = 0; x < image.width(); x++) {
                int col = colOf[x];
                int label = map.label(row * g.columns() + col);
                int grey = Math.max(0, Math.min(255, Math.round((d[y * image.width() + x] - lo) * scale)));
                if (label == PatchClassifier.BG) {
                    rgb[y * image.width() + x] = grey << 16 | grey << 8 | grey;
                } else {
                    int c = LEVEL_RGB[label];
                    int r = mix(grey, c >> 16 & 0xFF), gg = mix(grey, c >> 8 & 0xFF), b = mix(grey, c & 0xFF);
                    rgb[y * image.width() + x] = r << 16 | gg << 8 | b;
                }
            }
        }
        return rgb;
    }

    private static int mix(int grey, int c) {
        return Math.round(0.55f * grey + 0.45f * c);
    }

    /** For each pixel along an axis, the patch index (column or row) whose centre is nearest. */
    private static int[] nearest(int length, int count, java.util.function.IntUnaryOperator origin, int patch) {
        int[] of = new int[length];
        int k = 0;
        for (int i = 0; i < length; i++) {
            while (k + 1 < count && Math.abs(origin.applyAsInt(k + 1) + patch / 2.0 - i)
                    <= Math.abs(origin.applyAsInt(k) + patch / 2.0 - i)) {
                k++;
            }
            of[i] = k;
        }
        return of;
    }
}
