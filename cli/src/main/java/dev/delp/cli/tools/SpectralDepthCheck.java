package dev.delp.cli.tools;

import dev.delp.engine.awdvd.BornWolfLevels;
import dev.delp.engine.awdvd.DeepDefocus;
import dev.delp.engine.awdvd.DefocusMap;
import dev.delp.engine.awdvd.PatchClassifier;
import dev.delp.engine.awdvd.PatchGrid;
import dev.delp.engine.eval.EvalImages;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.simulate.ForwardModel;
import dev.delp.engine.simulate.NoiseModel;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.psf.Optics;
import dev.delp.psf.Psf2d;
import dev.delp.psf.PsfBank;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

/**
 * Developer tool: how well level 10's depth is read from the spectrum of a deep field (the accuracy
 * table of docs/eval/README.md, session 11). Each specimen — real in-focus images (offset removed) and
 * procedural ones, 696×520 — is blurred uniformly at each depth with the default optics' Born–Wolf
 * PSF, a field 40 px in from every edge is observed at each photon budget (read noise 2, offset 100
 * counts), every patch is labelled 10, and {@link DeepDefocus#estimateUm} reads the depth with a
 * background-only classifier, so only spectral readings appear ("–": no credible reading).
 *
 * <p>Usage: {@code java -cp delp.jar dev.delp.cli.tools.SpectralDepthCheck [--images DIR] [--real a01,a02,a03]
 * [--specimens 50001,50002,50005,50007] [--depths 18,20,22,26,32,36,40,44] [--photons 300,1000,4000] [--seed 2]}
 */
public final class SpectralDepthCheck {
    private static final Set<String> FLAGS = Set.of("images", "real", "specimens", "depths", "photons", "seed");
    private static final int INSET_PX = 40;

    private SpectralDepthCheck() {
    }

    public static void main(String[] args) {
        Tools.exit(() -> run(args));
    }

    static void run(String[] args) throws IOException {
        Flags f = new Flags(args, FLAGS);
        double[] depths = numbers(f.string("depths", "18,20,22,26,32,36,40,44"), 1, 60);
        double[] photons = numbers(f.string("photons", "300,1000,4000"), 1, 1e9);
        long seed = f.integer("seed", 2, Long.MIN_VALUE, Long.MAX_VALUE);
        List<String> names = new ArrayList<>();
        List<Image2d> truths = new ArrayList<>();
        String images = f.string("images", null);
        if (images != null) {
            for (String name : f.string("real", "a01,a02,a03").split(",")) {
                Path file;
                try (Stream<Path> s = Files.list(Path.of(images))) {
                    file = s.filter(p -> p.getFileName().toString().contains("_" + name + "_")).sorted().findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("no image named *_" + name + "_* in " + images));
                }
                truths.add(EvalImages.withoutOffset(TrainingImages.read(List.of(file)).get(0)));
                names.add(name);
            }
        }
        for (double s : numbers(f.string("specimens", "50001,50002,50005,50007"), 0, Long.MAX_VALUE)) {
            truths.add(new SpecimenGenerator().generate(696, 520, (long) s));
            names.add("p" + (long) s);
        }
        PsfBank bank = new PsfBank(Optics.defaults(), 0);
        BornWolfLevels levels = new BornWolfLevels(bank);
        PatchClassifier background = PatchClassifier.constant(PatchClassifier.BG);
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            System.out.printf(Locale.ROOT, "Command: `SpectralDepthCheck %s`%n%n| photons | depth (µm) | %s |%n|---|---|%s%n",
                    String.join(" ", args), String.join(" | ", names), "---|".repeat(names.size()));
            for (double n : photons) {
                for (double depthUm : depths) {
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %.0f | %.1f |", n, depthUm));
                    Psf2d psf = bank.psf(depthUm);
                    for (int i = 0; i < truths.size(); i++) {
                        Image2d truth = truths.get(i);
                        Image2d blurred = new ForwardModel().blur(truth, new Image2d(psf.size(), psf.size(), psf.values()),
                                pool).crop(INSET_PX, INSET_PX, truth.width() - 2 * INSET_PX, truth.height() - 2 * INSET_PX);
                        Image2d counts = ForwardModel.observe(blurred, blurred.max(), new NoiseModel(n, 2, 100),
                                new SplittableRandom(seed + i));
                        PatchGrid grid = PatchGrid.of(counts.width(), counts.height(), 42);
                        int[] deep = new int[grid.count()];
                        Arrays.fill(deep, PatchClassifier.LEVELS - 1);
                        OptionalDouble z = DeepDefocus.estimateUm(counts, DefocusMap.ofLabels(grid, deep), background,
                                levels, pool);
                        row.append(z.isPresent() ? String.format(Locale.ROOT, " %.2f |", z.getAsDouble()) : " – |");
                    }
                    System.out.println(row);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private static double[] numbers(String list, double lo, double hi) {
        double[] out = Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
        for (double v : out) {
            if (!(v >= lo && v <= hi)) {
                throw new IllegalArgumentException(v + " in '" + list + "' must be within [" + lo + ", " + hi + "]");
            }
        }
        return out;
    }
}
