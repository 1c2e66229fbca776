package dev.delp.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import dev.delp.cli.Invocation;
import dev.delp.cli.io.ImageFormatException;
import dev.delp.cli.io.Volume;
import dev.delp.engine.awdvd.DelpNetClassifier;
import dev.delp.nn.DelpNet;
import dev.delp.psf.Optics;

/** Loads DelpNet weights for classify and the AWDVD modes: {@code --weights FILE} or the shipped default. */
final class Classifiers {
    private Classifiers() {
    }

    /** The classifier of {@code --weights}, else the default weights in delp-fixtures. */
    static DelpNetClassifier load(Invocation inv) {
        if (inv.has("weights")) {
            Path p = Path.of(inv.string("weights", ""));
            if (Files.isDirectory(p)) {
                throw new ImageFormatException(p + ": is a folder, expected a weights file (.dlpw)");
            }
            if (!Files.isRegularFile(p)) {
                throw new ImageFormatException(p + ": no such weights file");
            }
            try {
                return new DelpNetClassifier(DelpNet.load(p));
            } catch (IOException e) {
                throw new ImageFormatException(p + ": cannot read weights: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new ImageFormatException(p + ": " + e.getMessage(), e);
            }
        }
        try {
            return DelpNetClassifier.loadDefault();
        } catch (IllegalStateException e) {
            throw new ImageFormatException("this build has no default DelpNet weights (" + DelpNet.RESOURCE
                    + "); pass --weights w.dlpw (train one with delp train) or use --psf/--level", e);
        } catch (IOException e) {
            throw new ImageFormatException("default weights " + DelpNet.RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code image} and, if given, the {@code --weights} file: the inputs no output may overwrite
     * (a weights file is as much an input as the image).
     */
    static java.util.List<Path> withWeights(Invocation inv, Path image) {
        java.util.List<Path> l = new java.util.ArrayList<>(java.util.List.of(image));
        if (inv.has("weights")) {
            l.add(Path.of(inv.string("weights", "")));
        }
        return l;
    }

    /**
     * Refuses an image smaller than one DelpNet patch (a mirrored canvas gave confident levels that
     * are not in the specimen); {@code hint} ends the message (what to do instead).
     */
    static void requireWholePatch(Path image, Volume v, String hint) {
        try {
            DelpNetClassifier.requireWholePatch(v.width(), v.height());
        } catch (IllegalArgumentException e) {
            throw new ImageFormatException(image + ": " + e.getMessage() + hint, e);
        }
    }

    /**
     * Warns when no pixel is above 0: DelpNet calls every such patch bg (no light), which a user who
     * negated an image or subtracted too large an offset should hear about.
     */
    static void warnNoLight(Invocation inv, Path image, float[] values) {
        float max = Float.NEGATIVE_INFINITY;
        for (float f : values) {
            max = Math.max(max, f);
        }
        if (max <= 0) {
            inv.warn(String.format(Locale.ROOT, "%s: no pixel is above 0 (max %s), so DelpNet calls every patch bg; "
                    + "fluorescence counts are >= 0 (is the image inverted, or its offset subtracted twice?)", image,
                    OpticsFlags.trim(max)));
        }
    }

    /** Warns when the image's pixel size differs from the one the weights were trained for by > 5 %. */
    static void warnOnPixelMismatch(Invocation inv, Path image, Volume v, Optics trained) {
        double px = v.calibration().pixelSizeUm();
        if (!Double.isNaN(px) && Math.abs(px / trained.pixelSizeUm() - 1) > 0.05) {
            inv.warn(String.format(Locale.ROOT, "%s has %.4g µm pixels but the weights were trained for %.4g µm; "
                    + "defocus levels may be misjudged", image, px, trained.pixelSizeUm()));
        }
    }
}
