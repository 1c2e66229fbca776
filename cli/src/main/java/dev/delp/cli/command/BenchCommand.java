package dev.delp.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import dev.delp.cli.Command;
import dev.delp.cli.Invocation;
import dev.delp.cli.Json;
import dev.delp.cli.OptionSpec;
import dev.delp.engine.deconv.RichardsonLucy;
import dev.delp.engine.deconv.RlOptions;
import dev.delp.engine.deconv.RlProgress;
import dev.delp.engine.deconv.StopRule;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.PsfImages;
import dev.delp.fft.RealFft2d;
import dev.delp.nn.DelpNet;
import dev.delp.nn.TrainedOptics;
import dev.delp.psf.BornWolf;
import dev.delp.psf.Optics;
import dev.delp.psf.PsfBank;
import dev.delp.simd.Simd;

/**
 * {@code delp bench}: quick built-in timings (best of several runs after warm-up) in the JSON-lines
 * format of DESIGN.md §5. Each task checks its result, so a broken fast path cannot post a time.
 * For rigorous, baseline-relative numbers use the JMH suite in {@code bench/}.
 */
public final class BenchCommand implements Command {
    /** fft2d sizes of DESIGN.md §5. */
    static final int[] FFT_SIZES = {84, 256, 512, 1000, 1024};
    /** Warm-up per task ({@code --warmup-ms}); one bench runs at a time. */
    private static volatile long warmupNanos = 300_000_000L;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "quick built-in timings: fft2d-r2c-c2r, psf-bank, rl-iteration, delpnet-patch (best of several runs, ms)";
    }

    @Override
    public String synopsis() {
        return "[--json] [--threads N] [--runs R] [--task NAME]";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.value("runs", "R", "timed runs per task after warm-up, best is reported, 1..100 (default 5)"),
                OptionSpec.value("warmup-ms", "MS", "fixed warm-up per task in ms (JIT, plan caches), 0..60000 (default 300); unless 0, batches then run until their time settles (at most 10 s)"),
                OptionSpec.value("task", "NAME", "run only this task: fft2d-r2c-c2r, psf-bank, rl-iteration or delpnet-patch (default: all)"));
    }

    @Override
    public int run(Invocation inv) {
        int runs = (int) inv.integer("runs", 5, 1, 100);
        warmupNanos = inv.integer("warmup-ms", 300, 0, 60_000) * 1_000_000L;
        String only = inv.choice("task", "all", "all", "fft2d-r2c-c2r", "psf-bank", "rl-iteration", "delpnet-patch");
        int threads = inv.has("threads") ? inv.threads() : 1;
        ForkJoinPool pool = threads > 1 ? inv.pool() : null;
        if (!inv.json() && !inv.quiet()) {
            inv.out().println("# delp bench: best of " + runs + " runs after warm-up, " + threads + " thread(s), "
                    + Simd.describe());
        }
        List<Json> results = new ArrayList<>();
        if (only.equals("all") || only.equals("fft2d-r2c-c2r")) {
            for (int n : FFT_SIZES) {
                results.add(emit(inv, fft(n, threads, pool, runs)));
            }
        }
        if (only.equals("all") || only.equals("psf-bank")) {
            results.add(emit(inv, psfBank(threads, pool, runs)));
        }
        if (only.equals("all") || only.equals("rl-iteration")) {
            results.add(emit(inv, rlIteration(1024, 65, threads, pool, runs)));
        }
        if (only.equals("all") || only.equals("delpnet-patch")) {
            results.add(emit(inv, delpnetPatch(64, threads, pool, runs)));
        }
        return results.isEmpty() ? 2 : 0;
    }

    private static Json emit(Invocation inv, Json j) {
        if (inv.json()) {
            inv.out().println(j);
        } else if (!inv.quiet()) {
            String t = j.toString().replaceAll("\\[(\\d+),(\\d+)\\]", "$1x$2").replace("{", "").replace("}", "")
                    .replace("\"", "");
            StringBuilder sb = new StringBuilder();
            for (String kv : t.split(",")) {
                String[] p = kv.split(":", 2);
                sb.append(sb.length() == 0 ? String.format(Locale.ROOT, "%-14s", p[1])
                        : p[0].equals("ms") ? String.format(Locale.ROOT, "%10s ms", p[1]) : "  " + p[0] + " " + p[1]);
            }
            inv.out().println(sb);
        }
        inv.out().flush();
        return j;
    }

    /** Forward r2c + inverse c2r of an n×n image; checks the round trip (≤ 1e-4 relative RMS). */
    static Json fft(int n, int threads, ForkJoinPool pool, int runs) {
        RealFft2d plan = RealFft2d.of(n, n);
        SplittableRandom rnd = new SplittableRandom(42);
        float[] in = new float[n * n];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) rnd.nextDouble();
        }
        float[] spec = new float[plan.spectrumLength()];
        float[] back = new float[n * n];
        Runnable once = () -> {
            if (pool == null) {
                plan.forward(in, spec);
                plan.inverse(spec, back);
            } else {
                plan.forward(in, spec, pool);
                plan.inverse(spec, back, pool);
            }
        };
        double ms = best(once, runs, 1);
        double err = 0, ref = 0;
        for (int i = 0; i < in.length; i++) {
            err += (double) (back[i] - in[i]) * (back[i] - in[i]);
            ref += (double) in[i] * in[i];
        }
        double rel = Math.sqrt(err / ref);
        if (!(rel <= 1e-4)) {
            throw new IllegalStateException("fft2d " + n + "x" + n + " round trip relative RMS error " + rel + " > 1e-4");
        }
        return new Json().put("task", "fft2d-r2c-c2r").put("shape", n, n).put("threads", threads).put("ms", round(ms));
    }

    /** Builds the 11 default-optics PSFs of a fresh bank; checks each sums to 1 within 1e-5. */
    static Json psfBank(int threads, ForkJoinPool pool, int runs) {
        PsfBank[] last = new PsfBank[1];
        ForkJoinPool p = pool != null ? pool : new ForkJoinPool(1);
        try {
            double ms = best(() -> {
                PsfBank bank = new PsfBank(Optics.defaults(), 0);
                bank.buildAll(p);
                last[0] = bank;
            }, Math.min(runs, 3), 1);
            for (int l = 0; l < PsfBank.LEVELS; l++) {
                double s = last[0].level(l).sum();
                if (Math.abs(s - 1) > 1e-5) {
                    throw new IllegalStateException("psf level " + l + " sums to " + s + ", expected 1");
                }
            }
            return new Json().put("task", "psf-bank").put("levels", PsfBank.LEVELS).put("threads", threads)
                    .put("ms", round(ms));
        } finally {
            if (pool == null) {
                p.shutdown();
            }
        }
    }

    /**
     * One Richardson–Lucy iteration on an n×n image with a psf×psf PSF: (time of k iterations −
     * time of 0 iterations) / k, so the setup (padding, OTF, weights) is excluded. Checks that RL
     * kept the flux (Bertero–Boccacci normalisation) within 1 %.
     */
    static Json rlIteration(int n, int psfSize, int threads, ForkJoinPool pool, int runs) {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] img = new float[n * n];
        double flux = 0;
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) (100 + 50 * rnd.nextDouble());
            flux += img[i];
        }
        Image2d image = new Image2d(n, n, img);
        Image2d psf = PsfImages.of(new BornWolf(Optics.defaults()).slice(4.0, psfSize));
        ForkJoinPool p = pool != null ? pool : new ForkJoinPool(1);
        try {
            RichardsonLucy rl = new RichardsonLucy(RlOptions.plain());
            int k = 4;
            Image2d[] last = new Image2d[1];
            double zero = best(() -> rl.deconvolve(image, psf, StopRule.iterations(0), RlProgress.NONE, p), Math.min(runs, 3), 1);
            double withK = best(() -> last[0] = rl.deconvolve(image, psf, StopRule.iterations(k), RlProgress.NONE, p),
                    Math.min(runs, 3), 1);
            double out = last[0].sum();
            if (!(Math.abs(out - flux) <= 0.01 * flux)) {
                throw new IllegalStateException("rl-iteration check failed: flux " + out + " vs input " + flux);
            }
            return new Json().put("task", "rl-iteration").put("shape", n, n).put("psf", psfSize, psfSize)
                    .put("threads", threads).put("ms", round(Math.max(0, withK - zero) / k));
        } finally {
            if (pool == null) {
                p.shutdown();
            }
        }
    }

    /**
     * DelpNet inference, ms per 84×84 patch in batches of {@code batch} (the default architecture with
     * seeded weights: the time does not depend on the values). Checks each row of probabilities sums to 1.
     */
    static Json delpnetPatch(int batch, int threads, ForkJoinPool pool, int runs) {
        DelpNet net = DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, 11);
        SplittableRandom rnd = new SplittableRandom(5);
        float[] patches = new float[batch * DelpNet.PATCH * DelpNet.PATCH];
        for (int i = 0; i < patches.length; i++) {
            patches[i] = (float) (100 + 400 * rnd.nextDouble());
        }
        ForkJoinPool p = pool != null ? pool : new ForkJoinPool(1);
        try {
            float[][][] last = new float[1][][];
            double ms = best(() -> last[0] = net.probabilities(patches, batch, p), Math.min(runs, 3), 1);
            for (float[] row : last[0]) {
                double sum = 0;
                for (float v : row) {
                    sum += v;
                }
                if (!(Math.abs(sum - 1) < 1e-4)) {
                    throw new IllegalStateException("delpnet-patch check failed: probabilities sum to " + sum);
                }
            }
            return new Json().put("task", "delpnet-patch").put("batch", batch).put("threads", threads)
                    .put("ms", round(ms / batch));
        } finally {
            if (pool == null) {
                p.shutdown();
            }
        }
    }

    /**
     * Best wall time in ms per call: warm-up for {@code --warmup-ms} (default 300 ms; JIT, plan caches)
     * and, unless that is 0, until the batch time settles ({@link #settle}), then {@code runs} timed batches, each of enough calls to last about 50 ms (at least {@code minCalls}).
     */
    static double best(Runnable r, int runs, int minCalls) {
        long warmEnd = System.nanoTime() + warmupNanos;
        long calls = 0;
        long t0 = System.nanoTime();
        do {
            r.run();
            calls++;
        } while (System.nanoTime() < warmEnd || calls < 2);
        double perCall = (System.nanoTime() - t0) / 1e6 / calls;
        int batch = (int) Math.max(minCalls, Math.min(10_000, Math.ceil((warmupNanos == 0 ? 1 : 50) / Math.max(perCall, 1e-3))));
        if (warmupNanos > 0) {
            batch = settle(r, batch, minCalls);
        }
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < runs; k++) {
            best = Math.min(best, batchMs(r, batch));
        }
        return best;
    }

    /**
     * Runs batches until the JIT has settled: three batches in a row no more than 2 % faster than
     * the best before them (at most {@link #SETTLE_NANOS}). The fixed warm-up alone was not enough:
     * C2 compiles the large SIMD kernels in the background, and after 300 ms the 84² FFT still ran
     * at 12 ms per call instead of 0.03. Returns the batch size re-derived from the settled speed
     * (≈ 50 ms per batch).
     */
    private static int settle(Runnable r, int batch, int minCalls) {
        long end = System.nanoTime() + SETTLE_NANOS;
        double best = batchMs(r, batch);
        for (int calm = 0; calm < 3 && System.nanoTime() < end; ) {
            double ms = batchMs(r, batch);
            calm = ms < 0.98 * best ? 0 : calm + 1;
            best = Math.min(best, ms);
            batch = (int) Math.max(minCalls, Math.min(10_000, Math.ceil(50 / Math.max(best, 1e-3))));
        }
        return batch;
    }

    /** Upper bound on {@link #settle}'s extra warm-up per task. */
    private static final long SETTLE_NANOS = 10_000_000_000L;

    /** Mean time per call of one batch, in ms. */
    private static double batchMs(Runnable r, int batch) {
        long s = System.nanoTime();
        for (int i = 0; i < batch; i++) {
            r.run();
        }
        return (System.nanoTime() - s) / 1e6 / batch;
    }

    private static double round(double ms) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.3g", ms));
    }

}
