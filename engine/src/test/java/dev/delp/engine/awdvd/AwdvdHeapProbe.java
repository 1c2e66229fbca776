package dev.delp.engine.awdvd;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.simulate.ForwardModel;
import dev.delp.engine.simulate.NoiseModel;
import dev.delp.engine.simulate.SpecimenGenerator;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Measures {@link AwdvdMemory}'s estimate against reality: runs one {@link Awdvd} deconvolution (the
 * heap check switched off) on a simulated field in four bands of levels 2, 5, 8 and 10 (1,000 photons,
 * seed 1), and prints the heap in use before it (after GC) and the estimates before and after
 * classifying. The smallest {@code -Xmx} a
 * run completes in, minus the heap in use before it, is what the estimate must cover; bisect it:
 * <pre>
 * java -Xmx300m -cp engine/target/test-classes:engine/target/classes:... dev.delp.engine.awdvd.AwdvdHeapProbe awdvd 2048 42 2 2
 * </pre>
 * Arguments: mode (awdvd, interpolated, invariant), side in pixels, stride, threads, iterations[, invariant
 * level].
 * Prints one line; exit 1 on {@link OutOfMemoryError}.
 */
public final class AwdvdHeapProbe {
    private AwdvdHeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        AwdvdOptions.Mode mode = AwdvdOptions.Mode.valueOf(args[0].toUpperCase(Locale.ROOT));
        int side = Integer.parseInt(args[1]);
        int stride = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int iterations = Integer.parseInt(args[4]);
        DelpNetClassifier classifier = DelpNetClassifier.loadDefault();
        PsfSource psfs = BornWolfLevels.of(classifier.optics());
        ForkJoinPool pool = new ForkJoinPool(threads);
        Image2d image = bandedField(side, psfs, pool);
        AwdvdOptions options = AwdvdOptions.defaults().withMode(mode).withStride(stride).withIterations(iterations)
                .withInvariantLevel(args.length > 5 ? Integer.parseInt(args[5]) : -1);
        Awdvd awdvd = Awdvd.of(classifier, psfs).withHeap(unlimited());
        AwdvdMemory.Need before = AwdvdMemory.of(side, side, null, options, psfs, new RlPatchDeconvolver(psfs), threads);
        long used = usedAfterGc();
        try {
            AwdvdResult r = awdvd.deconvolve(image, options, pool, (stage, done, total) -> { });
            AwdvdMemory.Need after = AwdvdMemory.of(side, side, r.map(), options, psfs, new RlPatchDeconvolver(psfs),
                    threads);
            System.out.printf(Locale.ROOT, "%s %dx%d stride %d threads %d: ok; in use before %.1f MiB, estimate before"
                    + " classifying %.1f MiB, with the map %.1f MiB (bare %.1f MiB), level 10 at %.1f um, max heap %.0f MiB%n",
                    args[0], side, side, stride, threads, used / 1048576.0, before.bytes() / 1048576.0,
                    after.bytes() / 1048576.0, after.bytes() / AwdvdMemory.MARGIN / 1048576.0, r.deepestUm(),
                    Runtime.getRuntime().maxMemory() / 1048576.0);
        } catch (OutOfMemoryError e) {
            if (System.getenv("PROBE_TRACE") != null) {
                e.printStackTrace();
            }
            System.out.printf(Locale.ROOT, "%s %dx%d: OOM at max heap %.0f MiB%n", args[0], side, side,
                    Runtime.getRuntime().maxMemory() / 1048576.0);
            System.exit(1);
        }
        pool.shutdown();
    }

    /** A specimen restored as four horizontal bands blurred to levels 2, 5, 8 and 10, with Poisson noise. */
    static Image2d bandedField(int side, PsfSource psfs, ForkJoinPool pool) {
        Image2d specimen = new SpecimenGenerator().generate(side, side, 1);
        int[] levels = {2, 5, 8, 10};
        float[] field = new float[side * side];
        for (int b = 0; b < levels.length; b++) {
            Image2d blurred = new ForwardModel().simulate(specimen, psfs.psf(levels[b]), NoiseModel.poisson(1000), 1 + b,
                    pool);
            int y0 = side * b / levels.length, y1 = side * (b + 1) / levels.length;
            System.arraycopy(blurred.data(), side * y0, field, side * y0, side * (y1 - y0));
        }
        return new Image2d(side, side, field);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static AwdvdMemory.Heap unlimited() {
        return new AwdvdMemory.Heap() {
            @Override
            public long maxBytes() {
                return Long.MAX_VALUE;
            }

            @Override
            public long usedBytes() {
                return 0;
            }

            @Override
            public void collect() {
            }
        };
    }
}
