package dev.delp.fft;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Immutable, thread-safe plan for a complex 1D FFT of any length, on interleaved
 * {@code re, im} data. Forward is unnormalised; inverse scales by {@code 1/n}.
 *
 * <p>Lengths whose prime factors are all at most {@value FftPlan#MAX_DIRECT_PRIME} run as
 * mixed-radix Stockham stages (radix 4, 2, 3, 5 and a generic odd radix); others by Bluestein's
 * algorithm over a {2,3,5,7}-smooth inner length. Scratch comes from a per-plan pool (no
 * allocation after warm-up), or from the caller through the overloads taking {@code work}.
 */
public final class ComplexFft1d {
    /** Plans kept in the cache (least recently used evicted first). */
    static final int CACHE_LIMIT = 64;
    private static final Map<Integer, ComplexFft1d> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, ComplexFft1d> eldest) {
            return size() > CACHE_LIMIT;
        }
    };

    private final int n;
    private final FftPlan plan;
    private final ScratchPool scratch;

    private ComplexFft1d(int n) {
        this.n = n;
        this.plan = new FftPlan(n);
        this.scratch = new ScratchPool(plan.scratchFloats());
    }

    /** A (cached) plan for length {@code n}. */
    public static ComplexFft1d of(int n) {
        FftSizes.checkLength("n", n);
        synchronized (CACHE) {
            ComplexFft1d p = CACHE.get(n);
            if (p != null) {
                return p;
            }
        }
        ComplexFft1d made = new ComplexFft1d(n); // built outside the lock: Bluestein set-up can take a while
        synchronized (CACHE) {
            ComplexFft1d p = CACHE.putIfAbsent(n, made);
            return p != null ? p : made;
        }
    }

    /** Number of plans currently cached (at most {@value #CACHE_LIMIT}). */
    static int cacheSize() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }

    /** Transform length (complex points). */
    public int length() {
        return n;
    }

    /** Floats of caller-owned scratch the {@code work} overloads need. */
    public int scratchLength() {
        return plan.scratchFloats();
    }

    FftPlan plan() {
        return plan;
    }

    /** In-place forward transform of {@code 2n} floats starting at {@code offset}. */
    public void forward(float[] data, int offset) {
        FftSizes.checkArray("data", data, offset, 2L * n);
        float[] w = scratch.take();
        Stockham.transform(plan, data, offset, w, -1);
        scratch.give(w);
    }

    /**
     * In-place forward transform using caller-owned scratch of at least {@link #scratchLength()}
     * floats; a thread must not share {@code work} with another transform running at the same time.
     */
    public void forward(float[] data, int offset, float[] work) {
        FftSizes.checkArray("data", data, offset, 2L * n);
        FftSizes.checkArray("work", work, 0, plan.scratchFloats());
        Stockham.transform(plan, data, offset, work, -1);
    }

    /** In-place inverse transform (scaled by {@code 1/n}) of {@code 2n} floats starting at {@code offset}. */
    public void inverse(float[] data, int offset) {
        FftSizes.checkArray("data", data, offset, 2L * n);
        float[] w = scratch.take();
        Stockham.transform(plan, data, offset, w, +1);
        scratch.give(w);
        scale(data, offset);
    }

    /** In-place inverse transform (scaled by {@code 1/n}) with caller-owned scratch (see {@link #forward(float[], int, float[])}). */
    public void inverse(float[] data, int offset, float[] work) {
        FftSizes.checkArray("data", data, offset, 2L * n);
        FftSizes.checkArray("work", work, 0, plan.scratchFloats());
        Stockham.transform(plan, data, offset, work, +1);
        scale(data, offset);
    }

    private void scale(float[] data, int offset) {
        float s = 1f / n;
        for (int i = offset; i < offset + 2 * n; i++) {
            data[i] *= s;
        }
    }

    /** Unscaled transform with the given exponent sign (-1 forward, +1 backward). */
    void transformUnscaled(float[] data, int offset, int sign) {
        float[] w = scratch.take();
        Stockham.transform(plan, data, offset, w, sign);
        scratch.give(w);
    }
}
