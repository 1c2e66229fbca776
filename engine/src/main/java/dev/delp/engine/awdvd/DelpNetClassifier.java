package dev.delp.engine.awdvd;

import dev.delp.engine.image.PowerOfTwoScale;
import dev.delp.nn.DelpNet;
import dev.delp.nn.TrainedOptics;
import dev.delp.psf.Optics;
import java.io.IOException;
import java.util.concurrent.ForkJoinPool;

/**
 * {@link PatchClassifier} backed by a trained {@link DelpNet} (raw 84x84 patches in; the network
 * applies the input normalisation stored in its weights file). The weights also say which optics
 * they were trained for: {@link #optics()} gives the matching PSF optics.
 *
 * <p>A patch whose pixels are all equal (an empty, zero-filled or saturated region) carries no
 * defocus information: it is background with probability 1. The network would otherwise see the
 * all-zero input its normalisation makes of it, and calls that level 10 with near certainty. So is a
 * patch with no pixel above 0: fluorescence counts are not negative, and Richardson–Lucy treats such
 * values as 0, so the patch holds no light. The network's per-patch normalisation would otherwise
 * read an inverted (negated) image as a confident level 10.
 *
 * <p>DelpNet reads defocus from whole 84x84 patches of the image; an image smaller than that along an
 * axis can only be classified on a mirrored canvas, whose repeated rows or columns the network reads
 * as confident levels that are not in the specimen. Callers check {@link #requireWholePatch} first.
 *
 * <p>Thread-safe: concurrent calls (each with its own or a shared pool) give the bytes of sequential
 * ones; the network keeps its scratch per thread and the weights are read-only.
 */
public final class DelpNetClassifier implements PatchClassifier {
    private final DelpNet net;

    public DelpNetClassifier(DelpNet net) {
        this.net = net;
    }

    /** The shipped weights ({@link DelpNet#loadDefault()}). */
    public static DelpNetClassifier loadDefault() throws IOException {
        return new DelpNetClassifier(DelpNet.loadDefault());
    }

    public DelpNet network() {
        return net;
    }

    /** The optics stored in the weights file, as PSF-module optics. */
    public Optics optics() {
        return opticsOf(net);
    }

    /** The optics {@code net} was trained for, as PSF-module optics. */
    public static Optics opticsOf(DelpNet net) {
        TrainedOptics o = net.optics();
        return new Optics(o.na(), o.wavelengthNm(), o.immersionIndex(), o.pixelSizeUm(), o.stepUm());
    }

    @Override
    public float[][] probabilities(float[] patches, int patchSize, int count, ForkJoinPool pool) {
        if (patchSize != DelpNet.PATCH) {
            throw new IllegalArgumentException("DelpNet takes " + DelpNet.PATCH + "x" + DelpNet.PATCH + " patches, got "
                    + patchSize + "x" + patchSize);
        }
        int n = patchSize * patchSize;
        float[][] out = net.probabilities(scaledToUnitPeak(patches, n, count), count, pool);
        for (int i = 0; i < count; i++) {
            if (isConstant(patches, i * n, n) || noPositive(patches, i * n, n)) {
                java.util.Arrays.fill(out[i], 0f);
                out[i][BG] = 1f;
            }
        }
        return out;
    }

    /**
     * {@code patches}, or a copy in which every patch that peaks below 1 is multiplied by the power of
     * two that brings its peak into [1, 2). The network's z-score floors the standard deviation at
     * {@code 1e-6·max(|mean|, 1)}: a patch of values around 1e-5 (a float image in other units) was
     * flattened to nearly zero, which the network reads as level 10 (a BBBC006 field scaled to a peak of
     * 1e-5 read level 10 in 163 of 192 patches, 147 of them background). A power of two changes no
     * bit of the standardised input where the floor is not reached, so other patches classify as before.
     */
    private static float[] scaledToUnitPeak(float[] patches, int n, int count) {
        float[] out = patches;
        for (int i = 0; i < count; i++) {
            float max = PowerOfTwoScale.peak(patches, i * n, (i + 1) * n);
            if (max > 0 && max < 1) {
                if (out == patches) {
                    out = patches.clone();
                }
                float scale = PowerOfTwoScale.toUnit(max);
                for (int j = i * n; j < (i + 1) * n; j++) {
                    out[j] = patches[j] * scale;
                }
            }
        }
        return out;
    }

    /**
     * Throws unless an image of the given size holds at least one whole {@value DelpNet#PATCH}x{@value
     * DelpNet#PATCH} patch: a smaller image has no defocus DelpNet can read (measured on BBBC006 a01
     * blurred to levels 0..10: a patch mirrored out of 63 of its 84 rows kept its level in about half
     * the cases, out of one row almost every background patch was given a level).
     *
     * @throws IllegalArgumentException naming the size and the short axis
     */
    public static void requireWholePatch(int imageWidth, int imageHeight) {
        int p = DelpNet.PATCH;
        if (imageWidth < p || imageHeight < p) {
            String axis = imageWidth < p && imageHeight < p ? imageWidth + "x" + imageHeight + " < " + p + "x" + p
                    : imageWidth < p ? "width " + imageWidth + " < " + p : "height " + imageHeight + " < " + p;
            throw new IllegalArgumentException("image " + imageWidth + "x" + imageHeight + " is smaller than one " + p
                    + "x" + p + " DelpNet patch (" + axis + "): its defocus cannot be read");
        }
    }

    private static boolean noPositive(float[] data, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (data[i] > 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isConstant(float[] data, int off, int n) {
        float first = data[off];
        for (int i = off + 1; i < off + n; i++) {
            if (data[i] != first) {
                return false;
            }
        }
        return true;
    }
}
