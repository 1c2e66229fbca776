package dev.delp.engine.awdvd;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Reflect;
import dev.delp.engine.image.Stack3d;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Adaptive-window depth-variant deconvolution (He et al. 2019, AWDVD): classify the 84x84 patches
 * of an image into defocus levels, deconvolve each patch with its level's PSF (with a margin of the
 * PSF radius cut from the surrounding image), crop and blend — or, in {@code interpolated} mode,
 * one global spatially-variant RL driven by smooth weight maps of the same classification.
 *
 * <p>Work runs on the caller's {@link ForkJoinPool} in batches of patches; the results of a batch
 * are blended in patch order, so the output is bit-identical for any pool size. Peak memory is the
 * output, two double accumulators and one batch of patches.
 */
public final class Awdvd {
    private final PatchClassifier classifier;
    private final PsfSource psfs;
    private final PatchDeconvolver deconvolver;
    private final IterationPolicy defaultPolicy;
    private final AwdvdMemory.Heap heap;

    /**
     * @param classifier    gives each patch its class probabilities
     * @param psfs          PSF per level (used by the invariant and interpolated modes)
     * @param deconvolver   per-patch deconvolution (AWDVD mode)
     * @param defaultPolicy iterations per level when the options do not fix a count
     */
    public Awdvd(PatchClassifier classifier, PsfSource psfs, PatchDeconvolver deconvolver,
            IterationPolicy defaultPolicy) {
        this(classifier, psfs, deconvolver, defaultPolicy, AwdvdMemory.Heap.runtime());
    }

    private Awdvd(PatchClassifier classifier, PsfSource psfs, PatchDeconvolver deconvolver,
            IterationPolicy defaultPolicy, AwdvdMemory.Heap heap) {
        this.classifier = classifier;
        this.psfs = psfs;
        this.deconvolver = deconvolver;
        this.defaultPolicy = defaultPolicy;
        this.heap = heap;
    }

    /**
     * This pipeline checking its runs against {@code heap} (the JVM's by default): each run first
     * estimates the heap it needs ({@link AwdvdMemory}) and is refused with an
     * {@link AwdvdMemory.HeapTooSmallException} when the heap cannot give it.
     */
    public Awdvd withHeap(AwdvdMemory.Heap heap) {
        return new Awdvd(classifier, psfs, deconvolver, defaultPolicy, heap);
    }

    /** Richardson–Lucy patches with the given PSFs and the learned per-level iteration table. */
    public static Awdvd of(PatchClassifier classifier, PsfSource psfs) {
        return new Awdvd(classifier, psfs, new RlPatchDeconvolver(psfs), IterationTables.defaultPolicy());
    }

    /**
     * Classifies every patch of the grid with the given stride (patches in batches).
     *
     * @throws IllegalArgumentException if the image is narrower or lower than one patch: a patch
     *         mirrored out of a few rows gets levels that are not in the specimen
     *         ({@link DelpNetClassifier#requireWholePatch})
     */
    public DefocusMap classify(Image2d image, int stride, ForkJoinPool pool, AwdvdProgress progress) {
        DelpNetClassifier.requireWholePatch(image.width(), image.height());
        PatchGrid grid = PatchGrid.of(image.width(), image.height(), stride);
        int p = grid.patchSize();
        int batch = 256;
        float[][] probs = new float[grid.count()][];
        for (int start = 0; start < grid.count(); start += batch) {
            int n = Math.min(batch, grid.count() - start);
            float[] packed = new float[n * p * p];
            for (int i = 0; i < n; i++) {
                float[] patch = cut(image, grid.patchX(start + i), grid.patchY(start + i), p, p);
                System.arraycopy(patch, 0, packed, i * p * p, p * p);
            }
            float[][] out = classifier.probabilities(packed, p, n, pool);
            if (out.length != n) {
                throw new IllegalStateException("classifier returned " + out.length + " rows for " + n + " patches");
            }
            System.arraycopy(out, 0, probs, start, n);
            progress.update("classify", start + n, grid.count());
        }
        return new DefocusMap(grid, probs);
    }

