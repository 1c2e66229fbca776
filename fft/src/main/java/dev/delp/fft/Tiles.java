package dev.delp.fft;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * Runs {@code count} independent tiles on a fork-join pool. Tiles are fixed by the caller from
 * the shape alone, and each writes disjoint output, so results do not depend on the thread count.
 */
final class Tiles {
    private Tiles() {
    }

    static void run(ForkJoinPool pool, int count, IntConsumer tile) {
        if (pool == null) {
            throw new IllegalArgumentException("pool is null");
        }
        if (count <= 1 || pool.getParallelism() <= 1) {
            for (int i = 0; i < count; i++) {
                tile.accept(i);
            }
            return;
        }
        pool.invoke(new Range(0, count, tile));
    }

    private static final class Range extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final int lo, hi;
        private final transient IntConsumer tile;

        Range(int lo, int hi, IntConsumer tile) {
            this.lo = lo;
            this.hi = hi;
            this.tile = tile;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                tile.accept(lo);
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Range(lo, mid, tile), new Range(mid, hi, tile));
        }
    }
}
