package dev.delp.engine.awdvd;

import java.util.concurrent.ForkJoinPool;

/**
 * Gives each 84x84 patch a probability over the {@value #CLASSES} classes: labels {@code 0..10} are
 * defocus levels, label {@value #BG} is background (no signal).
 */
@FunctionalInterface
public interface PatchClassifier {
    /** Number of classes. */
    int CLASSES = 12;
    /** Label of the background class. */
    int BG = 11;
    /** Number of defocus levels (labels {@code 0..LEVELS-1}). */
    int LEVELS = 11;

    /**
     * Class probabilities of {@code count} patches packed one after the other in {@code patches}
     * (each {@code patchSize * patchSize} floats, row-major, raw intensities).
     *
     * @return {@code count} rows of {@value #CLASSES} probabilities summing to 1
     */
    float[][] probabilities(float[] patches, int patchSize, int count, ForkJoinPool pool);

    /** A classifier that calls every patch the same class (for tests and depth-invariant runs). */
    static PatchClassifier constant(int label) {
        checkLabel(label);
        return (patches, patchSize, count, pool) -> {
            float[][] p = new float[count][CLASSES];
            for (float[] row : p) {
                row[label] = 1f;
            }
            return p;
        };
    }

    /** Throws unless {@code 0 <= label < CLASSES}. */
    static void checkLabel(int label) {
        if (label < 0 || label >= CLASSES) {
            throw new IllegalArgumentException("label " + label + " must be within [0, " + (CLASSES - 1)
                    + "] (0..10 = defocus level, 11 = bg)");
        }
    }
}
