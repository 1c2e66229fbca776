package dev.delp.nn;

/** Global average pooling: {@code C×H×W → C×1×1}, the mean of each channel plane. */
public final class GlobalAvgPool extends Layer {
    @Override
    protected Shape computeOutputShape(Shape in) {
        return new Shape(in.channels(), 1, 1);
    }

    @Override
    public String spec() {
        return "globalavgpool";
    }

    @Override
    protected void forward(float[] x, float[] y, int from, int to, boolean training) {
        int c = inputShape().channels(), plane = inputShape().plane();
        for (int s = from; s < to; s++) {
            for (int ch = 0; ch < c; ch++) {
                int o = (s * c + ch) * plane;
                double sum = 0;
                for (int i = 0; i < plane; i++) {
                    sum += x[o + i];
                }
                y[s * c + ch] = (float) (sum / plane);
            }
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to, float[][] gradPartial) {
        if (dx == null) {
            return;
        }
        int c = inputShape().channels(), plane = inputShape().plane();
        for (int s = from; s < to; s++) {
            for (int ch = 0; ch < c; ch++) {
                int o = (s * c + ch) * plane;
                float g = dy[s * c + ch] / plane;
                java.util.Arrays.fill(dx, o, o + plane, g);
            }
        }
    }
}
