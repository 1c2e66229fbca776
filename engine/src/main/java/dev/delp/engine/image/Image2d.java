package dev.delp.engine.image;

import java.util.Arrays;

/**
 * A single-channel 2D float image: {@code width x height} pixels, row-major, pixel {@code (x, y)}
 * at index {@code x + width * y}.
 *
 * <p>The image wraps its array without copying; {@link #data()} returns that live array, so code
 * that wants to mutate pixels in bulk may do so. Every derived image ({@link #crop},
 * {@link #padReflect}, ...) is a fresh copy.
 */
public final class Image2d {
    private final int width;
    private final int height;
    private final float[] data; // (height, width)

    /**
     * Wraps {@code data} (not copied).
     *
     * @throws IllegalArgumentException if a dimension is below 1 or {@code data.length != width*height}
     */
    public Image2d(int width, int height, float[] data) {
        Shapes.check2d(width, height);
        if (data == null) {
            throw new IllegalArgumentException("image data is null for a " + width + "x" + height + " image");
        }
        if (data.length != (long) width * height) {
            throw new IllegalArgumentException("image " + width + "x" + height + " needs " + ((long) width * height)
                    + " floats, data has " + data.length);
        }
        this.width = width;
        this.height = height;
        this.data = data;
    }

    /** A zero image. */
    public static Image2d zeros(int width, int height) {
        Shapes.check2d(width, height);
        return new Image2d(width, height, new float[width * height]);
    }

    /** A constant image. */
    public static Image2d filled(int width, int height, float value) {
        Image2d im = zeros(width, height);
        Arrays.fill(im.data, value);
        return im;
    }

    /** Pixels per row. */
    public int width() {
        return width;
    }

    /** Number of rows. */
    public int height() {
        return height;
    }

    /** Number of pixels. */
    public int size() {
        return data.length;
    }

    /** The backing array (live, not a copy). */
    public float[] data() {
        return data;
    }

    /** Pixel {@code (x, y)}; no bounds check beyond the array's. */
    public float get(int x, int y) {
        return data[x + width * y];
    }

    /** Sets pixel {@code (x, y)}; the coordinates must lie inside the image. */
    public void set(int x, int y, float v) {
        data[x + width * y] = v;
    }

    /** Pixel with reflective borders: any {@code (x, y)} is accepted. */
    public float getReflect(int x, int y) {
        return data[Reflect.index(x, width) + width * Reflect.index(y, height)];
    }

    /** A deep copy. */
    public Image2d copy() {
        return new Image2d(width, height, data.clone());
    }

    /**
     * The sub-image {@code [x0, x0+w) x [y0, y0+h)}, which must lie inside this image.
     *
     * @throws IllegalArgumentException if the window is empty or leaves the image
     */
    public Image2d crop(int x0, int y0, int w, int h) {
        Shapes.check2d(w, h);
        if (x0 < 0 || y0 < 0 || x0 + (long) w > width || y0 + (long) h > height) {
            throw new IllegalArgumentException("crop " + w + "x" + h + " at (" + x0 + ", " + y0
                    + ") leaves the " + width + "x" + height + " image");
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(data, x0 + width * (y0 + y), out, w * y, w);
        }
        return new Image2d(w, h, out);
    }

    /**
     * The window {@code [x0, x0+w) x [y0, y0+h)} which may extend beyond the image on any side;
     * samples outside are mirrored ({@link Reflect}).
     */
    public Image2d cropReflect(int x0, int y0, int w, int h) {
        Shapes.check2d(w, h);
        float[] out = new float[w * h];
        int[] xs = new int[w];
        for (int x = 0; x < w; x++) {
            xs[x] = Reflect.index(x0 + x, width);
        }
        for (int y = 0; y < h; y++) {
            int row = width * Reflect.index(y0 + y, height);
            int o = w * y;
            for (int x = 0; x < w; x++) {
                out[o + x] = data[row + xs[x]];
            }
        }
        return new Image2d(w, h, out);
    }

    /** Pads by mirroring: the result is {@code (left+width+right) x (top+height+bottom)}. */
    public Image2d padReflect(int left, int top, int right, int bottom) {
        Shapes.checkPads(left, top, right, bottom);
        return cropReflect(-left, -top, left + width + right, top + height + bottom);
    }

    /** Pads with a constant value. */
    public Image2d padConstant(int left, int top, int right, int bottom, float value) {
        Shapes.checkPads(left, top, right, bottom);
        int w = left + width + right;
        int h = top + height + bottom;
        Image2d out = filled(w, h, value);
        for (int y = 0; y < height; y++) {
            System.arraycopy(data, width * y, out.data, left + w * (top + y), width);
        }
        return out;
    }

    /** Sum of all pixels, accumulated in double in index order. */
    public double sum() {
        return Pixels.sum(data);
    }

    /** Smallest pixel. */
    public float min() {
        return Pixels.min(data);
    }

    /** Largest pixel. */
    public float max() {
        return Pixels.max(data);
    }

    /** {@code "WxH"}. */
    public String shape() {
        return width + "x" + height;
    }

    @Override
    public String toString() {
        return "Image2d[" + shape() + "]";
    }
}
