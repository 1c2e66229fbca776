package dev.delp.bench.fft;

import dev.delp.fft.ComplexFft1d;
import java.util.concurrent.TimeUnit;
import org.jtransforms.fft.FloatFFT_1D;
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
 * 1D complex forward + inverse, delp vs JTransforms 3.1 on the same data, one thread (1D
 * transforms are single-threaded in delp; JTransforms' 1D threading starts far above these sizes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class Fft1dBench {
    @Param({"64", "128", "256", "512", "1024", "2048", "4096", "8192", "16384", "32768", "65536",
            "1000", "1536", "2310", "4095"})
    public int n;

    @Param({"delp", "jtransforms"})
    public String impl;

    private float[] input, data;
    private ComplexFft1d delp;
    private FloatFFT_1D jt;

    @Setup(Level.Trial)
    public void setUp() {
        Check.jtransformsThreads(1);
        input = Check.random(2 * n, n);
        data = input.clone();
        delp = ComplexFft1d.of(n);
        jt = new FloatFFT_1D(n);
        // forward results of the two libraries must agree before anything is timed
        float[] a = input.clone(), b = input.clone();
        delp.forward(a, 0);
        jt.complexForward(b);
        Check.close("1D n=" + n + " delp vs JTransforms", a, b, 2 * n, 1e-5);
    }

    @Benchmark
    public float[] forwardInverse() {
        if (impl.equals("delp")) {
            delp.forward(data, 0);
            delp.inverse(data, 0);
        } else {
            jt.complexForward(data);
            jt.complexInverse(data, true);
        }
        return data;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        // Millions of float round trips drift (the 1/n scaling is not exact), so the timed data is
        // only checked for gross breakage; a fresh round trip must reproduce the input to 1e-6.
        Check.close("1D n=" + n + " " + impl + " after timed round trips", data, input, 2 * n, 0.5);
        float[] fresh = input.clone();
        if (impl.equals("delp")) {
            delp.forward(fresh, 0);
            delp.inverse(fresh, 0);
        } else {
            jt.complexForward(fresh);
            jt.complexInverse(fresh, true);
        }
        Check.close("1D n=" + n + " " + impl + " round trip", fresh, input, 2 * n, 1e-6);
    }
}
