package dev.delp.cli.io;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The ImageJ metadata that ImageJ/Fiji keep in a TIFF's {@code ImageDescription} tag: lines of
 * {@code key=value} starting with {@code ImageJ=version}. We read {@code images}, {@code slices},
 * {@code channels}, {@code frames}, {@code unit}, {@code spacing} and the value calibration
 * {@code cf/c0/c1/vunit}, and write the same keys so Fiji opens our outputs calibrated.
 */
public final class ImageJDescription {
    private final Map<String, String> values;

    private ImageJDescription(Map<String, String> values) {
        this.values = values;
    }

    /** Parses a description; returns null unless it is an ImageJ description. */
    public static ImageJDescription parse(String description) {
        if (description == null || !description.startsWith("ImageJ=")) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : description.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return new ImageJDescription(values);
    }

    /** A raw value, or null. */
    public String get(String key) {
        return values.get(key);
    }

    /** An integer value, or {@code fallback} if absent or not an integer. */
    public long getLong(String key, long fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** A number, or NaN if absent or not a finite number. */
    public double getDouble(String key) {
        String v = values.get(key);
        if (v == null) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Factor from the description's length unit to µm, or NaN if the unit is absent or not a
     * length (ImageJ writes {@code micron}, also seen: {@code um}, {@code µm}, {@code \u00B5m}).
     */
    public double unitToUm() {
        return unitToUm(values.get("unit"));
    }

    static double unitToUm(String unit) {
        if (unit == null) {
            return Double.NaN;
        }
        return switch (unit.toLowerCase(Locale.ROOT).replace("\\u00b5", "µ")) {
            case "micron", "microns", "um", "µm", "\u03bcm", "micrometer", "micrometre" -> 1.0;
            case "nm", "nanometer", "nanometre" -> 1e-3;
            case "mm", "millimeter", "millimetre" -> 1e3;
            case "cm", "centimeter", "centimetre" -> 1e4;
            default -> Double.NaN;
        };
    }

    /**
     * Builds the description ImageJ writes for a stack of {@code depth} planes in µm units.
     *
     * @param depth      planes
     * @param zSpacingUm plane spacing in µm, or NaN to omit
     * @param calibrated whether {@code pixelSizeUm} is known (then {@code unit=micron})
     * @param valueOffset for 16-bit output, physical value of stored 0 (ImageJ {@code c0}); NaN to omit
     * @param valueScale  for 16-bit output, physical value per stored step (ImageJ {@code c1})
     * @param min        display minimum
     * @param max        display maximum
     */
    public static String format(int depth, double zSpacingUm, boolean calibrated, double valueOffset,
                                double valueScale, double min, double max) {
        StringBuilder sb = new StringBuilder("ImageJ=1.54f\n");
        if (depth > 1) {
            sb.append("images=").append(depth).append('\n');
            sb.append("slices=").append(depth).append('\n');
        }
        if (calibrated || !Double.isNaN(zSpacingUm)) {
            sb.append("unit=micron\n");
        }
        if (depth > 1 && !Double.isNaN(zSpacingUm)) {
            sb.append("spacing=").append(zSpacingUm).append('\n');
        }
        if (!Double.isNaN(valueOffset)) {
            sb.append("cf=0\nc0=").append(valueOffset).append("\nc1=").append(valueScale).append("\nvunit=value\n");
        }
        if (depth > 1) {
            sb.append("loop=false\n");
        }
        sb.append("min=").append(min).append("\nmax=").append(max).append('\n');
        return sb.toString();
    }
}
