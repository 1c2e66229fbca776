package dev.delp.nn;

import java.util.List;

/**
 * Batch normalisation over N·H·W per channel (Ioffe & Szegedy 2015):
 * {@code y = gamma·(x − mean)/sqrt(var + eps) + beta}. Inference uses the running statistics;
 * training uses the batch statistics (biased variance) and updates the running ones in the Keras
 * sense: {@code running = momentum·running + (1 − momentum)·batch} with momentum 0.6 by default.
 * Batch sums are reduced per sample in double, then over samples in index order (deterministic).
 */
public final class BatchNorm2d extends Layer {
    /** Default momentum (Keras sense), as specified for DelpNet. */
    public static final float DEFAULT_MOMENTUM = 0.6f;
    /** Default epsilon (Keras default). */
    public static final float DEFAULT_EPS = 1e-3f;

    private final float momentum;
    private final float eps;
    private Param gamma;
    private Param beta;
    private Param runningMean;
    private Param runningVar;
    // When >= 0, the training forward averages batch statistics cumulatively (precise BN) instead
    // of the momentum update; counts the batches seen so far.
    private int cumulativeBatches = -1;
    // Saved by the training forward for the backward pass.
    private float[] batchMean;
    private float[] batchInvStd;

    /** Batch-norm with the given momentum in [0, 1) and epsilon > 0. */
    public BatchNorm2d(float momentum, float eps) {
        if (!(momentum >= 0 && momentum < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("batchnorm momentum=" + momentum + " eps=" + eps
                    + ": need 0 <= momentum < 1 and eps > 0");
        }
        this.momentum = momentum;
        this.eps = eps;
    }

    /** Batch-norm with momentum 0.6 and epsilon 1e-3. */
    public BatchNorm2d() {
        this(DEFAULT_MOMENTUM, DEFAULT_EPS);
    }

    @Override
    protected Shape computeOutputShape(Shape in) {
        return in;
    }

    @Override
    protected void allocate(Shape in, Shape out) {
        int c = in.channels();
        gamma = new Param(prefix() + ".gamma", true, false, c);
        beta = new Param(prefix() + ".beta", true, false, c);
        runningMean = new Param(prefix() + ".running_mean", false, false, c);
        runningVar = new Param(prefix() + ".running_var", false, false, c);
        java.util.Arrays.fill(gamma.value(), 1f);
        java.util.Arrays.fill(runningVar.value(), 1f);
    }

    /**
     * Inference affine map per channel, {@code y = scale·x + shift}, computed in double from the
     * running statistics: {@code [0..c)} scales then {@code [c..2c)} shifts (for folding into a
     * preceding convolution).
     */
    double[] inferenceAffine() {
        int c = gamma.length();
        double[] out = new double[2 * c];
        for (int ch = 0; ch < c; ch++) {
            double scale = gamma.value()[ch] / Math.sqrt(runningVar.value()[ch] + (double) eps);
            out[ch] = scale;
            out[c + ch] = beta.value()[ch] - runningMean.value()[ch] * scale;
        }
        return out;
    }

    @Override
    public String spec() {
        return "batchnorm momentum=" + momentum + " eps=" + eps;
    }

    @Override
    public List<Param> params() {
        return List.of(gamma, beta, runningMean, runningVar);
    }

    @Override
    public long multiplyAdds() {
        return inputShape().size();
    }

    @Override
    protected boolean batchCoupled() {
        return true;
    }

    @Override
    protected void forward(float[] x, float[] y, int from, int to, boolean training) {
        if (training) {
            throw new IllegalStateException("batch-norm training forward needs the whole batch");
        }
        int c = inputShape().channels();
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int ch = 0; ch < c; ch++) {
            float inv = (float) (1.0 / Math.sqrt(runningVar.value()[ch] + (double) eps));
            scale[ch] = gamma.value()[ch] * inv;
            shift[ch] = beta.value()[ch] - runningMean.value()[ch] * scale[ch];
        }
        apply(x, y, from, to, scale, shift);
    }

    private void apply(float[] x, float[] y, int from, int to, float[] scale, float[] shift) {
        int plane = inputShape().plane();
        int size = inputShape().size();
        for (int s = from; s < to; s++) {
            for (int ch = 0; ch < scale.length; ch++) {
                int o = s * size + ch * plane;
                float a = scale[ch], b = shift[ch];
                for (int i = 0; i < plane; i++) {
                    y[o + i] = x[o + i] * a + b;
                }
            }
        }
    }

