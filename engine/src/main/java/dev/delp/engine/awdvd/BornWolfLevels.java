package dev.delp.engine.awdvd;

import dev.delp.engine.image.Image2d;
import dev.delp.psf.Optics;
import dev.delp.psf.Psf2d;
import dev.delp.psf.PsfBank;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@link PsfSource} over the project's Born–Wolf {@link PsfBank}: level {@code L} is the slice at
 * {@code L · stepUm}, at automatic size (≥ 99 % of the energy; deeper levels are larger, so their
 * patch margins are larger too). Thread-safe; each level is converted once.
 */
public final class BornWolfLevels implements PsfSource {
    private final PsfBank bank;
    private final AtomicReferenceArray<Image2d> cache = new AtomicReferenceArray<>(PatchClassifier.LEVELS);

    public BornWolfLevels(PsfBank bank) {
        this.bank = bank;
    }

    /** Automatic-size PSFs for the given optics. */
    public static BornWolfLevels of(Optics optics) {
        return new BornWolfLevels(new PsfBank(optics, 0));
    }

    public Optics optics() {
        return bank.optics();
    }

    @Override
    public Image2d psf(int level) {
        if (level < 0 || level >= PatchClassifier.LEVELS) {
            throw new IllegalArgumentException("level " + level + " must be within [0, " + (PatchClassifier.LEVELS - 1)
                    + "]");
        }
        Image2d p = cache.get(level);
        if (p == null) {
            Psf2d psf = bank.level(level);
            p = new Image2d(psf.size(), psf.size(), psf.values());
            cache.compareAndSet(level, null, p);
            p = cache.get(level);
        }
        return p;
    }
}
