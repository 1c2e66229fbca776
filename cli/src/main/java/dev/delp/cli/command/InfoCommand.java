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
        for (String name : inv.positionals()) {
            Path p = Path.of(name);
            Volume v = ImageFiles.read(p, inv.limits());
            double sum = 0;
            float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
            for (float f : v.voxels()) { // sequential double sum: same result for any thread count
                sum += f;
                min = Math.min(min, f);
                max = Math.max(max, f);
            }
            String cal = (v.calibration().hasPixelSize() ? v.calibration().pixelSizeUm() + " µm/px" : "pixel size unknown")
                    + (v.depth() > 1 ? ", " + (v.calibration().hasZSpacing() ? v.calibration().zSpacingUm() + " µm/plane"
                    : "plane spacing unknown") : "");
            inv.report(String.format(Locale.ROOT, "%s: %s %s, %s, min %s, max %s, mean %.6g, sum %.10g", name, v.shape(),
                            v.sourceType(), cal, min, max, sum / v.voxels().length, sum),
                    new Json().put("file", name).put("shape", v.width(), v.height(), v.depth())
                            .put("type", v.sourceType()).put("pixelUm", v.calibration().pixelSizeUm())
                            .put("zSpacingUm", v.calibration().zSpacingUm()).put("min", min).put("max", max)
                            .put("sum", sum));
        }
        return 0;
    }
}
