package dev.delp.fft;

import dev.delp.simd.Simd;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Runs a 2D real FFT round trip on a 1024×1024 image (or {@code args[0]}×{@code args[1]}) and
 * prints the SIMD path, the round-trip error and the time per forward+inverse pair.
 * {@code java --add-modules jdk.incubator.vector -cp fft/target/classes dev.delp.fft.Demo [width height]}
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) {
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int height = args.length > 1 ? Integer.parseInt(args[1]) : width;
        System.out.println(Simd.describe());
        RealFft2d plan = RealFft2d.of(width, height);
        float[] image = new float[width * height];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextDouble();
        }
        float[] spectrum = new float[plan.spectrumLength()];
        float[] back = new float[image.length];
        ForkJoinPool pool = ForkJoinPool.commonPool();
        for (int i = 0; i < 20; i++) { // warm-up: let the JIT compile the butterflies
            plan.forward(image, spectrum, pool);
            plan.inverse(spectrum, back, pool);
        }
        int reps = 30;
        double best = Double.MAX_VALUE, total = 0;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            plan.forward(image, spectrum, pool);
            plan.inverse(spectrum, back, pool);
            double ms = (System.nanoTime() - t0) / 1e6;
            best = Math.min(best, ms);
            total += ms;
        }
        double err = 0, norm = 0;
        for (int i = 0; i < image.length; i++) {
            double d = back[i] - image[i];
            err += d * d;
            norm += (double) image[i] * image[i];
        }
        System.out.printf("2D real FFT %dx%d forward+inverse: best %.2f ms, mean %.2f ms (%d threads)%n",
                width, height, best, total / reps, pool.getParallelism());
        System.out.printf("round-trip relative RMS error: %.2e%n", Math.sqrt(err / norm));
    }
}
