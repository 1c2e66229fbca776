package dev.delp.engine.awdvd;

/**
 * The patches of a defocus map that sit at a depth jump: a patch whose expected level (the
 * probability-weighted mean over levels 0..10, background left out) differs from that of one of its
 * four grid neighbours by at least {@code minJump} levels. Between two such centres the interpolated
 * mode's blur model is a mixture of PSFs several levels apart, which fits neither depth: a tilt
 * moves about 0.6 levels per patch spacing, a two-depth step jumps by the whole difference at once.
 * Background patches (arg-max background, or no level mass) never count.
 */
public final class LevelJumps {
    /**
     * The jump (levels between neighbouring expected levels) at which the interpolated mode restores
     * the patches on both sides patch-wise ({@link Awdvd}).
     */
    public static final double MIN_JUMP = 2;

    private LevelJumps() {
    }

    /**
     * Expected level of each patch over levels 0..10 (background excluded, renormalised), or −1 for a
     * patch with no level probability.
     */
    public static double[] expectedLevels(DefocusMap map) {
        return expectedLevels(map, PatchClassifier.LEVELS - 1);
    }

    /** {@link #expectedLevels(DefocusMap)} with level 10 counted at {@code deepest} levels. */
    static double[] expectedLevels(DefocusMap map, double deepest) {
        double[] e = new double[map.count()];
        for (int i = 0; i < e.length; i++) {
            float[] p = map.probabilities(i);
            double z = 0, m = 0;
            for (int c = 0; c < PatchClassifier.LEVELS; c++) {
                z += p[c];
                m += (c == PatchClassifier.LEVELS - 1 ? deepest : c) * (double) p[c];
            }
            e[i] = z > 0 ? m / z : -1;
        }
        return e;
    }

    /**
     * {@link #expectedLevels}, with −1 also for patches whose arg-max is background: their level mass
     * is a remainder, which DelpNet's bg rows spread anywhere in 0..10.
     */
    static double[] expectedLevelsOfLevelPatches(DefocusMap map) {
        return expectedLevelsOfLevelPatches(map, PatchClassifier.LEVELS - 1);
    }

    private static double[] expectedLevelsOfLevelPatches(DefocusMap map, double deepest) {
        double[] e = expectedLevels(map, deepest);
        for (int i = 0; i < e.length; i++) {
            if (map.label(i) == PatchClassifier.BG) {
                e[i] = -1;
            }
        }
        return e;
    }

    /**
     * {@code true} for every patch whose expected level differs from a 4-neighbour's by
     * {@code minJump} or more (both with level mass, neither with background as arg-max). Patches whose
     * arg-max is background are left out since session 6: their few level probabilities give expected
     * levels anywhere from 0 to 10, and with them 84–105 of the 113–136 patches found on a01 with
     * DelpNet's map were background patches; without them 4–7 remain (docs/eval/README.md).
     *
     * @param minJump in levels, {@code > 0}
     */
    public static boolean[] find(DefocusMap map, double minJump) {
        return find(map, minJump, PatchClassifier.LEVELS - 1);
    }

    /**
     * As {@link #find(DefocusMap, double)}, with level 10 at {@code deepest} levels ({@link
     * PsfSource#deepestInLevels}): when level 10 is restored deeper than 20 µm, a level-9 patch beside
     * level-10 ones is a jump of several levels (a01 blurred 32 µm: level 10 at 16 levels; a patch
     * called 9 or lower there was blended with the 32 µm ones and cost the interpolated mode up to
     * 1.7 dB; docs/eval/README.md, session 10).
     *
     * @param deepest in levels, within [10, 40] (level 10 up to {@link BornWolfLevels#MAX_DEEPEST_FACTOR}x deeper)
     */
    public static boolean[] find(DefocusMap map, double minJump, double deepest) {
        if (!(minJump > 0) || Double.isInfinite(minJump)) {
            throw new IllegalArgumentException("minimum jump " + minJump + " levels must be finite and > 0");
        }
        double most = BornWolfLevels.MAX_DEEPEST_FACTOR * (PatchClassifier.LEVELS - 1);
        if (!(deepest >= PatchClassifier.LEVELS - 1 && deepest <= most)) {
            throw new IllegalArgumentException("deepest level " + deepest + " must be within [10, " + most + "]");
        }
        PatchGrid grid = map.grid();
        int cols = grid.columns(), rows = grid.rows();
        double[] e = expectedLevelsOfLevelPatches(map, deepest);
        boolean[] out = new boolean[e.length];
        for (int i = 0; i < e.length; i++) {
            if (e[i] < 0) {
                continue;
            }
            int c = i % cols, r = i / cols;
            out[i] = jumps(e, i, c > 0 ? i - 1 : -1, minJump) || jumps(e, i, c + 1 < cols ? i + 1 : -1, minJump)
                    || jumps(e, i, r > 0 ? i - cols : -1, minJump) || jumps(e, i, r + 1 < rows ? i + cols : -1, minJump);
        }
        return out;
    }

    private static boolean jumps(double[] e, int i, int j, double minJump) {
        return j >= 0 && e[j] >= 0 && Math.abs(e[i] - e[j]) >= minJump;
    }
}
