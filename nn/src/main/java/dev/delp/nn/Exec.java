package dev.delp.nn;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;

/**
 * Runs work over a batch in fixed-size chunks of samples, in parallel on a caller-owned
 * {@link ForkJoinPool} or sequentially. Chunk boundaries depend only on the batch size and the
 * chunk size, never on the thread count, so per-chunk partial results reduced in chunk order are
 * identical for any number of threads.
 */
public final class Exec {
    /** Samples per chunk used for training reductions (fixed: part of the determinism contract). */
    public static final int CHUNK = 4;

    /** Sequential execution on the calling thread. */
    public static final Exec SEQUENTIAL = new Exec(null);

    private final ForkJoinPool pool;

    private Exec(ForkJoinPool pool) {
        this.pool = pool;
    }

    /** Parallel execution on {@code pool} ({@code null} means sequential). */
    public static Exec on(ForkJoinPool pool) {
        return pool == null ? SEQUENTIAL : new Exec(pool);
    }

    /** Body of a chunked loop: process samples {@code [from, to)}, chunk number {@code chunk}. */
    @FunctionalInterface
    public interface ChunkBody {
        void run(int chunk, int from, int to);
    }

    /** Number of chunks of {@code chunkSize} covering {@code n} samples. */
    public static int chunks(int n, int chunkSize) {
        return (n + chunkSize - 1) / chunkSize;
    }

    /** Calls {@code body} once per chunk of {@code chunkSize} samples covering {@code [0, n)}. */
    public void forChunks(int n, int chunkSize, ChunkBody body) {
        int nChunks = chunks(n, chunkSize);
        if (pool == null || nChunks <= 1 || pool.getParallelism() <= 1) {
            for (int c = 0; c < nChunks; c++) {
                body.run(c, c * chunkSize, Math.min(n, (c + 1) * chunkSize));
            }
            return;
        }
        Runnable all = () -> IntStream.range(0, nChunks).parallel()
                .forEach(c -> body.run(c, c * chunkSize, Math.min(n, (c + 1) * chunkSize)));
        if (ForkJoinTask.getPool() == pool) {
            all.run();
        } else {
            pool.submit(all).join();
        }
    }
}
