package dev.delp.engine.awdvd;

import dev.delp.engine.image.PowerOfTwoScale;
import dev.delp.engine.image.Reflect;
import dev.delp.fft.FftSizes;
import dev.delp.fft.RealFft2d;
import dev.delp.simd.FloatKernels;
import dev.delp.simd.Simd;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;

/**
 * Whole-image spatially-variant Richardson–Lucy with the PSF-interpolation blur operator of
 * Nagy &amp; O'Leary (1998): {@code (A x)(p) = Σ_c w_c(p) · (h_c ⊛ x)(p)}, whose adjoint is
 * {@code Aᵀ r = Σ_c h_cᵀ ⊛ (w_c · r)}. The update is {@code x ← x · Aᵀ(y / Ax) / Aᵀ1} with the data on
 * the image and the object on the image grown by the largest PSF radius (Bertero &amp; Boccacci 2005
 * boundary, as in {@link RlPatchDeconvolver}). Background (label 11) uses the identity PSF, so it
 * passes through. One iteration costs {@code 2n + 2} real FFTs for {@code n} blurred classes present.
 * The maps can instead act on the object side, {@code A x = Σ_c h_c ⊛ (w_c · x)} ({@link BlurModel};
 * {@link Awdvd}'s interpolated mode uses it), at the same cost. Beyond the image border there are no
 * data, as in the patch-wise mode's border patches: the specimen of a real field continues there.
 *
 * <p>Per-region stopping ({@link RegionStops}): the run goes to the largest count and adds each
 * region's weighted estimate when its own count is reached — per class ({@code Σ_c w_c · x_{k_c}},
 * the class weight maps blend the snapshots) or per patch (each patch's count from its class and
 * its own noise estimate, blended with the patch-centre bilinear weights; what {@link Awdvd}'s
 * interpolated mode uses), so the result stays seamless. The first estimate is flat by default
 * ({@link RlStart}). With one class of weight 1 this is plain depth-invariant RL.
 */
public final class VariantRichardsonLucy {
    private static final float NORM_FLOOR = 1e-4f;
    private static final float DIVISION_EPS = 1e-20f;

    private VariantRichardsonLucy() {
    }

    /**
     * Deconvolves {@code image} ({@code maps.width() x maps.height()}) from a flat start, each class
     * stopping at its policy count ({@link RegionStops#perClass}).
     *
     * @param policy iterations per level (background always 0)
     * @return a new image of the same size
     */
    public static float[] deconvolve(float[] image, WeightMaps maps, PsfSource psfs, IterationPolicy policy,
            ForkJoinPool pool, AwdvdProgress progress) {
        return deconvolve(image, maps, psfs, RegionStops.perClass(maps, policy), RlStart.FLAT, pool, progress);
    }

    /**
     * Deconvolves {@code image} with the blur operator of {@code maps}, from the first estimate
     * {@code start}, returning the snapshots blended as {@code stops} says.
     *
     * @return a new image of the same size
     */
    public static float[] deconvolve(float[] image, WeightMaps maps, PsfSource psfs, RegionStops stops, RlStart start,
            ForkJoinPool pool, AwdvdProgress progress) {
        return deconvolve(image, maps, psfs, stops, start, BlurModel.IMAGE_SIDE, pool, progress);
    }

    /**
     * As {@link #deconvolve(float[], WeightMaps, PsfSource, RegionStops, RlStart, ForkJoinPool, AwdvdProgress)},
     * with the weight maps acting on the image or the object side of the blur ({@link BlurModel}).
     *
     * @return a new image of the same size
     */
    public static float[] deconvolve(float[] image, WeightMaps maps, PsfSource psfs, RegionStops stops, RlStart start,
            BlurModel model, ForkJoinPool pool, AwdvdProgress progress) {
        if (model == null) {
            throw new IllegalArgumentException("blur model is null (IMAGE_SIDE or OBJECT_SIDE)");
        }
        int w = maps.width(), h = maps.height();
        if (image.length != w * h) {
            throw new IllegalArgumentException("image has " + image.length + " pixels, weight maps are " + w + "x" + h);
        }
        if (stops.imageWidth() != w || stops.imageHeight() != h) {
            throw new IllegalArgumentException("stops are for " + stops.imageWidth() + "x" + stops.imageHeight()
                    + ", weight maps are " + w + "x" + h);
        }
        int n = maps.count();
        boolean[] identity = new boolean[n];
        int radius = 0;
        for (int c = 0; c < n; c++) {
            int label = maps.label(c);
            identity[c] = label == PatchClassifier.BG;
            if (!identity[c]) {
                radius = Math.max(radius, psfs.radius(label));
            }
        }
        int maxIter = stops.maxIterations();
        if (maxIter == 0 && !stops.hasPatchImages()) {
            return image.clone();
        }
        int gw = FftSizes.good(w + 2 * radius), gh = FftSizes.good(h + 2 * radius);
        Otf[] otf = new Otf[n];
        for (int c = 0; c < n; c++) {
            if (!identity[c] && maxIter > 0) {
                otf[c] = Otf.of(psfs.psf(maps.label(c)), gw, gh, pool);
            }
        }
        double[] acc = new double[w * h];
        stops.accumulate(0, image, acc);
        // RL runs at a data peak in [1, 2) by a power of two (same bits, scaled) so that images of 1e-20
        // do not sink below the division guard; the stops were read from the unscaled image.
        float dataScale = PowerOfTwoScale.toUnit(PowerOfTwoScale.peak(image));
        float outScale = PowerOfTwoScale.inverse(dataScale);
        float[] scaled = dataScale == 1f ? image : PowerOfTwoScale.scaled(image, dataScale);
        Work work = maxIter == 0 ? null : new Work(scaled, maps, identity, otf, radius, gw, gh, pool, start, model);
        for (int it = 1; it <= maxIter; it++) {
            work.iterate();
            stops.accumulate(it, work.estimateOnImage(w, h, outScale), acc);
            progress.update("iterate", it, maxIter);
        }
        float[] out = new float[w * h];
        for (int p = 0; p < out.length; p++) {
            out[p] = (float) acc[p];
        }
        return out;
    }

