package dev.delp.nn;

/**
 * Max pooling with a square window and stride, no padding; the output size is
 * {@code floor((H − k)/stride) + 1}. The gradient goes to the first maximum of each window.
 */
public final class MaxPool2d extends Layer {
    private final int kernel;
    private final int stride;

    /** Pooling window {@code kernel} (≥ 1) with {@code stride} (≥ 1). */
    public MaxPool2d(int kernel, int stride) {
        if (kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("maxpool k=" + kernel + " stride=" + stride + ": both must be >= 1");
        }
        this.kernel = kernel;
        this.stride = stride;
    }

    @Override
    protected Shape computeOutputShape(Shape in) {
        if (in.height() < kernel || in.width() < kernel) {
            throw new IllegalArgumentException("maxpool window " + kernel + " exceeds input " + in);
        }
        return new Shape(in.channels(), (in.height() - kernel) / stride + 1, (in.width() - kernel) / stride + 1);
    }

    int kernel() {
        return kernel;
    }

    int stride() {
        return stride;
    }

    @Override
    public String spec() {
        return "maxpool k=" + kernel + " stride=" + stride;
    }

    @Override
    protected void forward(float[] x, float[] y, int from, int to, boolean training) {
        if (kernel == 2 && stride == 2) {
            forward2x2(x, y, from, to);
            return;
        }
        Shape in = inputShape(), out = outputShape();
        int h = in.height(), w = in.width(), ho = out.height(), wo = out.width();
        for (int s = from; s < to; s++) {
            for (int c = 0; c < in.channels(); c++) {
                int xi = (s * in.channels() + c) * h * w;
                int yi = (s * in.channels() + c) * ho * wo;
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        float m = Float.NEGATIVE_INFINITY;
                        for (int ky = 0; ky < kernel; ky++) {
                            int r = xi + (oy * stride + ky) * w + ox * stride;
                            for (int kx = 0; kx < kernel; kx++) {
                                m = Math.max(m, x[r + kx]);
                            }
                        }
                        y[yi + oy * wo + ox] = m;
                    }
                }
            }
        }
    }

    /** The common 2×2, stride 2 case with straight row pointers. */
    private void forward2x2(float[] x, float[] y, int from, int to) {
        Shape in = inputShape(), out = outputShape();
        int h = in.height(), w = in.width(), ho = out.height(), wo = out.width();
        for (int p = from * in.channels(); p < to * in.channels(); p++) {
            int xi = p * h * w, yi = p * ho * wo;
            for (int oy = 0; oy < ho; oy++) {
                int r0 = xi + 2 * oy * w, r1 = r0 + w, yo = yi + oy * wo;
                for (int ox = 0; ox < wo; ox++) {
                    y[yo + ox] = Math.max(Math.max(x[r0 + 2 * ox], x[r0 + 2 * ox + 1]),
                            Math.max(x[r1 + 2 * ox], x[r1 + 2 * ox + 1]));
                }
            }
        }
    }

    /** Backward of the 2×2, stride 2 case: the gradient goes to the first maximum (row-major). */
    private void backward2x2(float[] x, float[] dy, float[] dx, int from, int to) {
        Shape in = inputShape(), out = outputShape();
        int h = in.height(), w = in.width(), ho = out.height(), wo = out.width();
        for (int p = from * in.channels(); p < to * in.channels(); p++) {
            int xi = p * h * w, yi = p * ho * wo;
            for (int oy = 0; oy < ho; oy++) {
                int r0 = xi + 2 * oy * w, r1 = r0 + w, yo = yi + oy * wo;
                for (int ox = 0; ox < wo; ox++) {
                    int a = r0 + 2 * ox;
                    int arg = a;
                    float m = x[a];
                    if (x[a + 1] > m) {
                        m = x[a + 1];
                        arg = a + 1;
                    }
                    int b = r1 + 2 * ox;
                    if (x[b] > m) {
                        m = x[b];
                        arg = b;
                    }
                    if (x[b + 1] > m) {
                        arg = b + 1;
                    }
                    dx[arg] += dy[yo + ox];
                }
            }
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to, float[][] gradPartial) {
        if (dx == null) {
            return;
        }
        if (kernel == 2 && stride == 2) {
            backward2x2(x, dy, dx, from, to);
            return;
        }
        Shape in = inputShape(), out = outputShape();
        int h = in.height(), w = in.width(), ho = out.height(), wo = out.width();
        for (int s = from; s < to; s++) {
            for (int c = 0; c < in.channels(); c++) {
                int xi = (s * in.channels() + c) * h * w;
                int yi = (s * in.channels() + c) * ho * wo;
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        float m = Float.NEGATIVE_INFINITY;
                        int arg = -1;
                        for (int ky = 0; ky < kernel; ky++) {
                            int r = xi + (oy * stride + ky) * w + ox * stride;
                            for (int kx = 0; kx < kernel; kx++) {
                                if (x[r + kx] > m || arg < 0) {
                                    m = x[r + kx];
                                    arg = r + kx;
                                }
                            }
                        }
                        dx[arg] += dy[yi + oy * wo + ox];
                    }
                }
            }
        }
    }
}
