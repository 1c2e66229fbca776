package dev.delp.engine.deconv;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.delp.engine.conv.Otf2d;
import dev.delp.engine.conv.OtfCache;
import dev.delp.engine.image.Image2d;
import dev.delp.simd.Simd;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * RL's peak memory is the workspace plus the OTF: the FFT plans' spectrum-preserving inverse
 * would take one more spectrum-sized buffer per plan, which RL avoids with
 * {@code inverseDestroying}. Checked with the thread allocation counter on a fresh plan.
 */
class RlScratchTest {
    @Test
    void aRunAllocatesItsWorkspaceAndNoSpectrumCopy() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported(),
                "no per-thread allocation counter");
        // The Vector-API butterflies allocate box objects until C2 compiles them, which says nothing
        // about buffers; the scalar pass of the build (-Ddelp.simd=scalar) runs this check.
        assumeTrue(Simd.fftKernels().getClass() == Simd.scalarFft().getClass(), "runs in the scalar SIMD pass");
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
        long tid = Thread.currentThread().getId();

        // A 5x5 binomial PSF / 256 sums to exactly 1 in float, so RL uses it as given and finds the
        // OTF we build here in the cache (same plan).
        int[] b = {1, 4, 6, 4, 1};
        float[] k = new float[25];
        for (int i = 0; i < 25; i++) {
            k[i] = b[i % 5] * b[i / 5] / 256f;
        }
        Image2d psf = new Image2d(5, 5, k);
        ForkJoinPool one = new ForkJoinPool(1); // parallelism 1 runs the FFT tiles on this thread
        try {
            // First touch of the classes and code paths on another shape (its own plan), so that
            // one-off class initialisation does not count below.
            for (RlOptions opt : new RlOptions[] {RlOptions.plain(), RlOptions.biggsAndrews()}) {
                RlRun warm = new RichardsonLucy(opt, new OtfCache(1)).start(image(200, 150), psf, one);
                for (int i = 0; i < 3; i++) {
                    warm.iterate(true);
                }
            }
            Image2d image = image(300, 200);
            int[] w = RichardsonLucy.workShape(300, 200, 1, 5, 5, 1);
            OtfCache cache = new OtfCache(2);
            Otf2d otf = cache.otf(psf, w[0], w[1], one);
            float[] spec = new float[otf.spectrumLength()];
            float[] in = new float[w[0] * w[1]];
            for (int i = 0; i < 3; i++) { // fill the plan's tile pools (shared by forward and inverse)
                otf.plan().forward(in, spec, one);
            }
            long spectrumBytes = 4L * otf.spectrumLength();
            for (RlOptions opt : new RlOptions[] {RlOptions.plain(), RlOptions.biggsAndrews()}) {
                RichardsonLucy rl = new RichardsonLucy(opt, cache);
                long before = sun.getThreadAllocatedBytes(tid);
                RlRun run = rl.start(image, psf, one);
                for (int i = 0; i < 3; i++) {
                    run.iterate(true);
                }
                long allocated = sun.getThreadAllocatedBytes(tid) - before;
                long workspace = run.workingBytes() - 4L * otf.spectrum().length;
                // Workspace, small objects (lambdas, reports) and nothing spectrum-sized besides:
                // a preserving inverse would add one whole spectrum (spectrumBytes) to the first run.
                assertTrue(allocated < workspace + spectrumBytes / 4, opt + ": allocated " + allocated
                        + " bytes, workspace " + workspace + ", spectrum " + spectrumBytes);
            }
        } finally {
            one.shutdown();
        }
    }

    private static Image2d image(int width, int height) {
        SplittableRandom r = new SplittableRandom(width * 31L + height);
        Image2d image = Image2d.zeros(width, height);
        for (int i = 0; i < image.size(); i++) {
            image.data()[i] = (float) (10 + 90 * r.nextDouble());
        }
        return image;
    }
}
