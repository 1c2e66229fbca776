package dev.delp.cli.tools;

import dev.delp.cli.io.OutputFiles;
import dev.delp.engine.dataset.SourceImage;
import dev.delp.engine.training.DelpNetTraining;
import dev.delp.nn.DelpNet;
import dev.delp.nn.TrainedOptics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * Developer tool behind {@code delp train}: trains DelpNet ({@link DelpNetTraining}) and writes
 * {@code train.log}, {@code last.dlpw} after every epoch and {@code best.dlpw} when the mean
 * validation top-1 improves, all in the {@code --out} folder.
 *
 * <p>Usage: {@code java -cp delp.jar dev.delp.cli.tools.TrainDelpNet --out DIR [--images DIR --holdout a01]
 * [--seed S] [--epochs E] [--steps N] [--batch B] [--lr LR] [--threads T] [--pool P] [--refresh F]
 * [--real-fraction R] [--val-blocks V] [--level10-max-um U] [--weight-decay W] [--smoothing S]
 * [--warmup N] [--init w.dlpw]}
 */
public final class TrainDelpNet {
    private static final Set<String> FLAGS = Set.of("out", "images", "holdout", "seed", "epochs", "steps", "batch",
            "lr", "threads", "pool", "refresh", "real-fraction", "val-blocks", "level10-max-um", "weight-decay",
            "smoothing", "init", "warmup");

    private TrainDelpNet() {
    }

    public static void main(String[] args) {
        Tools.exit(() -> run(args, System.out));
    }

    /** Parses {@code args}, trains, and logs progress lines to {@code log} (and {@code train.log}). */
    public static void run(String[] args, PrintStream log) throws IOException {
        Flags f = new Flags(args, FLAGS);
        Path out = Path.of(f.string("out", "delpnet-run"));
        DelpNetTraining.Settings s = new DelpNetTraining.Settings(
                f.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE),
                (int) f.integer("epochs", 20, 1, 100000),
                (int) f.integer("steps", 500, 1, 10_000_000),
                (int) f.integer("batch", 32, 2, 4096),
                f.number("lr", 2e-3, 1e-7, 1),
                f.integer("warmup", 300, 0, Long.MAX_VALUE),
                f.number("weight-decay", 1e-2, 0, 10),
                f.number("smoothing", 0, 0, 0.99),
                (int) f.integer("pool", 24000, 12, 10_000_000),
                f.number("refresh", 0.25, 0, 1),
                f.number("real-fraction", 0.5, 0, 1),
                (int) f.integer("val-blocks", 50, 1, 100000),
                f.number("level10-max-um", 32, 0, 1000));
        int threads = (int) f.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        String holdout = f.string("holdout", "a01");
        List<SourceImage> train = List.of();
        List<SourceImage> held = List.of();
        String dataInfo = "none";
        if (f.string("images", null) != null) {
            TrainingImages images = TrainingImages.split(Path.of(f.string("images", null)), holdout);
            if (images.train().isEmpty() || images.heldOut().isEmpty()) {
                throw new IllegalArgumentException("--holdout " + holdout + " must match some but not all of the "
                        + (images.train().size() + images.heldOut().size()) + " images in " + f.string("images", null));
            }
            train = TrainingImages.load(images.train());
            held = TrainingImages.load(images.heldOut());
            dataInfo = "train " + TrainingImages.names(images.train()) + "; held out " + TrainingImages.names(images.heldOut());
        }
        String init = f.string("init", null);
        DelpNet net = init != null ? DelpNet.load(Path.of(init))
                : DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, s.seed());
        Files.createDirectories(out);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            DelpNetTraining.train(s, net, init != null, train, held, dataInfo, "TrainDelpNet " + String.join(" ", args), pool,
                    new DelpNetTraining.Listener() {
                        @Override
                        public void log(String line) {
                            String stamped = Instant.now().toString().substring(11, 19) + " " + line;
                            log.println(stamped);
                            try {
                                Files.writeString(out.resolve("train.log"), stamped + "\n", StandardOpenOption.CREATE,
                                        StandardOpenOption.APPEND);
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }

                        @Override
                        public void checkpoint(DelpNet trained, Map<String, String> provenance, boolean best) throws IOException {
                            save(trained, provenance, out.resolve("last.dlpw"));
                            if (best) {
                                save(trained, provenance, out.resolve("best.dlpw"));
                            }
                        }
                    });
        } finally {
            pool.shutdown();
        }
    }

    /** Writes {@code net} to a temporary file beside {@code target} and moves it into place. */
    static void save(DelpNet net, Map<String, String> provenance, Path target) throws IOException {
        OutputFiles.write(target, List.of(), true, tmp -> net.save(tmp, provenance));
    }
}
