package dev.delp.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import dev.delp.cli.Command;
import dev.delp.cli.Invocation;
import dev.delp.cli.Json;
import dev.delp.cli.OptionSpec;
import dev.delp.cli.Progress;
import dev.delp.cli.UsageException;
import dev.delp.cli.io.Calibration;
import dev.delp.cli.io.ImageFiles;
import dev.delp.cli.io.ImageFormatException;
import dev.delp.cli.io.OutputFiles;
import dev.delp.cli.io.Volume;
import dev.delp.cli.io.TiffVolumeWriter;
import dev.delp.engine.awdvd.Awdvd;
import dev.delp.engine.awdvd.AwdvdMemory;
import dev.delp.engine.awdvd.AwdvdOptions;
import dev.delp.engine.awdvd.AwdvdProgress;
import dev.delp.engine.awdvd.AwdvdResult;
import dev.delp.engine.awdvd.BornWolfLevels;
import dev.delp.engine.awdvd.DelpNetClassifier;
import dev.delp.engine.awdvd.PatchClassifier;
import dev.delp.engine.deconv.RichardsonLucy;
import dev.delp.engine.deconv.RlOptions;
import dev.delp.engine.deconv.StopRule;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.PsfImages;
import dev.delp.engine.image.Stack3d;
import dev.delp.psf.Optics;
import dev.delp.psf.PsfBank;

/**
 * {@code delp deconvolve}: AWDVD (He et al. 2019: DelpNet picks each patch's defocus level, RL per
 * patch, blended), the interpolated variant, or Richardson–Lucy with one PSF for the whole image —
 * a PSF file ({@code --psf}, 2D per plane, or 3D for a stack), the Born–Wolf PSF of a level
 * ({@code --level}), or DelpNet's most frequent level. A folder is processed file by file (batch).
 */
public final class DeconvolveCommand implements Command {
    @Override
    public String name() {
        return "deconvolve";
    }

    @Override
    public String summary() {
        return "restore an image: AWDVD (DelpNet level per patch) or Richardson–Lucy with one PSF; folders in batch";
    }

    @Override
    public String synopsis() {
        return "in.tif|dir/ -o out.tif|outdir/ [--mode awdvd|invariant|interpolated] [--stride 42|84] [--psf psf.tif | --level L] [--iterations N] [--weights w.dlpw] [--save-map map.tsv]";
    }

    @Override
    public int[] positionals() {
        return new int[] {1, 1};
    }

