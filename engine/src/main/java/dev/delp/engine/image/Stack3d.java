package dev.delp.engine.image;

import java.util.Arrays;

/**
 * A single-channel 3D float stack: {@code width x height x depth}, voxel {@code (x, y, z)} at index
 * {@code x + width * (y + height * z)}. Wraps its array (not copied); derived stacks are copies.
 */
public final class Stack3d {
    private final int width;
    private final int height;
    private final int depth;
    private final float[] data; // (depth, height, width)

    /** Wraps {@code data}; its length must be {@code width*height*depth}. */
    public Stack3d(int width, int height, int depth, float[] data) {
        Shapes.check3d(width, height, depth);
        if (data == null) {
            throw new IllegalArgumentException("stack data is null for a " + width + "x" + height + "x" + depth + " stack");
        }
        if (data.length != (long) width * height * depth) {
            throw new IllegalArgumentException("stack " + width + "x" + height + "x" + depth + " needs "
                    + ((long) width * height * depth) + " floats, data has " + data.length);
        }
        this.width = width;
        this.height = height;
        this.depth = depth;
        this.data = data;
    }

    /** A {@code width x height x depth} stack of zeros. */
    public static Stack3d zeros(int width, int height, int depth) {
        Shapes.check3d(width, height, depth);
        return new Stack3d(width, height, depth, new float[width * height * depth]);
    }

    /** A stack with every voxel set to {@code value}. */
    public static Stack3d filled(int width, int height, int depth, float value) {
        Stack3d s = zeros(width, height, depth);
        Arrays.fill(s.data, value);
        return s;
    }

    /** Stacks equally sized planes (copied), plane {@code z} = {@code planes[z]}. */
    public static Stack3d of(Image2d... planes) {
        if (planes.length == 0) {
            throw new IllegalArgumentException("a stack needs at least one plane");
        }
        int w = planes[0].width();
        int h = planes[0].height();
        Stack3d s = zeros(w, h, planes.length);
        for (int z = 0; z < planes.length; z++) {
            if (planes[z].width() != w || planes[z].height() != h) {
                throw new IllegalArgumentException("plane " + z + " is " + planes[z].shape() + ", expected " + w + "x" + h);
            }
            System.arraycopy(planes[z].data(), 0, s.data, w * h * z, w * h);
        }
        return s;
    }

    /** Voxels per row. */
    public int width() {
        return width;
    }

    /** Rows per plane. */
    public int height() {
        return height;
    }

    /** Number of planes. */
    public int depth() {
        return depth;
    }

    /** Number of voxels, {@code width * height * depth}. */
    public int size() {
        return data.length;
    }

    /** The backing array (live). */
    public float[] data() {
        return data;
    }

    /** Voxel {@code (x, y, z)}; the coordinates must lie inside the stack. */
    public float get(int x, int y, int z) {
        return data[x + width * (y + height * z)];
    }

    /** Sets voxel {@code (x, y, z)}; the coordinates must lie inside the stack. */
    public void set(int x, int y, int z, float v) {
        data[x + width * (y + height * z)] = v;
    }

    /** A copy with its own array. */
    public Stack3d copy() {
        return new Stack3d(width, height, depth, data.clone());
    }

    /** A copy of plane {@code z}. */
    public Image2d plane(int z) {
        if (z < 0 || z >= depth) {
            throw new IllegalArgumentException("plane " + z + " outside 0.." + (depth - 1));
        }
        float[] out = new float[width * height];
        System.arraycopy(data, width * height * z, out, 0, out.length);
        return new Image2d(width, height, out);
    }

    /** The sub-stack at {@code (x0, y0, z0)} of size {@code w x h x d}, which must lie inside. */
    public Stack3d crop(int x0, int y0, int z0, int w, int h, int d) {
        Shapes.check3d(w, h, d);
        if (x0 < 0 || y0 < 0 || z0 < 0 || x0 + (long) w > width || y0 + (long) h > height || z0 + (long) d > depth) {
            throw new IllegalArgumentException("crop " + w + "x" + h + "x" + d + " at (" + x0 + ", " + y0 + ", " + z0
                    + ") leaves the " + shape() + " stack");
        }
        float[] out = new float[w * h * d];
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(data, x0 + width * (y0 + y + height * (z0 + z)), out, w * (y + h * z), w);
            }
        }
        return new Stack3d(w, h, d, out);
    }

    /** A window that may extend beyond the stack; outside samples are mirrored ({@link Reflect}). */
    public Stack3d cropReflect(int x0, int y0, int z0, int w, int h, int d) {
        Shapes.check3d(w, h, d);
        float[] out = new float[w * h * d];
        int[] xs = new int[w];
        for (int x = 0; x < w; x++) {
            xs[x] = Reflect.index(x0 + x, width);
        }
        for (int z = 0; z < d; z++) {
            int zz = Reflect.index(z0 + z, depth);
            for (int y = 0; y < h; y++) {
                int row = width * (Reflect.index(y0 + y, height) + height * zz);
                int o = w * (y + h * z);
                for (int x = 0; x < w; x++) {
                    out[o + x] = data[row + xs[x]];
                }
            }
        }
        return new Stack3d(w, h, d, out);
    }

    /** Pads every side by mirroring. */
    public Stack3d padReflect(int left, int top, int front, int right, int bottom, int back) {
        Shapes.checkPads(left, top, front, right, bottom, back);
        return cropReflect(-left, -top, -front, left + width + right, top + height + bottom, front + depth + back);
    }

    /** Pads every side with a constant. */
    public Stack3d padConstant(int left, int top, int front, int right, int bottom, int back, float value) {
        Shapes.checkPads(left, top, front, right, bottom, back);
        int w = left + width + right;
        int h = top + height + bottom;
        int d = front + depth + back;
        Stack3d out = filled(w, h, d, value);
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(data, width * (y + height * z), out.data, left + w * (top + y + h * (front + z)), width);
            }
        }
        return out;
    }

    /** Sum of all voxels, accumulated in double. */
    public double sum() {
        return Pixels.sum(data);
    }

    /** Largest voxel. */
    public float max() {
        return Pixels.max(data);
    }

    /** {@code "WxHxD"}. */
    public String shape() {
        return width + "x" + height + "x" + depth;
    }

    @Override
    public String toString() {
        return "Stack3d[" + shape() + "]";
    }
}
