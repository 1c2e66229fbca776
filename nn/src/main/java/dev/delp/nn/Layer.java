package dev.delp.nn;

import java.util.List;

/**
 * One layer of a feed-forward network over NCHW float batches. A layer is bound once to its input
 * shape ({@link #bind}); afterwards {@link #inputShape()} and {@link #outputShape()} are fixed.
 *
 * <p>Per-sample layers implement {@link #forward(float[], float[], int, int, boolean)} and
 * {@link #backward}; layers whose training forward couples the samples of a batch (batch-norm)
 * override the batch-level methods. Gradients of trainable parameters are accumulated into
 * per-chunk partial arrays that the {@link Network} reduces in chunk order (determinism).
 */
public abstract class Layer {
    private Shape inputShape;
    private Shape outputShape;
    private String prefix = "";

    /** Binds the layer to its input shape and names its parameters {@code prefix + "." + name}. */
    final void bind(Shape in, String namePrefix) {
        this.inputShape = in;
        this.outputShape = computeOutputShape(in);
        this.prefix = namePrefix;
        allocate(in, outputShape);
    }

    /** Output shape for an input shape; throws {@link IllegalArgumentException} if incompatible. */
    protected abstract Shape computeOutputShape(Shape in);

    /** Allocates parameters once the shapes are known. */
    protected void allocate(Shape in, Shape out) {
    }

    /** Architecture text of this layer, e.g. {@code "conv2d out=16 k=3 stride=1 pad=1 dilation=1 bias=false"}. */
    public abstract String spec();

    /** The input shape (after binding). */
    public final Shape inputShape() {
        return inputShape;
    }

    /** The output shape (after binding). */
    public final Shape outputShape() {
        return outputShape;
    }

    /** Name prefix of this layer's tensors (its index in the network). */
    protected final String prefix() {
        return prefix;
    }

    /** Trainable parameters and buffers, in file order. */
    public List<Param> params() {
        return List.of();
    }

    /** Multiply-adds per sample in inference (for FLOP counts: FLOPs ≈ 2 × this). */
    public long multiplyAdds() {
        return 0;
    }

    /** Whether the training forward of this layer needs the whole batch (not per-sample). */
    protected boolean batchCoupled() {
        return false;
    }

    /**
     * Forward for samples {@code [from, to)}: {@code x} holds the input batch
     * ({@code inputShape().size()} floats per sample), {@code y} receives the output batch.
     */
    protected abstract void forward(float[] x, float[] y, int from, int to, boolean training);

    /**
     * Backward for samples {@code [from, to)}: given {@code dy}, writes {@code dx} (if not null)
     * and ADDS parameter gradients into {@code gradPartial} (one array per trainable parameter,
     * in {@link #params()} order skipping buffers).
     */
    protected void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to, float[][] gradPartial) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no per-sample backward");
    }

    /** Batch-level training forward (override when {@link #batchCoupled()}). */
    protected void forwardBatch(float[] x, float[] y, int n, Exec exec) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is not batch-coupled");
    }

    /** Batch-level backward that writes parameter gradients directly (override when batch-coupled). */
    protected void backwardBatch(float[] x, float[] y, float[] dy, float[] dx, int n, Exec exec) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is not batch-coupled");
    }

    /** Sets the seed used by stochastic layers (dropout) for the next training forward. */
    protected void setStepSeed(long seed) {
    }

    /** Parses an integer option {@code key=value} of a spec, for error messages naming the layer. */
    static int intOption(java.util.Map<String, String> opts, String key, String layer) {
        String v = opts.get(key);
        if (v == null) {
            throw new IllegalArgumentException("layer '" + layer + "' needs option " + key + "=<int>");
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layer '" + layer + "' option " + key + "=" + v + " is not an integer");
        }
    }
}
