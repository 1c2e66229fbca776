package dev.delp.engine.awdvd;

import dev.delp.fft.FftSizes;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;

/**
 * The heap an {@link Awdvd} run will allocate, estimated from its arrays before it makes them, and the
 * check that refuses a run the heap cannot hold — before the work starts, with the need, the limit and
 * what to change, instead of an {@link OutOfMemoryError} minutes into it.
 *
 * <p>The estimate counts what is live at once in each stage: classification (two batches of patches
 * and DelpNet's per-thread scratch), the depth reading of level 10 ({@link DeepDefocus}), and the
 * restoration — case (i)/(ii) ({@link Blender}'s two double accumulators and its output, one batch of
 * patch results, per running patch its region, RL arrays and FFT scratch, and the cached plan of each
 * (level, region shape)), or the global RL of the interpolated and invariant modes
 * ({@link VariantRichardsonLucy}: weight maps, one OTF per blurred class, the double accumulator, the
 * work grid's arrays, and on the object side one grid-sized map per blurred class). It is multiplied
 * by {@link #MARGIN}, which covers what it leaves out (see there).
 */
public final class AwdvdMemory {
    /**
     * Factor on the estimate. Against what runs needed (the smallest {@code -Xmx} a run completed in,
     * bisected to 2-4 %, minus the heap in use before it; {@code AwdvdHeapProbe}, G1, session 12) the
     * bare estimate was 0.88-1.17 of the need over ten cases (awdvd 256² to 3000², stride 42 and 84,
     * one and two threads; interpolated 1024² and 2048²; invariant 1024²): short by up to 1/0.88 = 1.14,
     * at 1024² invariant, where G1 rounds each of about twenty 4-8 MB arrays up to whole 1 MiB regions,
     * and at 3000² awdvd, where it needs contiguous free regions for each 36-72 MB array (the live set
     * at the last full GC was 199 MiB of a 258 MiB heap). 1.25 covers that with room for the
     * bisection's noise (reruns of one case moved by up to 8 %).
     */
    static final double MARGIN = 1.25;
    /**
     * DelpNet's scratch per thread, kept by its inference plan in each thread that classified, through
     * the restoration too (4.7 MiB measured per thread, session 12).
     */
    static final long NET_BYTES_PER_THREAD = 6L << 20;
    /** Patches per classifier call ({@link Awdvd#classify}, {@link DeepDefocus#BATCH}). */
    static final int CLASSIFY_BATCH = 256;
    private static final long ROW_BYTES = 64; // one float[12] row of probabilities with its header

    private AwdvdMemory() {
    }

    /** The heap figures the check reads; {@link #runtime()} by default, small ones in tests. */
    public interface Heap {
        /** The most the heap may grow to ({@link Runtime#maxMemory()}). */
        long maxBytes();

        /** Bytes in use now, garbage included. */
        long usedBytes();

        /** Collects garbage before a refusal, so that only live data counts (a no-op where there is none). */
        void collect();

        /** The running JVM's heap. */
        static Heap runtime() {
            return new Heap() {
                @Override
                public long maxBytes() {
                    return Runtime.getRuntime().maxMemory();
                }

                @Override
                public long usedBytes() {
                    Runtime r = Runtime.getRuntime();
                    return r.totalMemory() - r.freeMemory();
                }

                @Override
                public void collect() {
                    System.gc();
                }
            };
        }
    }

    /** A run refused because the heap cannot hold it; exit 2 in the CLI, like other input too large. */
    public static final class HeapTooSmallException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final String what;
        private final long needBytes, perThreadBytes, freeBytes, maxBytes;
        private final int threads;

        HeapTooSmallException(String what, Need need, long freeBytes, long maxBytes) {
            super(describe(what, need.bytes(), need.perThreadBytes(), need.threads(), freeBytes, maxBytes)
                    + "give Java more heap (-Xmx" + AwdvdMemory.suggestedXmx(need.bytes() + maxBytes - freeBytes)
                    + "), use fewer threads or a smaller image");
            this.what = what;
            this.needBytes = need.bytes();
            this.perThreadBytes = need.perThreadBytes();
            this.threads = need.threads();
            this.freeBytes = freeBytes;
            this.maxBytes = maxBytes;
        }

