package dev.delp.bench.peers;

import dev.delp.engine.deconv.RichardsonLucy;
import dev.delp.engine.deconv.RlOptions;
import dev.delp.engine.deconv.RlRun;
import dev.delp.engine.image.Stack3d;
import dev.delp.simd.Simd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * delp's 3D Richardson–Lucy on deconwolf's demo stack and PSF, timed per iteration, for
 * {@code bench/run-deconwolf.sh}. Prints one JSON object on stdout: work shape, seconds per
 * iteration (mean over iterations 2..N, median, first), set-up time, the bytes the run holds
 * ({@link RlRun#workingBytes()}) and the process's peak RSS ({@code VmHWM}) — the script also
 * measures the peak with {@code /usr/bin/time -v}.
 *
 * <p>Pre-processing mirrors deconwolf's defaults where it matters: the background (the stack's
 * minimum, deconwolf's automatic {@code bg}) is subtracted, and the PSF is centre-cropped to the
 * size deconwolf reports after its own auto-crop ({@code --psf-crop}), so both work on the same
 * image and PSF extents. delp pads each axis to {@code FftSizes.good(image + psf − 1)}; deconwolf
 * uses {@code image + psf − 1} exactly; both sizes are printed.
 *
 * <p>Result check ({@code --compare dw.tif}, a 32-bit float deconwolf result): the Pearson
 * correlation between the two deconvolved stacks is printed, and the script fails below its
 * threshold, so a broken fast path cannot post a good time.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp CP dev.delp.bench.peers.RlVsDeconwolf \
 *   --image dapi_001.tif --psf PSF_dapi.tif --psf-crop 179x179x79 --method plain --threads 1 --iterations 50
 * </pre>
 */
public final class RlVsDeconwolf {
    private RlVsDeconwolf() {
    }

    public static void main(String[] args) throws IOException {
        Path image = null, psf = null, compare = null;
        int[] crop = null;
        String method = "plain";
        int threads = 1, iterations = 50;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--image" -> image = Path.of(v);
                case "--psf" -> psf = Path.of(v);
                case "--psf-crop" -> crop = parseShape(v);
                case "--method" -> method = v;
                case "--threads" -> threads = Integer.parseInt(v);
                case "--iterations" -> iterations = Integer.parseInt(v);
                case "--compare" -> compare = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (known: --image --psf --psf-crop --method plain|biggs --threads --iterations --compare)");
            }
        }
        if (image == null || psf == null) {
            throw new IllegalArgumentException("--image and --psf are required");
        }
        if (threads < 1 || threads > 256 || iterations < 2 || iterations > 10_000) {
            throw new IllegalArgumentException("--threads " + threads + " must be in 1..256 and --iterations " + iterations
                    + " in 2..10000");
        }
        RlOptions options = switch (method) {
            case "plain" -> RlOptions.plain();
            case "biggs" -> RlOptions.biggsAndrews();
            default -> throw new IllegalArgumentException("--method " + method + " must be plain or biggs");
        };

        long t0 = System.nanoTime();
        Stack3d stack = observation(image);
        ForkJoinPool pool = new ForkJoinPool(threads);
        RichardsonLucy rl = new RichardsonLucy(options);
        int[] shape = {stack.width(), stack.height(), stack.depth()};
        // The PSF is passed without a local reference: RichardsonLucy drops it once the OTF is
        // built, so it is garbage before the workspace is allocated (the run holds the OTF only).
        RlRun run = rl.start(stack, kernel(psf, crop), pool);
        stack = null; // the run holds its own copy of the observation
        double setupS = (System.nanoTime() - t0) * 1e-9;

        double[] s = new double[iterations];
        long allocatedBefore = allocatedBytes();
        for (int k = 0; k < iterations; k++) {
            long a = System.nanoTime();
            run.iterate(false);
            s[k] = (System.nanoTime() - a) * 1e-9;
        }
        long allocatedBefore2 = allocatedBytes();
        double allocatedPerIter = allocatedBefore < 0 ? -1 : (double) (allocatedBefore2 - allocatedBefore) / iterations;
        double total = Arrays.stream(s).sum();
        double meanAfterFirst = Arrays.stream(s, 1, iterations).average().orElse(Double.NaN);
        double[] sorted = s.clone();
        Arrays.sort(sorted);
        double median = sorted[iterations / 2];
        int[] w = run.workShape();
        long workVoxels = (long) w[0] * w[1] * w[2];
        long held = run.workingBytes();
        long hwmKb = vmHwmKb();

        String corr = "null";
        if (compare != null) {
            Stack3d mine = run.stack();
            Stack3d theirs = TiffStack.read(compare);
            if (theirs.width() != mine.width() || theirs.height() != mine.height() || theirs.depth() != mine.depth()) {
                throw new IllegalArgumentException("compare stack " + theirs.shape() + " differs from " + mine.shape());
            }
            corr = String.format(Locale.ROOT, "%.6f", pearson(mine.data(), theirs.data()));
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "{\"tool\":\"delp\",\"method\":\"%s\",\"threads\":%d,\"iterations\":%d,"
                        + "\"image\":[%d,%d,%d],\"psf\":[%d,%d,%d],\"work\":[%d,%d,%d],\"workVoxels\":%d,"
                        + "\"setupS\":%.3f,\"firstIterS\":%.4f,\"meanIterS\":%.4f,\"medianIterS\":%.4f,\"totalIterS\":%.3f,"
                        + "\"heldBytes\":%d,\"heldBytesPerVoxel\":%.2f,\"allocatedBytesPerIter\":%.0f,\"vmHwmKb\":%d,\"simd\":\"%s\",\"java\":\"%s\","
                        + "\"correlationWithDeconwolf\":%s}%n",
                method, threads, iterations, shape[0], shape[1], shape[2],
                crop == null ? -1 : crop[0], crop == null ? -1 : crop[1], crop == null ? -1 : crop[2],
                w[0], w[1], w[2], workVoxels, setupS, s[0], meanAfterFirst, median, total, held,
                (double) held / workVoxels, allocatedPerIter, hwmKb, Simd.describe(),
                System.getProperty("java.version"), corr);
    }

    /** The stack with its minimum (deconwolf's automatic background) subtracted. */
    private static Stack3d observation(Path image) throws IOException {
        Stack3d stack = TiffStack.read(image);
        float bg = Float.POSITIVE_INFINITY;
        for (float v : stack.data()) {
            bg = Math.min(bg, v);
        }
        float[] d = stack.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(0f, d[i] - bg);
        }
        return stack;
    }

    /** The PSF stack, centre-cropped to {@code crop} if given. */
    private static Stack3d kernel(Path psf, int[] crop) throws IOException {
        Stack3d kernel = TiffStack.read(psf);
        return crop == null ? kernel : centreCrop(kernel, crop);
    }

    static int[] parseShape(String v) {
        String[] p = v.split("x");
        if (p.length != 3) {
            throw new IllegalArgumentException("shape '" + v + "' must be WxHxD, e.g. 179x179x79");
        }
        int[] s = new int[3];
        for (int i = 0; i < 3; i++) {
            s[i] = Integer.parseInt(p[i]);
            if (s[i] < 1) {
                throw new IllegalArgumentException("shape '" + v + "' has a side < 1");
            }
        }
        return s;
    }

    /** The centred {@code shape} window of {@code s} (each side at most the stack's; same parity centring as deconwolf). */
    static Stack3d centreCrop(Stack3d s, int[] shape) {
        if (shape[0] > s.width() || shape[1] > s.height() || shape[2] > s.depth()) {
            throw new IllegalArgumentException("psf crop " + shape[0] + "x" + shape[1] + "x" + shape[2]
                    + " is larger than the psf " + s.shape());
        }
        return s.crop((s.width() - shape[0]) / 2, (s.height() - shape[1]) / 2, (s.depth() - shape[2]) / 2,
                shape[0], shape[1], shape[2]);
    }

    static double pearson(float[] a, float[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i] - ma, y = b[i] - mb;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Bytes allocated on the heap so far by all live threads (HotSpot), or -1 if unavailable. */
    static long allocatedBytes() {
        try {
            java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
            if (t instanceof com.sun.management.ThreadMXBean h && h.isThreadAllocatedMemorySupported()) {
                long sum = 0;
                for (long id : h.getAllThreadIds()) {
                    sum += Math.max(0, h.getThreadAllocatedBytes(id));
                }
                return sum;
            }
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
        return -1;
    }

    /** Peak resident set size of this process in KiB from {@code /proc/self/status}, or -1 if unavailable. */
    static long vmHwmKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
