package dev.delp.cli.command;

import java.util.List;

import dev.delp.cli.Invocation;
import dev.delp.cli.OptionSpec;
import dev.delp.cli.UsageException;
import dev.delp.psf.BornWolf;
import dev.delp.psf.Optics;
import dev.delp.psf.Psf2d;
import dev.delp.psf.PsfTooWideException;

/** The optics flags shared by psf, simulate, deconvolve and train (DESIGN.md §5). */
final class OpticsFlags {
    private OpticsFlags() {
    }

    static final List<OptionSpec> SPECS = List.of(
            OptionSpec.value("na", "NA", "numerical aperture, in (0, immersion index) (default 0.5)"),
            OptionSpec.value("wavelength-nm", "NM", "emission wavelength in nm, 200..2000 (default 500)"),
            OptionSpec.value("immersion-index", "N", "refractive index of the immersion medium, 1.0..2.0 (default 1.0, air)"),
            OptionSpec.value("pixel-um", "UM", "pixel size in µm in the sample plane, 0.01..100 (default 0.65, or the file's calibration)"),
            OptionSpec.value("step-um", "UM", "defocus per level in µm, (0, 1000] (default 2)"));

    /** The optics from flags; the pixel size falls back to {@code filePixelUm} (if known), then 0.65. */
    static Optics parse(Invocation inv, double filePixelUm) {
        Optics d = Optics.defaults();
        double n = inv.number("immersion-index", d.immersionIndex(), Optics.MIN_INDEX, Optics.MAX_INDEX);
        double na = inv.number("na", d.numericalAperture(), 0, Optics.MAX_INDEX);
        if (!(na > 0 && na < n)) {
            throw new UsageException("--na must be in (0, " + n + ") (below the immersion index), got " + na);
        }
        double lambda = inv.number("wavelength-nm", d.wavelengthNm(), Optics.MIN_WAVELENGTH_NM, Optics.MAX_WAVELENGTH_NM);
        boolean fileOutOfRange = !Double.isNaN(filePixelUm)
                && (filePixelUm < Optics.MIN_PIXEL_UM || filePixelUm > Optics.MAX_PIXEL_UM);
        double pixelDefault = Double.isNaN(filePixelUm) || fileOutOfRange ? d.pixelSizeUm() : filePixelUm;
        if (fileOutOfRange && !inv.has("pixel-um")) { // a screen-DPI or broken calibration: say what is used instead
            inv.warn("the file's pixel size " + filePixelUm + " µm is outside " + trim(Optics.MIN_PIXEL_UM) + ".."
                    + trim(Optics.MAX_PIXEL_UM) + " µm; using " + trim(d.pixelSizeUm()) + " µm (set --pixel-um)");
        }
        double pixel = inv.number("pixel-um", pixelDefault, Optics.MIN_PIXEL_UM, Optics.MAX_PIXEL_UM);
        // one range in every message: 0 said "(0, 1000.0], got 0.0" and 1e6 "[0, 1000], got 1e6"
        double step = inv.positive("step-um", d.stepUm(), Optics.MAX_STEP_UM);
        return new Optics(na, lambda, n, pixel, step);
    }

    /** {@code "NA 0.5, 500 nm, n 1.0, 0.65 µm/px, 2 µm/level"}. */
    static String describe(Optics o) {
        return "NA " + o.numericalAperture() + ", " + trim(o.wavelengthNm()) + " nm, n " + o.immersionIndex() + ", "
                + o.pixelSizeUm() + " µm/px, " + trim(o.stepUm()) + " µm/level";
    }

    /**
     * The Born–Wolf slice at its automatic size (99 % of the energy); when that would pass
     * {@link BornWolf#MAX_AUTO_SIZE}, a usage error naming the numbers and, in {@code hint}, the
     * flags of the calling command that change them.
     */
    static Psf2d autoSlice(Optics optics, double defocusUm, String hint) {
        try {
            return new BornWolf(optics).slice(defocusUm);
        } catch (PsfTooWideException e) {
            throw new UsageException("defocus " + trim(e.defocusUm()) + " µm at " + trim(e.pixelSizeUm())
                    + " µm/px needs a PSF wider than " + e.maxSize() + " px to hold " + Math.round(e.energy() * 100)
                    + " % of its energy; " + hint, e);
        }
    }

    /** A pixel value as it is stored: a float's shortest digits (-220.86383 was printed as -220.86383056640625). */
    static String trim(float f) {
        return f == Math.rint(f) && Math.abs(f) < 1e15 ? Long.toString((long) f) : Float.toString(f);
    }

    static String trim(double d) {
        // whole numbers without ".0", but not past long's range (1e300 printed as 9223372036854775807)
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
