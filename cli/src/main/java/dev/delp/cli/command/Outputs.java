package dev.delp.cli.command;

import java.nio.file.Path;
import java.util.Collection;

import dev.delp.cli.Invocation;
import dev.delp.cli.UsageException;
import dev.delp.cli.io.ImageFiles;
import dev.delp.cli.io.OutputFiles;
import dev.delp.cli.io.TiffVolumeWriter;

/** Output flag helpers shared by the commands. */
final class Outputs {
    private Outputs() {
    }

    /** {@code --bits 32|16} → sample type. */
    static TiffVolumeWriter.Bits bits(Invocation inv) {
        String b = inv.string("bits", "32").trim();
        if (!b.equals("16") && !b.equals("32")) {
            throw new UsageException("--bits must be 32 (float) or 16 (rescaled), got " + b);
        }
        return b.equals("32") ? TiffVolumeWriter.Bits.FLOAT32 : TiffVolumeWriter.Bits.UINT16;
    }

    /**
     * Warns that a {@code .png} output is a picture, not data: the writer stretches min..max to
     * 0..65535 and records neither the range nor the pixel size (a PSF written so lost the tails below
     * 1/65535 of its peak and was later read back without its calibration).
     */
    static void warnIfPng(Invocation inv, Path out) {
        if (ImageFiles.extension(out).equals("png")) {
            inv.warn(out + ": a PNG holds 16-bit integers: values are stretched from their min..max to 0..65535 and "
                    + "neither that range nor the pixel size is recorded; write .tif to keep them");
        }
    }

    /** Fails early (before any work) if the output cannot be written or has an unknown extension. */
    static void checkTarget(Invocation inv, Path out, Collection<Path> inputs) {
        if (java.nio.file.Files.isDirectory(out)) { // said "output out must end in .tif, .tiff or .png"
            String name = inputs.isEmpty() ? "out" : inputs.iterator().next().getFileName().toString()
                    .replaceFirst("\\.[^.]*$", "");
            throw new UsageException("-o " + out + " is a folder; name the output file, e.g. -o " + out.resolve(name + ".tif"));
        }
        String ext = ImageFiles.extension(out);
        if (!ext.equals("tif") && !ext.equals("tiff") && !ext.equals("png")) {
            throw new UsageException("output " + out + " must end in .tif, .tiff or .png");
        }
        OutputFiles.checkWritable(out, inputs, inv.force());
    }
}
