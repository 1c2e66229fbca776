package dev.delp.engine.conv;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Stack3d;
import dev.delp.fft.FftSizes;
import java.util.concurrent.ForkJoinPool;

/**
 * Convolution of an image with a PSF via real FFTs, with reflective borders: the image is extended
 * by mirroring ({@link dev.delp.engine.image.Reflect}) to a work grid of
 * {@code FftSizes.good(n + psf - 1)} per axis, convolved circularly, and cropped. The PSF centre
 * is its pixel {@code (w/2, h/2[, d/2])}. OTFs come from the given {@link OtfCache}.
 */
public final class Blur {
    private Blur() {
    }

    /** {@code h ⊛ image} with mirrored borders; a new image of the input's shape. */
    public static Image2d reflect(Image2d image, Image2d psf, OtfCache cache, ForkJoinPool pool) {
        int workWidth = FftSizes.good(image.width() + psf.width() - 1);
        int workHeight = FftSizes.good(image.height() + psf.height() - 1);
        int left = psf.width() / 2;
        int top = psf.height() / 2;
        Image2d work = image.cropReflect(-left, -top, workWidth, workHeight);
        Otf2d otf = cache.otf(psf, workWidth, workHeight, pool);
        float[] spec = new float[otf.spectrumLength()];
        otf.plan().forward(work.data(), spec, pool);
        otf.multiply(spec, false);
        otf.plan().inverseDestroying(spec, work.data(), pool); // spec is discarded
        return work.crop(left, top, image.width(), image.height());
    }

    /** {@code h ⊛ stack} with mirrored borders; a new stack of the input's shape. */
    public static Stack3d reflect(Stack3d stack, Stack3d psf, OtfCache cache, ForkJoinPool pool) {
        int workWidth = FftSizes.good(stack.width() + psf.width() - 1);
        int workHeight = FftSizes.good(stack.height() + psf.height() - 1);
        int workDepth = FftSizes.good(stack.depth() + psf.depth() - 1);
        int left = psf.width() / 2;
        int top = psf.height() / 2;
        int front = psf.depth() / 2;
        Stack3d work = stack.cropReflect(-left, -top, -front, workWidth, workHeight, workDepth);
        Otf3d otf = cache.otf(psf, workWidth, workHeight, workDepth, pool);
        float[] spec = new float[otf.spectrumLength()];
        otf.plan().forward(work.data(), spec, pool);
        otf.multiply(spec, false);
        otf.plan().inverseDestroying(spec, work.data(), pool); // spec is discarded
        return work.crop(left, top, front, stack.width(), stack.height(), stack.depth());
    }
}
