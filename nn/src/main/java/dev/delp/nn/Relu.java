package dev.delp.nn;

/** Rectified linear unit {@code y = max(0, x)}. */
public final class Relu extends Layer {
    @Override
    protected Shape computeOutputShape(Shape in) {
        return in;
    }

    @Override
    public String spec() {
        return "relu";
    }

    @Override
    protected void forward(float[] x, float[] y, int from, int to, boolean training) {
        int size = inputShape().size();
        for (int i = from * size, end = to * size; i < end; i++) {
            y[i] = Math.max(0f, x[i]);
        }
    }

    @Override
    protected void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to, float[][] gradPartial) {
        if (dx == null) {
            return;
        }
        int size = inputShape().size();
        for (int i = from * size, end = to * size; i < end; i++) {
            dx[i] = x[i] > 0f ? dy[i] : 0f;
        }
    }
}
