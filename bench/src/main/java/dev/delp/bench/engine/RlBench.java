package dev.delp.bench.engine;

import dev.delp.engine.deconv.RichardsonLucy;
import dev.delp.engine.deconv.RlOptions;
import dev.delp.engine.deconv.RlRun;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.PsfImages;
import dev.delp.engine.image.Stack3d;
import dev.delp.fft.RealFft2d;
import dev.delp.fft.RealFft3d;
import dev.delp.psf.BornWolf;
import dev.delp.psf.Optics;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one Richardson–Lucy iteration: delp plain and Biggs–Andrews, the same plain loop on
 * JTransforms with plain Java loops (baseline), and the four real FFTs an iteration performs on
 * delp's plans, in place as RL runs them (the arithmetic floor). Shapes: {@code 2d} = 1024×1024
 * image, 65×65 Born–Wolf PSF (12 µm defocus, default optics), work 1120×1120; {@code 3d} =
 * 256×256×64 stack, 65×65×33 Gaussian PSF, work 320×320×96. Result check at setup: delp and the baseline agree after two
 * iterations (1e-4 relative RMS), so a broken path cannot post a time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 4, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g", "-XX:+UseParallelGC"})
public class RlBench {
    @Param({"2d", "3d"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    @Param({"delpPlain", "delpAccelerated", "jtransforms", "fftFloor"})
    public String impl;

    private ForkJoinPool pool;
    private RlRun run;
    private JtRichardsonLucy baseline;
    private RealFft2d fft2;
    private RealFft3d fft3;
    private float[] spectrum;

    @Setup(Level.Trial)
    public void setUp() {
        pool = new ForkJoinPool(threads);
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(threads);
        Problem p = shape.equals("2d") ? Problem.twoD() : Problem.threeD();
        RichardsonLucy plain = new RichardsonLucy(RlOptions.plain());
        int[] work;
        RlRun check;
        if (p.psf2d != null) {
            check = plain.start(p.image2d, p.psf2d, pool);
            work = check.workShape();
        } else {
            check = plain.start(p.stack3d, p.psf3d, pool);
            work = check.workShape();
        }
        float[] psf = p.psf2d != null ? p.psf2d.data() : p.psf3d.data();
        int pw = p.psf2d != null ? p.psf2d.width() : p.psf3d.width();
        int ph = p.psf2d != null ? p.psf2d.height() : p.psf3d.height();
        int pd = p.psf2d != null ? 1 : p.psf3d.depth();
        float[] img = p.psf2d != null ? p.image2d.data() : p.stack3d.data();
        int iw = p.psf2d != null ? p.image2d.width() : p.stack3d.width();
        int ih = p.psf2d != null ? p.image2d.height() : p.stack3d.height();
        int id = p.psf2d != null ? 1 : p.stack3d.depth();
        if (impl.equals("jtransforms") || impl.equals("delpPlain")) {
            JtRichardsonLucy jt = new JtRichardsonLucy(img, iw, ih, id, psf, pw, ph, pd, work[0], work[1], work[2]);
            check.iterate(false);
            check.iterate(false);
            jt.iterate();
            jt.iterate();
            float[] a = p.psf2d != null ? check.image().data() : check.stack().data();
            close("delp vs JTransforms RL after 2 iterations, " + shape, a, jt.image(), 1e-4);
            baseline = impl.equals("jtransforms") ? jt : null;
        }
        check = null;
        RichardsonLucy rl = new RichardsonLucy(impl.equals("delpAccelerated") ? RlOptions.biggsAndrews() : RlOptions.plain());
        if (impl.startsWith("delp")) {
            run = p.psf2d != null ? rl.start(p.image2d, p.psf2d, pool) : rl.start(p.stack3d, p.psf3d, pool);
        }
        if (impl.equals("fftFloor")) {
            // RL runs its four FFTs in place on one padded volume; so does the floor.
            if (work[2] == 1) {
                fft2 = RealFft2d.of(work[0], work[1]);
                spectrum = new float[fft2.paddedLength()];
            } else {
                fft3 = RealFft3d.of(work[0], work[1], work[2]);
                spectrum = new float[fft3.paddedLength()];
            }
            SplittableRandom r = new SplittableRandom(1);
            for (int i = 0; i < spectrum.length; i++) {
                spectrum[i] = (float) r.nextDouble();
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
    }

    /** One iteration of the selected implementation (or the 4 FFTs of one iteration). */
    @Benchmark
    public Object iteration() {
        switch (impl) {
            case "delpPlain", "delpAccelerated" -> {
                return run.iterate(false);
            }
            case "jtransforms" -> {
                baseline.iterate();
                return baseline;
            }
            default -> {
                if (fft2 != null) {
                    fft2.forwardInPlace(spectrum, pool);
                    fft2.inverseInPlace(spectrum, pool);
                    fft2.forwardInPlace(spectrum, pool);
                    fft2.inverseInPlace(spectrum, pool);
                } else {
                    fft3.forwardInPlace(spectrum, pool);
                    fft3.inverseInPlace(spectrum, pool);
                    fft3.forwardInPlace(spectrum, pool);
                    fft3.inverseInPlace(spectrum, pool);
                }
                return spectrum;
            }
        }
    }

    static void close(String what, float[] got, float[] want, double tol) {
        double err = 0;
        double norm = 0;
        for (int i = 0; i < want.length; i++) {
            double d = got[i] - want[i];
            err += d * d;
            norm += (double) want[i] * want[i];
        }
        double rel = Math.sqrt(err / Math.max(norm, 1e-300));
        if (!(rel <= tol)) {
            throw new IllegalStateException(what + ": relative RMS difference " + rel + " exceeds " + tol);
        }
    }

    /** The benchmark problems (fixed seeds). */
    static final class Problem {
        Image2d image2d;
        Image2d psf2d;
        Stack3d stack3d;
        Stack3d psf3d;

        static Problem twoD() {
            Problem p = new Problem();
            p.psf2d = PsfImages.of(new BornWolf(Optics.defaults()).slice(12.0, 65));
            p.image2d = Image2d.zeros(1024, 1024);
            fill(p.image2d.data(), 2);
            return p;
        }

        static Problem threeD() {
            Problem p = new Problem();
            p.stack3d = Stack3d.zeros(256, 256, 64);
            fill(p.stack3d.data(), 3);
            int s = 65;
            int d = 33;
            float[] v = new float[s * s * d];
            double sum = 0;
            for (int z = 0; z < d; z++) {
                for (int y = 0; y < s; y++) {
                    for (int x = 0; x < s; x++) {
                        double r2 = (x - 32) * (x - 32) + (y - 32) * (y - 32);
                        double sz = 2 + 0.4 * Math.abs(z - 16);
                        double val = Math.exp(-r2 / (2 * sz * sz)) / (sz * sz);
                        v[x + s * (y + s * z)] = (float) val;
                        sum += val;
                    }
                }
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) sum;
            }
            p.psf3d = new Stack3d(s, s, d, v);
            return p;
        }

        private static void fill(float[] a, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (20 + 200 * r.nextDouble() * r.nextDouble());
            }
        }
    }
}
