package dev.delp.engine.dataset;

import dev.delp.engine.conv.Otf2d;
import dev.delp.engine.conv.OtfCache;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Percentiles;
import dev.delp.engine.simulate.GaussianSampler;
import dev.delp.engine.simulate.PoissonSampler;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.fft.FftSizes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.Spliterator;
import java.util.Spliterators;

/**
 * Streams labelled 84×84 training patches (levels 0..10 and bg, {@link Labels}) simulated from
 * in-focus sources: generated specimens or caller-supplied images (e.g. BBBC006 loaded by the CLI).
 *
 * <p><b>Blocks.</b> The stream is a sequence of blocks; block {@code b} is a pure function of
 * {@code (seed, b)}: it takes one source (a new specimen, or a random listed image), and emits one
 * patch of every class (12 patches) in a random order — so classes are exactly balanced in every
 * block of 12. When the current source holds no window for a class (e.g. no background in a crowded
 * field), the block moves on to a further source drawn from its own random stream. Because blocks
 * are independent, {@link #blocks} can build them in parallel with byte-identical results for any
 * thread count. Nothing but the current block is held in memory.
 *
 * <p><b>Rendering.</b> For a window at {@code (x, y)} and defocus {@code d}: fluorescence
 * {@code s = max(0, source − offset)} is cropped with a margin of the PSF radius {@code r}
 * (mirrored at the source border) onto a {@code FftSizes.good(84 + 2r)} grid, blurred by FFT with
 * the PSF of {@code d} (OTF cached per defocus and grid), the central 84×84 kept, then camera
 * counts {@code Poisson(photons · b / ref) + offset + N(0, readNoise²)} with {@code photons} drawn
 * log-uniformly per patch and {@code ref} the source's reference intensity.
 */
public final class DatasetBuilder {
    /** Patch side in pixels. */
    public static final int PATCH = 84;

    /** Patches per block (one per class). */
    public static final int BLOCK = Labels.COUNT;

    private final List<SourceImage> images; // null when generating
    private final SpecimenGenerator generator; // null when listing
    private final int genWidth;
    private final int genHeight;
    private final PsfSource psfs;
    private final DatasetConfig config;
    private final ConcurrentHashMap<Double, Image2d> psfCache = new ConcurrentHashMap<>();
    private final OtfCache otfCache = new OtfCache(64);

    private DatasetBuilder(List<SourceImage> images, SpecimenGenerator generator, int genWidth, int genHeight,
            PsfSource psfs, DatasetConfig config) {
        if (psfs == null || config == null) {
            throw new IllegalArgumentException("psf source and config are required");
        }
        this.images = images;
        this.generator = generator;
        this.genWidth = genWidth;
        this.genHeight = genHeight;
        this.psfs = psfs;
        this.config = config;
    }

