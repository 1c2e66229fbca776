package dev.delp.engine.conv;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.PowerOfTwoScale;
import dev.delp.engine.image.Reflect;
import dev.delp.engine.image.Stack3d;
import dev.delp.fft.FftSizes;
import java.util.concurrent.ForkJoinPool;

/**
 * Convolution of an image with a PSF via real FFTs, with reflective borders: the image is extended
 * by mirroring ({@link Reflect}) to a work grid of {@code FftSizes.good(n + psf - 1)} per axis,
 * convolved circularly, and cropped. The PSF centre is its pixel {@code (w/2, h/2[, d/2])}. OTFs
 * come from the given {@link OtfCache}. The mirrored image is written straight into the in-place
 * FFT's padded layout, so a blur allocates one half-spectrum-sized array besides its output.
 */
public final class Blur {
    private Blur() {
    }

    /** {@code h ⊛ image} with mirrored borders; a new image of the input's shape. */
    public static Image2d reflect(Image2d image, Image2d psf, OtfCache cache, ForkJoinPool pool) {
        int workWidth = FftSizes.good(image.width() + psf.width() - 1);
        int workHeight = FftSizes.good(image.height() + psf.height() - 1);
        Otf2d otf = cache.otf(psf, workWidth, workHeight, pool);
        int stride = otf.plan().paddedRowLength();
        float[] data = new float[otf.plan().paddedLength()];
        int left = psf.width() / 2;
        int top = psf.height() / 2;
        float scale = unitScale(image.data());
        fillRows(image.data(), scale, image.width(), image.height(), 1, left, top, 0, workWidth, workHeight, 1, stride,
                data);
        otf.plan().forwardInPlace(data, pool);
        otf.multiply(data, false);
        otf.plan().inverseInPlace(data, pool);
        Image2d out = Image2d.zeros(image.width(), image.height());
        for (int y = 0; y < image.height(); y++) {
            System.arraycopy(data, left + stride * (y + top), out.data(), image.width() * y, image.width());
        }
        PowerOfTwoScale.scaleInPlace(out.data(), PowerOfTwoScale.inverse(scale));
        return out;
    }

    /** {@code h ⊛ stack} with mirrored borders; a new stack of the input's shape. */
    public static Stack3d reflect(Stack3d stack, Stack3d psf, OtfCache cache, ForkJoinPool pool) {
        int workWidth = FftSizes.good(stack.width() + psf.width() - 1);
        int workHeight = FftSizes.good(stack.height() + psf.height() - 1);
        int workDepth = FftSizes.good(stack.depth() + psf.depth() - 1);
        Otf3d otf = cache.otf(psf, workWidth, workHeight, workDepth, pool);
        int stride = otf.plan().paddedRowLength();
        float[] data = new float[otf.plan().paddedLength()];
        int left = psf.width() / 2;
        int top = psf.height() / 2;
        int front = psf.depth() / 2;
        float scale = unitScale(stack.data());
        fillRows(stack.data(), scale, stack.width(), stack.height(), stack.depth(), left, top, front, workWidth,
                workHeight, workDepth, stride, data);
        otf.plan().forwardInPlace(data, pool);
        otf.multiply(data, false);
        otf.plan().inverseInPlace(data, pool);
        Stack3d out = Stack3d.zeros(stack.width(), stack.height(), stack.depth());
        for (int z = 0; z < stack.depth(); z++) {
            for (int y = 0; y < stack.height(); y++) {
                System.arraycopy(data, left + stride * (y + top + workHeight * (z + front)), out.data(),
                        stack.width() * (y + stack.height() * z), stack.width());
            }
        }
        PowerOfTwoScale.scaleInPlace(out.data(), PowerOfTwoScale.inverse(scale));
        return out;
    }

    /**
     * The power of two that brings the largest magnitude into [1, 2): the blur runs there and is scaled
     * back, which gives the same bits, scaled, and keeps an image of 1e38 from overflowing the FFT
     * (simulate reported it as a NaN pixel the input did not have).
     */
    private static float unitScale(float[] image) {
        return PowerOfTwoScale.toUnit(PowerOfTwoScale.magnitude(image));
    }

    /**
     * Work voxel {@code (x, y, z)} ← {@code scale ·} image voxel {@code (x − left, y − top, z − front)},
     * mirrored into the image; rows of {@code stride} floats (the padding is ignored by the FFT).
     */
    private static void fillRows(float[] image, float scale, int w, int h, int d, int left, int top, int front,
            int workWidth, int workHeight, int workDepth, int stride, float[] data) {
        int[] xs = new int[workWidth];
        for (int x = 0; x < workWidth; x++) {
            xs[x] = Reflect.index(x - left, w);
        }
        for (int z = 0; z < workDepth; z++) {
            int sz = Reflect.index(z - front, d);
            for (int y = 0; y < workHeight; y++) {
                int src = w * (Reflect.index(y - top, h) + h * sz);
                int dst = stride * (y + workHeight * z);
                for (int x = 0; x < workWidth; x++) {
                    data[dst + x] = image[src + xs[x]] * scale;
                }
            }
        }
    }
}
