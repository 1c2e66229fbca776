package dev.delp.cli.tools;

import dev.delp.cli.io.OutputFiles;
import dev.delp.engine.awdvd.DelpNetClassifier;
import dev.delp.engine.dataset.DatasetConfig;
import dev.delp.engine.dataset.SourceImage;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Percentiles;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.engine.training.LevelSeparability;
import dev.delp.engine.training.TrainingSources;
import dev.delp.nn.DelpNet;
import dev.delp.psf.Optics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * Developer tool: how separable neighbouring defocus levels are at all, by photon budget — the
 * accuracy of the ideal observer that knows the specimen ({@link LevelSeparability}), an upper bound
 * on what any classifier can reach between two levels. Procedural specimens (generator seeds from
 * {@code --seed}) and, with {@code --images}, the held-out real image(s).
 *
 * <p>Usage: {@code java -cp delp.jar dev.delp.cli.tools.LevelCeiling --out ceiling.md [--images DIR --holdout a01]
 * [--specimens N] [--windows W] [--photons 300,1000,4000] [--seed S] [--threads T]}
 */
public final class LevelCeiling {
    private static final Set<String> FLAGS = Set.of("out", "images", "holdout", "specimens", "windows", "photons", "seed",
            "threads");

    private LevelCeiling() {
    }

    public static void main(String[] args) {
        Tools.exit(() -> run(args));
    }

    static void run(String[] args) throws IOException {
        Flags f = new Flags(args, FLAGS);
        Path out = Path.of(f.string("out", "level-ceiling.md"));
        int specimens = (int) f.integer("specimens", 20, 1, 100_000);
        int windows = (int) f.integer("windows", 10, 1, 100_000);
        long seed = f.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int threads = (int) f.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        double[] photons = parsePhotons(f.string("photons", "300,1000,4000"));
        Optics optics = DelpNetClassifier.opticsOf(DelpNet.loadDefault());
        DatasetConfig cfg = TrainingSources.config(optics, 32);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            long t0 = System.nanoTime();
            StringBuilder md = new StringBuilder("# Level separability: the known-specimen ideal observer\n\n");
            md.append(String.format(Locale.ROOT, "Command: `LevelCeiling %s`. Optics of the shipped DelpNet (%s), %.0f µm per"
                    + " level; read noise %.1f counts. Each cell: mean oracle accuracy of telling level L from L+1 over"
                    + " the windows (fraction of windows below 90 %% in brackets). An upper bound on any classifier's"
                    + " pairwise accuracy: the observer knows the specimen exactly.%n%n", String.join(" ", args),
                    optics, cfg.stepUm(), cfg.readNoiseCounts()));
            List<LevelSeparability.Source> synth = new ArrayList<>();
            SpecimenGenerator gen = new SpecimenGenerator();
            for (int i = 0; i < specimens; i++) {
                int side = TrainingSources.SPECIMEN_SIDE;
                synth.add(new LevelSeparability.Source(gen.generate(side, side, seed * 1_000_003L + i), 0.75));
            }
            List<LevelSeparability.PairResult> rs = LevelSeparability.measure(synth, TrainingSources.psfs(optics), cfg,
                    photons, windows, seed, pool);
            md.append(String.format(Locale.ROOT, "## Procedural specimens (%d, %d windows)%n%n", specimens, rs.get(0).windows()));
            md.append(LevelSeparability.markdown(rs));
            if (f.string("images", null) != null) {
                String holdout = f.string("holdout", "a01");
                List<Path> held = TrainingImages.split(Path.of(f.string("images", null)), holdout).heldOut();
                if (held.isEmpty()) {
                    throw new IllegalArgumentException("--holdout " + holdout + " matches no image in " + f.string("images", null));
                }
                List<LevelSeparability.Source> real = new ArrayList<>();
                for (SourceImage s : TrainingImages.load(held)) {
                    real.add(realSource(s));
                }
                List<LevelSeparability.PairResult> rr = LevelSeparability.measure(real, TrainingSources.psfs(optics), cfg,
                        photons, windows * specimens / real.size(), seed, pool);
                md.append(String.format(Locale.ROOT, "%n## Held-out real %s (%d windows)%n%n", holdout, rr.get(0).windows()));
                md.append(LevelSeparability.markdown(rr));
            }
            md.append(String.format(Locale.ROOT, "%n%d threads, %.1f s.%n", threads, (System.nanoTime() - t0) / 1e9));
            OutputFiles.write(out, List.of(), true, o -> o.write(md.toString().getBytes(StandardCharsets.UTF_8)));
            System.out.print(md);
        } finally {
            pool.shutdown();
        }
    }

    /** Offset removed and reference = 99.9th percentile, as the dataset builder prepares real images. */
    static LevelSeparability.Source realSource(SourceImage s) {
        float[] in = s.image().data();
        float[] sig = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            sig[i] = (float) Math.max(0, in[i] - s.offsetCounts());
        }
        double ref = Percentiles.of(sig, 99.9);
        return new LevelSeparability.Source(new Image2d(s.image().width(), s.image().height(), sig), ref > 0 ? ref : 1);
    }

    static double[] parsePhotons(String list) {
        try {
            double[] v = Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
            for (double p : v) {
                if (!(p >= 1 && p <= 1e9)) {
                    throw new NumberFormatException();
                }
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--photons '" + list + "' must be comma-separated numbers in 1..1e9");
        }
    }
}
