package dev.delp.nn;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * As {@link #forChunks}, with the calling thread taking part: it and up to parallelism − 1 tasks
     * submitted to the pool take chunks in ascending order from a shared counter until none is left.
     * At most parallelism chunks run at once, as with {@link #forChunks}, but the caller works
     * instead of blocking in a join (no hand-off to a parked worker at the start, none back at the
     * end) and a thread that falls behind (another process on its core) leaves its next chunks to
     * the others. Which thread runs a chunk varies; the chunks and what each computes do not.
     */
    public void forChunksSharing(int n, int chunkSize, ChunkBody body) {
        int nChunks = chunks(n, chunkSize);
        if (pool == null || nChunks <= 1 || pool.getParallelism() <= 1) {
            forChunks(n, chunkSize, body);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable take = () -> {
            for (int c; (c = next.getAndIncrement()) < nChunks; ) {
                body.run(c, c * chunkSize, Math.min(n, (c + 1) * chunkSize));
            }
        };
        ForkJoinTask<?>[] helpers = new ForkJoinTask<?>[Math.min(pool.getParallelism() - 1, nChunks - 1)];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = pool.submit(take);
        }
        RuntimeException failure = null;
        try {
            take.run();
        } catch (RuntimeException e) {
            failure = e;
            next.set(nChunks); // the helpers stop after their current chunk
        }
        for (ForkJoinTask<?> h : helpers) { // wait for them either way: no chunk still writing after the return
            h.quietlyJoin();
            if (failure == null && h.isCompletedAbnormally()) {
                Throwable t = h.getException();
                failure = t instanceof RuntimeException r ? r : new IllegalStateException(t);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
