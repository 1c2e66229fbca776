package dev.delp.engine.awdvd;

import dev.delp.nn.DelpNet;
import dev.delp.nn.TrainedOptics;
import dev.delp.psf.Optics;
import java.io.IOException;
import java.util.concurrent.ForkJoinPool;

/**
 * {@link PatchClassifier} backed by a trained {@link DelpNet} (raw 84x84 patches in; the network
 * applies the input normalisation stored in its weights file). The weights also say which optics
 * they were trained for: {@link #optics()} gives the matching PSF optics.
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
        return net.probabilities(patches, count, pool);
    }
}
