package dev.delp.engine.eval;

import dev.delp.engine.awdvd.Awdvd;
import dev.delp.engine.awdvd.BornWolfLevels;
import dev.delp.engine.awdvd.DelpNetClassifier;
import dev.delp.engine.awdvd.IterationPolicy;
import dev.delp.engine.awdvd.IterationTables;
import dev.delp.engine.awdvd.PatchClassifier;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.psf.Optics;
import dev.delp.psf.PsfBank;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;

/**
 * The paper's experiments with our numbers (library entry point of {@code delp eval}): the
 * per-level patch table ({@link PerLevelEvaluation}) and whole images with spatially varying
 * defocus ({@link VaryingDefocus}, {@link WholeImageEvaluation}), written as Markdown with PNG
 * figures. Callers load the held-out in-focus images (BBBC006) themselves; with none, procedural
 * specimens stand in.
 */
public final class AwdvdEval {
    /**
     * @param patchesPerLevel held-out patches per level (the issue asks for ≥ 100)
     * @param photons         photon budget at the brightest blurred pixel of each simulation
     * @param seed            seed of every random choice
     * @param wholeImages     also run the tilted, two-depth and deep whole images
     * @param perLevel        run the per-level patch table
     */
    public record Config(int patchesPerLevel, double photons, long seed, boolean wholeImages, boolean perLevel) {
        public Config {
            if (patchesPerLevel < 1 || patchesPerLevel > 100_000) {
                throw new IllegalArgumentException("patches per level " + patchesPerLevel + " must be within [1, 100000]");
            }
            if (!(photons > 0) || photons > 1e9) {
                throw new IllegalArgumentException("photons " + photons + " must be within (0, 1e9]");
            }
        }
    }

    /** Everything measured. */
    public record Report(Config config, String sources, String classifierName, PerLevelEvaluation.Result perLevel,
            List<WholeImageEvaluation.Result> wholeImages, double seconds, String command) {

        /**
         * The report as Markdown plus its figures, keyed by the file names the Markdown links to
         * ({@code <baseName>-psnr.png} ...), in the order they appear. Writing them is the caller's job
         * (the figures beside the Markdown file).
         */
        public Rendered render(String baseName) {
            Map<String, BufferedImage> figures = new LinkedHashMap<>();
            String markdown = ReportWriter.markdown(this, figures, baseName);
            return new Rendered(markdown, Collections.unmodifiableMap(figures));
        }
    }

    /**
     * A rendered report.
     *
     * @param markdown the Markdown text
     * @param figures  PNG figures by file name (relative to the Markdown file)
     */
    public record Rendered(String markdown, Map<String, BufferedImage> figures) {
    }

    private AwdvdEval() {
    }

    /**
     * Runs the evaluation.
     *
     * @param heldOut    in-focus truths (offset removed), never used for training or for learning the
     *                   iteration table; may be empty
     * @param classifier DelpNet (or null to skip the predicted-level columns)
     * @param policy     iterations of the depth-variant methods ({@link IterationTables#defaultPolicy()})
     * @param blindPolicy iterations of the noise-blind comparison ({@link IterationTables#at1000Photons()})
     */
    public static Report run(Config config, List<Image2d> heldOut, String sources, Optics optics,
            PatchClassifier classifier, String classifierName, IterationPolicy policy, IterationPolicy blindPolicy,
            ForkJoinPool pool, Consumer<String> log, String command) {
        long t0 = System.nanoTime();
        PsfBank bank = new PsfBank(optics, 0);
        BornWolfLevels psfs = new BornWolfLevels(bank);
        PerLevelEvaluation.Result perLevel = config.perLevel()
                ? PerLevelEvaluation.run(heldOut, sources, psfs, classifier, policy, blindPolicy, config.patchesPerLevel(),
                        config.photons(), config.seed(), pool, log)
                : null;
        List<WholeImageEvaluation.Result> whole = new ArrayList<>();
        if (config.wholeImages()) {
            Image2d truth = heldOut.isEmpty() ? new SpecimenGenerator().generate(696, 520, config.seed())
                    : heldOut.get(0);
            // the true map is given; how deep level 10 is, is read from the image (DeepDefocus: the
            // spectrum, else the classifier on the image binned 2x2) — the true map's levels stop at 10,
            // as DelpNet's do; without DelpNet only the spectral reading is made
            PatchClassifier depthReader = classifier != null ? classifier : PatchClassifier.constant(PatchClassifier.BG);
            Awdvd truthMapped = new Awdvd(depthReader, psfs, new dev.delp.engine.awdvd.RlPatchDeconvolver(psfs), policy);
            Awdvd predicted = classifier == null ? null
                    : new Awdvd(classifier, psfs, new dev.delp.engine.awdvd.RlPatchDeconvolver(psfs), policy);
            for (VaryingDefocus.Scenario sc : VaryingDefocus.Scenario.values()) {
                VaryingDefocus.Simulated sim = VaryingDefocus.simulate(truth, sc, bank, config.photons(),
                        config.seed() + sc.ordinal(), pool);
                whole.add(WholeImageEvaluation.run(sim, truthMapped, predicted, pool, log));
            }
        }
        return new Report(config, sources, classifierName, perLevel, whole, (System.nanoTime() - t0) / 1e9, command);
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "–";
    }

    static String fmt3(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "–";
    }

    static double[] column(double[][] a, int c) {
        return Arrays.stream(a).mapToDouble(r -> r[c]).toArray();
    }
}
