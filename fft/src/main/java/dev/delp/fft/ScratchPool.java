package dev.delp.fft;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A per-plan pool of reusable float buffers of one size, so that repeated transforms allocate
 * nothing after warm-up. Thread-safe: each caller takes a buffer exclusively and gives it back.
 * The pool holds at most as many buffers as were ever in use at once.
 */
final class ScratchPool {
    private final int floats;
    private final ConcurrentLinkedQueue<float[]> free = new ConcurrentLinkedQueue<>();

    ScratchPool(int floats) {
        this.floats = floats;
    }

    int floats() {
        return floats;
    }

    float[] take() {
        float[] b = free.poll();
        return b != null ? b : new float[floats];
    }

    void give(float[] b) {
        free.offer(b);
    }
}
