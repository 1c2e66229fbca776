package dev.delp.nn;

import java.util.List;

/** Fully connected layer {@code y = W·x + b} over the flattened input; W is {@code [out][in]}. */
public final class Dense extends Layer {
    private final int outFeatures;
    private Param weight;
    private Param bias;
    private int inFeatures;

    /** Dense layer with {@code outFeatures} (≥ 1) outputs. */
    public Dense(int outFeatures) {
        if (outFeatures < 1) {
            throw new IllegalArgumentException("dense out=" + outFeatures + " must be >= 1");
        }
        this.outFeatures = outFeatures;
    }

    @Override
    protected Shape computeOutputShape(Shape in) {
        return new Shape(outFeatures, 1, 1);
    }

    @Override
    protected void allocate(Shape in, Shape out) {
        inFeatures = in.size();
        weight = new Param(prefix() + ".weight", true, true, outFeatures, inFeatures);
        bias = new Param(prefix() + ".bias", true, false, outFeatures);
    }

    Param weight() {
        return weight;
    }

    Param bias() {
        return bias;
    }

    @Override
    public String spec() {
        return "dense out=" + outFeatures;
    }

    @Override
    public List<Param> params() {
        return List.of(weight, bias);
    }

    @Override
    public long multiplyAdds() {
        return (long) inFeatures * outFeatures;
    }

    @Override
    protected void forward(float[] x, float[] y, int from, int to, boolean training) {
        float[] w = weight.value(), b = bias.value();
        for (int s = from; s < to; s++) {
            int xo = s * inFeatures;
            for (int o = 0; o < outFeatures; o++) {
                float sum = b[o];
                int wo = o * inFeatures;
                for (int i = 0; i < inFeatures; i++) {
                    sum = Math.fma(w[wo + i], x[xo + i], sum);
                }
                y[s * outFeatures + o] = sum;
            }
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to, float[][] gradPartial) {
        float[] w = weight.value(), gw = gradPartial[0], gb = gradPartial[1];
        for (int s = from; s < to; s++) {
            int xo = s * inFeatures;
            for (int o = 0; o < outFeatures; o++) {
                float g = dy[s * outFeatures + o];
                gb[o] += g;
                int wo = o * inFeatures;
                for (int i = 0; i < inFeatures; i++) {
                    gw[wo + i] = Math.fma(g, x[xo + i], gw[wo + i]);
                }
            }
            if (dx != null) {
                for (int i = 0; i < inFeatures; i++) {
                    float sum = 0;
                    for (int o = 0; o < outFeatures; o++) {
                        sum = Math.fma(w[o * inFeatures + i], dy[s * outFeatures + o], sum);
                    }
                    dx[xo + i] = sum;
                }
            }
        }
    }
}
