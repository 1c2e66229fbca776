package dev.delp.cli.tools;

import dev.delp.cli.io.ImageFiles;
import dev.delp.cli.io.ImageFormatException;
import dev.delp.cli.io.ReadLimits;
import dev.delp.cli.io.Volume;
import dev.delp.engine.dataset.SourceImage;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.training.TrainingSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real in-focus images of a training folder, split into training and held-out sets by a name
 * part ({@code --holdout a01}), read with the CLI's TIFF/PNG reader (one plane each).
 *
 * @param train   files used for training, sorted by name
 * @param heldOut files held out for validation, sorted by name
 */
record TrainingImages(List<Path> train, List<Path> heldOut) {
    /** Largest accepted training image (pixels), checked before allocating. */
    static final ReadLimits LIMITS = new ReadLimits(1L << 28);

    /** Lists the {@code .tif/.tiff} files of {@code dir} and splits them by {@code holdout}. */
    static TrainingImages split(Path dir, String holdout) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--images " + dir + " is not a folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return n.endsWith(".tif") || n.endsWith(".tiff");
            }).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .tif files in " + dir);
        }
        List<Path> train = new ArrayList<>();
        List<Path> held = new ArrayList<>();
        for (Path p : files) {
            (p.getFileName().toString().contains(holdout) ? held : train).add(p);
        }
        return new TrainingImages(train, held);
    }

    /** Reads {@code files} as dataset sources (counts; offset = 0.5th percentile). */
    static List<SourceImage> load(List<Path> files) {
        List<Image2d> images = read(files);
        for (int i = 0; i < images.size(); i++) { // patches are cut from it: it needs a specimen and room for one
            Image2d im = images.get(i);
            ImageFiles.requireSpecimen(files.get(i), dev.delp.cli.io.Volume.ofPlane(im.width(), im.height(), im.data(),
                    dev.delp.cli.io.Calibration.UNKNOWN), dev.delp.nn.DelpNet.PATCH);
        }
        return images.stream().map(TrainingSources::source).toList();
    }

    /** Reads {@code files}, one in-focus plane each (counts as stored). */
    static List<Image2d> read(List<Path> files) {
        List<Image2d> out = new ArrayList<>();
        for (Path f : files) {
            Volume v = ImageFiles.read(f, LIMITS);
            ImageFiles.requireFinite(f, v); // one NaN would poison every patch cut from it
            if (v.depth() != 1) {
                throw new ImageFormatException(f + ": expected one in-focus plane, found a stack of " + v.depth());
            }
            out.add(new Image2d(v.width(), v.height(), v.voxels()));
        }
        return out;
    }

    /** File names joined by commas, for logs and provenance. */
    static String names(List<Path> files) {
        return String.join(",", files.stream().map(p -> p.getFileName().toString()).toList());
    }
}
