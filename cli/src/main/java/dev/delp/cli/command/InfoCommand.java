package dev.delp.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.delp.cli.Command;
import dev.delp.cli.Invocation;
import dev.delp.cli.Json;
import dev.delp.cli.OptionSpec;
import dev.delp.cli.io.ImageFiles;
import dev.delp.cli.io.Volume;

/** {@code delp info}: what delp reads from an image — shape, sample type, calibration, statistics. */
public final class InfoCommand implements Command {
    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "show what delp reads from an image: shape, sample type, calibration (µm), min/max/mean/sum";
    }

    @Override
    public String synopsis() {
        return "image.tif [image2.tif ...]";
    }

    @Override
    public int[] positionals() {
        return new int[] {1, Integer.MAX_VALUE};
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public int run(Invocation inv) {
        int failed = 0;
        for (String name : inv.positionals()) {
            try {
                describe(inv, name);
            } catch (IllegalArgumentException e) { // a bad file among several: say so, go on, exit 2 at the end
                if (inv.positionals().size() == 1) {
                    throw e;
                }
                inv.err().println("delp info: " + e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? 0 : 2;
    }

    private static void describe(Invocation inv, String name) {
        Path p = Path.of(name);
        Volume v = ImageFiles.read(p, inv.limits());
        double sum = 0;
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        long nan = 0, inf = 0;
        for (float f : v.voxels()) { // sequential double sum: same result for any thread count
            if (Float.isNaN(f)) {
                nan++;
            } else if (Float.isInfinite(f)) {
                inf++;
            } else {
                sum += f;
                min = Math.min(min, f);
                max = Math.max(max, f);
            }
        }
        long finite = v.voxels().length - nan - inf;
        String cal = (v.calibration().hasPixelSize() ? v.calibration().pixelSizeUm() + " µm/px" : "pixel size unknown")
                + (v.depth() > 1 ? ", " + (v.calibration().hasZSpacing() ? v.calibration().zSpacingUm() + " µm/plane"
                : "plane spacing unknown") : "");
        // statistics over the finite pixels; NaN/Inf counted apart (classify/deconvolve/simulate refuse them)
        String bad = nan + inf == 0 ? "" : String.format(Locale.ROOT, "; %d NaN and %d infinite pixels (statistics of the"
                + " %d finite ones)", nan, inf, finite);
        Json json = new Json().put("file", name).put("shape", v.width(), v.height(), v.depth())
                .put("type", v.sourceType()).put("pixelUm", v.calibration().pixelSizeUm())
                .put("zSpacingUm", v.calibration().zSpacingUm());
        json.put("min", finite > 0 ? min : Double.NaN).put("max", finite > 0 ? max : Double.NaN)
                .put("sum", finite > 0 ? sum : Double.NaN); // NaN -> null
        if (nan + inf > 0) {
            json.put("nan", nan).put("infinite", inf);
        }
        inv.report(finite == 0
                        ? String.format(Locale.ROOT, "%s: %s %s, %s; no finite pixel (%d NaN, %d infinite)", name, v.shape(),
                                v.sourceType(), cal, nan, inf)
                        : String.format(Locale.ROOT, "%s: %s %s, %s, min %s, max %s, mean %.6g, sum %.10g%s", name, v.shape(),
                                v.sourceType(), cal, min, max, sum / finite, sum, bad),
                json);
    }
}
