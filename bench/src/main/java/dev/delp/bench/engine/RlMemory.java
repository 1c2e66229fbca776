package dev.delp.bench.engine;

import dev.delp.engine.deconv.RichardsonLucy;
import dev.delp.engine.deconv.RlOptions;
import dev.delp.engine.deconv.RlRun;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Working memory of RL per padded work voxel for the benchmark problems: the bytes the run holds
 * ({@link RlRun#workingBytes()}: workspace + OTF) and, as a cross-check, the heap growth measured
 * after GC around building the run and doing 3 iterations (which includes the FFT plans' scratch),
 * and the bytes allocated by 3 more iterations (pool of 1 thread, so the FFT tiles run on the
 * measuring thread): near 0 means the retained bytes are also the peak during the iterations.
 *
 * <pre>java -cp benchmarks.jar dev.delp.bench.engine.RlMemory [warmIterations]</pre>
 * ({@code warmIterations}, default 0: extra iterations before the allocation count, to let C2
 * compile the Vector-API code, which allocates box objects until then).
 */
public final class RlMemory {
    public static void main(String[] args) {
        int warmIterations = args.length > 0 ? Integer.parseInt(args[0]) : 0; // before the allocation count
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        ForkJoinPool pool = new ForkJoinPool(1);
        for (String shape : new String[] {"2d", "3d"}) {
            for (boolean acc : new boolean[] {false, true}) {
                RlBench.Problem p = shape.equals("2d") ? RlBench.Problem.twoD() : RlBench.Problem.threeD();
                System.gc();
                long before = mem.getHeapMemoryUsage().getUsed();
                RichardsonLucy rl = new RichardsonLucy(acc ? RlOptions.biggsAndrews() : RlOptions.plain());
                RlRun run = p.psf2d != null ? rl.start(p.image2d, p.psf2d, pool) : rl.start(p.stack3d, p.psf3d, pool);
                for (int i = 0; i < 3; i++) {
                    run.iterate(false);
                }
                System.gc();
                long after = mem.getHeapMemoryUsage().getUsed();
                for (int i = 0; i < warmIterations; i++) {
                    run.iterate(false);
                }
                long t0 = allocated();
                for (int i = 0; i < 3; i++) {
                    run.iterate(false);
                }
                long transientBytes = allocated() - t0;
                int[] w = run.workShape();
                double n = (double) w[0] * w[1] * w[2];
                System.out.printf(Locale.ROOT, "%s %-13s work %dx%dx%d: held %.2f B/voxel, heap growth %.2f B/voxel, "
                        + "allocated by 3 iterations after %d more %.4f B/voxel%n", shape, acc ? "biggsAndrews" : "plain",
                        w[0], w[1], w[2], run.workingBytes() / n, (after - before) / n, warmIterations, transientBytes / n);
                run = null;
                rl = null;
            }
        }
        pool.shutdown();
    }

    /** Bytes allocated so far by this thread, or -1 where the JVM cannot tell. */
    private static long allocated() {
        java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
        return t instanceof com.sun.management.ThreadMXBean s && s.isThreadAllocatedMemorySupported()
                ? s.getThreadAllocatedBytes(Thread.currentThread().getId()) : -1;
    }
}
