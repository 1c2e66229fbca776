package dev.delp.fft;

/**
 * A per-plan pool of reusable float buffers of one size, so that repeated transforms allocate
 * nothing after warm-up. Thread-safe: each caller takes a buffer exclusively and gives it back.
 * The pool holds at most as many buffers as were ever in use at once. A small synchronized stack
 * (rather than a concurrent queue, whose {@code offer} allocates a node per call) keeps the steady
 * state allocation-free; a take/give pair is negligible next to the tile transform it serves.
 */
final class ScratchPool {
    private final int floats;
    private float[][] free = new float[4][];
    private int count;

    ScratchPool(int floats) {
        this.floats = floats;
    }

    int floats() {
        return floats;
    }

    float[] take() {
        synchronized (this) {
            if (count > 0) {
                float[] b = free[--count];
                free[count] = null;
                return b;
            }
        }
        return new float[floats];
    }

    void give(float[] b) {
        synchronized (this) {
            if (count == free.length) {
                free = java.util.Arrays.copyOf(free, 2 * count);
            }
            free[count++] = b;
        }
    }
}
