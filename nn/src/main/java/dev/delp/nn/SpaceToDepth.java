package dev.delp.nn;

/**
 * Space-to-depth with block {@code b}: {@code C×H×W → (C·b²)×(H/b)×(W/b)}, output channel
 * {@code (c·b + dy)·b + dx} at {@code (i, j)} = input channel c at {@code (i·b + dy, j·b + dx)}.
 * Lossless; lets the first convolution run at quarter resolution (for b = 2).
 */
public final class SpaceToDepth extends Layer {
    private final int block;

    /** Space-to-depth with block size {@code block} (≥ 1). */
    public SpaceToDepth(int block) {
        if (block < 1) {
            throw new IllegalArgumentException("space_to_depth block=" + block + " must be >= 1");
        }
        this.block = block;
    }

    @Override
    protected Shape computeOutputShape(Shape in) {
        if (in.height() % block != 0 || in.width() % block != 0) {
            throw new IllegalArgumentException("space_to_depth block " + block + " does not divide input " + in);
        }
        return new Shape(in.channels() * block * block, in.height() / block, in.width() / block);
    }

    int block() {
        return block;
    }

    @Override
    public String spec() {
        return "space_to_depth block=" + block;
    }

    @Override
    protected void forward(float[] x, float[] y, int from, int to, boolean training) {
        copy(x, y, from, to, false);
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to, float[][] gradPartial) {
        if (dx != null) {
            copy(dx, dy, from, to, true);
        }
    }

    private void copy(float[] x, float[] y, int from, int to, boolean reverse) {
        Shape in = inputShape(), out = outputShape();
        int h = in.height(), w = in.width(), ho = out.height(), wo = out.width();
        for (int s = from; s < to; s++) {
            for (int c = 0; c < in.channels(); c++) {
                for (int dy = 0; dy < block; dy++) {
                    for (int dx = 0; dx < block; dx++) {
                        int oc = (c * block + dy) * block + dx;
                        int yBase = (s * out.channels() + oc) * ho * wo;
                        int xBase = (s * in.channels() + c) * h * w;
                        for (int i = 0; i < ho; i++) {
                            for (int j = 0; j < wo; j++) {
                                int xi = xBase + (i * block + dy) * w + j * block + dx;
                                int yi = yBase + i * wo + j;
                                if (reverse) {
                                    x[xi] = y[yi];
                                } else {
                                    y[yi] = x[xi];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
