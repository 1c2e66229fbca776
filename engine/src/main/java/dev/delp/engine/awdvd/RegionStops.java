package dev.delp.engine.awdvd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Where a global Richardson–Lucy run stops: the output is {@code Σ_r v_r(p) · x^{(k_r)}(p)}, a sum
 * of weighted snapshots of the one run taken at the iteration counts {@code k_r} ({@code k = 0}:
 * the input), with weights {@code v_r ≥ 0} that sum to 1 at every pixel. Each term is added when
 * its iteration is reached, so any number of distinct counts costs no extra FFT and no memory
 * beyond one double accumulator of the image (patch weights are computed on the fly).
 *
 * <p>{@link #perClass} gives every pixel of class {@code c} the class's count (weights = the
 * class weight maps); {@link #perPatch} gives every patch its own count, from its class and its own
 * noise estimate exactly as the patch-wise mode chooses it, blended with the bilinear (tent)
 * weights of the patch centres — the same weights the class maps are interpolated with, so the
 * result stays seamless.
 */
public final class RegionStops {
    /**
     * One term, added after {@code iterations} iterations: either a whole-image weight map
     * ({@code map != null}), or {@code factor} times the bilinear weight of the patch centre at
     * ({@code col}, {@code row}) of the grid — computed on the fly, so a term costs a few bytes
     * whatever the image size.
     */
    record Term(int iterations, float[] map, int col, int row, double factor, float[] patch, int patchX, int patchY,
            int patchSize) {
        Term(int iterations, float[] map, int col, int row, double factor) {
            this(iterations, map, col, row, factor, null, 0, 0, 0);
        }
    }

    private final int imageWidth, imageHeight;
    private final List<Term> terms; // sorted by iteration count, then creation order
    private final Hats cols, rows;  // patch terms only

    private RegionStops(int imageWidth, int imageHeight, List<Term> terms, Hats cols, Hats rows) {
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.cols = cols;
        this.rows = rows;
        List<Term> sorted = new ArrayList<>(terms);
        sorted.sort(Comparator.comparingInt(Term::iterations)); // stable: creation order within a count
        this.terms = List.copyOf(sorted);
    }

    /** Every pixel of class {@code c} stops at {@code policy.iterations(c)} (background at 0). */
    public static RegionStops perClass(WeightMaps maps, IterationPolicy policy) {
        List<Term> t = new ArrayList<>();
        for (int c = 0; c < maps.count(); c++) {
            int label = maps.label(c);
            int k = label == PatchClassifier.BG ? 0 : policy.iterations(label);
            t.add(new Term(k, maps.map(c), 0, 0, 1));
        }
        return new RegionStops(maps.width(), maps.height(), t, null, null);
    }

    /**
     * Every patch of {@code map}'s grid stops at its own count: for each class {@code c} among
     * {@code labels} (the classes the run's weight maps keep) with probability {@code p_c > 0},
     * {@code policy.iterations(c, photons)} with the photon estimate of the patch region plus the
     * margin {@code psfs.radius(c)} ({@link NoiseEstimate}, as the patch-wise mode does), weighted
     * by {@code p_c / Σ_kept p}; each patch's terms are spread with the bilinear weights of its
     * centre. {@code image} must be offset-free.
     */
    public static RegionStops perPatch(DefocusMap map, int[] labels, float[] image, PsfSource psfs,
            IterationPolicy policy) {
        return perPatch(map, labels, image, psfs, policy, CentreRamp.linear());
    }

    /**
     * As {@link #perPatch(DefocusMap, int[], float[], PsfSource, IterationPolicy)}, with the patch
     * weights passing from centre to centre along {@code ramp} (use the ramp of the weight maps).
     */
    public static RegionStops perPatch(DefocusMap map, int[] labels, float[] image, PsfSource psfs,
            IterationPolicy policy, CentreRamp ramp) {
        PatchGrid grid = map.grid();
        int w = grid.imageWidth(), h = grid.imageHeight();
        if (image.length != w * h) {
            throw new IllegalArgumentException("image has " + image.length + " pixels, grid is " + w + "x" + h);
        }
        Hats cols = new Hats(grid.columnCentres(), w, ramp), rows = new Hats(grid.rowCentres(), h, ramp);
        dev.delp.engine.image.Image2d img = new dev.delp.engine.image.Image2d(w, h, image);
        int p = grid.patchSize();
        List<Term> t = new ArrayList<>();
        for (int i = 0; i < grid.count(); i++) {
            int col = i % grid.columns(), row = i / grid.columns();
            float[] prob = map.probabilities(i);
            double z = 0;
            for (int c : labels) {
                z += prob[c];
            }
            // counts of this patch with their summed class weights (ascending count, deterministic)
            java.util.TreeMap<Integer, Double> byCount = new java.util.TreeMap<>();
            if (!(z > 0)) {
                byCount.put(0, 1.0); // no kept class: pass through
            } else {
                for (int c : labels) {
                    if (prob[c] <= 0) {
                        continue;
                    }
                    int k = 0;
                    if (c != PatchClassifier.BG) {
                        Awdvd.Region region = Awdvd.Region.around(img, grid.patchX(i), grid.patchY(i), p, psfs.radius(c));
                        k = policy.iterations(c, region.photonsAtPeak());
                    }
                    byCount.merge(k, prob[c] / z, Double::sum);
                }
            }
            for (var e : byCount.entrySet()) {
                t.add(new Term(e.getKey(), null, col, row, e.getValue()));
            }
        }
        return new RegionStops(w, h, t, cols, rows);
    }

    /**
     * These stops with the patches of {@code map}'s grid where {@code restored[i] != null} taken from
     * {@code restored[i]} instead of the run: that patch's terms are replaced by its own restoration
     * ({@code patchSize x patchSize}, at the patch's place), spread with the same bilinear weight of its
     * centre and added before the first iteration. {@link Awdvd}'s interpolated mode uses it for the
     * patches at a depth jump ({@link LevelJumps}). Only for stops made by {@link #perPatch}.
     */
    public RegionStops replacing(DefocusMap map, float[][] restored) {
        PatchGrid grid = map.grid();
        if (cols == null) {
            throw new IllegalArgumentException("only per-patch stops can take patch restorations");
        }
        if (grid.imageWidth() != imageWidth || grid.imageHeight() != imageHeight || restored.length != grid.count()
                || grid.columns() != cols.nodes || grid.rows() != rows.nodes) {
            throw new IllegalArgumentException(restored.length + " restorations on grid " + grid + " for stops of "
                    + imageWidth + "x" + imageHeight + " with " + cols.nodes + "x" + rows.nodes + " patch centres");
        }
        int p = grid.patchSize();
        List<Term> t = new ArrayList<>();
        for (Term term : terms) {
            if (restored[term.col() + grid.columns() * term.row()] == null) {
                t.add(term);
            }
        }
        for (int i = 0; i < restored.length; i++) {
            if (restored[i] == null) {
                continue;
            }
            if (restored[i].length != p * p) {
                throw new IllegalArgumentException("restoration of patch " + i + " has " + restored[i].length
                        + " pixels, expected " + p + "x" + p);
            }
            int c = i % grid.columns(), r = i / grid.columns();
            if (cols.lo[c] < grid.patchX(i) || cols.hi[c] > grid.patchX(i) + p || rows.lo[r] < grid.patchY(i)
                    || rows.hi[r] > grid.patchY(i) + p) {
                throw new IllegalArgumentException("the bilinear weight of patch " + i + " spans x [" + cols.lo[c] + ", "
                        + cols.hi[c] + ") y [" + rows.lo[r] + ", " + rows.hi[r] + "), outside its window at ("
                        + grid.patchX(i) + ", " + grid.patchY(i) + ") of " + p + " px (stride " + grid.stride()
                        + " > half the patch)");
            }
            t.add(new Term(0, null, c, r, 1, restored[i], grid.patchX(i), grid.patchY(i), p));
        }
        return new RegionStops(imageWidth, imageHeight, t, cols, rows);
    }

    /** Whether some patches come from their own restorations ({@link #replacing}). */
    public boolean hasPatchImages() {
        return terms.stream().anyMatch(t -> t.patch() != null);
    }

    /** The largest count. */
    public int maxIterations() {
        return terms.stream().mapToInt(Term::iterations).max().orElse(0);
    }

    /** The distinct counts, ascending. */
    public int[] counts() {
        return terms.stream().mapToInt(Term::iterations).distinct().sorted().toArray();
    }

    int imageWidth() {
        return imageWidth;
    }

    int imageHeight() {
        return imageHeight;
    }

    List<Term> terms() {
        return terms;
    }

    /** Adds every term with count {@code k} of {@code snapshot} (image-sized) into {@code acc}. */
    void accumulate(int k, float[] snapshot, double[] acc) {
        for (Term t : terms) {
            if (t.iterations() != k) {
                continue;
            }
            if (t.map() != null) {
                float[] m = t.map();
                for (int p = 0; p < acc.length; p++) {
                    acc[p] += (double) m[p] * snapshot[p];
                }
                continue;
            }
            int c = t.col(), r = t.row();
            if (t.patch() != null) { // a patch's own restoration: its hat lies inside the patch window
                float[] q = t.patch();
                for (int y = rows.lo[r]; y < rows.hi[r]; y++) {
                    double wy = t.factor() * rows.weight(r, y);
                    int o = imageWidth * y, po = t.patchSize() * (y - t.patchY()) - t.patchX();
                    for (int x = cols.lo[c]; x < cols.hi[c]; x++) {
                        acc[o + x] += wy * cols.weight(c, x) * q[po + x];
                    }
                }
                continue;
            }
            for (int y = rows.lo[r]; y < rows.hi[r]; y++) {
                double wy = t.factor() * rows.weight(r, y);
                int o = imageWidth * y;
                for (int x = cols.lo[c]; x < cols.hi[c]; x++) {
                    acc[o + x] += wy * cols.weight(c, x) * snapshot[o + x];
                }
            }
        }
    }

    /** Bilinear hat functions of nodes at {@code centres} over {@code n} pixels (constant beyond the outer nodes). */
    private static final class Hats {
        final int[] index;  // lower node of each pixel
        final float[] frac; // weight of the upper node
        final int[] lo, hi; // pixel range [lo, hi) where each node's hat is non-zero
        final int nodes;

        Hats(double[] centres, int n, CentreRamp ramp) {
            nodes = centres.length;
            index = new int[n];
            frac = new float[n];
            int j = 0;
            for (int p = 0; p < n; p++) {
                if (nodes == 1 || p <= centres[0]) {
                    continue;
                }
                if (p >= centres[nodes - 1]) {
                    index[p] = nodes - 1;
                    continue;
                }
                while (centres[j + 1] <= p) {
                    j++;
                }
                index[p] = j;
                frac[p] = (float) ramp.apply((p - centres[j]) / (centres[j + 1] - centres[j]));
            }
            lo = new int[nodes];
            hi = new int[nodes];
            Arrays.fill(lo, Integer.MAX_VALUE);
            for (int p = 0; p < n; p++) {
                int a = index[p];
                if (1 - frac[p] > 0) {
                    lo[a] = Math.min(lo[a], p);
                    hi[a] = Math.max(hi[a], p + 1);
                }
                if (frac[p] > 0 && a + 1 < nodes) {
                    lo[a + 1] = Math.min(lo[a + 1], p);
                    hi[a + 1] = Math.max(hi[a + 1], p + 1);
                }
            }
            for (int k = 0; k < nodes; k++) {
                if (lo[k] == Integer.MAX_VALUE) { // a node without pixels (cannot happen for a valid grid)
                    lo[k] = 0;
                    hi[k] = 0;
                }
            }
        }

        /** Weight of node {@code k} at pixel {@code p}. */
        double weight(int k, int p) {
            int a = index[p];
            return a == k ? 1 - frac[p] : a + 1 == k ? frac[p] : 0;
        }
    }
}
