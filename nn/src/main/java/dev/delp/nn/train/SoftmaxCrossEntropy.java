package dev.delp.nn.train;

/**
 * Softmax cross-entropy over logits, with optional label smoothing: the target puts
 * {@code 1 − smoothing} on the true class and spreads {@code smoothing} over all classes.
 * Computed in double with the max-subtraction trick.
 */
public final class SoftmaxCrossEntropy {
    private final double smoothing;

    /** Loss with label smoothing in [0, 1). */
    public SoftmaxCrossEntropy(double smoothing) {
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("label smoothing " + smoothing + " must be in [0, 1)");
        }
        this.smoothing = smoothing;
    }

    /**
     * Mean loss over {@code n} samples of {@code classes} logits; writes the gradient of the mean
     * loss with respect to the logits into {@code dLogits} (same layout).
     */
    public double lossAndGradient(float[] logits, int[] labels, int n, int classes, float[] dLogits) {
        double total = 0;
        double[] p = new double[classes];
        for (int s = 0; s < n; s++) {
            int label = labels[s];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " of sample " + s + " is outside 0.." + (classes - 1));
            }
            int o = s * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[o + c]);
            }
            double z = 0;
            for (int c = 0; c < classes; c++) {
                p[c] = Math.exp(logits[o + c] - max);
                z += p[c];
            }
            double logZ = Math.log(z) + max;
            for (int c = 0; c < classes; c++) {
                double target = (c == label ? 1 - smoothing : 0) + smoothing / classes;
                total -= target * (logits[o + c] - logZ);
                dLogits[o + c] = (float) ((p[c] / z - target) / n);
            }
        }
        return total / n;
    }

    /** Softmax of each row of {@code logits} into {@code probs} (in place allowed). */
    public static void softmax(float[] logits, float[] probs, int n, int classes) {
        for (int s = 0; s < n; s++) {
            int o = s * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[o + c]);
            }
            double z = 0;
            double[] e = new double[classes];
            for (int c = 0; c < classes; c++) {
                e[c] = Math.exp(logits[o + c] - max);
                z += e[c];
            }
            for (int c = 0; c < classes; c++) {
                probs[o + c] = (float) (e[c] / z);
            }
        }
    }
}
