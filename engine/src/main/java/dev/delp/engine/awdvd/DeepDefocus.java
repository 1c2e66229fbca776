package dev.delp.engine.awdvd;

import dev.delp.engine.image.Image2d;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.concurrent.ForkJoinPool;

/**
 * How deep the deepest level's regions of an image really are. Level 10 means "{@code 10 · step}
 * (20 µm) or more out of focus", and real stacks go deeper (BBBC006 to ±32 µm; its defocused a01
 * field fits 40 µm): restored with the 20 µm PSF, a 32 µm blur came out below the noisy input.
 *
 * <p>The depth is read first from the spectrum ({@link SpectralDepth}): a defocus blur leaves rings
 * of zeros in the image's power spectrum at radii set by its depth, which a fit places to within about
 * a micrometre on fields of real and procedural specimens — where the binned classification below read
 * 5–7 (28 µm or "not deeper") on sparse fields 32 µm deep, restoring them with the 20 µm PSF below the
 * noisy input (docs/eval/README.md, session 11). That needs a deep region at least
 * {@value SpectralDepth#MIN_SPAN_PX} pixels across and a specimen bright enough for its rings to
 * clear the noise; otherwise the classifier reads the binned image, as follows.
 *
 * <p>Deep defocus is geometric: the blur disc's radius grows in proportion to the defocus. So an
 * image binned {@value #BIN}×{@value #BIN} (pixels {@value #BIN}× larger) and defocused by
 * {@code z} looks to the classifier, trained at the original pixel size, about like a defocus of
 * {@code z / BIN}. Each level-10 patch's window of {@code BIN · 84} pixels around its centre
 * (mirrored at the border) is binned to 84×84 and classified; the lower median {@code m} of the
 * levels read (background readings left out) gives the depth {@code BIN · m · step} when
 * {@code m ≥ }{@value #MIN_BINNED_LEVEL}. Measured on a01 and a03 blurred at 20/26/32/38/44 µm
 * (docs/eval/README.md, session 9): medians 5/7/8/9/10 and 5/6/8/9/10, i.e. 28–40 µm where taken. The
 * binned level 10 is open-ended again, so 40 µm is the deepest this reads.
 */
public final class DeepDefocus {
    /** Binning factor of the second look. */
    public static final int BIN = 2;

    /**
     * Lowest binned reading taken as "deeper than level 10" (28 µm at 2 µm per level). Level 10's own
     * depth reads as binned 5, and readings scatter by about one level either way (a 20 µm blur read
     * 4–6); a level-7 region mislabelled 10 at the image border read 6 (a01 STEP, session 9). So only
     * two binned levels above 5 count; on the 40 simulations of the evaluation scenarios (all ≤ 20 µm)
     * none reads that deep.
     */
    public static final int MIN_BINNED_LEVEL = 7;

    /** Windows classified per call (as {@link Awdvd#classify} batches patches). */
    static final int BATCH = 256;

    private DeepDefocus() {
    }

    /**
     * Spectral readings below this fraction of level 10's depth are taken as "no reading": a
     * specimen too faint for its blur's rings to clear the noise reads far too shallow (below 18 µm
     * for fields 26–40 µm deep), never too deep ({@link SpectralDepth}).
     */
    static final double CREDIBLE_FRACTION = 0.9;
    /** Spectral scan range, as fractions of level 10's depth (14–48 µm at 2 µm per level). */
    static final double SCAN_FROM = 0.7, SCAN_TO = 2.4;

