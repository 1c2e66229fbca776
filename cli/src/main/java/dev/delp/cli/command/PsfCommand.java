package dev.delp.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.delp.cli.Command;
import dev.delp.cli.Invocation;
import dev.delp.cli.Json;
import dev.delp.cli.OptionSpec;
import dev.delp.cli.io.Calibration;
import dev.delp.cli.io.ImageFiles;
import dev.delp.cli.io.Volume;
import dev.delp.psf.BornWolf;
import dev.delp.psf.Optics;
import dev.delp.psf.Psf2d;
import dev.delp.psf.PsfBank;

/** {@code delp psf}: one Born–Wolf PSF slice, pixel-integrated and normalised to sum 1, as a TIFF. */
public final class PsfCommand implements Command {
    @Override
    public String name() {
        return "psf";
    }

    @Override
    public String summary() {
        return "write the Born–Wolf PSF of a defocus (µm) or a level (0..10) as a 32-bit float TIFF";
    }

    @Override
    public String synopsis() {
        return "--defocus-um D | --level L  [optics flags] [--size N] -o psf.tif";
    }

    @Override
    public List<OptionSpec> options() {
        List<OptionSpec> o = new ArrayList<>(List.of(
                OptionSpec.value("defocus-um", "D", "defocus from the focal plane in µm, |D| <= " + (long) BornWolf.MAX_DEFOCUS_UM),
                OptionSpec.value("level", "L", "defocus level 0..10 (defocus = L * --step-um)"),
                OptionSpec.value("size", "N", "odd PSF width in pixels, 1.." + BornWolf.MAX_SIZE
                        + " (default: smallest holding 99% of the energy)"),
                OptionSpec.value("out", "FILE", "output .tif (32-bit float) or .png (16-bit, rescaled)"),
                OptionSpec.value("bits", "B", "TIFF sample type: 32 (float, default) or 16 (rescaled)")));
        o.addAll(OpticsFlags.SPECS);
        return o;
    }

    @Override
    public int run(Invocation inv) {
        inv.exclusive(true, "defocus-um", "level");
        Path out = inv.requiredPath("out");
        Optics optics = OpticsFlags.parse(inv, Double.NaN);
        double defocusUm;
        String levelText = "";
        if (inv.has("level")) {
            int level = (int) inv.integer("level", 0, 0, PsfBank.LEVELS - 1);
            defocusUm = optics.defocusUmOfLevel(level);
            levelText = " (level " + level + ")";
        } else {
            defocusUm = inv.number("defocus-um", 0, -BornWolf.MAX_DEFOCUS_UM, BornWolf.MAX_DEFOCUS_UM);
        }
        int size = (int) inv.integer("size", 0, 1, BornWolf.MAX_SIZE);
        if (inv.has("size") && size % 2 == 0) {
            throw new dev.delp.cli.UsageException("--size must be odd (the PSF is centred on the middle pixel), got " + size);
        }
        var bits = Outputs.bits(inv);
        Outputs.checkTarget(inv, out, List.of());
        Outputs.warnIfPng(inv, out);
        long t0 = System.nanoTime();
        BornWolf model = new BornWolf(optics);
        Psf2d psf = inv.has("size") ? model.slice(defocusUm, size)
                : OpticsFlags.autoSlice(optics, defocusUm, "pass --size N (odd, up to " + BornWolf.MAX_SIZE
                        + ") for the PSF cropped to N x N pixels");
        double ms = (System.nanoTime() - t0) / 1e6;
        Volume v = new Volume(psf.size(), psf.size(), 1, psf.values().clone(),
                new Calibration(optics.pixelSizeUm(), Double.NaN), "float32");
        ImageFiles.write(out, v, bits, List.of(), inv.force());
        float peak = 0;
        for (float f : psf.values()) {
            peak = Math.max(peak, f);
        }
        inv.report(String.format(Locale.ROOT, "psf %dx%d at defocus %s µm%s, %s: sum %.6f, peak %.4g -> %s (%.0f ms)",
                        psf.size(), psf.size(), OpticsFlags.trim(defocusUm), levelText, OpticsFlags.describe(optics),
                        psf.sum(), peak, out, ms),
                new Json().put("command", "psf").put("output", out.toString()).put("size", psf.size())
                        .put("defocusUm", defocusUm).put("sum", psf.sum()).put("peak", peak)
                        .put("na", optics.numericalAperture()).put("wavelengthNm", optics.wavelengthNm())
                        .put("immersionIndex", optics.immersionIndex()).put("pixelUm", optics.pixelSizeUm())
                        .put("ms", ms));
        return 0;
    }
}
