package dev.delp.bench.psf;

import dev.delp.fft.RealFft2d;
import dev.delp.psf.BornWolf;
import dev.delp.psf.Optics;
import dev.delp.psf.Psf2d;
import dev.delp.psf.PsfBank;
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
 * Born–Wolf PSF bank build time against its budget, measured in the same run.
 *
 * <ul>
 *   <li>{@code bank}: the default 11-level bank at automatic size (sizes 29..47 px), built on a
 *       pool of {@code threads} workers — the thing the engine does before AWDVD.</li>
 *   <li>{@code slice65Level5}: one 65×65 slice at level 5 (10 µm).</li>
 *   <li>{@code rlProxy60Ffts} (baseline): the FFT work of 30 Richardson–Lucy iterations on a 696×520
 *       image padded to 768×576 with a 65×65 PSF, counted as in the issue as 60 real 2D FFTs
 *       (30 forward + 30 inverse, {@link RealFft2d}) on the same pool. A real RL iteration needs
 *       4 FFTs, so this baseline is half of the true AWDVD cost: the target bank &lt; baseline/10 is
 *       conservative.</li>
 * </ul>
 * Result checks in setup/teardown: every bank PSF sums to 1 and the FFT round trip reproduces the
 * input, so a broken fast path cannot post a good time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PsfBankBenchmark {
    @Param({"1", "2"})
    public int threads;

    private ForkJoinPool pool;
    private final Optics optics = Optics.defaults();
    private BornWolf bornWolf;
    private RealFft2d fft;
    private float[] image, spectrum, back;
    private PsfBank lastBank;

    @Setup(Level.Trial)
    public void setUp() {
        pool = new ForkJoinPool(threads);
        bornWolf = new BornWolf(optics);
        fft = RealFft2d.of(768, 576);
        image = new float[768 * 576];
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) rnd.nextDouble();
        }
        spectrum = new float[fft.spectrumLength()];
        back = new float[image.length];
    }

    @TearDown(Level.Trial)
    public void check() {
        pool.shutdown();
        if (lastBank != null) {
            for (int l = 0; l < PsfBank.LEVELS; l++) {
                Psf2d p = lastBank.level(l);
                if (Math.abs(p.sum() - 1) > 1e-6) {
                    throw new IllegalStateException("level " + l + " sums to " + p.sum());
                }
            }
        }
        fft.forward(image, spectrum);
        fft.inverse(spectrum, back);
        for (int i = 0; i < image.length; i++) {
            if (Math.abs(back[i] - image[i]) > 1e-4) {
                throw new IllegalStateException("FFT round trip broken at " + i + ": " + back[i] + " vs " + image[i]);
            }
        }
    }

    @Benchmark
    public PsfBank bank() {
        PsfBank b = new PsfBank(optics, 0);
        b.buildAll(pool);
        lastBank = b;
        return b;
    }

    @Benchmark
    public Psf2d slice65Level5() {
        return bornWolf.slice(optics.defocusUmOfLevel(5), 65);
    }

    @Benchmark
    public float rlProxy60Ffts() {
        float acc = 0;
        for (int it = 0; it < 30; it++) {
            fft.forward(image, spectrum, pool);
            fft.inverse(spectrum, back, pool);
            acc += back[it];
        }
        return acc;
    }
}
