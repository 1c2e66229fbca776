package dev.delp.engine.eval;

import dev.delp.engine.awdvd.PsfSource;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.simulate.ForwardModel;
import dev.delp.engine.simulate.NoiseModel;
import dev.delp.engine.simulate.SpecimenGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Seeded test cases for per-level evaluation: an in-focus 84x84 truth with signal, and the noisy
 * defocused observation of it with {@code context} pixels of surrounding image on every side
 * (simulated on a larger window so the context is real blurred data, not padding).
 */
public final class PatchCases {
    /** Patch size. */
    public static final int PATCH = 84;

    /**
     * One case.
     *
     * @param truth    84x84 in-focus ground truth
     * @param observed {@code (84 + 2·context)²} noisy defocused window centred on the truth
     * @param context  pixels of context on each side of {@code observed}
     * @param level    true defocus level
     * @param source   "bbbc006" or "procedural"
     * @param counts   the central 84x84 as raw camera counts (offset and read noise included), what
     *                 DelpNet is trained on; {@code observed = (counts - offset) · reference / photons}
     */
    public record Case(float[] truth, float[] observed, int context, int level, String source, float[] counts) {
        /** The central 84x84 of the observation. */
        public float[] observedPatch() {
            return crop(observed, PATCH + 2 * context, context, PATCH);
        }

        /** The central {@code (84 + 2m)²} of the observation, {@code m <= context}. */
        public float[] observedRegion(int m) {
            return crop(observed, PATCH + 2 * context, context - m, PATCH + 2 * m);
        }
    }

    /** Camera offset of the simulated observations (BBBC006-like), in counts. */
    public static final double OFFSET_COUNTS = 100;
    /** Read noise of the simulated observations, in counts. */
    public static final double READ_NOISE_COUNTS = 2;
    /** The camera: Poisson at the photon budget, offset and read noise like the DelpNet training data. */
    static final java.util.function.DoubleFunction<NoiseModel> CAMERA =
            photons -> new NoiseModel(photons, READ_NOISE_COUNTS, OFFSET_COUNTS);

    private PatchCases() {
    }

    static float[] crop(float[] a, int size, int off, int n) {
        float[] out = new float[n * n];
        for (int y = 0; y < n; y++) {
            System.arraycopy(a, off + size * (off + y), out, n * y, n);
        }
        return out;
    }

    /**
     * {@code count} cases at {@code level}, alternating between the given real truths and
     * procedural specimens (256x256, seeds derived from {@code seed}).
     *
     * @param minSignal a truth patch qualifies when its 99th percentile minus 1st reaches this
     *                  fraction of its source image's (so the patch holds structure, not background)
     */
    public static List<Case> sample(List<Image2d> real, PsfSource psfs, int level, int count, int context,
            double photons, double minSignal, long seed, ForkJoinPool pool) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + level);
        SpecimenGenerator gen = new SpecimenGenerator();
        ForwardModel model = new ForwardModel();
        Image2d psf = psfs.psf(level);
        int r = psf.width() / 2;
        int window = PATCH + 2 * context + 2 * r;
        List<Case> out = new ArrayList<>(count);
        java.util.IdentityHashMap<Image2d, Double> spreads = new java.util.IdentityHashMap<>();
        int attempts = 0;
        while (out.size() < count) {
            if (++attempts > 200 * count) {
                throw new IllegalStateException("found only " + out.size() + " of " + count
                        + " patches with signal at level " + level);
            }
            boolean useReal = !real.isEmpty() && out.size() % 2 == 0;
            Image2d src = useReal ? real.get(rnd.nextInt(real.size()))
                    : gen.generate(256, 256, rnd.nextLong());
            if (src.width() < window || src.height() < window) {
                continue;
            }
            int x0 = rnd.nextInt(src.width() - window + 1), y0 = rnd.nextInt(src.height() - window + 1);
            Image2d win = src.crop(x0, y0, window, window);
            float[] truth = crop(win.data(), window, context + r, PATCH);
            double full = spreads.computeIfAbsent(src, im -> spread(im.data()));
            if (!useReal) {
                spreads.remove(src);
            }
            if (spread(truth) < minSignal * full) {
                continue;
            }
            Image2d blurred = model.blur(win, psf, pool);
            double reference = Math.max(blurred.max(), 1e-30);
            Image2d counts = ForwardModel.observe(blurred, reference, CAMERA.apply(photons),
                    new SplittableRandom(rnd.nextLong()));
            float[] c = counts.data();
            float[] intensity = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                intensity[i] = (float) ((c[i] - OFFSET_COUNTS) * reference / photons);
            }
            float[] observed = crop(intensity, window, r, PATCH + 2 * context);
            out.add(new Case(truth, observed, context, level, useReal ? "bbbc006" : "procedural",
                    crop(c, window, r + context, PATCH)));
        }
        return out;
    }

    private static double spread(float[] a) {
        float[] s = a.clone();
        java.util.Arrays.sort(s);
        return s[(int) (0.99 * (s.length - 1))] - s[(int) (0.01 * (s.length - 1))];
    }
}
