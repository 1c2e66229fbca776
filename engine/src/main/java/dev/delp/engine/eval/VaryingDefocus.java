package dev.delp.engine.eval;

import dev.delp.engine.awdvd.PatchClassifier;
import dev.delp.engine.awdvd.PatchGrid;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.simulate.ForwardModel;
import dev.delp.psf.PsfBank;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntToDoubleFunction;

/**
 * Whole images with spatially varying defocus, simulated object-side: every emitter is blurred by
 * the PSF of its own depth, {@code y = Σ_j h_{z_j} ⊛ (a_j · x)}, with the continuous level of each
 * column interpolated linearly between PSFs on a half-level grid ({@code a_j} are hat functions),
 * then camera noise. This is not the blur model of any restoration mode (those interpolate on the
 * image side or per patch), so no mode is favoured by construction.
 *
 * <p>The observed field is the truth's inner part, {@link #insetPx} pixels in from every edge, so
 * the specimen continues beyond the field and its light enters the field as in a real image (a
 * field blurred with mirrored borders favours restorations that mirror the data at the border).
 * The scenario's columns are those of the field; beyond it the defocus continues its edge value.
 */
public final class VaryingDefocus {
    /** A scenario: the continuous defocus level of each column. */
    public enum Scenario {
        /** Tilted specimen: level 0 at the left edge growing linearly to 10 at the right. */
        TILT,
        /** Two depths: level 2 left of 0.5·width, level 7 right of it. */
        STEP,
        /**
         * Deep: the whole field 16 levels (32 µm at 2 µm per level) out of focus, beyond level 10
         * ("20 µm or more"; real BBBC006 stacks reach ±32 µm). Its true map is level 10 everywhere.
         */
        DEEP;

        /** Level of column {@code x} of an image {@code width} wide (beyond 10 for {@link #DEEP}). */
        public double level(int x, int width) {
            return switch (this) {
                case TILT -> 10.0 * x / (width - 1);
                case STEP -> x < width / 2 ? 2 : 7;
                case DEEP -> 16;
            };
        }

    }

    /**
     * @param counts  raw camera counts (offset included), what the pipeline gets
     * @param truth   in focus, intensity units
     * @param reference intensity that maps to {@code photons} counts: {@code intensity = (counts - offset) · reference / photons}
     * @param sourceWidth  width of the image that was blurred (the field is cut from its middle)
     * @param sourceHeight its height
     */
    public record Simulated(Image2d counts, Image2d truth, double reference, double photons, Scenario scenario,
            int sourceWidth, int sourceHeight) {
        /** Counts back to the truth's intensity units. */
        public float[] toIntensity(float[] c) {
            float[] out = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                out[i] = (float) ((c[i] - PatchCases.OFFSET_COUNTS) * reference / photons);
            }
            return out;
        }

        /**
         * True label of each patch of {@code grid}: the rounded level at the patch's centre column
         * (for the step, a patch straddling it takes the depth of its centre rather than an
         * average depth that exists nowhere).
         */
        public int[] trueLabels(PatchGrid grid) {
            int[] labels = new int[grid.count()];
            int w = truth.width();
            for (int i = 0; i < labels.length; i++) {
                int centre = Math.min(w - 1, grid.patchX(i) + grid.patchSize() / 2);
                labels[i] = (int) Math.min(PatchClassifier.LEVELS - 1, Math.round(scenario.level(centre, w)));
            }
            return labels;
        }
    }

    private VaryingDefocus() {
    }

    /**
     * How far in from the truth's edges the observed field lies: the radius of the deepest PSF any
     * scenario uses, so every pixel of the field receives all the light it would in a larger image.
     */
    public static int insetPx(PsfBank bank) {
        double deepest = PatchClassifier.LEVELS - 1;
        for (Scenario sc : Scenario.values()) { // every scenario's level is monotone across the field
            deepest = Math.max(deepest, Math.max(sc.level(0, 2), sc.level(1, 2)));
        }
        return bank.psf(bank.optics().defocusUmOfLevel(Math.ceil(deepest))).size() / 2;
    }

    /**
     * Blurs {@code truth} as the scenario says, adds camera noise at {@code photons} on the field's
     * brightest blurred pixel, and returns the field {@link #insetPx} in from every edge (counts and
     * truth both).
     */
    public static Simulated simulate(Image2d truth, Scenario scenario, PsfBank bank, double photons, long seed,
            ForkJoinPool pool) {
        int inset = insetPx(bank);
        int fullW = truth.width(), fullH = truth.height();
        int w = fullW - 2 * inset, h = fullH - 2 * inset;
        if (w < PatchGrid.DEFAULT_PATCH || h < PatchGrid.DEFAULT_PATCH) {
            throw new IllegalArgumentException("image " + fullW + "x" + fullH + " is too small: the field "
                    + inset + " px in from every edge must be at least " + PatchGrid.DEFAULT_PATCH + "x" + PatchGrid.DEFAULT_PATCH);
        }
        ForwardModel model = new ForwardModel();
        float[] y = new float[fullW * fullH];
        IntToDoubleFunction level = x -> scenario.level(Math.min(w - 1, Math.max(0, x - inset)), w);
        double deepest = PatchClassifier.LEVELS - 1;
        for (int x = 0; x < fullW; x++) {
            deepest = Math.max(deepest, level.applyAsDouble(x));
        }
        for (int j = 0; j <= 2 * (int) Math.ceil(deepest); j++) {
            double lj = j / 2.0;
            float[] weighted = new float[fullW * fullH];
            boolean any = false;
            for (int x = 0; x < fullW; x++) {
                double a = Math.max(0, 1 - Math.abs(level.applyAsDouble(x) - lj) * 2);
                if (a > 0) {
                    any = true;
                    for (int yy = 0; yy < fullH; yy++) {
                        weighted[x + fullW * yy] = (float) (a * truth.data()[x + fullW * yy]);
                    }
                }
            }
            if (!any) {
                continue;
            }
            var psf = bank.psf(bank.optics().defocusUmOfLevel(lj));
            Image2d b = model.blur(new Image2d(fullW, fullH, weighted), new Image2d(psf.size(), psf.size(), psf.values()),
                    pool);
            for (int i = 0; i < y.length; i++) {
                y[i] += b.data()[i];
            }
        }
        Image2d blurred = field(new Image2d(fullW, fullH, y), inset);
        double reference = Math.max(blurred.max(), 1e-30);
        Image2d counts = ForwardModel.observe(blurred, reference, PatchCases.CAMERA.apply(photons),
                new SplittableRandom(seed));
        return new Simulated(counts, field(truth, inset), reference, photons, scenario, fullW, fullH);
    }

    /** The part of {@code image} {@code inset} pixels in from every edge. */
    static Image2d field(Image2d image, int inset) {
        int fullW = image.width(), w = fullW - 2 * inset, h = image.height() - 2 * inset;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.data(), inset + fullW * (y + inset), out, w * y, w);
        }
        return new Image2d(w, h, out);
    }
}
