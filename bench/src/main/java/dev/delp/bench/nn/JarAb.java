package dev.delp.bench.nn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * Same-JVM A/B of two builds of the nn module (a diagnostic; sessions 8–11 rebuilt it by hand each time):
 * {@code DelpNet.probabilities} of the shipped weights (or {@code -Ddelp.weights}) from two bench jars,
 * each in its own class loader, on 64 seeded patches ({@code PeerPatches}, seed 42); 400 warm-up calls of
 * each, then {@code rounds} rounds of 8 calls of A and 8 of B in the given order; prints the median and
 * quartiles of the paired B/A time ratios (CPU time of the calling thread on one thread, wall time on
 * more; below 1 = B faster) and whether the two outputs are bit-identical. {@code -DsetA=Class.FIELD=value}
 * / {@code -DsetB=...} set a static boolean or int field in that side before the net is loaded.
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.delp.bench.nn.JarAb a.jar b.jar threads rounds AB|BA
 * </pre>
 */
public final class JarAb {
    private static final int BATCH = 64;
    private static final int CALLS = 8;

    private JarAb() {
    }

    /** One side: the net and {@code probabilities} from one jar. */
    private static final class Side {
        final Object net;
        final Method probabilities;
        final float[] out = new float[BATCH * 12];
        final ForkJoinPool pool;

        Side(String jar, int threads, String set) throws Exception {
            URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            if (set != null) {
                String[] kv = set.split("=", 2);
                int dot = kv[0].lastIndexOf('.');
                var field = Class.forName(kv[0].substring(0, dot), true, loader).getDeclaredField(kv[0].substring(dot + 1));
                field.setAccessible(true);
                if (field.getType() == boolean.class) {
                    field.setBoolean(null, Boolean.parseBoolean(kv[1]));
                } else {
                    field.setInt(null, Integer.parseInt(kv[1]));
                }
            }
            Class<?> delpNet = Class.forName("dev.delp.nn.DelpNet", true, loader);
            String weights = System.getProperty("delp.weights");
            net = weights != null ? delpNet.getMethod("load", Path.class).invoke(null, Path.of(weights))
                    : delpNet.getMethod("loadDefault").invoke(null);
            probabilities = delpNet.getMethod("probabilities", float[].class, int.class, float[].class, ForkJoinPool.class);
            pool = threads > 1 ? new ForkJoinPool(threads) : null;
        }

        void call(float[] x) throws Exception {
            probabilities.invoke(net, x, BATCH, out, pool);
        }
    }

    /** Runs the comparison (arguments above). */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: JarAb a.jar b.jar threads rounds [AB|BA]");
        }
        int threads = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        boolean aFirst = args.length < 5 || args[4].equals("AB");
        Side a = new Side(args[0], threads, System.getProperty("setA"));
        Side b = new Side(args[1], threads, System.getProperty("setB"));
        float[] x = dev.delp.bench.peers.PeerPatches.generate(BATCH, 42);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 400; i++) {
            a.call(x);
            b.call(x);
        }
        boolean same = Arrays.equals(a.out, b.out);
        double[] ratio = new double[rounds];
        double sumA = 0;
        double sumB = 0;
        for (int r = 0; r < rounds; r++) {
            double[] t = new double[2];
            for (int o = 0; o < 2; o++) {
                Side s = (o == 0) == aFirst ? a : b;
                long c0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                for (int i = 0; i < CALLS; i++) {
                    s.call(x);
                }
                double dt = threads > 1 ? System.nanoTime() - w0 : mx.getCurrentThreadCpuTime() - c0;
                t[s == a ? 0 : 1] = dt / CALLS;
            }
            ratio[r] = t[1] / t[0];
            sumA += t[0];
            sumB += t[1];
        }
        Arrays.sort(ratio);
        System.out.printf("threads %d %s rounds %d: B/A median %.3f (quartiles %.3f-%.3f); mean ms per call A %.3f B %.3f;"
                        + " same output %b%n", threads, aFirst ? "AB" : "BA", rounds, ratio[rounds / 2], ratio[rounds / 4],
                ratio[3 * rounds / 4], sumA / rounds / 1e6, sumB / rounds / 1e6, same);
        if (a.pool != null) {
            a.pool.shutdown();
            b.pool.shutdown();
        }
    }
}
