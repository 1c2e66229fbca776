package dev.delp.engine.deconv;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;

/**
 * Splits the rows of a work volume into fixed chunks (independent of the thread count, so
 * reductions summed chunk by chunk in order are reproducible) and runs them on a pool.
 */
final class Chunks {
    /** Target floats per chunk: large enough to amortise a task, small enough to balance 2–8 threads. */
    private static final int TARGET = 1 << 16;

    private final int rows;
    private final int rowsPerChunk;
    private final int count;

    Chunks(int rows, int rowLength) {
        this.rows = rows;
        this.rowsPerChunk = Math.max(1, TARGET / Math.max(1, rowLength));
        this.count = (rows + rowsPerChunk - 1) / rowsPerChunk;
    }

    int count() {
        return count;
    }

    /** Body of one chunk: rows {@code [rowStart, rowEnd)}, chunk index {@code c}. */
    interface Body {
        void run(int rowStart, int rowEnd, int c);
    }

    void run(ForkJoinPool pool, Body body) {
        if (count == 1 || pool.getParallelism() == 1) {
            for (int c = 0; c < count; c++) {
                body.run(c * rowsPerChunk, Math.min(rows, (c + 1) * rowsPerChunk), c);
            }
            return;
        }
        ForkJoinTask<?> task = pool.submit(() -> IntStream.range(0, count).parallel()
                .forEach(c -> body.run(c * rowsPerChunk, Math.min(rows, (c + 1) * rowsPerChunk), c)));
        task.join();
    }

    /** Sum of {@code partials[0..count)} in chunk order. */
    double sum(double[] partials) {
        double s = 0;
        for (int c = 0; c < count; c++) {
            s += partials[c];
        }
        return s;
    }
}
