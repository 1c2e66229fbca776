package dev.delp.engine.simulate;

import dev.delp.engine.conv.Blur;
import dev.delp.engine.conv.OtfCache;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Shapes;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * The image formation model of DESIGN.md §4:
 * {@code counts = Poisson(photons · (h ⊛ x) / reference) + offset + N(0, readNoise²)}, blur with
 * mirrored borders; {@link #observe} returns those counts (what a camera records) and
 * {@link #observeIntensity} maps them back to the input's units,
 * {@code observed = counts · reference / photons}, exactly DESIGN's
 * {@code Poisson(photons·(h⊛x)/max) / photons·max} when offset and read noise are 0.
 *
 * <p>Noise is drawn pixel by pixel in index order from one {@link SplittableRandom}, so the result
 * depends only on the seed, never on the thread count.
 */
public final class ForwardModel {
    private final OtfCache cache;

    /** A forward model with its own OTF cache (16 entries). */
    public ForwardModel() {
        this(new OtfCache(16));
    }

    /** A forward model sharing {@code cache}. */
    public ForwardModel(OtfCache cache) {
        this.cache = cache;
    }

    /** {@code h ⊛ x} with mirrored borders. */
    public Image2d blur(Image2d x, Image2d psf, ForkJoinPool pool) {
        return Blur.reflect(x, psf, cache, pool);
    }

    /**
     * Camera counts for a noiseless intensity image: {@code Poisson(photons · b / reference) +
     * offset + N(0, readNoise²)} per pixel. Negative intensities are treated as 0.
     *
     * @param referenceIntensity the intensity that yields {@code noise.photons()} expected counts (> 0)
     */
    public static Image2d observe(Image2d blurred, double referenceIntensity, NoiseModel noise, SplittableRandom random) {
        if (!(referenceIntensity > 0) || Double.isInfinite(referenceIntensity)) {
            throw new IllegalArgumentException("referenceIntensity " + referenceIntensity + " must be finite and > 0");
        }
        Shapes.checkFinite("blurred image", blurred.data());
        PoissonSampler poisson = new PoissonSampler(random);
        GaussianSampler gauss = noise.readNoiseCounts() > 0 ? new GaussianSampler(random) : null;
        double gain = noise.photons() / referenceIntensity;
        float[] in = blurred.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            double mean = Math.max(0, in[i]) * gain;
            double c = poisson.sample(Math.min(mean, PoissonSampler.MAX_MEAN)) + noise.offsetCounts();
            if (gauss != null) {
                c += noise.readNoiseCounts() * gauss.next();
            }
            out[i] = (float) c;
        }
        return new Image2d(blurred.width(), blurred.height(), out);
    }

    /** {@link #observe} scaled back to intensity units: {@code counts · reference / photons}. */
    public static Image2d observeIntensity(Image2d blurred, double referenceIntensity, NoiseModel noise,
            SplittableRandom random) {
        Image2d counts = observe(blurred, referenceIntensity, noise, random);
        float scale = (float) (referenceIntensity / noise.photons());
        float[] d = counts.data();
        for (int i = 0; i < d.length; i++) {
            d[i] *= scale;
        }
        return counts;
    }

    /**
     * Blur then noise, DESIGN.md §4, reference = the maximum of the blurred image; result in the
     * input's intensity units. An all-zero (or all-negative) image stays at the offset.
     */
    public Image2d simulate(Image2d x, Image2d psf, NoiseModel noise, long seed, ForkJoinPool pool) {
        Shapes.checkFinite("image", x.data());
        Image2d b = blur(x, psf, pool);
        double ref = b.max();
        if (!(ref > 0)) {
            ref = 1;
        }
        return observeIntensity(b, ref, noise, new SplittableRandom(seed));
    }
}