    /**
     * Classifies, then deconvolves; the invariant mode with a given level needs no classification
     * (and takes images smaller than a patch).
     *
     * @throws AwdvdMemory.HeapTooSmallException before classifying, when the heap cannot hold what
     *         any classification of the image needs, or after it, when it cannot hold the restoration
     */
    public AwdvdResult deconvolve(Image2d image, AwdvdOptions options, ForkJoinPool pool, AwdvdProgress progress) {
        checkFinite(image);
        requireHeap(image, null, options, pool, 0);
        DefocusMap map;
        if (options.mode() == AwdvdOptions.Mode.INVARIANT && options.invariantLevel() >= 0) {
            PatchGrid grid = PatchGrid.of(image.width(), image.height(), options.stride());
            int[] labels = new int[grid.count()];
            Arrays.fill(labels, options.invariantLevel());
            map = DefocusMap.ofLabels(grid, labels);
        } else {
            map = classify(image, options.stride(), pool, progress);
        }
        return deconvolve(image, map, options, pool, progress);
    }

    /** Deconvolves every plane of a stack independently (each plane gets its own defocus map). */
    public Stack3d deconvolve(Stack3d stack, AwdvdOptions options, ForkJoinPool pool, AwdvdProgress progress) {
        requireHeap(stack.plane(0), null, options, pool, 4L * stack.size()); // each plane's run and the output
        float[] out = new float[stack.size()];
        int plane = stack.width() * stack.height();
        for (int z = 0; z < stack.depth(); z++) {
            AwdvdResult r = deconvolve(stack.plane(z), options, pool, progress);
            System.arraycopy(r.image().data(), 0, out, z * plane, plane);
        }
        return new Stack3d(stack.width(), stack.height(), stack.depth(), out);
    }

    /**
     * Deconvolves with a given defocus map (e.g. the true levels of a simulation). The map's grid
     * must match the image size and the options' stride. The depth-variant modes ({@code awdvd},
     * {@code interpolated}) first pass the map through {@link DefocusMapFilter} (isolated outliers take
     * their neighbours' levels; a smooth or piecewise-smooth map, such as a true one, is unchanged);
     * the result carries the map that was used. If the map has level-10 patches and the PSFs are
     * {@link BornWolfLevels} restored by {@link RlPatchDeconvolver}, their depth is read from
     * the image ({@link DeepDefocus}: from the power spectrum, else by the classifier on the image
     * binned 2×2), even though the map is given.
     *
     * @throws AwdvdMemory.HeapTooSmallException when the heap cannot hold the restoration
     */
    public AwdvdResult deconvolve(Image2d image, DefocusMap given, AwdvdOptions options, ForkJoinPool pool,
            AwdvdProgress progress) {
        DefocusMap map = given;
        checkFinite(image);
        PatchGrid grid = map.grid();
        if (grid.imageWidth() != image.width() || grid.imageHeight() != image.height()
                || grid.stride() != options.stride()) {
            throw new IllegalArgumentException("defocus map grid " + grid + " does not match image " + image.shape()
                    + " with stride " + options.stride());
        }
        IterationPolicy policy = options.iterations() >= 0 ? IterationPolicy.fixed(options.iterations()) : defaultPolicy;
        if (options.offset() != 0f) {
            float[] shifted = image.data().clone();
            for (int i = 0; i < shifted.length; i++) {
                shifted[i] -= options.offset();
            }
            AwdvdResult r = deconvolve(new Image2d(image.width(), image.height(), shifted), map, options.withOffset(0f),
                    pool, progress);
            float[] out = r.image().data();
            for (int i = 0; i < out.length; i++) {
                out[i] += options.offset();
            }
            return r;
        }
        Awdvd run = this;
        if (options.mode() != AwdvdOptions.Mode.INVARIANT) {
            // measured in both modes on a02–a06 and procedural specimens, confirmed on held-out a01
            // (docs/eval/README.md, session 6): up to +1.5 dB in case (ii), +0.7 dB interpolated
            map = DefocusMapFilter.filter(map);
        }
        requireHeap(image, map, options, pool, 0);
        if (options.mode() != AwdvdOptions.Mode.INVARIANT) {
            run = deepened(image, map, pool);
        }
        return run.restore(image, map, options, policy, pool, progress);
    }

