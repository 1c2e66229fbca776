package dev.delp.nn;

import java.util.SplittableRandom;

/**
 * Inverted dropout: in training each element is zeroed with probability {@code rate} and the
 * survivors scaled by {@code 1/(1 − rate)}; in inference it is the identity. The mask of sample
 * {@code s} comes from {@code SplittableRandom(stepSeed ⊕ mix(s))}, so it does not depend on threads.
 */
public final class Dropout extends Layer {
    private final float rate;
    private long stepSeed;
    private float[] mask;

    /** Dropout with drop probability {@code rate} in [0, 1). */
    public Dropout(float rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate " + rate + " must be in [0, 1)");
        }
        this.rate = rate;
    }

    @Override
    protected Shape computeOutputShape(Shape in) {
        return in;
    }

    @Override
    public String spec() {
        return "dropout rate=" + rate;
    }

    @Override
    protected void setStepSeed(long seed) {
        this.stepSeed = seed;
    }

    @Override
    protected boolean batchCoupled() {
        return true; // needs the mask array sized for the batch
    }

    @Override
    protected void forward(float[] x, float[] y, int from, int to, boolean training) {
        int size = inputShape().size();
        System.arraycopy(x, from * size, y, from * size, (to - from) * size);
    }

    @Override
    protected void forwardBatch(float[] x, float[] y, int n, Exec exec) {
        int size = inputShape().size();
        mask = new float[n * size];
        float keep = 1f / (1f - rate);
        exec.forChunks(n, Exec.CHUNK, (chunk, from, to) -> {
            for (int s = from; s < to; s++) {
                SplittableRandom rnd = new SplittableRandom(stepSeed ^ (0x9E3779B97F4A7C15L * (s + 1)));
                for (int i = s * size; i < (s + 1) * size; i++) {
                    mask[i] = rnd.nextDouble() < rate ? 0f : keep;
                    y[i] = x[i] * mask[i];
                }
            }
        });
    }

    @Override
    protected void backwardBatch(float[] x, float[] y, float[] dy, float[] dx, int n, Exec exec) {
        if (dx == null) {
            return;
        }
        int size = inputShape().size();
        exec.forChunks(n, Exec.CHUNK, (chunk, from, to) -> {
            for (int i = from * size; i < to * size; i++) {
                dx[i] = dy[i] * mask[i];
            }
        });
    }
}
