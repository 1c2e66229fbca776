package dev.delp.bench.fft;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * Paired A/B of two builds of delp-fft in ONE JVM: each build's classes (a directory or jar, e.g. the
 * {@code classes} folder of the commit before a change and of the working tree) are loaded by a class
 * loader of their own, so the JIT compiles both side by side, and the 2D or 3D real forward +
 * preserving inverse of each runs in alternating batches (thread CPU time, one thread). The median of
 * the per-pair ratios B/A (each build loaded twice, see main) is robust to the other engineers' load and to the JVM-to-JVM spread that
 * separate processes show on this machine (±20–30 %, see bench/RESULTS.md, FFT session 4).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.delp.bench.fft.VersionAb CLASSES_A CLASSES_B 512 84 96x96x60 ...
 * </pre>
 * Shapes: {@code N} (N×N), {@code WxH}, {@code WxHxD}. Properties: {@code delp.ab.pairs} (default 31),
 * {@code delp.ab.batchMs} (default 40), {@code delp.ab.warmUpS} (default 6, per shape, all four copies).
 * Prints one line per shape: best time of each build and the median [quartiles] of B/A.
 */
public final class VersionAb {
    private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();

    private VersionAb() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 3) {
            System.err.println("usage: VersionAb CLASSES_A CLASSES_B SHAPE... (SHAPE: N, WxH or WxHxD)");
            System.exit(2);
        }
        int pairs = Integer.getInteger("delp.ab.pairs", 31), batchMs = Integer.getInteger("delp.ab.batchMs", 40);
        double warmUpS = Double.parseDouble(System.getProperty("delp.ab.warmUpS", "6"));
        // each build twice, created in the order A, B, B', A' (a copy created first can run faster or
        // slower for reasons of its own: JIT order, memory placement; an A/A check showed ±6 %);
        // a pair's ratio is the geometric mean of B/A and B'/A'
        ClassLoader la = loader(args[0]), lb = loader(args[1]), lb2 = loader(args[1]), la2 = loader(args[0]);
        ForkJoinPool oneThread = new ForkJoinPool(1); // tiles run on the calling thread (its CPU time is the transform's)
        for (int i = 2; i < args.length; i++) {
            int[] shape = Arrays.stream(args[i].split("x")).mapToInt(Integer::parseInt).toArray();
            if (shape.length == 1) {
                shape = new int[] {shape[0], shape[0]};
            }
            Runnable[] r = {transform(la, shape, oneThread), transform(lb, shape, oneThread),
                    transform(lb2, shape, oneThread), transform(la2, shape, oneThread)};
            // the first shape warms up twice as long: the JIT compiles the four copies' kernels then
            long end = System.nanoTime() + (long) ((i == 2 ? 2 : 1) * warmUpS * 1e9);
            while (System.nanoTime() < end) {
                for (Runnable x : r) {
                    x.run();
                }
            }
            // then until no copy allocates (up to 60 s more): kernels still in C1 or interpreted run the
            // Vector API's Java fallback, which allocates per operation; with four copies of every
            // kernel queued for C2 on a busy machine that took longer than the warm-up (seen at 1000²)
            long limit = System.nanoTime() + 60_000_000_000L;
            while (maxBytesPerCall(r) > 4096 && System.nanoTime() < limit) {
                for (int j = 0; j < 5; j++) {
                    for (Runnable x : r) {
                        x.run();
                    }
                }
            }
            double one = Double.MAX_VALUE; // batch size from the best of 5 batches of 10 calls (one slow call must not shrink it)
            for (int j = 0; j < 5; j++) {
                one = Math.min(one, cpuMs(r[0], 10) / 10);
            }
            long reps = Math.max(1, (long) Math.ceil(batchMs / one));
            double[] ratio = new double[pairs];
            double bestA = Double.MAX_VALUE, bestB = Double.MAX_VALUE;
            double[] t = new double[4];
            for (int p = 0; p < pairs; p++) {
                for (int j = 0; j < 4; j++) { // rotate which copy goes first
                    int c = (j + p) % 4;
                    t[c] = cpuMs(r[c], reps) / reps;
                }
                ratio[p] = Math.sqrt(t[1] / t[0] * (t[2] / t[3]));
                bestA = Math.min(bestA, Math.min(t[0], t[3]));
                bestB = Math.min(bestB, Math.min(t[1], t[2]));
            }
            Arrays.sort(ratio);
            // heap bytes per call of each copy after the batches: kilobytes mean a copy ran boxed or
            // uncompiled vector code (several times slower), and the ratio is not to be trusted
            StringBuilder alloc = new StringBuilder();
            for (Runnable x : r) {
                long a0 = allocated();
                x.run();
                alloc.append(' ').append(allocated() - a0);
            }
            System.out.printf("%s: A %.4f ms, B %.4f ms (best of %d batches of %d); B/A median %.3f [q1 %.3f q3 %.3f]; bytes/call A B B' A':%s%n",
                    args[i], bestA, bestB, 2 * pairs, reps, ratio[pairs / 2], ratio[pairs / 4], ratio[3 * pairs / 4], alloc);
        }
        oneThread.shutdown();
    }

    private static ClassLoader loader(String classes) throws Exception {
        URL url = Path.of(classes).toUri().toURL();
        // parent: the platform loader (sees jdk.incubator.vector when it is in the boot layer), not the
        // application class path, which holds the bench jar's own copy of delp-fft
        return new URLClassLoader(new URL[] {url}, ClassLoader.getPlatformClassLoader());
    }

    private static long maxBytesPerCall(Runnable[] r) {
        long max = 0;
        for (Runnable x : r) {
            long a0 = allocated();
            x.run();
            max = Math.max(max, allocated() - a0);
        }
        return max;
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) BEAN).getCurrentThreadAllocatedBytes();
    }

    private static double cpuMs(Runnable r, long reps) {
        long c0 = BEAN.getCurrentThreadCpuTime();
        for (long i = 0; i < reps; i++) {
            r.run();
        }
        return (BEAN.getCurrentThreadCpuTime() - c0) / 1e6;
    }

    /** Forward + preserving inverse of a real 2D or 3D transform of {@code shape} from the build behind {@code loader}. */
    private static Runnable transform(ClassLoader loader, int[] shape, ForkJoinPool pool) throws Throwable {
        boolean is3d = shape.length == 3;
        Class<?> c = loader.loadClass(is3d ? "dev.delp.fft.RealFft3d" : "dev.delp.fft.RealFft2d");
        MethodHandles.Lookup l = MethodHandles.publicLookup();
        Object plan = is3d
                ? l.findStatic(c, "of", MethodType.methodType(c, int.class, int.class, int.class)).invoke(shape[0], shape[1], shape[2])
                : l.findStatic(c, "of", MethodType.methodType(c, int.class, int.class)).invoke(shape[0], shape[1]);
        MethodType io = MethodType.methodType(void.class, float[].class, float[].class, ForkJoinPool.class);
        MethodHandle fwd = l.findVirtual(c, "forward", io).bindTo(plan), inv = l.findVirtual(c, "inverse", io).bindTo(plan);
        int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        int specLen = (int) l.findVirtual(c, "spectrumLength", MethodType.methodType(int.class)).invoke(plan);
        float[] in = new float[n], out = new float[n], spec = new float[specLen];
        for (int i = 0; i < n; i++) {
            in[i] = (i % 17) / 17.0f; // as fftw_bench and FftwStyleTiming
        }
        return () -> {
            try {
                fwd.invokeExact(in, spec, pool);
                inv.invokeExact(spec, out, pool);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        };
    }
}