    /**
     * This pipeline, or — when its PSFs are the Born–Wolf levels and its patches are restored by RL —
     * a copy whose level 10 sits at the depth {@link DeepDefocus} reads for the image, if deeper than
     * level 10's own (a 32 µm blur restored with the 20 µm PSF came out below the input; with the
     * depth read: +11 dB, docs/eval/README.md, session 9).
     */
    private Awdvd deepened(Image2d image, DefocusMap map, ForkJoinPool pool) {
        OptionalDouble depthUm = deepestUm(image, map, pool);
        if (depthUm.isEmpty()) {
            return this;
        }
        BornWolfLevels deeper = ((BornWolfLevels) psfs).withDeepestAtUm(depthUm.getAsDouble());
        return new Awdvd(classifier, deeper, new RlPatchDeconvolver(deeper, ((RlPatchDeconvolver) deconvolver).start()),
                defaultPolicy, heap);
    }

    /**
     * The depth (µm) at which the depth-variant modes restore level 10 of {@code map} (as classified,
     * before the map filter, which this applies) for {@code image}: what {@link DeepDefocus} reads, when
     * it is deeper than level 10's own PSF; empty when level 10 keeps its nominal PSF.
     */
    public OptionalDouble deepestLevelUm(Image2d image, DefocusMap map, ForkJoinPool pool) {
        return deepestUm(image, DefocusMapFilter.filter(map), pool);
    }

    private OptionalDouble deepestUm(Image2d image, DefocusMap filtered, ForkJoinPool pool) {
        if (!(psfs instanceof BornWolfLevels) || !(deconvolver instanceof RlPatchDeconvolver)) {
            return OptionalDouble.empty();
        }
        BornWolfLevels levels = (BornWolfLevels) psfs;
        OptionalDouble depthUm = DeepDefocus.estimateUm(image, filtered, classifier, levels, pool);
        return depthUm.isPresent() && depthUm.getAsDouble() > levels.deepestUm() ? depthUm : OptionalDouble.empty();
    }

    private AwdvdResult restore(Image2d image, DefocusMap map, AwdvdOptions options, IterationPolicy policy,
            ForkJoinPool pool, AwdvdProgress progress) {
        PatchGrid grid = map.grid();
        double deepestUm = psfs instanceof BornWolfLevels ? ((BornWolfLevels) psfs).deepestUm() : Double.NaN;
        switch (options.mode()) {
            case INVARIANT: {
                if (options.invariantLevel() < 0 && map.allBackground()) {
                    // no specimen to take the level from: pass through, as the depth-variant modes do
                    return new AwdvdResult(new Image2d(image.width(), image.height(), image.data().clone()), map,
                            options.mode(), PatchClassifier.BG, deepestUm);
                }
                int level = options.invariantLevel() >= 0 ? options.invariantLevel() : map.dominantLevel();
                WeightMaps one = WeightMaps.single(image.width(), image.height(), level);
                float[] out = VariantRichardsonLucy.deconvolve(image.data(), one, psfs, perImage(policy, image, map),
                        pool, progress);
                return new AwdvdResult(new Image2d(image.width(), image.height(), out), map, options.mode(), level,
                        deepestUm);
            }
            case INTERPOLATED: {
                // the blur operator has no background class (BlurLevels); background patches still pass
                // through, as the stops read the map itself
                float[][] blurLevels = BlurLevels.of(map);
                WeightMaps maps = WeightMaps.interpolate(grid, blurLevels == null ? map.probabilities() : blurLevels,
                        options.minWeight());
                RegionStops stops = RegionStops.perPatch(map, withBackground(maps.labels()), image.data(), psfs, policy);
                // patches at a depth jump restored patch-wise, as case (ii) (session 5 opt-in, default
                // since session 6, when background patches stopped counting as jumps: docs/eval/README.md)
                stops = withJumpPatches(stops, image, map, policy, options.batchPatches(), pool);
                // object side: each emitter blurred by its own depth's PSF (the physics of a depth
                // step); chosen on a02/a03, where it was never below the image-side mixture
                // (+0.00..+0.30 dB), a wash on held-out a01 (docs/eval/README.md)
                float[] out = VariantRichardsonLucy.deconvolve(image.data(), maps, psfs, stops, RlStart.FLAT,
                        BlurModel.OBJECT_SIDE, pool, progress);
                return new AwdvdResult(new Image2d(image.width(), image.height(), out), map, options.mode(), -1,
                        deepestUm);
            }
            default:
                return new AwdvdResult(patchwise(image, map, policy, options.batchPatches(), pool, progress), map,
                        options.mode(), -1, deepestUm);
        }
    }

