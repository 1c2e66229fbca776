package dev.delp.engine.eval;

import dev.delp.engine.awdvd.Awdvd;
import dev.delp.engine.awdvd.AwdvdOptions;
import dev.delp.engine.awdvd.AwdvdProgress;
import dev.delp.engine.awdvd.DefocusMap;
import dev.delp.engine.awdvd.PatchClassifier;
import dev.delp.engine.awdvd.PatchGrid;
import dev.delp.engine.awdvd.SeamScore;
import dev.delp.engine.image.Image2d;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * Runs every restoration mode on a {@link VaryingDefocus.Simulated} image, with the true defocus
 * map and (if a classifier is given) DelpNet's, and scores PSNR, SSIM and seams.
 */
public final class WholeImageEvaluation {
    /**
     * One restoration.
     *
     * @param name        mode and map, e.g. "awdvd s=42 (true map)"
     * @param psnr        dB against the truth (data range = truth max − min)
     * @param seam84      seam score on the 84-pixel patch borders (case (i) grid)
     * @param seamShifted mean seam score of the same image on 84-grids shifted by 7..77 px (both axes
     *                    together, image cropped): the session-1/2 baseline, kept for comparison
     * @param imageSeam   {@code seam84} against all offset lattices ({@link SeamNull#of})
     * @param errorSeam   the seam score of the restoration error in photon-noise units against its
     *                    own null ({@link SeamNull#noiseUnitError}); {@link SeamNull.Score#none()} for the truth
     * @param seconds     wall time
     * @param image       the restored image (intensity units)
     */
    public record Row(String name, double psnr, double ssim, double seam84, double seamShifted,
            SeamNull.Score imageSeam, SeamNull.Score errorSeam, double seconds, float[] image) {
    }

    /** Results of one scenario. */
    public record Result(VaryingDefocus.Simulated sim, List<Row> rows, float[] input, String predictedMap) {
    }

    private WholeImageEvaluation() {
    }

    public static Result run(VaryingDefocus.Simulated sim, Awdvd withTruthMap, Awdvd withClassifier, ForkJoinPool pool,
            java.util.function.Consumer<String> log) {
        Image2d counts = sim.counts();
        float[] truth = sim.truth().data();
        int w = truth.length / sim.truth().height(), h = sim.truth().height();
        double range = Quality.range(truth);
        List<Row> rows = new ArrayList<>();
        float[] input = sim.toIntensity(counts.data());
        double countsPerIntensity = sim.photons() / sim.reference();
        rows.add(row("input (noisy, defocused)", input, truth, w, h, range, countsPerIntensity, 0));
        Map<String, AwdvdOptions> modes = new LinkedHashMap<>();
        AwdvdOptions base = AwdvdOptions.defaults().withOffset((float) PatchCases.OFFSET_COUNTS);
        modes.put("awdvd s=42 (case ii)", base);
        modes.put("awdvd s=84 (case i)", base.withStride(84));
        modes.put("interpolated", base.withMode(AwdvdOptions.Mode.INTERPOLATED));
        modes.put("invariant level 0, 30 it", base.withMode(AwdvdOptions.Mode.INVARIANT).withInvariantLevel(0)
                .withIterations(30));
        modes.put("invariant level 5", base.withMode(AwdvdOptions.Mode.INVARIANT).withInvariantLevel(5));
        modes.put("invariant level 5, 30 it", base.withMode(AwdvdOptions.Mode.INVARIANT).withInvariantLevel(5)
                .withIterations(30));
        String predictedMap = "";
        for (int pass = 0; pass < 2; pass++) {
            Awdvd awdvd = pass == 0 ? withTruthMap : withClassifier;
            if (awdvd == null) {
                continue;
            }
            String tag = pass == 0 ? " (true map)" : " (DelpNet map)";
            for (Map.Entry<String, AwdvdOptions> e : modes.entrySet()) {
                if (pass == 1 && e.getValue().mode() == AwdvdOptions.Mode.INVARIANT) {
                    continue; // the map does not matter for a fixed single PSF
                }
                AwdvdOptions o = e.getValue();
                PatchGrid grid = PatchGrid.of(w, h, o.stride());
                long t0 = System.nanoTime();
                DefocusMap map = pass == 0 ? DefocusMap.ofLabels(grid, sim.trueLabels(grid))
                        : awdvd.classify(counts, o.stride(), pool, AwdvdProgress.NONE);
                if (pass == 1 && o.stride() == 42 && predictedMap.isEmpty()) {
                    predictedMap = describe(map, sim);
                }
                float[] out = awdvd.deconvolve(counts, map, o, pool, AwdvdProgress.NONE).image().data();
                double seconds = (System.nanoTime() - t0) / 1e9;
                Row r = row(e.getKey() + tag, sim.toIntensity(out), truth, w, h, range, countsPerIntensity, seconds);
                rows.add(r);
                log.accept(String.format(java.util.Locale.ROOT, "%s %-40s PSNR %.2f SSIM %.4f seam84 %.3f (shifted %.3f,"
                        + " all offsets %.3f, error %.3f) %.1f s", sim.scenario(), r.name(), r.psnr(), r.ssim(), r.seam84(),
                        r.seamShifted(), r.imageSeam().relative(), r.errorSeam().relative(), r.seconds()));
            }
        }
        rows.add(row("truth", truth, truth, w, h, range, countsPerIntensity, 0));
        return new Result(sim, rows, input, predictedMap);
    }

    private static Row row(String name, float[] img, float[] truth, int w, int h, double range,
            double countsPerIntensity, double seconds) {
        SeamNull.Score errorSeam = img == truth ? SeamNull.Score.none()
                : SeamNull.of(SeamNull.noiseUnitError(img, truth, countsPerIntensity), w, h);
        return new Row(name, Quality.psnr(img, truth, range), Quality.ssim(img, truth, w, h, range),
                SeamScore.of(img, PatchGrid.of(w, h, 84)), shiftedSeam(img, w, h), SeamNull.of(img, w, h), errorSeam,
                seconds, img);
    }

    /**
     * Mean seam score on 84-grids whose origin is moved by 7, 14, ..., 77 pixels on both axes at once
     * (the image cropped): the baseline of sessions 1–2, kept for comparison. Eleven lattices on a
     * diagonal are too few for content this uneven ({@link SeamNull} has the reasons and the replacement).
     */
    static double shiftedSeam(float[] img, int w, int h) {
        double s = 0;
        int n = 0;
        for (int shift = 7; shift < 84; shift += 7) {
            int cw = w - shift, ch = h - shift;
            float[] c = new float[cw * ch];
            for (int y = 0; y < ch; y++) {
                System.arraycopy(img, shift + w * (y + shift), c, cw * y, cw);
            }
            s += SeamScore.of(c, PatchGrid.of(cw, ch, 84));
            n++;
        }
        return s / n;
    }

    private static String describe(DefocusMap map, VaryingDefocus.Simulated sim) {
        int[] truth = sim.trueLabels(map.grid());
        int exact = 0, within = 0, bg = 0;
        for (int i = 0; i < truth.length; i++) {
            int p = map.label(i);
            if (p == PatchClassifier.BG) {
                bg++;
            } else if (p == truth[i]) {
                exact++;
            }
            if (p != PatchClassifier.BG && Math.abs(p - truth[i]) <= 1) {
                within++;
            }
        }
        return String.format(java.util.Locale.ROOT, "DelpNet on the %d patches (s=42): %d exact (%.1f %%), %d within one"
                + " level (%.1f %%), %d called bg", truth.length, exact, 100.0 * exact / truth.length, within,
                100.0 * within / truth.length, bg);
    }
}
