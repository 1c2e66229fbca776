package dev.delp.engine.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntFunction;

/** Runs independent jobs on a pool and returns their results in index order (deterministic). */
final class Parallel {
    private Parallel() {
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> map(ForkJoinPool pool, int n, IntFunction<T> job) {
        Object[] out = new Object[n];
        List<RecursiveAction> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            tasks.add(new RecursiveAction() {
                @Override
                protected void compute() {
                    out[k] = job.apply(k);
                }
            });
        }
        pool.invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                invokeAll(tasks);
            }
        });
        List<T> list = new ArrayList<>(n);
        for (Object o : out) {
            list.add((T) o);
        }
        return list;
    }
}