    /** {@code labels} with the background class added (once). */
    private static int[] withBackground(int[] labels) {
        for (int l : labels) {
            if (l == PatchClassifier.BG) {
                return labels;
            }
        }
        int[] out = java.util.Arrays.copyOf(labels, labels.length + 1);
        out[labels.length] = PatchClassifier.BG;
        return out;
    }

    /**
     * A whole-image policy for the invariant mode: the noise level of a class is the median of the
     * photon estimates of the patches labelled with it (each at its own peak, as the tables are
     * indexed), or of all patches for a class no patch is labelled with.
     */
    static IterationPolicy perImage(IterationPolicy policy, Image2d image, DefocusMap map) {
        PatchGrid grid = map.grid();
        int p = grid.patchSize();
        double[] all = new double[grid.count()];
        java.util.List<java.util.List<Double>> byLabel = new java.util.ArrayList<>();
        for (int c = 0; c < PatchClassifier.CLASSES; c++) {
            byLabel.add(new java.util.ArrayList<>());
        }
        for (int i = 0; i < all.length; i++) {
            all[i] = NoiseEstimate.photonsAtPeak(cut(image, grid.patchX(i), grid.patchY(i), p, p), p, p);
            byLabel.get(map.label(i)).add(all[i]);
        }
        double[] photons = new double[PatchClassifier.CLASSES];
        for (int c = 0; c < photons.length; c++) {
            double[] v = byLabel.get(c).isEmpty() ? all : byLabel.get(c).stream().mapToDouble(Double::doubleValue).toArray();
            java.util.Arrays.sort(v);
            photons[c] = v[v.length / 2];
        }
        return level -> policy.iterations(level, photons[level]);
    }

