package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Stack3d;
import dev.delp.psf.Optics;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The heap check of {@link Awdvd}: refusals with an injected small heap, never a real out-of-memory. */
class AwdvdMemoryTest {
    private static final PsfSource GAUSS = TestSupport.gaussianLevels();
    private static final long MIB = 1 << 20;

    /** A heap of {@code maxMib} with {@code usedMib} in use; {@code collected} counts the collections asked for. */
    private static AwdvdMemory.Heap heap(long maxMib, long usedMib, AtomicInteger collected) {
        return new AwdvdMemory.Heap() {
            @Override
            public long maxBytes() {
                return maxMib * MIB;
            }

            @Override
            public long usedBytes() {
                return usedMib * MIB;
            }

            @Override
            public void collect() {
                collected.incrementAndGet();
            }
        };
    }

    private static PatchClassifier counting(int label, AtomicInteger calls) {
        PatchClassifier c = PatchClassifier.constant(label);
        return (patches, p, n, pool) -> {
            calls.incrementAndGet();
            return c.probabilities(patches, p, n, pool);
        };
    }

    private static Image2d ramp(int w, int h) {
        float[] d = new float[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = 10 + (i % w) + (i / w) % 7;
        }
        return new Image2d(w, h, d);
    }

    @Test
    void refusesBeforeClassifyingWithNeedLimitAndRemedy() {
        AtomicInteger calls = new AtomicInteger(), collected = new AtomicInteger();
        Awdvd awdvd = Awdvd.of(counting(5, calls), GAUSS).withHeap(heap(40, 8, collected));
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            AwdvdMemory.HeapTooSmallException e = assertThrows(AwdvdMemory.HeapTooSmallException.class,
                    () -> awdvd.deconvolve(ramp(1000, 1000), AwdvdOptions.defaults(), pool, (s, d, t) -> { }));
            assertEquals(0, calls.get(), "refused before any patch was classified");
            assertEquals(1, collected.get(), "garbage collected once before refusing");
            // case (ii) holds at least the blender's two double accumulators and its float output
            assertTrue(e.needBytes() >= 20L * 1000 * 1000, e.getMessage());
            assertEquals(32 * MIB, e.freeBytes());
            assertEquals(40 * MIB, e.maxBytes());
            assertEquals(2, e.threads());
            String m = e.getMessage();
            assertTrue(m.startsWith("deconvolving a 1000x1000 image (awdvd, stride 42) needs about "), m);
            assertTrue(m.contains("but 32 MiB of 40 MiB is free") && m.contains("-Xmx" + e.suggestedXmx())
                    && m.contains("fewer threads") && m.contains("smaller image"), m);
            assertEquals(1, m.lines().count());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void garbageCollectedFirstLetsTheRunGoOn() {
        AtomicInteger collected = new AtomicInteger();
        AwdvdMemory.Heap heap = new AwdvdMemory.Heap() {
            @Override
            public long maxBytes() {
                return 100 * MIB;
            }

            @Override
            public long usedBytes() {
                return collected.get() == 0 ? 99 * MIB : 0; // all garbage
            }

            @Override
            public void collect() {
                collected.incrementAndGet();
            }
        };
        Awdvd awdvd = new Awdvd(PatchClassifier.constant(3), GAUSS, PatchDeconvolver.identity(),
                IterationPolicy.fixed(1)).withHeap(heap);
        Image2d image = ramp(200, 150);
        AwdvdResult r = awdvd.deconvolve(image, AwdvdOptions.defaults(), ForkJoinPool.commonPool(), (s, d, t) -> { });
        assertEquals(image.width(), r.image().width());
        assertTrue(collected.get() >= 1);
    }

    @Test
    void refusesAfterClassifyingWhenTheMapNeedsMore() {
        // the interpolated mode with all eleven levels present holds an OTF and a grid-sized map per
        // level: more than the one class assumed before classifying
        int w = 600, h = 600;
        PatchClassifier everyLevel = (patches, p, n, pool) -> {
            float[][] rows = new float[n][PatchClassifier.CLASSES];
            for (float[] row : rows) {
                java.util.Arrays.fill(row, 0, PatchClassifier.LEVELS, 1f / PatchClassifier.LEVELS);
            }
            return rows;
        };
        AtomicInteger calls = new AtomicInteger();
        PatchClassifier counted = (patches, p, n, pool) -> {
            calls.incrementAndGet();
            return everyLevel.probabilities(patches, p, n, pool);
        };
        AwdvdOptions options = AwdvdOptions.defaults().withMode(AwdvdOptions.Mode.INTERPOLATED).withIterations(1);
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            long before = AwdvdMemory.of(w, h, null, options, GAUSS, new RlPatchDeconvolver(GAUSS), 1).bytes();
            PatchGrid grid = PatchGrid.of(w, h, 42);
            DefocusMap map = DefocusMapFilter.filter(new DefocusMap(grid,
                    everyLevel.probabilities(new float[0], 84, grid.count(), pool)));
            long after = AwdvdMemory.of(w, h, map, options, GAUSS, new RlPatchDeconvolver(GAUSS), 1).bytes();
            assertTrue(after > 2 * before, before + " " + after);
            long maxMib = (before + after) / 2 / MIB;
            Awdvd awdvd = Awdvd.of(counted, GAUSS).withHeap(heap(maxMib, 0, new AtomicInteger()));
            assertThrows(AwdvdMemory.HeapTooSmallException.class,
                    () -> awdvd.deconvolve(ramp(w, h), options, pool, (s, d, t) -> { }));
            assertTrue(calls.get() > 0, "classified first");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void stackRefusedBeforeItsFirstPlaneWhenTheOutputDoesNotFit() {
        int w = 200, h = 200, depth = 400; // 64 MB of output
        AwdvdOptions options = AwdvdOptions.defaults();
        long plane = AwdvdMemory.of(w, h, null, options, GAUSS, new RlPatchDeconvolver(GAUSS), 1).bytes();
        AtomicInteger calls = new AtomicInteger();
        Awdvd awdvd = Awdvd.of(counting(4, calls), GAUSS).withHeap(heap(plane / MIB + 16, 0, new AtomicInteger()));
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            Stack3d stack = new Stack3d(w, h, depth, new float[w * h * depth]);
            AwdvdMemory.HeapTooSmallException e = assertThrows(AwdvdMemory.HeapTooSmallException.class,
                    () -> awdvd.deconvolve(stack, options, pool, (s, d, t) -> { }));
            assertTrue(e.needBytes() >= 4L * w * h * depth, e.getMessage());
            assertEquals(0, calls.get());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void planShapesAreThoseTheDeconvolverMakes() {
        // every (level, region shape) the estimate counts is a plan RlPatchDeconvolver builds, and no more
        int w = 300, h = 200, level = 4;
        RlPatchDeconvolver rl = new RlPatchDeconvolver(GAUSS);
        Awdvd awdvd = new Awdvd(PatchClassifier.constant(level), GAUSS, rl, IterationPolicy.fixed(1));
        AwdvdResult r = awdvd.deconvolve(ramp(w, h), AwdvdOptions.defaults(), ForkJoinPool.commonPool(),
                (s, d, t) -> { });
        int[] labels = new int[r.map().count()];
        boolean[] all = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = r.map().label(i);
            all[i] = true;
        }
        int shapes = AwdvdMemory.planKeys(r.map().grid(), labels, all, GAUSS::radius).size();
        assertEquals(rl.planCount(), shapes);
        assertTrue(shapes >= 4, "interior, border columns and rows: " + shapes); // not a trivially equal 1
    }

    @Test
    void beforeClassifyingItAsksAtMostTheMarginAboveWhatMeasuredRunsNeeded() {
        // The check before classifying must not refuse a run that fits by more than its margin: its
        // estimate stays within MARGIN of what DelpNet runs needed (AwdvdHeapProbe on banded fields of
        // levels 2/5/8/10, one iteration: the smallest -Xmx a run completed in, minus the heap in use
        // before it; G1, JDK 17, session 12). In the interpolated mode it is a lower bound (one class).
        PsfSource bornWolf = BornWolfLevels.of(new Optics(0.5, 500, 1.0, 0.65, 2));
        Object[][] measured = { // mode, side, stride, threads, MiB needed
            {AwdvdOptions.Mode.AWDVD, 256, 42, 2, 29.7},
            {AwdvdOptions.Mode.AWDVD, 1024, 42, 2, 52.9},
            {AwdvdOptions.Mode.AWDVD, 1024, 42, 1, 44.9},
            {AwdvdOptions.Mode.AWDVD, 1024, 84, 2, 48.9},
            {AwdvdOptions.Mode.AWDVD, 2048, 42, 2, 119.9},
            {AwdvdOptions.Mode.AWDVD, 3000, 42, 2, 226.9},
            {AwdvdOptions.Mode.INTERPOLATED, 1024, 42, 2, 260.9},
            {AwdvdOptions.Mode.INTERPOLATED, 2048, 42, 2, 843.8},
        };
        for (Object[] m : measured) {
            AwdvdOptions options = AwdvdOptions.defaults().withMode((AwdvdOptions.Mode) m[0]).withStride((int) m[2]);
            int side = (int) m[1];
            long before = AwdvdMemory.of(side, side, null, options, bornWolf, new RlPatchDeconvolver(bornWolf),
                    (int) m[3]).bytes();
            double need = (double) m[4] * MIB;
            assertTrue(before <= AwdvdMemory.MARGIN * need, java.util.Arrays.toString(m) + ": " + before / MIB + " MiB");
            if (m[0] == AwdvdOptions.Mode.INTERPOLATED) {
                assertTrue(before <= need, java.util.Arrays.toString(m) + ": " + before / MIB + " MiB");
            }
        }
    }
}
