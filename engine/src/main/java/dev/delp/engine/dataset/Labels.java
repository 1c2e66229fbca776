package dev.delp.engine.dataset;

/**
 * Class labels of DelpNet patches.
 *
 * <p><b>Encoding:</b> {@code 0..10} = defocus level {@code L} (defocus {@code L · stepUm} from the
 * focal plane; level 10 = "20 µm or more" at the default 2 µm step); {@code 11} = {@link #BG}
 * (background, no usable signal). {@link #COUNT} = 12 classes.
 *
 * <p><b>Background rule</b> (used by {@link DatasetBuilder}; thresholds in its {@code Config}):
 * let {@code s = source − offset} be the in-focus source with its camera offset removed and
 * {@code ref} its 99.9th percentile. A pixel is <em>foreground</em> when {@code s > 0.15 · ref}
 * ({@code foregroundThreshold}). A window is
 * <ul>
 *   <li><b>bg</b> when at most 0.1 % ({@code bgMaxForeground}) of the pixels of the 84×84 window
 *       grown by {@code bgMarginPx} (default 24 px, about the level-10 blur radius) on every side
 *       are foreground — so no level brings light into it;
 *   <li>a <b>level patch</b> when at least 3 % ({@code minForeground}) of its 84×84 pixels are
 *       foreground;
 *   <li>otherwise ambiguous and never emitted.
 * </ul>
 * A bg patch is rendered like the others (blurred at a random level, same noise), so its only
 * distinguishing feature is the absence of specimen signal.
 */
public final class Labels {
    /** Number of defocus levels (0..10). */
    public static final int LEVELS = 11;
    /** The background label. */
    public static final int BG = 11;
    /** Number of classes (levels plus bg). */
    public static final int COUNT = 12;

    private Labels() {
    }

    /** {@code "0".."10"} or {@code "bg"}. */
    public static String name(int label) {
        check(label);
        return label == BG ? "bg" : Integer.toString(label);
    }

    /** Inverse of {@link #name}. */
    public static int parse(String name) {
        if ("bg".equalsIgnoreCase(name.trim())) {
            return BG;
        }
        try {
            int l = Integer.parseInt(name.trim());
            check(l);
            return l;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("label \"" + name + "\" is not 0..10 or bg");
        }
    }

    /** True for the defocus levels 0..10. */
    public static boolean isLevel(int label) {
        return label >= 0 && label < LEVELS;
    }

    /** Throws unless {@code 0 <= label < COUNT}. */
    public static void check(int label) {
        if (label < 0 || label >= COUNT) {
            throw new IllegalArgumentException("label " + label + " outside 0..11 (0..10 = level, 11 = bg)");
        }
    }
}
