package dev.delp.bench.fft;

import dev.delp.fft.RealFft2d;
import dev.delp.fft.RealFft3d;
import dev.delp.simd.Simd;
import java.util.concurrent.ForkJoinPool;

/**
 * Steady-state heap allocation of real 2D/3D transforms (forward + destroying inverse), one thread,
 * with the thread allocation counter: warms each shape for a few seconds, then reports bytes per
 * transform and per voxel, and the CPU time of a round trip. Shows whether the Vector-API kernels
 * box vectors (they do when C2 cannot inline a whole kernel); the fft test suite asserts the same
 * on a small shape.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.delp.bench.fft.FftAllocation [warmSeconds] [WxHxD ...]}
 */
public final class FftAllocation {
    private FftAllocation() {
    }

    public static void main(String[] args) {
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        double warmS = args.length > 0 ? Double.parseDouble(args[0]) : 4;
        String[] shapes = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length)
                : new String[] {"256x256x1", "1000x1000x1", "1024x1024x1", "84x84x1", "64x64x64", "96x96x60", "280x384x12"};
        ForkJoinPool one = new ForkJoinPool(1);
        long tid = Thread.currentThread().getId();
        System.out.println(Simd.describe() + ", " + System.getProperty("java.version"));
        for (String shape : shapes) {
            String[] p = shape.split("x");
            int w = Integer.parseInt(p[0]), h = Integer.parseInt(p[1]), d = p.length > 2 ? Integer.parseInt(p[2]) : 1;
            int n = w * h * d;
            float[] x = Check.random(n, 7), out = new float[n];
            Runnable roundTrip;
            if (d > 1) {
                RealFft3d plan = RealFft3d.of(w, h, d);
                float[] s = new float[plan.spectrumLength()];
                roundTrip = () -> {
                    plan.forward(x, s, one);
                    plan.inverseDestroying(s, out, one);
                };
            } else {
                RealFft2d plan = RealFft2d.of(w, h);
                float[] s = new float[plan.spectrumLength()];
                roundTrip = () -> {
                    plan.forward(x, s, one);
                    plan.inverseDestroying(s, out, one);
                };
            }
            // warm for warmS seconds, measure; repeat (up to 6 rounds) while a round still allocates
            // 1 KB or more per transform: under load C2 may need longer than one round
            int warm = 0, rounds = 0, reps = 10;
            long bytes;
            double ms;
            do {
                long end = System.nanoTime() + (long) (warmS * 1e9);
                while (System.nanoTime() < end) {
                    roundTrip.run();
                    warm++;
                }
                long b0 = bean.getThreadAllocatedBytes(tid), c0 = bean.getCurrentThreadCpuTime();
                for (int i = 0; i < reps; i++) {
                    roundTrip.run();
                }
                bytes = (bean.getThreadAllocatedBytes(tid) - b0) / (2L * reps);
                ms = (bean.getCurrentThreadCpuTime() - c0) / 1e6 / reps;
                rounds++;
            } while (bytes >= 1024 && rounds < 6);
            System.out.printf("%s: %d B per transform (%.4f B/voxel) after %d warm-up round trips (%d rounds); %.3f ms CPU per round trip%n",
                    shape, bytes, bytes / (double) n, warm, rounds, ms);
        }
        one.shutdown();
    }
}