    /** Patches from the given in-focus images (not copied; do not modify them while streaming). */
    public static DatasetBuilder fromImages(List<SourceImage> images, PsfSource psfs, DatasetConfig config) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("at least one source image is required");
        }
        return new DatasetBuilder(List.copyOf(images), null, 0, 0, psfs, config);
    }

    /**
     * Patches from freshly generated specimens of {@code width x height} (at least 84×84; 256×256 is
     * a good trade-off between generation cost and variety). Reference intensity: 0.75, the
     * generator's typical nuclear brightness.
     */
    public static DatasetBuilder fromGenerator(SpecimenGenerator generator, int width, int height, PsfSource psfs,
            DatasetConfig config) {
        if (generator == null) {
            throw new IllegalArgumentException("generator is null");
        }
        if (width < PATCH || height < PATCH) {
            throw new IllegalArgumentException("generated sources " + width + "x" + height + " must be at least "
                    + PATCH + "x" + PATCH);
        }
        return new DatasetBuilder(null, generator, width, height, psfs, config);
    }

    /** The configuration this builder draws patches with. */
    public DatasetConfig config() {
        return config;
    }

    /** An endless iterator over patches, block after block, starting at block 0. */
    public Iterator<LabelledPatch> iterator(long seed) {
        return new Iterator<>() {
            private long block;
            private List<LabelledPatch> current = List.of();
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public LabelledPatch next() {
                if (next == current.size()) {
                    current = block(seed, block++);
                    next = 0;
                    if (current.isEmpty()) {
                        throw new NoSuchElementException("block produced no patches");
                    }
                }
                return current.get(next++);
            }
        };
    }

    /** An endless sequential stream of patches (use {@code limit}). */
    public Stream<LabelledPatch> stream(long seed) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(seed),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * Blocks {@code first .. first+count-1} built in parallel on {@code pool}; the concatenated
     * result is identical to the sequential stream's patches {@code 12·first ..}.
     */
    public List<LabelledPatch> blocks(long seed, long first, int count, ForkJoinPool pool) {
        if (count < 0) {
            throw new IllegalArgumentException("block count " + count + " must be >= 0");
        }
        List<List<LabelledPatch>> parts;
        try {
            parts = pool.submit(() -> java.util.stream.LongStream.range(first, first + count).parallel()
                    .mapToObj(b -> block(seed, b)).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building blocks", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        List<LabelledPatch> out = new ArrayList<>(count * BLOCK);
        parts.forEach(out::addAll);
        return out;
    }

    /** Block {@code b}: 12 patches, one per class, in random order (pure function of seed and b). */
    public List<LabelledPatch> block(long seed, long b) {
        SplittableRandom rnd = new SplittableRandom(mix(seed, b));
        int[] order = new int[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            order[i] = i;
        }
        for (int i = BLOCK - 1; i > 0; i--) { // Fisher–Yates
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        long sourceIndex = b * 1000;
        Prepared src = prepare(rnd, sourceIndex);
        List<LabelledPatch> out = new ArrayList<>(BLOCK);
        for (int label : order) {
            int[] xy = findWindow(src, label, rnd);
            int guard = 0;
            while (xy == null) {
                if (++guard > 50) {
                    throw new IllegalStateException("no window for label " + Labels.name(label) + " in 50 sources; "
                            + "check the sources and the background rule " + config);
                }
                src = prepare(rnd, ++sourceIndex);
                xy = findWindow(src, label, rnd);
            }
            out.add(render(src, label, xy[0], xy[1], rnd));
        }
        return out;
    }

    // ---- sources -----------------------------------------------------------------------------

    /** A source with offset removed, its reference intensity and a foreground integral image. */
    private record Prepared(long index, Image2d signal, double reference, int[] fgIntegral) {
    }

    private Prepared prepare(SplittableRandom rnd, long index) {
        Image2d raw;
        double offset;
        double reference;
        if (images != null) {
            SourceImage s = images.get(rnd.nextInt(images.size()));
            raw = s.image();
            offset = s.offsetCounts();
            reference = Double.NaN;
        } else {
            raw = generator.generate(genWidth, genHeight, rnd.nextLong());
            offset = 0;
            reference = 0.75;
        }
        float[] in = raw.data();
        float[] sig = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            float v = (float) (in[i] - offset);
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("source image has a non-finite pixel " + in[i] + " at index " + i);
            }
            sig[i] = Math.max(0f, v);
        }
        Image2d signal = new Image2d(raw.width(), raw.height(), sig);
        if (Double.isNaN(reference)) {
            reference = Percentiles.of(sig, 99.9);
            if (!(reference > 0)) {
                reference = 1; // an empty image: every window is background
            }
        }
        float threshold = (float) (config.foregroundThreshold() * reference);
        int w = raw.width();
        int h = raw.height();
        int[] integral = new int[(w + 1) * (h + 1)];
        for (int y = 0; y < h; y++) {
            int rowSum = 0;
            for (int x = 0; x < w; x++) {
                rowSum += sig[x + w * y] > threshold ? 1 : 0;
                integral[(x + 1) + (w + 1) * (y + 1)] = integral[(x + 1) + (w + 1) * y] + rowSum;
            }
        }
        return new Prepared(index, signal, reference, integral);
    }

    private static double foregroundFraction(Prepared p, int x0, int y0, int x1, int y1) {
        int w = p.signal.width() + 1;
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(p.signal.width(), x1);
        y1 = Math.min(p.signal.height(), y1);
        int[] s = p.fgIntegral;
        int count = s[x1 + w * y1] - s[x0 + w * y1] - s[x1 + w * y0] + s[x0 + w * y0];
        return count / (double) ((x1 - x0) * (y1 - y0));
    }

    /** A window satisfying the label's rule (see {@link Labels}), or null after maxTries. */
    private int[] findWindow(Prepared p, int label, SplittableRandom rnd) {
        int maxX = p.signal.width() - PATCH;
        int maxY = p.signal.height() - PATCH;
        int m = config.bgMarginPx();
        for (int t = 0; t < config.maxTries(); t++) {
            int x = rnd.nextInt(maxX + 1);
            int y = rnd.nextInt(maxY + 1);
            if (label == Labels.BG) {
                if (foregroundFraction(p, x - m, y - m, x + PATCH + m, y + PATCH + m) <= config.bgMaxForeground()) {
                    return new int[] {x, y};
                }
            } else if (foregroundFraction(p, x, y, x + PATCH, y + PATCH) >= config.minForeground()) {
                return new int[] {x, y};
            }
        }
        return null;
    }

    // ---- rendering ---------------------------------------------------------------------------

    private LabelledPatch render(Prepared p, int label, int x, int y, SplittableRandom rnd) {
        int level = label == Labels.BG ? rnd.nextInt(Labels.LEVELS) : label;
        double defocusUm = level * config.stepUm();
        if (level == Labels.LEVELS - 1 && config.level10MaxDefocusUm() > defocusUm) {
            int steps = (int) Math.floor(config.level10MaxDefocusUm() - defocusUm + 1e-9);
            defocusUm += rnd.nextInt(steps + 1);
        }
        double photons = Math.exp(Math.log(config.photonsMin())
                + rnd.nextDouble() * Math.log(config.photonsMax() / config.photonsMin()));
        Image2d blurred = blurWindow(p.signal, x, y, defocusUm);
        float[] b = blurred.data();
        PoissonSampler poisson = new PoissonSampler(rnd);
        GaussianSampler gauss = new GaussianSampler(rnd);
        double gain = photons / p.reference;
        float[] out = new float[PATCH * PATCH];
        for (int i = 0; i < out.length; i++) {
            double c = poisson.sample(Math.max(0, b[i]) * gain) + config.offsetCounts();
            if (config.readNoiseCounts() > 0) {
                c += config.readNoiseCounts() * gauss.next();
            }
            out[i] = (float) c;
        }
        return new LabelledPatch(new Image2d(PATCH, PATCH, out), label, defocusUm, photons, p.index, x, y);
    }

    private Image2d blurWindow(Image2d signal, int x, int y, double defocusUm) {
        Image2d psf = psfCache.computeIfAbsent(defocusUm, d -> checkedPsf(psfs.psf(d), d));
        int rx = psf.width() / 2;
        int ry = psf.height() / 2;
        int workWidth = FftSizes.good(PATCH + 2 * rx);
        int workHeight = FftSizes.good(PATCH + 2 * ry);
        Image2d work = signal.cropReflect(x - rx, y - ry, workWidth, workHeight);
        // The pool this block runs in (blocks() runs in the caller's pool); FFT results do not depend on it.
        ForkJoinPool pool = ForkJoinTask.inForkJoinPool() ? ForkJoinTask.getPool() : ForkJoinPool.commonPool();
        Otf2d otf = otfCache.otf(psf, workWidth, workHeight, pool);
        float[] spec = new float[otf.spectrumLength()];
        otf.plan().forward(work.data(), spec, pool);
        otf.multiply(spec, false);
        otf.plan().inverse(spec, work.data(), pool);
        return work.crop(rx, ry, PATCH, PATCH);
    }

    private static Image2d checkedPsf(Image2d psf, double defocusUm) {
        if (psf == null) {
            throw new IllegalArgumentException("psf source returned null for defocus " + defocusUm + " um");
        }
        if (psf.width() % 2 == 0 || psf.height() % 2 == 0) {
            throw new IllegalArgumentException("psf for defocus " + defocusUm + " um is " + psf.shape()
                    + "; odd sizes are required (centred PSF)");
        }
        return psf;
    }

    /** SplitMix64 of (seed, block) — decorrelated block seeds. */
    static long mix(long seed, long block) {
        long z = seed + 0x9E3779B97F4A7C15L * (block + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
