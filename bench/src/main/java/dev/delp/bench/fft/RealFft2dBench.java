package dev.delp.bench.fft;

import dev.delp.fft.RealFft2d;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.jtransforms.fft.FloatFFT_2D;
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
 * 2D real forward + inverse on a square image, delp vs JTransforms 3.1, same data and thread count.
 * JTransforms' packed real 2D transform ({@code realForward}/{@code realInverse}) only takes powers of
 * two; for other sizes it runs {@code realForwardFull} + {@code complexInverse} (its full complex path).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1000, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class RealFft2dBench {
    @Param({"84", "128", "256", "512", "1000", "1024"})
    public int size;

    @Param({"delp", "jtransforms"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private float[] image, spectrum, out, jtData;
    private RealFft2d delp;
    private FloatFFT_2D jt;
    private ForkJoinPool pool;
    private boolean packed;

    @Setup(Level.Trial)
    public void setUp() {
        Check.jtransformsThreads(threads);
        pool = new ForkJoinPool(threads);
        image = Check.random(size * size, size);
        delp = RealFft2d.of(size, size);
        spectrum = new float[delp.spectrumLength()];
        out = new float[size * size];
        jt = new FloatFFT_2D(size, size);
        packed = Integer.bitCount(size) == 1;
        jtData = new float[packed ? size * size : 2 * size * size];
        // the two libraries' forward spectra must agree (bin 0 row and a middle row, real and imaginary parts)
        delp.forward(image, spectrum, pool);
        float[] full = new float[2 * size * size];
        System.arraycopy(image, 0, full, 0, image.length);
        jt.realForwardFull(full);
        int hw = size / 2 + 1;
        float[] a = new float[2 * hw * size], b = new float[2 * hw * size];
        for (int y = 0; y < size; y++) {
            for (int k = 0; k < hw; k++) {
                a[2 * (k + hw * y)] = spectrum[2 * (k + hw * y)];
                a[2 * (k + hw * y) + 1] = spectrum[2 * (k + hw * y) + 1];
                b[2 * (k + hw * y)] = full[2 * (k + size * y)];
                b[2 * (k + hw * y) + 1] = full[2 * (k + size * y) + 1];
            }
        }
        Check.close("2D " + size + " delp vs JTransforms spectrum", a, b, a.length, 1e-5);
    }

    @Benchmark
    public float[] forwardInverse() {
        if (impl.equals("delp")) {
            delp.forward(image, spectrum, pool);
            delp.inverse(spectrum, out, pool);
            return out;
        }
        System.arraycopy(image, 0, jtData, 0, image.length);
        if (packed) {
            jt.realForward(jtData);
            jt.realInverse(jtData, true);
        } else {
            jt.realForwardFull(jtData);
            jt.complexInverse(jtData, true);
        }
        return jtData;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        float[] result = out;
        if (!impl.equals("delp")) {
            result = new float[size * size];
            for (int i = 0; i < result.length; i++) {
                result[i] = packed ? jtData[i] : jtData[2 * i];
            }
        }
        Check.close("2D " + size + " " + impl + " round trip", result, image, image.length, 1e-5);
        pool.shutdown();
    }
}