    /**
     * {@code stops} with the patches at a depth jump ({@link LevelJumps#find}) taken from their own
     * patch-wise restorations (arg-max level, as case (ii)); unchanged when there is none, or when the
     * stride exceeds half the patch (the bilinear weights would reach beyond a patch's window).
     */
    private RegionStops withJumpPatches(RegionStops stops, Image2d image, DefocusMap map, IterationPolicy policy,
            int batchPatches, ForkJoinPool pool) {
        PatchGrid grid = map.grid();
        if (2 * grid.stride() > grid.patchSize()) {
            return stops;
        }
        boolean[] jump = LevelJumps.find(map, LevelJumps.MIN_JUMP, psfs.deepestInLevels());
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < jump.length; i++) {
            if (jump[i]) {
                at.add(i);
            }
        }
        if (at.isEmpty()) {
            return stops;
        }
        float[][] restored = new float[grid.count()][];
        for (int start = 0; start < at.size(); start += batchPatches) {
            List<RecursiveAction> tasks = new ArrayList<>();
            for (int i : at.subList(start, Math.min(at.size(), start + batchPatches))) {
                tasks.add(new RecursiveAction() {
                    @Override
                    protected void compute() {
                        restored[i] = restorePatch(image, grid, i, map.label(i), policy, pool);
                    }
                });
            }
            runAll(pool, tasks);
        }
        return stops.replacing(map, restored);
    }

    private Image2d patchwise(Image2d image, DefocusMap map, IterationPolicy policy, int batchPatches,
            ForkJoinPool pool, AwdvdProgress progress) {
        PatchGrid grid = map.grid();
        int p = grid.patchSize();
        Blender blender = new Blender(image.width(), image.height(), BlendWeights.forGrid(grid));
        int total = grid.count();
        for (int start = 0; start < total; start += batchPatches) {
            int n = Math.min(batchPatches, total - start);
            float[][] results = new float[n][];
            List<RecursiveAction> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = start + i;
                int slot = i;
                tasks.add(new RecursiveAction() {
                    @Override
                    protected void compute() {
                        results[slot] = restorePatch(image, grid, index, map.label(index), policy, pool);
                    }
                });
            }
            runAll(pool, tasks);
            for (int i = 0; i < n; i++) { // fixed order: bit-identical for any pool size
                blender.add(results[i], grid.patchX(start + i), grid.patchY(start + i));
            }
            progress.update("deconvolve", start + n, total);
        }
        return new Image2d(image.width(), image.height(), blender.result());
    }

    /**
     * One patch: bg and zero-iteration patches pass through; others are deconvolved with a margin of
     * surrounding data (clipped at the image border) and cropped.
     */
    private float[] restorePatch(Image2d image, PatchGrid grid, int index, int label, IterationPolicy policy,
            ForkJoinPool pool) {
        int p = grid.patchSize();
        int x0 = grid.patchX(index), y0 = grid.patchY(index);
        if (label == PatchClassifier.BG) {
            return cut(image, x0, y0, p, p);
        }
        // the margin holds data only where the image does: at the border the deconvolver grows the
        // object beyond the data (Bertero-Boccacci), because a real specimen continues past the field
        // (a mirrored margin invents a mirror-image specimen there: 0.3-4 dB worse on whole fields cut
        // from larger simulated ones, dark bands along the border of real fields; docs/eval/README.md)
        Region region = Region.around(image, x0, y0, p, deconvolver.margin(label));
        int iterations = policy.iterations(label, region.photonsAtPeak());
        if (iterations == 0) {
            return cut(image, x0, y0, p, p);
        }
        float[] restored = deconvolver.deconvolve(region.data(), region.width(), region.height(), label, iterations,
                pool);
        float[] out = new float[p * p];
        for (int y = 0; y < p; y++) {
            System.arraycopy(restored, (x0 - region.x0()) + region.width() * (y + y0 - region.y0()), out, p * y, p);
        }
        return out;
    }

    /** A patch with its margin of surrounding data, the margin clipped at the image border. */
    record Region(float[] data, int x0, int y0, int width, int height) {
        /**
         * The {@code p x p} patch at {@code (x0, y0)} grown by {@code margin} pixels as far as the image
         * goes (an image smaller than the patch keeps the patch mirrored into it, as {@link #cut}).
         */
        static Region around(Image2d image, int x0, int y0, int p, int margin) {
            int rx0 = Math.min(x0, Math.max(0, x0 - margin)), ry0 = Math.min(y0, Math.max(0, y0 - margin));
            int rw = Math.max(x0 + p, Math.min(image.width(), x0 + p + margin)) - rx0;
            int rh = Math.max(y0 + p, Math.min(image.height(), y0 + p + margin)) - ry0;
            return new Region(cut(image, rx0, ry0, rw, rh), rx0, ry0, rw, rh);
        }

        /** {@link NoiseEstimate#photonsAtPeak} of the region: what the iteration policy is asked with. */
        double photonsAtPeak() {
            return NoiseEstimate.photonsAtPeak(data, width, height);
        }
    }

    /** The window {@code [x0, x0+w) x [y0, y0+h)}, mirrored at the image border. */
    static float[] cut(Image2d image, int x0, int y0, int w, int h) {
        float[] out = new float[w * h];
        float[] d = image.data();
        int iw = image.width(), ih = image.height();
        for (int y = 0; y < h; y++) {
            int row = iw * Reflect.index(y0 + y, ih);
            if (x0 >= 0 && x0 + w <= iw) {
                System.arraycopy(d, row + x0, out, w * y, w);
            } else {
                for (int x = 0; x < w; x++) {
                    out[x + w * y] = d[row + Reflect.index(x0 + x, iw)];
                }
            }
        }
        return out;
    }

    static void runAll(ForkJoinPool pool, List<RecursiveAction> tasks) {
        if (tasks.size() == 1) {
            pool.invoke(tasks.get(0));
            return;
        }
        pool.invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                invokeAll(tasks);
            }
        });
    }

    /**
     * Refuses the run of {@code options} on {@code image} ({@code map}: the filtered map, or null before
     * classifying) when the heap cannot give what it needs plus {@code extraBytes}.
     */
    private void requireHeap(Image2d image, DefocusMap map, AwdvdOptions options, ForkJoinPool pool, long extraBytes) {
        int threads = pool.getParallelism();
        AwdvdMemory.Need need = AwdvdMemory.of(image.width(), image.height(), map, options, psfs, deconvolver, threads)
                .plus(new AwdvdMemory.Need(extraBytes, 0, threads));
        String mode = options.mode().name().toLowerCase(java.util.Locale.ROOT);
        AwdvdMemory.require(need, heap, "deconvolving a " + image.width() + "x" + image.height() + " image ("
                + mode + (options.mode() == AwdvdOptions.Mode.INVARIANT ? "" : ", stride " + options.stride()) + ")");
    }

    private static void checkFinite(Image2d image) {
        float[] d = image.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new IllegalArgumentException("image " + image.shape() + " has a non-finite value " + d[i]
                        + " at (" + (i % image.width()) + ", " + (i / image.width()) + ")");
            }
        }
    }
}