    /** Workspace of one run. */
    private static final class Work {
        final int w, h, r, gw, gh, bins;
        final float[] y;            // (h, w) data, clamped >= 0
        final WeightMaps maps;
        final boolean[] identity;
        final Otf[] otf;
        final RealFft2d fft;
        final ForkJoinPool pool;
        final FloatKernels k = Simd.kernels();
        final float[] x, grid, invNorm; // (gh, gw)
        final float[] ax, ratio;    // (h, w)
        final float[] specX, specT, specSum;
        final boolean objectSide;
        final float[][] gridMaps;   // object side: each blurred class's map on the grid (edge-extended), else null
        final float[] tmp, embed;   // object side: (gh, gw) scratch

        Work(float[] image, WeightMaps maps, boolean[] identity, Otf[] otf, int r, int gw, int gh, ForkJoinPool pool,
                RlStart start, BlurModel model) {
            this.w = maps.width();
            this.h = maps.height();
            this.r = r;
            this.gw = gw;
            this.gh = gh;
            this.maps = maps;
            this.identity = identity;
            this.otf = otf;
            this.pool = pool;
            this.fft = RealFft2d.of(gw, gh);
            this.bins = fft.spectrumLength() / 2;
            y = new float[w * h];
            for (int p = 0; p < y.length; p++) {
                y[p] = Math.max(0f, image[p]);
            }
            x = new float[gw * gh];
            grid = new float[gw * gh];
            invNorm = new float[gw * gh];
            ax = new float[w * h];
            ratio = new float[w * h];
            specX = new float[fft.spectrumLength()];
            specT = new float[fft.spectrumLength()];
            specSum = new float[fft.spectrumLength()];
            objectSide = model == BlurModel.OBJECT_SIDE;
            gridMaps = new float[otf.length][];
            tmp = objectSide ? new float[gw * gh] : null;
            embed = objectSide ? new float[gw * gh] : null;
            if (objectSide) {
                for (int c = 0; c < otf.length; c++) {
                    if (identity[c]) {
                        continue;
                    }
                    float[] wc = maps.map(c);
                    float[] g = new float[gw * gh];
                    for (int j = 0; j < h + 2 * r; j++) {
                        int sy = Math.min(h - 1, Math.max(0, j - r));
                        for (int i = 0; i < w + 2 * r; i++) {
                            g[i + gw * j] = wc[Math.min(w - 1, Math.max(0, i - r)) + w * sy];
                        }
                    }
                    gridMaps[c] = g;
                }
            }
            Arrays.fill(ratio, 1f);
            adjoint(ratio, invNorm); // Aᵀ1
            for (int p = 0; p < invNorm.length; p++) {
                invNorm[p] = invNorm[p] > NORM_FLOOR ? 1f / invNorm[p] : 0f;
            }
            for (int j = 0; j < h + 2 * r; j++) {
                int sy = Reflect.index(j - r, h);
                for (int i = 0; i < w + 2 * r; i++) {
                    int p = i + gw * j;
                    x[p] = invNorm[p] == 0f ? 0f : y[Reflect.index(i - r, w) + w * sy];
                }
            }
            switch (start) {
                case DATA -> {
                }
                case FLAT -> {
                    float mean = RlStart.meanOf(y);
                    for (int p = 0; p < x.length; p++) {
                        x[p] = invNorm[p] == 0f ? 0f : mean;
                    }
                }
                default -> throw new IllegalArgumentException("start " + start + " is not supported by the global RL"
                        + " (DATA or FLAT)");
            }
        }

        /** {@code out = Aᵀ v} on the grid, {@code v} on the image. */
        void adjoint(float[] v, float[] out) {
            if (objectSide) {
                adjointObjectSide(v, out);
                return;
            }
            Arrays.fill(specSum, 0f);
            boolean any = false;
            for (int c = 0; c < otf.length; c++) {
                if (identity[c]) {
                    continue;
                }
                embedWeighted(maps.map(c), v, grid);
                fft.forward(grid, specT, pool);
                k.complexMultiplyConj(specT, otf[c].spectrum, specT, bins);
                k.axpy(1f, specT, specSum, 2 * bins);
                any = true;
            }
            if (any) {
                fft.inverse(specSum, out, pool);
            } else {
                Arrays.fill(out, 0f);
            }
            addIdentity(v, out);
        }