        private static String describe(String what, long need, long perThread, int threads, long free, long max) {
            return String.format(Locale.ROOT, "%s needs about %s of heap (%s per thread x %d thread%s) but %s of %s is"
                    + " free; ", what, mib(need), mib(perThread), threads, threads == 1 ? "" : "s", mib(free), mib(max));
        }

        /**
         * The message with another remedy (a command line's flags):
         * {@code "<the run> needs about … but … is free; <remedy>"}.
         */
        public String withRemedy(String remedy) {
            return describe(what, needBytes, perThreadBytes, threads, freeBytes, maxBytes) + remedy;
        }

        /** Estimated bytes the run needs (margin included). */
        public long needBytes() {
            return needBytes;
        }

        /** The part of {@link #needBytes} each thread adds. */
        public long perThreadBytes() {
            return perThreadBytes;
        }

        public int threads() {
            return threads;
        }

        /** Bytes the heap could still give (maximum minus live data) when the run was refused. */
        public long freeBytes() {
            return freeBytes;
        }

        /** The heap's maximum ({@code -Xmx}). */
        public long maxBytes() {
            return maxBytes;
        }

        /** A {@code -Xmx} value that holds the live data plus the run: {@code 512m}, {@code 3g}. */
        public String suggestedXmx() {
            return AwdvdMemory.suggestedXmx(needBytes + maxBytes - freeBytes);
        }
    }

    /**
     * Estimated bytes of one run (margin included): {@code sharedBytes + threads · perThreadBytes}.
     */
    public record Need(long sharedBytes, long perThreadBytes, int threads) {
        public long bytes() {
            return sharedBytes + threads * perThreadBytes;
        }

        Need plus(Need o) {
            return new Need(sharedBytes + o.sharedBytes, perThreadBytes + o.perThreadBytes, threads);
        }

        static Need max(Need a, Need b) {
            return a.bytes() >= b.bytes() ? a : b;
        }

        Need withMargin() {
            return new Need((long) Math.ceil(sharedBytes * MARGIN), (long) Math.ceil(perThreadBytes * MARGIN), threads);
        }
    }

    /**
     * Throws unless the heap can give {@code need} bytes besides what is live: when the quick reading
     * (garbage counted as used) falls short, garbage is collected and the heap read again first.
     *
     * @param what the run, for the message ({@code "deconvolving a 3000x3000 image (awdvd, stride 42)"})
     * @throws HeapTooSmallException naming the need, the limit and what to change
     */
    static void require(Need need, Heap heap, String what) {
        long max = heap.maxBytes();
        if (need.bytes() <= max - heap.usedBytes()) {
            return;
        }
        heap.collect();
        long free = max - heap.usedBytes();
        if (need.bytes() > free) {
            throw new HeapTooSmallException(what, need, Math.max(0, free), max);
        }
    }

    /**
     * The run of {@code options} on a {@code width x height} image, for the given pipeline parts. Before
     * classifying ({@code filtered == null}) what any classification needs: classifying, and restoring
     * every patch at the level of the smallest PSF with one class. With the (filtered) map: the mode's
     * arrays for its levels and classes; level 10, when present and its depth may be read from the
     * image, at the deepest PSF {@link DeepDefocus} can choose.
     */
    static Need of(int width, int height, DefocusMap filtered, AwdvdOptions options, PsfSource psfs,
            PatchDeconvolver deconvolver, int threads) {
        PatchGrid grid = filtered != null ? filtered.grid() : PatchGrid.of(width, height, options.stride());
        long n = (long) width * height;
        boolean classifies = options.mode() != AwdvdOptions.Mode.INVARIANT || options.invariantLevel() < 0;
        // the image minus the offset; DelpNet's per-thread scratch stays with the pool's threads
        Need base = new Need(options.offset() != 0f ? 4 * n : 0, classifies ? NET_BYTES_PER_THREAD : 0, threads);
        boolean rl = deconvolver instanceof RlPatchDeconvolver;
        if (filtered == null) {
            int level = options.invariantLevel() >= 0 ? options.invariantLevel() : 0;
            Need restore = options.mode() == AwdvdOptions.Mode.AWDVD
                    ? patchwise(grid, filled(grid.count(), level), all(grid.count()),
                            l -> deconvolver.margin(level), rl, options.batchPatches(), threads)
                    : variant(width, height, 1, 1, psfs.radius(level), false, threads);
            return base.plus(classifies ? Need.max(classify(grid.count(), grid.patchSize(), threads), restore)
                    : restore).withMargin();
        }
        int[] labels = new int[grid.count()];
        boolean deep = false;
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = 0, y1 = 0, p = grid.patchSize();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = filtered.label(i);
            if (labels[i] == PatchClassifier.LEVELS - 1) {
                deep = true;
                x0 = Math.min(x0, grid.patchX(i));
                y0 = Math.min(y0, grid.patchY(i));
                x1 = Math.max(x1, Math.min(width, grid.patchX(i) + p));
                y1 = Math.max(y1, Math.min(height, grid.patchY(i) + p));
            }
        }
        if (options.mode() == AwdvdOptions.Mode.INVARIANT) {
            if (options.invariantLevel() < 0 && filtered.allBackground()) {
                return base.plus(new Need(4 * n, 0, threads)).withMargin(); // passed through
            }
            int level = options.invariantLevel() >= 0 ? options.invariantLevel() : filtered.dominantLevel();
            return base.plus(variant(width, height, 1, 1, psfs.radius(level), false, threads)).withMargin();
        }
        boolean deepens = deep && psfs instanceof BornWolfLevels && rl;
        IntUnaryOperator radius = deepestRadii(psfs, deepens);
        IntUnaryOperator margin = rl ? radius : deconvolver::margin;
        Need reading = deepens ? deepDefocus(width, height, x1 - x0, y1 - y0, p, threads) : new Need(0, 0, threads);
        Need restore;
        if (options.mode() == AwdvdOptions.Mode.AWDVD) {
            restore = patchwise(grid, labels, all(labels.length), margin, rl, options.batchPatches(), threads);
        } else {
            float[][] blurLevels = BlurLevels.of(filtered);
            float[][] rows = blurLevels == null ? filtered.probabilities() : blurLevels;
            int maps = 0, blurred = 0, r = 0;
            for (int c = 0; c < PatchClassifier.CLASSES; c++) {
                float max = 0;
                for (float[] row : rows) {
                    max = Math.max(max, row[c]);
                }
                if (max >= options.minWeight()) { // the classes WeightMaps keeps
                    maps++;
                    if (c != PatchClassifier.BG) {
                        blurred++;
                        r = Math.max(r, radius.applyAsInt(c));
                    }
                }
            }
            boolean[] jumps = 2 * grid.stride() > p ? new boolean[labels.length]
                    : LevelJumps.find(filtered, LevelJumps.MIN_JUMP, psfs.deepestInLevels());
            long jumpPatches = 0;
            for (boolean j : jumps) {
                jumpPatches += j ? 1 : 0;
            }
            restore = variant(width, height, maps, blurred, r, true, threads)
                    .plus(new Need(4 * jumpPatches * p * p, 0, threads))
                    .plus(patchPlans(grid, labels, jumps, margin, rl, threads));
        }
        return base.plus(Need.max(reading, restore)).withMargin();
    }

    /** Each level's PSF radius; level 10's at the deepest depth {@link DeepDefocus} can read when {@code deepens}. */
    private static IntUnaryOperator deepestRadii(PsfSource psfs, boolean deepens) {
        if (!deepens) {
            return psfs::radius;
        }
        BornWolfLevels levels = (BornWolfLevels) psfs;
        double deepestUm = Math.max(DeepDefocus.SCAN_TO, DeepDefocus.BIN) * levels.nominalDeepestUm();
        int deepest = Math.max(psfs.radius(PatchClassifier.LEVELS - 1), levels.psfAtUm(deepestUm).size() / 2);
        return l -> l == PatchClassifier.LEVELS - 1 ? deepest : psfs.radius(l);
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private static boolean[] all(int n) {
        boolean[] a = new boolean[n];
        java.util.Arrays.fill(a, true);
        return a;
    }

    /**
     * Classifying {@code patches} patches in batches, the rows of probabilities kept (DelpNet's scratch
     * per thread, {@link #NET_BYTES_PER_THREAD}, is counted apart: it stays once made).
     */
    static Need classify(int patches, int patchSize, int threads) {
        long batch = 4L * Math.min(patches, CLASSIFY_BATCH) * patchSize * patchSize;
        // the packed batch, its copy scaled to a unit peak, one cut patch
        return new Need(2 * batch + 4L * patchSize * patchSize + patches * ROW_BYTES, 0, threads);
    }

    /**
     * {@link DeepDefocus} on a map with level-10 patches over the box {@code boxWidth x boxHeight}: the
     * spectral window (two interpolated class maps of the image while its weights are cut, then the
     * weights, the zero-padded window and its spectrum), or the binned windows and a classifier call.
     */
    static Need deepDefocus(int width, int height, int boxWidth, int boxHeight, int patchSize, int threads) {
        long n = (long) width * height;
        long box = (long) boxWidth * boxHeight;
        long padded = (long) FftSizes.good(boxWidth) * FftSizes.good(boxHeight);
        long spectrum = 2L * (FftSizes.good(boxWidth) / 2 + 1) * FftSizes.good(boxHeight);
        long spectral = Math.max(4 * (2 * n + box), 4 * (box + padded + spectrum));
        return Need.max(new Need(spectral, 0, threads), classify(CLASSIFY_BATCH, patchSize, threads));
    }

    /**
     * The patch-wise restoration (case (i)/(ii)): {@link Blender} (two double accumulators, then its
     * output), one batch of results, and for the patches with {@code restored[i]}: per running patch
     * its RL workspace, and the plan of each (level, region shape) (OTF, inverse normalisation map and the
     * FFT plan's scratch, {@link #fftScratch}). {@code rl = false}: a deconvolver of unknown workspace, counted
     * as two region copies per thread.
     *
     * @param margin the deconvolver's margin per level; with {@code rl}, also its PSF radius
     */
    static Need patchwise(PatchGrid grid, int[] labels, boolean[] restored, IntUnaryOperator margin, boolean rl,
            int batchPatches, int threads) {
        long n = (long) grid.imageWidth() * grid.imageHeight();
        int p = grid.patchSize();
        long shared = 20 * n + 4L * Math.min(batchPatches, grid.count()) * p * p;
        return new Need(shared, 0, threads).plus(patchPlans(grid, labels, restored, margin, rl, threads));
    }

    /** The RL plans and per-thread workspaces of the patches with {@code restored[i]} (see {@link #patchwise}). */
    static Need patchPlans(PatchGrid grid, int[] labels, boolean[] restored, IntUnaryOperator margin, boolean rl,
            int threads) {
        int p = grid.patchSize();
        long plans = 0, perThread = 0;
        for (long key : planKeys(grid, labels, restored, margin)) {
            int level = (int) (key >>> 42), rw = (int) ((key >>> 21) & 0x1FFFFF), rh = (int) (key & 0x1FFFFF);
            long region = 4L * rw * rh;
            if (!rl) {
                perThread = Math.max(perThread, 2 * region + 4L * p * p);
                continue;
            }
            int r = margin.applyAsInt(level);
            int ww = FftSizes.good(rw + 2 * r), wh = FftSizes.good(rh + 2 * r);
            long work = 4L * ww * wh, spectrum = 8L * (ww / 2 + 1) * wh;
            plans += spectrum + work + fftScratch(ww, wh, threads, threads); // OTF, 1/norm, FFT plan's pools
            // building a plan: wrapped PSF, mask, its correlation (+ spectrum); running one: y, x, t, spectrum
            long build = 3 * work + spectrum;
            long run = 3 * work + spectrum;
            perThread = Math.max(perThread, 2 * region + 4L * p * p + Math.max(build, run));
        }
        return new Need(plans, perThread, threads);
    }

    /**
     * The (level, region width, region height) of each RL plan the patches with {@code restored[i]}
     * make, as {@link RlPatchDeconvolver} keys its plan cache: {@code level << 42 | width << 21 | height}.
     */
    static TreeSet<Long> planKeys(PatchGrid grid, int[] labels, boolean[] restored, IntUnaryOperator margin) {
        int p = grid.patchSize();
        TreeSet<Long> keys = new TreeSet<>();
        for (int i = 0; i < grid.count(); i++) {
            if (restored[i] && labels[i] != PatchClassifier.BG) {
                int m = margin.applyAsInt(labels[i]);
                int rw = regionLength(grid.patchX(i), p, m, grid.imageWidth());
                int rh = regionLength(grid.patchY(i), p, m, grid.imageHeight());
                keys.add(((long) labels[i] << 42) | ((long) rw << 21) | rh);
            }
        }
        return keys;
    }

    /** Length along one axis of a patch's region: the patch grown by the margin as far as the image goes ({@link Awdvd}). */
    static int regionLength(int origin, int patch, int margin, int imageLength) {
        int lo = Math.min(origin, Math.max(0, origin - margin));
        return Math.max(origin + patch, Math.min(imageLength, origin + patch + margin)) - lo;
    }

    /**
     * {@link VariantRichardsonLucy} with {@code maps} weight maps of which {@code blurred} have a PSF
     * (the largest of radius {@code radius}): the maps, one OTF (and its FFT plan) per blurred class,
     * the double accumulator, the image scaled to a unit peak, the work arrays on the image and on the
     * grid, three spectra and the FFT plan's scratch, one snapshot and the output; on the object side a
     * grid-sized map per blurred class and two grid-sized scratch arrays.
     */
    static Need variant(int width, int height, int maps, int blurred, int radius, boolean objectSide, int threads) {
        long n = (long) width * height;
        int gw = FftSizes.good(width + 2 * radius), gh = FftSizes.good(height + 2 * radius);
        long grid = 4L * gw * gh, spectrum = 8L * (gw / 2 + 1) * gh;
        long bytes = 4 * n * maps + blurred * (spectrum + fftScratch(gw, gh, threads, 0)) + 8 * n + 4 * n + 3 * 4 * n
                + 3 * grid + 3 * spectrum + fftScratch(gw, gh, threads, 1) + 2 * 4 * n;
        if (objectSide) {
            bytes += (blurred + 2) * grid;
        }
        // building an OTF: the wrapped PSF on the grid
        return new Need(bytes + grid, 0, threads);
    }

    /**
     * What a {@link dev.delp.fft.RealFft2d} plan keeps in its scratch pools once used: line buffers
     * per thread, and per concurrent preserving inverse a spectrum copy. Measured (session 12, plans
     * of 128² to 2160², one and two threads): line buffers 500–1,000 bytes per thread and line length,
     * an inverse 1.0–1.8 spectra.
     */
    static long fftScratch(int width, int height, int threads, int inverses) {
        return 2L * inverses * 8L * (width / 2 + 1) * height + threads * 1100L * Math.max(width, height);
    }

    /** {@code bytes} in MiB for a message: {@code 412 MiB}. */
    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%d MiB", (bytes + (1 << 20) - 1) >> 20);
    }

    /** A {@code -Xmx} that holds {@code bytes} with a fifth to spare, in whole 256 MiB or GiB steps. */
    static String suggestedXmx(long bytes) {
        long mib = (long) Math.ceil(bytes * 1.2 / (1 << 20));
        if (mib <= 1024) {
            return ((mib + 255) / 256 * 256) + "m";
        }
        return ((mib + 1023) / 1024) + "g";
    }
}
