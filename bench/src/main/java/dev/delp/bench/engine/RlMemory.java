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
 * after GC around building the run and doing 3 iterations (which includes the FFT plans' scratch).
 *
 * <pre>java -cp benchmarks.jar dev.delp.bench.engine.RlMemory</pre>
 */
public final class RlMemory {
    public static void main(String[] args) {
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
                int[] w = run.workShape();
                double n = (double) w[0] * w[1] * w[2];
                System.out.printf(Locale.ROOT, "%s %-13s work %dx%dx%d: held %.2f B/voxel, heap growth %.2f B/voxel%n",
                        shape, acc ? "biggsAndrews" : "plain", w[0], w[1], w[2], run.workingBytes() / n,
                        (after - before) / n);
                run = null;
                rl = null;
            }
        }
        pool.shutdown();
    }
}
