package dev.delp.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** {@link Exec}: chunk boundaries, and {@link Exec#forChunksSharing} with the caller taking part. */
class ExecTest {
    @Test
    void sharingRunsEveryChunkOnceWithTheSameBoundaries() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                for (int n : new int[] {0, 1, 15, 16, 17, 64, 100}) {
                    int chunks = Exec.chunks(n, 16);
                    AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(chunks, 1));
                    int[] from = new int[Math.max(chunks, 1)];
                    int[] to = new int[Math.max(chunks, 1)];
                    Exec.on(pool).forChunksSharing(n, 16, (c, a, b) -> {
                        runs.incrementAndGet(c);
                        from[c] = a;
                        to[c] = b;
                    });
                    for (int c = 0; c < chunks; c++) {
                        assertEquals(1, runs.get(c), "chunk " + c + " of n " + n + ", " + threads + " threads");
                        assertEquals(16 * c, from[c]);
                        assertEquals(Math.min(n, 16 * (c + 1)), to[c]);
                    }
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void sharingUsesTheCallerAndAtMostParallelismThreadsAtOnce() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            Set<Thread> used = ConcurrentHashMap.newKeySet();
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            Thread caller = Thread.currentThread();
            for (int round = 0; round < 20; round++) {
                Exec.on(pool).forChunksSharing(40, 1, (c, a, b) -> {
                    used.add(Thread.currentThread());
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    long t = System.nanoTime();
                    while (System.nanoTime() - t < 200_000) {
                        Thread.onSpinWait();
                    }
                    running.decrementAndGet();
                });
            }
            assertTrue(used.contains(caller), "the caller takes chunks");
            assertTrue(most.get() <= 2, "at most 2 chunks at once, saw " + most.get());
            // from inside the pool (nested use): no deadlock, every chunk once
            AtomicIntegerArray runs = new AtomicIntegerArray(10);
            pool.submit(() -> Exec.on(pool).forChunksSharing(10, 1, (c, a, b) -> runs.incrementAndGet(c))).get();
            int[] got = new int[10];
            for (int c = 0; c < 10; c++) {
                got[c] = runs.get(c);
            }
            assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, got);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void sharingRethrowsAChunksFailureAfterTheOthersStopped() {
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            AtomicInteger inside = new AtomicInteger();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Exec.on(pool).forChunksSharing(50, 1, (c, a, b) -> {
                        inside.incrementAndGet();
                        try {
                            if (c == 7) {
                                throw new IllegalStateException("chunk 7");
                            }
                            long t = System.nanoTime();
                            while (System.nanoTime() - t < 100_000) {
                                Thread.onSpinWait();
                            }
                        } finally {
                            inside.decrementAndGet();
                        }
                    }));
            assertTrue(e.getMessage().contains("chunk 7"), e.getMessage());
            assertEquals(0, inside.get(), "no chunk still running after the throw");
        } finally {
            pool.shutdown();
        }
    }
}
