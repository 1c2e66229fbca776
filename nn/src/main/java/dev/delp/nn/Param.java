package dev.delp.nn;

/**
 * A named float tensor owned by a layer: a trainable parameter (with a gradient buffer) or a
 * non-trainable buffer such as batch-norm running statistics.
 */
public final class Param {
    private final String name;
    private final int[] dims;
    private final float[] value;
    private final float[] grad;
    private final boolean trainable;
    private final boolean decay;

    Param(String name, boolean trainable, boolean decay, int... dims) {
        this.name = name;
        this.dims = dims.clone();
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        this.value = new float[Math.toIntExact(n)];
        this.grad = trainable ? new float[value.length] : null;
        this.trainable = trainable;
        this.decay = decay;
    }

    /** Name, unique inside a network, e.g. {@code "3.weight"}. */
    public String name() {
        return name;
    }

    /** Dimensions (a copy). */
    public int[] dims() {
        return dims.clone();
    }

    /** Number of floats. */
    public int length() {
        return value.length;
    }

    /** The values (live array). */
    public float[] value() {
        return value;
    }

    /** The gradient (live array), or {@code null} for a non-trainable buffer. */
    public float[] grad() {
        return grad;
    }

    /** Whether the optimiser updates this tensor. */
    public boolean trainable() {
        return trainable;
    }

    /** Whether weight decay applies (weights yes; biases and batch-norm parameters no). */
    public boolean decay() {
        return decay;
    }
}
