package dev.delp.engine.image;

import dev.delp.psf.Psf2d;
import dev.delp.psf.Psf3d;

/** Converts the psf module's PSF types to engine images (copies). */
public final class PsfImages {
    private PsfImages() {
    }

    /** A {@code size x size} image of the PSF's values. */
    public static Image2d of(Psf2d psf) {
        return new Image2d(psf.size(), psf.size(), psf.values());
    }

    /** A {@code size x size x depth} stack of the PSF's values. */
    public static Stack3d of(Psf3d psf) {
        return new Stack3d(psf.size(), psf.size(), psf.depth(), psf.values());
    }
}