    @Override
    public List<OptionSpec> options() {
        List<OptionSpec> o = new ArrayList<>(List.of(
                OptionSpec.value("out", "FILE|DIR", "output .tif/.png, or a folder when the input is a folder"),
                OptionSpec.value("mode", "M", "awdvd (DelpNet level per patch, blended; default without --psf/--level), "
                        + "invariant (one PSF: --psf, --level, or DelpNet's most frequent level), interpolated (smooth spatially-variant RL)"),
                OptionSpec.value("weights", "FILE", "DelpNet weights .dlpw for awdvd/interpolated (default: shipped weights)"),
                OptionSpec.value("save-map", "FILE", "also write the defocus map used, as delp classify's TSV (awdvd/interpolated: "
                        + "DelpNet's levels after the map filter); a stack gets a leading z column; one input file"),
                OptionSpec.value("stride", "PX", "awdvd patch stride in pixels: 42 (overlapping, tent-blended, default) or 84"),
                OptionSpec.value("psf", "FILE", "PSF image (TIFF/PNG, any size; normalised to sum 1); 2D, or 3D for 3D RL of a stack"),
                OptionSpec.value("level", "L", "use the Born–Wolf PSF of defocus level 0..10 (defocus = L * --step-um µm)"),
                OptionSpec.value("iterations", "N", "Richardson–Lucy iterations, 0..10000 (default 30 with --psf/--level; "
                        + "per defocus level in the DelpNet modes)"),
                OptionSpec.flag("accelerate", "Biggs–Andrews accelerated RL (fewer iterations for the same sharpness)"),
                OptionSpec.value("tv", "LAMBDA", "total-variation regularisation weight, 0..0.5 (default 0 = none; typical 0.001..0.01)"),
                OptionSpec.value("offset", "COUNTS", "camera offset in counts: RL restores the image minus it (values below it count as 0) and adds it back, >= 0 (default 0)"),
                OptionSpec.value("bits", "B", "TIFF sample type: 32 (float, default) or 16 (rescaled)")));
        o.addAll(OpticsFlags.SPECS);
        return o;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        boolean explicitPsf = inv.has("psf") || inv.has("level");
        String mode = inv.choice("mode", explicitPsf ? "invariant" : "awdvd", "invariant", "awdvd", "interpolated");
        inv.exclusive(false, "psf", "level");
        if (explicitPsf && !mode.equals("invariant")) {
            throw new UsageException("--psf/--level give one PSF for the whole image (--mode invariant); --mode " + mode
                    + " takes each patch's level from DelpNet");
        }
        boolean learned = !explicitPsf; // DelpNet chooses the level(s)
        // flags that do nothing in this run were accepted silently (--level 3 --stride 84, --psf p.tif --na 0.8)
        if (explicitPsf && inv.has("stride")) {
            throw new UsageException("--stride sets DelpNet's patch grid; with --psf/--level one PSF restores the whole image");
        }
        if (inv.has("psf") && (inv.has("na") || inv.has("wavelength-nm") || inv.has("immersion-index")
                || inv.has("step-um"))) {
            throw new UsageException("--psf gives the PSF itself; --na, --wavelength-nm, --immersion-index and --step-um "
                    + "describe the Born–Wolf PSF of --level");
        }
        if (!learned && inv.has("weights")) {
            throw new UsageException("--weights is only used when DelpNet picks the PSF (no --psf/--level)");
        }
        int iterations = (int) inv.integer("iterations", learned ? -1 : 30, 0, 10_000);
        double tv = inv.number("tv", 0, 0, 0.5);
        double offset = inv.number("offset", 0, 0, Double.MAX_VALUE);
        int stride = ClassifyCommand.stride(inv);
        if (learned && (inv.flag("accelerate") || inv.has("tv"))) {
            throw new UsageException("--accelerate and --tv apply to --psf/--level runs only");
        }
        RlOptions options = (inv.flag("accelerate") ? RlOptions.biggsAndrews() : RlOptions.plain()).withTv(tv);
        TiffVolumeWriter.Bits bits = Outputs.bits(inv);
        Path in = Path.of(inv.positionals().get(0));
        Path out = inv.requiredPath("out");
        DelpNetClassifier classifier = null;
        if (learned) {
            if (inv.has("na") || inv.has("wavelength-nm") || inv.has("immersion-index") || inv.has("step-um")) {
                throw new UsageException("in --mode " + mode + " the optics come from the weights file (the microscope "
                        + "DelpNet was trained for); optics flags apply to --psf/--level runs");
            }
            if (!Files.isDirectory(in)) {
                Outputs.checkTarget(inv, out, inputs(inv, in)); // fail before loading weights
            }
            classifier = Classifiers.load(inv);
        }
        Path mapOut = inv.has("save-map") ? Path.of(inv.string("save-map", "")) : null;
        if (mapOut != null) {
            if (!learned) {
                throw new UsageException("--save-map writes DelpNet's defocus map; with --psf/--level there is none");
            }
            if (Files.isDirectory(in)) {
                throw new UsageException("--save-map takes one input file; " + in + " is a folder");
            }
            if (ImageFiles.isImageName(mapOut)) { // also keeps it apart from the -o image
                throw new UsageException("--save-map " + mapOut + " is written as text (delp classify's TSV); name it .tsv");
            }
            OutputFiles.checkWritable(mapOut, inputs(inv, in), inv.force()); // fail before any work
        }
        Settings s = new Settings(mode, options, iterations, offset, bits, stride, classifier, mapOut);
        if (Files.isDirectory(in)) {
            return batch(inv, in, out, s);
        }
        Outputs.checkTarget(inv, out, inputs(inv, in));
        Outputs.warnIfPng(inv, out);
        Result r = deconvolveFile(inv, in, out, s, true);
        String its = iterations < 0 ? "iterations per level" : iterations + " iterations";
        inv.report(String.format(Locale.ROOT, "deconvolve %s %s: %s, %s%s -> %s (%.1f s)", in, r.shape, r.psf,
                        its, inv.flag("accelerate") ? " (accelerated)" : "", out, r.ms / 1000),
                withIterations(new Json().put("command", "deconvolve").put("mode", mode).put("input", in.toString())
                        .put("output", out.toString()).put("psf", r.psf), iterations).put("ms", r.ms));
        return 0;
    }

    /**
     * {@code json} with {@code "iterations"}: the count, or {@code "per-level"} when DelpNet's levels
     * choose it (per patch, from the level and the patch's noise); it used to read {@code -1}.
     */
    static Json withIterations(Json json, int iterations) {
        return iterations < 0 ? json.put("iterations", "per-level") : json.put("iterations", iterations);
    }

