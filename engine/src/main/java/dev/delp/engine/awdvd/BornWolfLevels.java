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
    private final double deepestUm;
    private final AtomicReferenceArray<Image2d> cache = new AtomicReferenceArray<>(PatchClassifier.LEVELS);

    public BornWolfLevels(PsfBank bank) {
        this(bank, bank.optics().defocusUmOfLevel(PatchClassifier.LEVELS - 1));
    }

    private BornWolfLevels(PsfBank bank, double deepestUm) {
        this.bank = bank;
        this.deepestUm = deepestUm;
    }

    /**
     * The same levels, with the deepest one (10: "that far or more out of focus") at
     * {@code defocusUm} instead of {@code 10 · stepUm} — for an image whose deep regions were
     * measured deeper ({@link DeepDefocus}).
     */
    public BornWolfLevels withDeepestAtUm(double defocusUm) {
        double nominal = nominalDeepestUm();
        if (!(defocusUm >= nominal && defocusUm <= MAX_DEEPEST_FACTOR * nominal)) {
            throw new IllegalArgumentException("deepest level at " + defocusUm + " µm must be within [" + nominal + ", "
                    + MAX_DEEPEST_FACTOR * nominal + "] µm (level 10 and up to " + MAX_DEEPEST_FACTOR + "x deeper)");
        }
        return new BornWolfLevels(bank, defocusUm);
    }

    /** Defocus (µm) of the deepest level's PSF. */
    public double deepestUm() {
        return deepestUm;
    }

    @Override
    public double deepestInLevels() {
        return deepestUm / bank.optics().stepUm();
    }

    /** The PSF at any defocus (µm) of these optics, from the bank's cache. */
    Psf2d psfAtUm(double defocusUm) {
        return bank.psf(defocusUm);
    }

    /** Defocus (µm) of the deepest level as the optics define it, whatever {@link #withDeepestAtUm} set. */
    double nominalDeepestUm() {
        return bank.optics().defocusUmOfLevel(PatchClassifier.LEVELS - 1);
    }

    /** How much deeper than its nominal defocus the deepest level may be set. */
    static final double MAX_DEEPEST_FACTOR = 4;

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
            Psf2d psf = level == PatchClassifier.LEVELS - 1 ? bank.psf(deepestUm) : bank.level(level);
            p = new Image2d(psf.size(), psf.size(), psf.values());
            cache.compareAndSet(level, null, p);
            p = cache.get(level);
        }
        return p;
    }
}