    /**
     * The depth (µm) of the level-10 patches of {@code map} (same grid as {@code image}), or empty
     * when there is none or nothing could be read. First from the rings of their blur in the power
     * spectrum ({@link SpectralDepth}; the region's bounding box must be at least
     * {@value SpectralDepth#MIN_SPAN_PX} pixels each way); when that gives no credible reading, from
     * the classifier on the image binned {@value #BIN}×{@value #BIN}. The result may be level 10's
     * own depth or shallower; callers keep level 10's PSF unless it is deeper.
     */
    public static OptionalDouble estimateUm(Image2d image, DefocusMap map, PatchClassifier classifier,
            BornWolfLevels levels, ForkJoinPool pool) {
        double nominalUm = levels.nominalDeepestUm();
        SpectralDepth.Window window = SpectralDepth.regionWindow(map, PatchClassifier.LEVELS - 1);
        if (window != null) {
            OptionalDouble z = SpectralDepth.fitUm(image, window, levels::psfAtUm, SCAN_FROM * nominalUm,
                    SCAN_TO * nominalUm, nominalUm / 20, pool);
            if (z.isPresent() && z.getAsDouble() >= CREDIBLE_FRACTION * nominalUm) {
                return z;
            }
        }
        return binnedUm(image, map, classifier, levels.optics().stepUm(), pool);
    }

    /**
     * The depth (µm) of the image's level-10 patches of {@code map} read by the classifier on the
     * image binned {@value #BIN}×{@value #BIN}, or empty when there is none, when every binned window
     * reads as background, or when the reading is not clearly deeper than level 10 (median below
     * {@value #MIN_BINNED_LEVEL}).
     *
     * @param stepUm defocus per level of the classifier's optics
     */
    static OptionalDouble binnedUm(Image2d image, DefocusMap map, PatchClassifier classifier, double stepUm,
            ForkJoinPool pool) {
        if (!(stepUm > 0)) {
            throw new IllegalArgumentException("stepUm " + stepUm + " must be > 0");
        }
        PatchGrid grid = map.grid();
        if (grid.imageWidth() != image.width() || grid.imageHeight() != image.height()) {
            throw new IllegalArgumentException("defocus map grid " + grid + " does not match image " + image.shape());
        }
        int deepest = PatchClassifier.LEVELS - 1;
        int p = grid.patchSize();
        int count = 0;
        for (int i = 0; i < map.count(); i++) {
            if (map.label(i) == deepest) {
                count++;
            }
        }
        if (count == 0) {
            return OptionalDouble.empty();
        }
        int[] deep = new int[count];
        for (int i = 0, k = 0; i < map.count(); i++) {
            if (map.label(i) == deepest) {
                deep[k++] = i;
            }
        }
        int[] levels = new int[count];
        int n = 0;
        float[] windows = new float[Math.min(count, BATCH) * p * p];
        for (int start = 0; start < count; start += BATCH) { // bounded memory on large images
            int m = Math.min(BATCH, count - start);
            for (int j = 0; j < m; j++) {
                int i = deep[start + j];
                binnedWindow(image, grid.patchX(i) + p / 2, grid.patchY(i) + p / 2, p, windows, j * p * p);
            }
            float[][] probabilities = classifier.probabilities(m == BATCH ? windows
                    : Arrays.copyOf(windows, m * p * p), p, m, pool);
            for (float[] row : probabilities) {
                int best = 0;
                for (int c = 1; c < row.length; c++) {
                    if (row[c] > row[best]) {
                        best = c;
                    }
                }
                if (best != PatchClassifier.BG) {
                    levels[n++] = best;
                }
            }
        }
        if (n == 0) {
            return OptionalDouble.empty();
        }
        Arrays.sort(levels, 0, n);
        int median = levels[(n - 1) / 2];
        return median < MIN_BINNED_LEVEL ? OptionalDouble.empty() : OptionalDouble.of(BIN * median * stepUm);
    }

    /** The {@code BIN·p} window centred at {@code (cx, cy)}, averaged over {@code BIN×BIN} blocks, into {@code out}. */
    static void binnedWindow(Image2d image, int cx, int cy, int p, float[] out, int off) {
        int n = BIN * p;
        float[] window = Awdvd.cut(image, cx - n / 2, cy - n / 2, n, n); // mirrored at the border
        for (int y = 0; y < p; y++) {
            for (int x = 0; x < p; x++) {
                double s = 0;
                for (int dy = 0; dy < BIN; dy++) {
                    int row = n * (BIN * y + dy);
                    for (int dx = 0; dx < BIN; dx++) {
                        s += window[row + BIN * x + dx];
                    }
                }
                out[off + x + p * y] = (float) (s / (BIN * BIN));
            }
        }
    }
}
