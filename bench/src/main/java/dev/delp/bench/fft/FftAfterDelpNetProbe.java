package dev.delp.bench.fft;

import dev.delp.nn.DelpNet;
import dev.delp.nn.InferencePlan;
import dev.delp.nn.TrainedOptics;
import java.util.SplittableRandom;

/**
 * {@link FftAllocationProbe} after DelpNet inference in the same JVM — the product's classify-then-deconvolve
 * order. Other Vector-API code run first changes what C2 parses when it compiles the FFT kernels (the
 * Vector API's shared methods carry that code's profiles), and a kernel that stays under C2's parse node
 * budget ({@code NodeCountInliningCutoff}) when the FFT runs alone could pass it then: its deferred
 * Vector-API calls lose their intrinsics and every call boxes (bench/RESULTS.md, FFT session 6, part 2;
 * session 7). Runs {@code InferencePlan.logits} of the default DelpNet (shipped weights, else seeded
 * random ones of the same shape) on 64 raw patches for {@code delp.probe.delpNetS} seconds (default 6) and
 * at least {@code delp.probe.delpNetCalls} calls (default 400: on a loaded machine 6 s may be a few interpreted
 * calls, which would not warm DelpNet up as the product does), then {@code FftAllocationProbe} with the same arguments and properties (its exit status: 1 if a shape
 * allocates more than {@code delp.probe.maxBytes} per call).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.delp.bench.fft.FftAfterDelpNetProbe 1024
 * </pre>
 * DelpNet's own fallback (the nn section's open item) is not counted here: {@code NnAllocationProbe} does that.
 */
public final class FftAfterDelpNetProbe {
    private FftAfterDelpNetProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: FftAfterDelpNetProbe SHAPE... (SHAPE: N, WxH or WxHxD)");
            System.exit(2);
        }
        double delpNetS = Double.parseDouble(System.getProperty("delp.probe.delpNetS", "6"));
        int minCalls = Integer.getInteger("delp.probe.delpNetCalls", 400);
        DelpNet net;
        try {
            net = DelpNet.loadDefault();
        } catch (IllegalStateException e) {
            net = DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, 17);
        }
        InferencePlan plan = net.inferencePlan();
        int n = 64;
        SplittableRandom rnd = new SplittableRandom(42);
        float[] raw = new float[n * DelpNet.PATCH * DelpNet.PATCH];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) (100 + 400 * rnd.nextDouble() * rnd.nextDouble());
        }
        float[] out = new float[n * plan.outputSize()];
        long end = System.nanoTime() + (long) (delpNetS * 1e9);
        int calls = 0;
        while (System.nanoTime() < end || calls < minCalls) {
            plan.logits(raw, 0, n, out, 0);
            calls++;
        }
        System.out.print("delpnet " + calls + " calls; ");
        FftAllocationProbe.main(args);
    }
}
