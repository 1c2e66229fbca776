package dev.delp.bench.fft;

import dev.delp.fft.RealFft3d;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.jtransforms.fft.FloatFFT_3D;
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
 * 3D real forward + inverse, delp vs JTransforms 3.1, same data and thread count. Shapes are
 * {@code width x height x depth}; JTransforms takes (slices, rows, columns) = (depth, height, width).
 * Powers of two use its packed real transform, others {@code realForwardFull} + {@code complexInverse}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2000, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 1000, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class RealFft3dBench {
    @Param({"64x64x64", "128x128x128", "96x96x60"})
    public String shape;

    @Param({"delp", "jtransforms"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private int w, h, d;
    private float[] volume, spectrum, out, jtData;
    private RealFft3d delp;
    private FloatFFT_3D jt;
    private ForkJoinPool pool;
    private boolean packed;

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = shape.split("x");
        w = Integer.parseInt(p[0]);
        h = Integer.parseInt(p[1]);
        d = Integer.parseInt(p[2]);
        Check.jtransformsThreads(threads);
        pool = new ForkJoinPool(threads);
        int n = w * h * d;
        volume = Check.random(n, n);
        delp = RealFft3d.of(w, h, d);
        spectrum = new float[delp.spectrumLength()];
        out = new float[n];
        jt = new FloatFFT_3D(d, h, w);
        packed = Integer.bitCount(w) == 1 && Integer.bitCount(h) == 1 && Integer.bitCount(d) == 1;
        jtData = new float[packed ? n : 2 * n];
        delp.forward(volume, spectrum, pool);
        float[] full = new float[2 * n];
        System.arraycopy(volume, 0, full, 0, n);
        jt.realForwardFull(full);
        int hw = w / 2 + 1;
        float[] b = new float[spectrum.length];
        for (int r = 0; r < h * d; r++) {
            for (int k = 0; k < hw; k++) {
                b[2 * (k + hw * r)] = full[2 * (k + w * r)];
                b[2 * (k + hw * r) + 1] = full[2 * (k + w * r) + 1];
            }
        }
        Check.close("3D " + shape + " delp vs JTransforms spectrum", spectrum, b, b.length, 1e-5);
    }

    @Benchmark
    public float[] forwardInverse() {
        if (impl.equals("delp")) {
            delp.forward(volume, spectrum, pool);
            delp.inverse(spectrum, out, pool);
            return out;
        }
        System.arraycopy(volume, 0, jtData, 0, volume.length);
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
            result = new float[volume.length];
            for (int i = 0; i < result.length; i++) {
                result[i] = packed ? jtData[i] : jtData[2 * i];
            }
        }
        Check.close("3D " + shape + " " + impl + " round trip", result, volume, volume.length, 1e-5);
        pool.shutdown();
    }
}
