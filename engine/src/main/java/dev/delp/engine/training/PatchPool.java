package dev.delp.engine.training;

import dev.delp.engine.dataset.DatasetBuilder;
import dev.delp.nn.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/** The training pool: a mix of real and synthetic blocks, refreshed in a rotating window. */
final class PatchPool {
    private final LabelledSet set;
    private final DatasetBuilder real;
    private final DatasetBuilder synth;
    private final double realFraction;
    private final long seed;
    private long nextRealBlock;
    private long nextSynthBlock;
    private int cursor;

    PatchPool(int size, DatasetBuilder real, DatasetBuilder synth, double realFraction, long seed) {
        this.set = new LabelledSet(new float[size * LabelledSet.SIZE], new int[size], new double[size], size);
        this.real = real;
        this.synth = synth;
        this.realFraction = real == null ? 0 : realFraction;
        this.seed = seed;
    }

    void fill(ForkJoinPool pool) {
        cursor = 0;
        refresh(1.0, pool);
    }

    /** Replaces {@code fraction} of the pool (blocks of 12) starting at the rotating cursor. */
    void refresh(double fraction, ForkJoinPool pool) {
        int blocks = (int) Math.round(fraction * set.count() / 12.0);
        int realBlocks = (int) Math.round(blocks * realFraction);
        List<LabelledSet> parts = new ArrayList<>();
        if (realBlocks > 0) {
            parts.add(LabelledSet.build(real, seed, nextRealBlock, realBlocks, pool));
            nextRealBlock += realBlocks;
        }
        if (blocks - realBlocks > 0) {
            parts.add(LabelledSet.build(synth, seed, nextSynthBlock, blocks - realBlocks, pool));
            nextSynthBlock += blocks - realBlocks;
        }
        for (LabelledSet p : parts) {
            for (int done = 0; done < p.count(); ) {
                int n = Math.min(p.count() - done, set.count() - cursor);
                LabelledSet slice = new LabelledSet(
                        Arrays.copyOfRange(p.patches(), done * LabelledSet.SIZE, (done + n) * LabelledSet.SIZE),
                        Arrays.copyOfRange(p.labels(), done, done + n),
                        Arrays.copyOfRange(p.defocusUm(), done, done + n), n);
                set.overwrite(cursor, slice);
                cursor = (cursor + n) % set.count();
                done += n;
            }
        }
    }

    /** Batch for {@code step}: uniformly drawn pool entries (seeded by step). */
    void fill(long step, float[] x, int[] labels, int n) {
        SplittableRandom rnd = new SplittableRandom(Trainer.mix(seed, step, 0xBA7C));
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(set.count());
            System.arraycopy(set.patches(), k * LabelledSet.SIZE, x, i * LabelledSet.SIZE, LabelledSet.SIZE);
            labels[i] = set.labels()[k];
        }
    }
}
