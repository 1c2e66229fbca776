package dev.delp.cli.tools;

import dev.delp.cli.io.OutputFiles;
import dev.delp.engine.awdvd.DelpNetClassifier;
import dev.delp.engine.conv.Blur;
import dev.delp.engine.conv.OtfCache;
import dev.delp.engine.dataset.DatasetConfig;
import dev.delp.engine.dataset.PsfSource;
import dev.delp.engine.eval.PsfTwins;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Percentiles;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.engine.training.TrainingSources;
import dev.delp.nn.DelpNet;
import dev.delp.psf.Optics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * Developer tool: for each pair of neighbouring defocus levels, is level {@code L}'s PSF level
 * {@code L−1}'s blurred further ({@link PsfTwins})? And if so, how close is every specimen's level-L
 * image to the level-(L−1) image of its softened twin {@code S ⊛ g}, in photon noise units (χ² over
 * each 84×84 foreground window; below ~2 not separable even knowing both candidates)? Procedural
 * specimens of each family, optics of the shipped DelpNet.
 *
 * <p>Usage: {@code java -cp delp.jar dev.delp.cli.tools.LevelTwins [--kernel 9] [--photons 1000]
 * [--specimens 12] [--seed S] [--levels 10] [--out twins.md]}
 */
public final class LevelTwins {
    private static final Set<String> FLAGS = Set.of("kernel", "photons", "specimens", "seed", "levels", "out");
    private static final int SIDE = 384, WINDOW = 84;

    private LevelTwins() {
    }

    public static void main(String[] args) {
        Tools.exit(() -> run(args));
    }

    static void run(String[] args) throws IOException {
        Flags f = new Flags(args, FLAGS);
        int kernel = (int) f.integer("kernel", 9, 1, 31);
        double photons = f.number("photons", 1000, 1, 1e9);
        int specimens = (int) f.integer("specimens", 12, 1, 10_000);
        long seed = f.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int levels = (int) f.integer("levels", 10, 1, 10);
        Optics optics = DelpNetClassifier.opticsOf(DelpNet.loadDefault());
        DatasetConfig cfg = TrainingSources.config(optics, 32);
        PsfSource psfs = TrainingSources.psfs(optics);
        double readVariance = cfg.readNoiseCounts() * cfg.readNoiseCounts();
        StringBuilder md = new StringBuilder("# Level twins: is level L the level below it, blurred further?\n\n");
        md.append(String.format(Locale.ROOT, "Command: `LevelTwins %s`. %s. Kernel: the non-negative %d×%d `g` minimising"
                + " ‖h(L−1) ⊛ g − h(L)‖. χ²: Σ (S⊛h(L) − (S⊛g)⊛h(L−1))² / (mean + %.0f) over each 84×84 window with"
                + " ≥ 5 %% foreground, %.0f photons at the specimen's 99.9th percentile; below 2 the two images are"
                + " not told apart reliably even by an observer who knows both candidate specimens.%n%n",
                String.join(" ", args), optics, kernel, kernel, readVariance, photons));
        md.append("| levels | PSF residual | family | windows | χ² median | χ² 10th pct. | windows with χ² < 2 |\n"
                + "|---|---|---|---|---|---|---|\n");
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            OtfCache cache = new OtfCache(8);
            SpecimenGenerator gen = new SpecimenGenerator();
            for (int level = 1; level <= levels; level++) {
                Image2d lower = psfs.psf((level - 1) * optics.stepUm()), upper = psfs.psf(level * optics.stepUm());
                PsfTwins.Twin twin = PsfTwins.fit(lower, upper, kernel);
                for (SpecimenGenerator.Family family : SpecimenGenerator.Family.values()) {
                    List<Double> chi = new ArrayList<>();
                    for (int i = 0; i < specimens; i++) {
                        Image2d s = gen.generate(SIDE, SIDE, family, seed * 1_000_003L + 1000L * family.ordinal() + i);
                        double reference = Percentiles.of(s.data(), 99.9);
                        float[] u = Blur.reflect(s, upper, cache, pool).data();
                        float[] v = Blur.reflect(Blur.reflect(s, twin.kernel(), cache, pool), lower, cache, pool).data();
                        for (int y0 = 0; y0 + WINDOW <= SIDE; y0 += WINDOW) {
                            for (int x0 = 0; x0 + WINDOW <= SIDE; x0 += WINDOW) {
                                if (foreground(s, x0, y0, 0.1 * reference) >= 0.05) {
                                    chi.add(PsfTwins.chiSquare(u, v, SIDE, x0, y0, WINDOW, WINDOW, photons / reference,
                                            readVariance));
                                }
                            }
                        }
                    }
                    Collections.sort(chi);
                    long below = chi.stream().filter(c -> c < 2).count();
                    md.append(String.format(Locale.ROOT, "| %d → %d | %.4f | %s | %d | %.2f | %.2f | %.0f %% |%n", level - 1,
                            level, twin.relativeResidual(), family.name().toLowerCase(Locale.ROOT), chi.size(),
                            chi.isEmpty() ? Double.NaN : chi.get(chi.size() / 2),
                            chi.isEmpty() ? Double.NaN : chi.get(chi.size() / 10),
                            chi.isEmpty() ? 0 : 100.0 * below / chi.size()));
                }
            }
        } finally {
            pool.shutdown();
        }
        System.out.print(md);
        String out = f.string("out", null);
        if (out != null) {
            OutputFiles.write(Path.of(out), List.of(), true, s -> s.write(md.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static double foreground(Image2d s, int x0, int y0, double threshold) {
        int n = 0;
        for (int y = y0; y < y0 + WINDOW; y++) {
            for (int x = x0; x < x0 + WINDOW; x++) {
                n += s.data()[x + s.width() * y] > threshold ? 1 : 0;
            }
        }
        return n / (double) (WINDOW * WINDOW);
    }
}