        /** Object side: {@code out = Σ_c w_c · (h_cᵀ ⊛ v)} (one forward FFT, one inverse per blurred class). */
        private void adjointObjectSide(float[] v, float[] out) {
            Arrays.fill(out, 0f);
            boolean any = false;
            for (boolean id : identity) {
                any |= !id;
            }
            if (any) {
                for (int j = 0; j < h; j++) { // the rest of embed stays 0
                    System.arraycopy(v, w * j, embed, r + gw * (j + r), w);
                }
                fft.forward(embed, specX, pool);
                for (int c = 0; c < otf.length; c++) {
                    if (identity[c]) {
                        continue;
                    }
                    k.complexMultiplyConj(specX, otf[c].spectrum, specT, bins);
                    fft.inverse(specT, tmp, pool);
                    k.fma(gridMaps[c], tmp, out, out, out.length);
                }
            }
            addIdentity(v, out);
        }

        private void addIdentity(float[] v, float[] out) {
            for (int c = 0; c < otf.length; c++) {
                if (identity[c]) {
                    float[] wc = maps.map(c);
                    for (int j = 0; j < h; j++) {
                        for (int i = 0; i < w; i++) {
                            out[i + r + gw * (j + r)] += wc[i + w * j] * v[i + w * j];
                        }
                    }
                }
            }
        }

        /** Object side: {@code ax = Σ_c h_c ⊛ (w_c · x)} on the image (one forward FFT per blurred class, one inverse). */
        private void forwardObjectSide() {
            Arrays.fill(specSum, 0f);
            boolean any = false;
            for (int c = 0; c < otf.length; c++) {
                if (identity[c]) {
                    continue;
                }
                k.multiply(gridMaps[c], x, tmp, tmp.length);
                fft.forward(tmp, specT, pool);
                k.complexMultiply(specT, otf[c].spectrum, specT, bins);
                k.axpy(1f, specT, specSum, 2 * bins);
                any = true;
            }
            Arrays.fill(ax, 0f);
            if (any) {
                fft.inverse(specSum, grid, pool);
                for (int j = 0; j < h; j++) {
                    System.arraycopy(grid, r + gw * (j + r), ax, w * j, w);
                }
            }
            for (int c = 0; c < otf.length; c++) {
                if (identity[c]) {
                    addUnblurred(c);
                }
            }
        }

        /** {@code ax += w_c · x} for a class whose PSF is the identity. */
        private void addUnblurred(int c) {
            float[] wc = maps.map(c);
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    ax[i + w * j] += wc[i + w * j] * x[i + r + gw * (j + r)];
                }
            }
        }

        private void embedWeighted(float[] wc, float[] v, float[] g) {
            Arrays.fill(g, 0f);
            for (int j = 0; j < h; j++) {
                int o = r + gw * (j + r);
                for (int i = 0; i < w; i++) {
                    g[o + i] = wc[i + w * j] * v[i + w * j];
                }
            }
        }

        /** One iteration: FFT of x, one inverse per blurred class for Ax, then the adjoint. */
        void iterate() {
            if (objectSide) {
                forwardObjectSide();
            } else {
                forwardImageSide();
            }
            k.divideGuarded(y, ax, ratio, w * h, DIVISION_EPS);
            adjoint(ratio, grid);
            k.multiply(grid, invNorm, grid, grid.length);
            k.multiply(x, grid, x, x.length);
            for (int p = 0; p < x.length; p++) {
                if (!(x[p] > 0f)) {
                    x[p] = 0f;
                }
            }
        }

        /** Image side: {@code ax = Σ_c w_c · (h_c ⊛ x)} (one forward FFT, one inverse per blurred class). */
        private void forwardImageSide() {
            fft.forward(x, specX, pool);
            Arrays.fill(ax, 0f);
            for (int c = 0; c < otf.length; c++) {
                float[] wc = maps.map(c);
                if (identity[c]) {
                    addUnblurred(c);
                    continue;
                }
                k.complexMultiply(specX, otf[c].spectrum, specT, bins);
                fft.inverse(specT, grid, pool);
                for (int j = 0; j < h; j++) {
                    int o = r + gw * (j + r);
                    for (int i = 0; i < w; i++) {
                        ax[i + w * j] += wc[i + w * j] * grid[o + i];
                    }
                }
            }
        }

        /** The estimate on the image ({@code width x height}) times {@code scale}, without the object's border ring. */
        float[] estimateOnImage(int width, int height, float scale) {
            float[] out = new float[width * height];
            for (int j = 0; j < height; j++) {
                System.arraycopy(x, r + gw * (j + r), out, width * j, width);
            }
            PowerOfTwoScale.scaleInPlace(out, scale);
            return out;
        }
    }
}