    private record Settings(String mode, RlOptions options, int iterations, double offset, TiffVolumeWriter.Bits bits,
                            int stride, DelpNetClassifier classifier, Path mapOut) {
    }

    private record Result(String shape, String psf, double ms) {
    }

    private static List<Path> inputs(Invocation inv, Path in) {
        List<Path> l = Classifiers.withWeights(inv, in);
        if (inv.has("psf")) {
            l.add(Path.of(inv.string("psf", "")));
        }
        return l;
    }

    private int batch(Invocation inv, Path dir, Path outDir, Settings s) throws IOException {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new UsageException("input " + dir + " is a folder, so -o must be a folder too; " + outDir + " is a file");
        }
        if (outDir.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
            throw new UsageException("-o " + outDir + " is the input folder; choose another folder (inputs are never overwritten)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> Files.isRegularFile(p) && ImageFiles.isImageName(p)).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new ImageFormatException(dir + ": no .tif, .tiff or .png files in this folder");
        }
        Files.createDirectories(outDir);
        List<String> failed = new ArrayList<>();
        long t0 = System.nanoTime();
        // a.tif, a.tiff and a.png would all become out/a.tif: with --force each overwrote the one before
        java.util.Map<Path, List<Path>> byOutput = new java.util.HashMap<>();
        for (Path f : files) {
            byOutput.computeIfAbsent(batchOutput(outDir, f), k -> new ArrayList<>()).add(f);
        }
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            Path o = batchOutput(outDir, f);
            try {
                List<Path> same = byOutput.get(o);
                if (same.size() > 1) {
                    throw new ImageFormatException(f + ": " + same + " would all be written to " + o
                            + "; rename all but one (or move them to another folder)");
                }
                Outputs.checkTarget(inv, o, inputs(inv, f));
                Result r = deconvolveFile(inv, f, o, s, false);
                if (!inv.quiet() && !inv.json()) {
                    inv.err().printf(Locale.ROOT, "[%d/%d] %s %s -> %s (%.1f s)%n", i + 1, files.size(), f, r.shape, o, r.ms / 1000);
                }
                if (inv.json()) {
                    inv.out().println(new Json().put("command", "deconvolve").put("input", f.toString())
                            .put("output", o.toString()).put("ok", true).put("ms", r.ms));
                }
            } catch (IllegalArgumentException e) { // bad file: report and go on
                String m = String.valueOf(e.getMessage());
                String named = m.startsWith(f.toString()) ? m : f + ": " + m; // the summary must say which file
                failed.add(named);
                if (!inv.quiet() && !inv.json()) {
                    inv.err().printf(Locale.ROOT, "[%d/%d] %s FAILED: %s%n", i + 1, files.size(), f, m);
                }
                if (inv.json()) {
                    inv.out().println(new Json().put("command", "deconvolve").put("input", f.toString()).put("ok", false)
                            .put("error", named));
                }
            }
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        if (!inv.json() && !inv.quiet()) {
            inv.out().printf(Locale.ROOT, "deconvolve %s: %d of %d files done -> %s (%.1f s)%n", dir,
                    files.size() - failed.size(), files.size(), outDir, sec);
        }
        if (!failed.isEmpty()) {
            inv.err().println("delp deconvolve: " + failed.size() + " of " + files.size() + " files failed:");
            for (String m : failed) {
                inv.err().println("  " + m);
            }
            return 2;
        }
        return 0;
    }

    /** {@code outDir/<name without extension>.tif}. */
    private static Path batchOutput(Path outDir, Path f) {
        String name = f.getFileName().toString();
        String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return outDir.resolve(base + ".tif");
    }

