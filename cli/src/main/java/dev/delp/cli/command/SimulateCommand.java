package dev.delp.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.delp.cli.Command;
import dev.delp.cli.Invocation;
import dev.delp.cli.Json;
import dev.delp.cli.OptionSpec;
import dev.delp.cli.Progress;
import dev.delp.cli.io.ImageFiles;
import dev.delp.cli.io.Volume;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.PsfImages;
import dev.delp.engine.simulate.ForwardModel;
import dev.delp.engine.simulate.NoiseModel;
import dev.delp.psf.Optics;
import dev.delp.psf.PsfBank;

/**
 * {@code delp simulate}: defocus an in-focus image with the Born–Wolf PSF of a level and add
 * Poisson noise (DESIGN.md §4). Plane z of a stack uses seed {@code S + z} so one plane's noise
 * does not depend on the others; same seed, same bytes, any thread count.
 */
public final class SimulateCommand implements Command {
    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String summary() {
        return "blur an in-focus image with the PSF of a defocus level and add Poisson noise";
    }

    @Override
    public String synopsis() {
        return "in.tif --level L --seed S [--photons P] [optics flags] -o out.tif";
    }

    @Override
    public int[] positionals() {
        return new int[] {1, 1};
    }

    @Override
    public List<OptionSpec> options() {
        List<OptionSpec> o = new ArrayList<>(List.of(
                OptionSpec.value("level", "L", "defocus level 0..10 (defocus = L * --step-um µm)"),
                OptionSpec.value("seed", "S", "random seed (integer) for the Poisson noise; same seed, same output"),
                OptionSpec.value("photons", "P", "expected photon count at the blurred image's maximum, (0, 1e12] (default 1000)"),
                OptionSpec.value("read-noise", "COUNTS", "Gaussian read noise sigma in camera counts, >= 0 (default 0)"),
                OptionSpec.value("out", "FILE", "output .tif (32-bit float) or .png"),
                OptionSpec.value("bits", "B", "TIFF sample type: 32 (float, default) or 16 (rescaled)")));
        o.addAll(OpticsFlags.SPECS);
        return o;
    }

    /**
     * The noise seed of plane {@code z}: the seed itself for plane 0 (a single image), else a SplitMix64
     * mix of (seed, z) — {@code seed + z} made plane 1 of seed 1 the same noise as plane 0 of seed 2.
     */
    static long planeSeed(long seed, int z) {
        if (z == 0) {
            return seed;
        }
        long x = seed + 0x9E3779B97F4A7C15L * z;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    @Override
    public int run(Invocation inv) {
        Path in = Path.of(inv.positionals().get(0));
        Path out = inv.requiredPath("out");
        if (!inv.has("level")) {
            throw new dev.delp.cli.UsageException("--level is required (0..10); usage: delp simulate " + synopsis());
        }
        if (!inv.has("seed")) {
            throw new dev.delp.cli.UsageException("--seed is required (an integer) so the noise is reproducible");
        }
        int level = (int) inv.integer("level", 0, 0, PsfBank.LEVELS - 1);
        long seed = inv.integer("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        double photons = inv.positive("photons", 1000, 1e12);
        double readNoise = inv.number("read-noise", 0, 0, 1e6);
        var bits = Outputs.bits(inv);
        Outputs.checkTarget(inv, out, List.of(in));
        Outputs.warnIfPng(inv, out);
        Volume src = Inputs.readFinite(inv, in);
        Inputs.warnNegative(inv, in, src, "the forward model");
        Optics optics = OpticsFlags.parse(inv, src.calibration().pixelSizeUm());
        double defocusUm = optics.defocusUmOfLevel(level);
        Image2d psf = PsfImages.of(OpticsFlags.autoSlice(optics, defocusUm, "check --pixel-um and --step-um"));
        ForwardModel model = new ForwardModel();
        NoiseModel noise = new NoiseModel(photons, readNoise, 0);
        int plane = src.planeSize();
        float[] result = new float[src.voxels().length];
        long t0 = System.nanoTime();
        try (Progress p = inv.progress("simulate", src.depth(), "planes")) {
            for (int z = 0; z < src.depth(); z++) {
                float[] px = java.util.Arrays.copyOfRange(src.voxels(), z * plane, (z + 1) * plane);
                Image2d y = model.simulate(new Image2d(src.width(), src.height(), px), psf, noise, planeSeed(seed, z),
                        inv.pool());
                System.arraycopy(y.data(), 0, result, z * plane, plane);
                p.advance(1);
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        Volume v = new Volume(src.width(), src.height(), src.depth(), result,
                new dev.delp.cli.io.Calibration(optics.pixelSizeUm(), src.calibration().zSpacingUm()), "float32");
        ImageFiles.write(out, v, bits, List.of(in), inv.force());
        String read = readNoise > 0 ? ", read noise " + OpticsFlags.trim(readNoise) + " counts" : "";
        inv.report(String.format(Locale.ROOT, "simulate %s %s: level %d (%s µm defocus, PSF %dx%d), %s photons%s, seed %d, %s -> %s (%.0f ms)",
                        in, src.shape(), level, OpticsFlags.trim(defocusUm), psf.width(), psf.height(),
                        OpticsFlags.trim(photons), read, seed, OpticsFlags.describe(optics), out, ms),
                new Json().put("command", "simulate").put("input", in.toString()).put("output", out.toString())
                        .put("shape", src.width(), src.height(), src.depth()).put("level", level)
                        .put("defocusUm", defocusUm).put("photons", photons).put("readNoiseCounts", readNoise).put("seed", seed)
                        .put("psfSize", psf.width()).put("ms", ms));
        return 0;
    }
}
