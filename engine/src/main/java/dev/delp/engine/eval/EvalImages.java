package dev.delp.engine.eval;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Percentiles;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Loading of the evaluation's ground truth (eval tooling only; the pipeline never reads files):
 * BBBC006 in-focus 16-bit TIFFs through the JDK's {@code javax.imageio} TIFF plugin, with the
 * camera offset (the 0.5th percentile) removed so the truth is a non-negative intensity.
 */
public final class EvalImages {
    /** Largest image accepted, in pixels (checked from the header before decoding). */
    public static final long MAX_PIXELS = 1L << 26;

    private EvalImages() {
    }

    /** The {@code *.tif} files of {@code dir}, sorted by name. */
    public static List<Path> tiffs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).matches(".*\\.tiff?"))
                    .sorted().collect(Collectors.toList());
        }
    }

    /** One grey TIFF page as float values (16-bit unsigned stays exact). */
    public static Image2d read(Path path) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) {
                throw new IOException(path + ": cannot open");
            }
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(path + ": not an image format javax.imageio can read");
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in);
                int w = r.getWidth(0), h = r.getHeight(0);
                if (w < 1 || h < 1 || (long) w * h > MAX_PIXELS) {
                    throw new IOException(path + ": size " + w + "x" + h + " outside 1.." + MAX_PIXELS + " pixels");
                }
                Raster raster = r.read(0).getRaster();
                if (raster.getNumBands() != 1) {
                    throw new IOException(path + ": " + raster.getNumBands() + " bands, expected one grey band");
                }
                float[] d = raster.getSamples(0, 0, w, h, 0, new float[w * h]);
                return new Image2d(w, h, d);
            } finally {
                r.dispose();
            }
        }
    }

    /** The image minus its 0.5th percentile (camera offset), clamped at 0. */
    public static Image2d withoutOffset(Image2d image) {
        float offset = (float) Percentiles.of(image, 0.5);
        float[] d = image.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(0f, d[i] - offset);
        }
        return new Image2d(image.width(), image.height(), d);
    }

    /** Reads and removes the offset of each file. */
    public static List<Image2d> truths(List<Path> files) throws IOException {
        List<Image2d> out = new ArrayList<>();
        for (Path p : files) {
            out.add(withoutOffset(read(p)));
        }
        return out;
    }
}