    private Result deconvolveFile(Invocation inv, Path in, Path out, Settings s, boolean progressBar) {
        Volume src = Inputs.readFinite(inv, in);
        Inputs.requireSignalAboveOffset(in, src, s.offset());
        Inputs.warnNegative(inv, in, src, "Richardson-Lucy");
        if (s.classifier() != null) {
            return learned(inv, in, out, src, s, progressBar);
        }
        Optics optics = OpticsFlags.parse(inv, src.calibration().pixelSizeUm());
        float[] psf;
        int[] psfShape;
        String psfText;
        if (inv.has("psf")) {
            Path psfPath = Path.of(inv.string("psf", ""));
            Volume p = Inputs.readPsf(inv, psfPath);
            double psfPx = p.calibration().pixelSizeUm();
            if (!Double.isNaN(psfPx) && Math.abs(psfPx / optics.pixelSizeUm() - 1) > 0.05) { // sampled on another grid
                inv.warn(String.format(Locale.ROOT, "%s has %s µm pixels but the image is deconvolved at %s µm; "
                        + "the PSF is used pixel for pixel (resample it, or check --pixel-um)", psfPath,
                        OpticsFlags.trim(psfPx), OpticsFlags.trim(optics.pixelSizeUm())));
            }
            psf = p.voxels();
            psfShape = new int[] {p.width(), p.height(), p.depth()};
            psfText = "psf " + psfPath + " " + p.shape();
            double psfDz = p.calibration().zSpacingUm(), srcDz = src.calibration().zSpacingUm();
            if (p.depth() > 1 && src.depth() > 1 && !Double.isNaN(psfDz) && !Double.isNaN(srcDz)
                    && Math.abs(psfDz / srcDz - 1) > 0.05) {
                inv.warn(String.format(Locale.ROOT, "%s has planes %s µm apart but %s has %s µm; the 3D PSF is used plane"
                        + " for plane (resample it)", psfPath, OpticsFlags.trim(psfDz), in, OpticsFlags.trim(srcDz)));
            }
            if (p.depth() > 1 && src.depth() == 1) {
                throw new ImageFormatException(psfPath + ": a 3D PSF (" + p.shape() + ") needs a 3D stack, but "
                        + in + " is a single plane " + src.shape());
            }
        } else {
            int level = (int) inv.integer("level", 0, 0, PsfBank.LEVELS - 1);
            double defocusUm = optics.defocusUmOfLevel(level);
            Image2d p = PsfImages.of(OpticsFlags.autoSlice(optics, defocusUm,
                    "check --pixel-um and --step-um, or pass a measured PSF with --psf"));
            psf = p.data();
            psfShape = new int[] {p.width(), p.height(), 1};
            psfText = "Born–Wolf level " + level + " (" + OpticsFlags.trim(defocusUm) + " µm, " + p.shape() + ", "
                    + OpticsFlags.describe(optics) + ")";
        }
        boolean threeD = psfShape[2] > 1;
        int[] work = RichardsonLucy.workShape(src.width(), src.height(), threeD ? src.depth() : 1, psfShape[0],
                psfShape[1], psfShape[2]);
        long need = workingBytesEstimate(work, s.options().accelerated()) + 12L * src.voxels().length;
        long max = Runtime.getRuntime().maxMemory();
        if (need > max) {
            throw new ImageFormatException(String.format(Locale.ROOT,
                    "%s: deconvolving %s needs about %.1f GiB but Java may use %.1f GiB; give it more (JAVA_OPTS=-Xmx%dg) or crop the image",
                    in, src.shape(), need / 1073741824.0, max / 1073741824.0, (long) Math.ceil(need * 1.3 / 1073741824.0)));
        }
        float[] data = src.voxels();
        if (s.offset() > 0) {
            data = data.clone();
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) Math.max(0, data[i] - s.offset());
            }
        }
        RichardsonLucy rl = new RichardsonLucy(s.options());
        StopRule stop = StopRule.iterations(s.iterations());
        long t0 = System.nanoTime();
        float[] result;
        int passes = threeD ? 1 : src.depth();
        try (Progress bar = progressBar ? inv.progress("deconvolve", (long) passes * s.iterations(), "it")
                : inv.progress("", 1, "it")) {
            if (threeD) {
                Stack3d r = rl.deconvolve(new Stack3d(src.width(), src.height(), src.depth(), data),
                        new Stack3d(psfShape[0], psfShape[1], psfShape[2], psf), stop,
                        rep -> bar.advance(progressBar ? 1 : 0), inv.pool());
                result = r.data();
            } else {
                result = new float[data.length];
                int plane = src.planeSize();
                Image2d kernel = new Image2d(psfShape[0], psfShape[1], psf);
                for (int z = 0; z < src.depth(); z++) {
                    float[] px = java.util.Arrays.copyOfRange(data, z * plane, (z + 1) * plane);
                    Image2d r = rl.deconvolve(new Image2d(src.width(), src.height(), px), kernel, stop,
                            rep -> bar.advance(progressBar ? 1 : 0), inv.pool());
                    System.arraycopy(r.data(), 0, result, z * plane, plane);
                }
            }
        } finally {
            rl.releaseWorkspace();
        }
        if (s.offset() > 0) { // back in camera counts, as the DelpNet modes (Awdvd) return it
            float off = (float) s.offset();
            for (int i = 0; i < result.length; i++) {
                result[i] += off;
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        Volume v = new Volume(src.width(), src.height(), src.depth(), result,
                new Calibration(optics.pixelSizeUm(), src.calibration().zSpacingUm()), "float32");
        ImageFiles.write(out, v, s.bits(), inputs(inv, in), inv.force());
        return new Result(src.shape(), psfText, ms);
    }

    /**
     * Upper estimate of RL's working memory before allocating anything: estimate, two work buffers,
     * weights, observation (work volumes), the spectrum and the OTF (r2c: (w/2+1)·h·d complex), and
     * two more volumes for Biggs–Andrews. {@code RlRun.workingBytes()} reports the exact figure once allocated.
     */
    static long workingBytesEstimate(int[] work, boolean accelerated) {
        long n = (long) work[0] * work[1] * work[2];
        long spectrum = 2L * (work[0] / 2 + 1) * work[1] * work[2];
        return 4 * (4 * n + 2 * spectrum + (accelerated ? 2 * n : 0));
    }

    /** Appends one plane's map TSV; {@code z ≥ 0} (a stack) prefixes a z column, header once. */
    private static void appendMap(StringBuilder maps, String tsv, int z) {
        if (z < 0) {
            maps.append(tsv);
            return;
        }
        String[] lines = tsv.split("\n");
        if (z == 0) {
            maps.append("z\t").append(lines[0]).append('\n');
        }
        for (int k = 1; k < lines.length; k++) {
            maps.append(z).append('\t').append(lines[k]).append('\n');
        }
    }

    /** AWDVD / interpolated / DelpNet-chosen invariant level: the engine's {@link Awdvd}, plane by plane. */
    private Result learned(Invocation inv, Path in, Path out, Volume src, Settings s, boolean progressBar) {
        Classifiers.requireWholePatch(in, src, "; restore it with one PSF (--level L or --psf FILE)");
        Optics optics = s.classifier().optics();
        Classifiers.warnOnPixelMismatch(inv, in, src, optics);
        Classifiers.warnNoLight(inv, in, src.voxels());
        AwdvdOptions.Mode mode = switch (s.mode()) {
            case "awdvd" -> AwdvdOptions.Mode.AWDVD;
            case "interpolated" -> AwdvdOptions.Mode.INTERPOLATED;
            default -> AwdvdOptions.Mode.INVARIANT;
        };
        AwdvdOptions options = AwdvdOptions.defaults().withMode(mode).withStride(s.stride())
                .withIterations(s.iterations()).withOffset((float) s.offset());
        Awdvd awdvd = Awdvd.of(s.classifier(), BornWolfLevels.of(optics));
        int plane = src.planeSize();
        // one plane is read and restored in place of copies: a 3000x3000 image held 72 MB of copies
        // while the heap check ran (AwdvdMemory), and Awdvd does not modify its input
        boolean single = src.depth() == 1;
        float[] result = single ? null : new float[src.voxels().length];
        StageProgress bars = new StageProgress(inv, progressBar);
        long t0 = System.nanoTime();
        double nominalDeepestUm = optics.defocusUmOfLevel(PsfBank.LEVELS - 1);
        double deepMinUm = Double.POSITIVE_INFINITY, deepMaxUm = 0;
        StringBuilder maps = new StringBuilder();
        List<Integer> planeLevels = new ArrayList<>();
        try {
            for (int z = 0; z < src.depth(); z++) {
                float[] px = single ? src.voxels()
                        : java.util.Arrays.copyOfRange(src.voxels(), z * plane, (z + 1) * plane);
                AwdvdResult r;
                try {
                    r = awdvd.deconvolve(new Image2d(src.width(), src.height(), px), options, inv.pool(), bars);
                } catch (AwdvdMemory.HeapTooSmallException e) { // before the work: one line with the CLI's remedies
                    throw new ImageFormatException(in + ": " + e.withRemedy("give Java more heap (JAVA_OPTS=-Xmx"
                            + e.suggestedXmx() + "), use fewer --threads or a smaller image"
                            + (src.depth() > 1 ? " (a stack runs plane by plane: this is one plane's need)" : "")));
                }
                if (single) {
                    result = r.image().data();
                } else {
                    System.arraycopy(r.image().data(), 0, result, z * plane, plane);
                }
                // a stack is described plane by plane: it used to be described by its last plane only
                // (planes at levels 2 and 6 then an empty one read "all bg: passed through")
                planeLevels.add(mode == AwdvdOptions.Mode.INVARIANT ? r.levelUsed()
                        : r.map().allBackground() ? PatchClassifier.BG : r.map().dominantLevel());
                if (r.deepestUm() > nominalDeepestUm) {
                    deepMinUm = Math.min(deepMinUm, r.deepestUm());
                    deepMaxUm = Math.max(deepMaxUm, r.deepestUm());
                }
                if (s.mapOut() != null) {
                    appendMap(maps, r.map().toTsv(), src.depth() == 1 ? -1 : z);
                }
            }
        } finally {
            bars.close();
        }
        String used = describeLevels(mode == AwdvdOptions.Mode.INVARIANT, planeLevels);
        if (deepMaxUm > 0) {
            used += ", level 10 restored at " + OpticsFlags.trim(deepMinUm)
                    + (deepMaxUm > deepMinUm ? "–" + OpticsFlags.trim(deepMaxUm) : "")
                    + " µm (depth read from the image)";
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        // the output lies on the input's pixel grid: keep the file's pixel size; an uncalibrated
        // file gets the one its PSFs were computed at (the weights' optics)
        double pixelUm = Double.isNaN(src.calibration().pixelSizeUm()) ? optics.pixelSizeUm()
                : src.calibration().pixelSizeUm();
        Volume v = new Volume(src.width(), src.height(), src.depth(), result,
                new Calibration(pixelUm, src.calibration().zSpacingUm()), "float32");
        java.util.Map<Path, OutputFiles.Body> outputs = new java.util.LinkedHashMap<>(); // image and map as a unit
        outputs.put(out, ImageFiles.body(out, v, s.bits()));
        if (s.mapOut() != null) {
            byte[] tsv = maps.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            outputs.put(s.mapOut(), o -> o.write(tsv));
        }
        OutputFiles.writeAll(outputs, inputs(inv, in), inv.force());
        return new Result(src.shape(), s.mode() + ", " + used + ", stride " + s.stride() + ", " + OpticsFlags.describe(optics), ms);
    }

    /**
     * What DelpNet chose, for the summary: per plane of a stack (runs of equal planes as {@code z a–b}),
     * {@code levels} holding the most frequent level (invariant) or the dominant one (awdvd,
     * interpolated) of each plane, {@code BG} for a plane without foreground.
     */
    static String describeLevels(boolean invariant, List<Integer> levels) {
        if (levels.size() == 1) {
            int l = levels.get(0);
            return invariant ? (l == PatchClassifier.BG ? "DelpNet finds no foreground patch (all bg): passed through"
                    : "DelpNet's most frequent level " + l)
                    : l == PatchClassifier.BG ? "DelpNet levels per patch (all bg)" : "DelpNet levels per patch (dominant " + l + ")";
        }
        List<String> runs = new ArrayList<>();
        for (int z = 0; z < levels.size(); ) {
            int end = z;
            while (end + 1 < levels.size() && levels.get(end + 1).equals(levels.get(z))) {
                end++;
            }
            int l = levels.get(z);
            String what = l == PatchClassifier.BG ? (invariant ? "bg, passed through" : "all bg") : Integer.toString(l);
            runs.add(what + " (z " + (end > z ? z + "–" + end : Integer.toString(z)) + ")");
            z = end + 1;
        }
        return (invariant ? "DelpNet's most frequent level per plane: " : "DelpNet levels per patch, dominant per plane: ")
                + String.join(", ", runs);
    }

    /**
     * One progress bar per engine stage (classify, deconvolve, iterate). The engine reports after each
     * batch, so a stage is first heard of when its first batch is done: its bar is timed from the end
     * of the previous stage, and a finished bar is closed as of its last report.
     */
    private static final class StageProgress implements AwdvdProgress, AutoCloseable {
        private final Invocation inv;
        private final boolean enabled;
        private String stage;
        private Progress bar;
        private long lastEvent = System.nanoTime();

        StageProgress(Invocation inv, boolean enabled) {
            this.inv = inv;
            this.enabled = enabled;
        }

        @Override
        public void update(String name, int done, int total) {
            if (!enabled) {
                return;
            }
            long now = System.nanoTime();
            if (!name.equals(stage)) {
                close();
                stage = name;
                bar = inv.progress(name, total, name.equals("iterate") ? "it" : "patches", lastEvent);
            }
            bar.set(done);
            lastEvent = now;
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close(lastEvent);
                bar = null;
            }
        }
    }
}
