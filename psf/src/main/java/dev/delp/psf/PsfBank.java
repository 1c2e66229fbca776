package dev.delp.psf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Thread-safe cache of Born–Wolf PSFs for one {@link Optics} and one size: the {@value #LEVELS}
 * defocus levels and any continuous defocus. Each PSF is computed once (concurrent callers for
 * the same defocus wait for the first). {@code size == 0} means <b>automatic size per defocus</b>
 * ({@link BornWolf#autoSize}, ≥ 99 % energy, so deeper levels are larger); use
 * {@link Psf2d#padTo} to bring several to one common size. A positive odd size gives every PSF
 * that size. Results do not depend on which thread computes them. Every distinct defocus stays
 * cached for the bank's lifetime (one Psf2d of 29..47 px ≈ 3.4..8.8 KB at the default optics);
 * for many distinct values (random continuous defocus) quantise them or call
 * {@link BornWolf#slice} directly.
 */
public final class PsfBank {
    public static final int LEVELS = 11;

    private final Optics optics;
    private final int size;
    private final BornWolf model;
    private final ConcurrentHashMap<Double, Future<Psf2d>> cache = new ConcurrentHashMap<>();

    /** @param size odd size in [1, {@value BornWolf#MAX_SIZE}], or 0 for automatic per defocus */
    public PsfBank(Optics optics, int size) {
        if (size != 0) {
            BornWolf.checkSize(size);
        }
        this.model = new BornWolf(optics);
        this.optics = optics;
        this.size = size;
    }

    public Optics optics() {
        return optics;
    }

    /** The fixed size, or 0 for automatic. */
    public int size() {
        return size;
    }

    /** PSF of level 0..10 (defocus {@code level · stepUm}). */
    public Psf2d level(int level) {
        if (level < 0 || level >= LEVELS) {
            throw new IllegalArgumentException("level must be in [0, " + (LEVELS - 1) + "], got " + level);
        }
        return psf(optics.defocusUmOfLevel(level));
    }

    /** PSF at a continuous defocus (µm), cached. */
    public Psf2d psf(double defocusUm) {
        BornWolf.checkDefocus(defocusUm);
        Double key = defocusUm == 0 ? 0.0 : defocusUm;     // −0.0 and 0.0 share one entry
        Future<Psf2d> f = cache.get(key);
        if (f == null) {
            FutureTask<Psf2d> task = new FutureTask<>(
                    () -> size == 0 ? model.slice(defocusUm) : model.slice(defocusUm, size));
            f = cache.putIfAbsent(key, task);
            if (f == null) {
                f = task;
                task.run();
            }
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing PSF at " + defocusUm + " µm", e);
        } catch (ExecutionException e) {
            cache.remove(key, f);
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("PSF at " + defocusUm + " µm failed", c);
        }
    }

    /** Computes the {@value #LEVELS} level PSFs in parallel on {@code pool} and waits for them. */
    public void buildAll(ForkJoinPool pool) {
        if (pool == null) {
            throw new IllegalArgumentException("pool must not be null");
        }
        List<java.util.concurrent.ForkJoinTask<Psf2d>> tasks = new ArrayList<>();
        for (int l = LEVELS - 1; l >= 0; l--) {                // deepest (slowest) first
            final int level = l;
            tasks.add(pool.submit(() -> level(level)));
        }
        for (var t : tasks) {
            t.join();
        }
    }
}