    @Override
    protected void forwardBatch(float[] x, float[] y, int n, Exec exec) {
        int c = inputShape().channels();
        int plane = inputShape().plane();
        int size = inputShape().size();
        double[] partial = new double[n * c * 2];
        exec.forChunks(n, Exec.CHUNK, (chunk, from, to) -> {
            for (int s = from; s < to; s++) {
                for (int ch = 0; ch < c; ch++) {
                    int o = s * size + ch * plane;
                    double sum = 0, sq = 0;
                    for (int i = 0; i < plane; i++) {
                        double v = x[o + i];
                        sum += v;
                        sq += v * v;
                    }
                    partial[(s * c + ch) * 2] = sum;
                    partial[(s * c + ch) * 2 + 1] = sq;
                }
            }
        });
        double count = (double) n * plane;
        batchMean = new float[c];
        batchInvStd = new float[c];
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double sum = 0, sq = 0;
            for (int s = 0; s < n; s++) { // fixed order
                sum += partial[(s * c + ch) * 2];
                sq += partial[(s * c + ch) * 2 + 1];
            }
            double mean = sum / count;
            double var = Math.max(0, sq / count - mean * mean);
            double inv = 1.0 / Math.sqrt(var + eps);
            batchMean[ch] = (float) mean;
            batchInvStd[ch] = (float) inv;
            scale[ch] = (float) (gamma.value()[ch] * inv);
            shift[ch] = (float) (beta.value()[ch] - mean * gamma.value()[ch] * inv);
            if (cumulativeBatches >= 0) { // running = mean of the batch statistics seen so far
                double wOld = cumulativeBatches / (cumulativeBatches + 1.0);
                runningMean.value()[ch] = (float) (wOld * runningMean.value()[ch] + (1 - wOld) * mean);
                runningVar.value()[ch] = (float) (wOld * runningVar.value()[ch] + (1 - wOld) * var);
            } else {
                runningMean.value()[ch] = (float) (momentum * runningMean.value()[ch] + (1 - momentum) * mean);
                runningVar.value()[ch] = (float) (momentum * runningVar.value()[ch] + (1 - momentum) * var);
            }
        }
        exec.forChunks(n, Exec.CHUNK, (chunk, from, to) -> apply(x, y, from, to, scale, shift));
        if (cumulativeBatches >= 0) {
            cumulativeBatches++;
        }
    }

    /** Switches the running-statistics update to a cumulative average (true) or back to momentum. */
    void setCumulative(boolean on) {
        cumulativeBatches = on ? 0 : -1;
    }

    @Override
    protected void backwardBatch(float[] x, float[] y, float[] dy, float[] dx, int n, Exec exec) {
        int c = inputShape().channels();
        int plane = inputShape().plane();
        int size = inputShape().size();
        double[] partial = new double[n * c * 2];
        exec.forChunks(n, Exec.CHUNK, (chunk, from, to) -> {
            for (int s = from; s < to; s++) {
                for (int ch = 0; ch < c; ch++) {
                    int o = s * size + ch * plane;
                    double m = batchMean[ch], inv = batchInvStd[ch];
                    double sdy = 0, sdyx = 0;
                    for (int i = 0; i < plane; i++) {
                        double g = dy[o + i];
                        sdy += g;
                        sdyx += g * (x[o + i] - m) * inv;
                    }
                    partial[(s * c + ch) * 2] = sdy;
                    partial[(s * c + ch) * 2 + 1] = sdyx;
                }
            }
        });
        double count = (double) n * plane;
        float[] k1 = new float[c];
        float[] k2 = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double dbeta = 0, dgamma = 0;
            for (int s = 0; s < n; s++) { // fixed order
                dbeta += partial[(s * c + ch) * 2];
                dgamma += partial[(s * c + ch) * 2 + 1];
            }
            beta.grad()[ch] += (float) dbeta;
            gamma.grad()[ch] += (float) dgamma;
            // dx = gamma·inv/M · (M·dy − dbeta − xhat·dgamma)
            k1[ch] = (float) (dbeta / count);
            k2[ch] = (float) (dgamma / count);
        }
        if (dx == null) {
            return;
        }
        exec.forChunks(n, Exec.CHUNK, (chunk, from, to) -> {
            for (int s = from; s < to; s++) {
                for (int ch = 0; ch < c; ch++) {
                    int o = s * size + ch * plane;
                    float m = batchMean[ch], inv = batchInvStd[ch], g = gamma.value()[ch] * inv;
                    float a = k1[ch], b = k2[ch];
                    for (int i = 0; i < plane; i++) {
                        float xhat = (x[o + i] - m) * inv;
                        dx[o + i] = g * (dy[o + i] - a - xhat * b);
                    }
                }
            }
        });
    }
}
