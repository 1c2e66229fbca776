package dev.delp.engine.dataset;

import dev.delp.engine.image.PsfImages;
import dev.delp.psf.Optics;
import dev.delp.psf.PsfBank;

/** {@link PsfSource} adapters for the psf module. */
public final class PsfSources {
    private PsfSources() {
    }

    /** Born–Wolf PSFs from a bank (cached by the bank; size fixed or automatic as the bank says). */
    public static PsfSource of(PsfBank bank) {
        if (bank == null) {
            throw new IllegalArgumentException("psf bank is null");
        }
        return d -> PsfImages.of(bank.psf(d));
    }

    /** Born–Wolf PSFs at the given optics, automatic size (99 % energy). */
    public static PsfSource bornWolf(Optics optics) {
        return of(new PsfBank(optics, 0));
    }
}
