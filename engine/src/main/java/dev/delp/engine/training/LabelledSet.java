package dev.delp.engine.training;

import dev.delp.engine.dataset.DatasetBuilder;
import dev.delp.engine.dataset.LabelledPatch;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * A fixed set of labelled 84×84 patches packed back to back (raw camera counts), as DelpNet and
 * the trainer consume them.
 *
 * @param patches  {@code count · 84 · 84} floats
 * @param labels   class labels 0..10, 11 = bg
 * @param defocusUm defocus each patch was rendered at
 * @param count    number of patches
 */
public record LabelledSet(float[] patches, int[] labels, double[] defocusUm, int count) {
    /** Patch side. */
    public static final int SIDE = DatasetBuilder.PATCH;
    /** Floats per patch. */
    public static final int SIZE = SIDE * SIDE;

    /**
     * Blocks {@code first .. first+blocks-1} of {@code builder} at {@code seed} (12 patches per
     * block), built in parallel on {@code pool}. A block for which the builder finds no window of
     * some class (e.g. no background in 50 crowded specimens) is skipped — deterministically, since
     * a block is a pure function of (seed, index) — so the set may hold fewer than 12·blocks patches.
     */
    public static LabelledSet build(DatasetBuilder builder, long seed, long first, int blocks, ForkJoinPool pool) {
        List<List<LabelledPatch>> parts = pool.submit(() -> java.util.stream.LongStream.range(first, first + blocks)
                .parallel().mapToObj(b -> {
                    try {
                        return builder.block(seed, b);
                    } catch (IllegalStateException e) {
                        return List.<LabelledPatch>of();
                    }
                }).toList()).join();
        List<LabelledPatch> list = new java.util.ArrayList<>(blocks * 12);
        parts.forEach(list::addAll);
        return of(list);
    }

    /** Packs a list of patches. */
    public static LabelledSet of(List<LabelledPatch> list) {
        int n = list.size();
        float[] data = new float[n * SIZE];
        int[] labels = new int[n];
        double[] defocus = new double[n];
        for (int i = 0; i < n; i++) {
            LabelledPatch p = list.get(i);
            if (p.patch().width() != SIDE || p.patch().height() != SIDE) {
                throw new IllegalArgumentException("patch " + i + " is " + p.patch().shape() + ", expected 84x84");
            }
            System.arraycopy(p.patch().data(), 0, data, i * SIZE, SIZE);
            labels[i] = p.label();
            defocus[i] = p.defocusUm();
        }
        return new LabelledSet(data, labels, defocus, n);
    }

    /** Writes patches {@code [0, n)} of {@code src} over patches {@code [at, at+n)} of this set. */
    public void overwrite(int at, LabelledSet src) {
        int n = Math.min(src.count, count - at);
        System.arraycopy(src.patches, 0, patches, at * SIZE, n * SIZE);
        System.arraycopy(src.labels, 0, labels, at, n);
        System.arraycopy(src.defocusUm, 0, defocusUm, at, n);
    }
}
