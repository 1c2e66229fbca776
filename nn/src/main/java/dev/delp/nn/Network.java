package dev.delp.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A sequential network of {@link Layer}s over NCHW float batches, with inference
 * ({@link #forward}), a training step ({@link #trainForward}/{@link #backward}) and He
 * initialisation. Build one from architecture text with {@link Architecture#build}.
 */
public final class Network {
    private final Shape inputShape;
    private final List<Layer> layers;
    private final List<Param> params;
    // Training state of the last trainForward: activations per layer boundary.
    private float[][] acts;
    private int actsBatch;

    /** Binds {@code layers} in order starting from {@code inputShape}. */
    public Network(Shape inputShape, List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        this.inputShape = inputShape;
        this.layers = List.copyOf(layers);
        List<Param> ps = new ArrayList<>();
        Shape s = inputShape;
        for (int i = 0; i < this.layers.size(); i++) {
            Layer l = this.layers.get(i);
            try {
                l.bind(s, Integer.toString(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " (" + l.getClass().getSimpleName() + ") on input "
                        + s + ": " + e.getMessage(), e);
            }
            s = l.outputShape();
            ps.addAll(l.params());
        }
        this.params = Collections.unmodifiableList(ps);
    }

    /** Input shape of one sample. */
    public Shape inputShape() {
        return inputShape;
    }

    /** Output shape of one sample. */
    public Shape outputShape() {
        return layers.get(layers.size() - 1).outputShape();
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** All tensors (parameters and buffers) in file order. */
    public List<Param> params() {
        return params;
    }

    /** Tensors by name. */
    public Map<String, Param> paramsByName() {
        Map<String, Param> m = new LinkedHashMap<>();
        for (Param p : params) {
            m.put(p.name(), p);
        }
        return m;
    }

    /** Number of trainable scalars. */
    public long trainableCount() {
        long n = 0;
        for (Param p : params) {
            if (p.trainable()) {
                n += p.length();
            }
        }
        return n;
    }

    /** Multiply-adds per sample in inference; FLOPs ≈ 2 × this. */
    public long multiplyAdds() {
        long n = 0;
        for (Layer l : layers) {
            n += l.multiplyAdds();
        }
        return n;
    }

    /** He-normal initialisation of weights (std √(2/fan-in)); biases zero; seeded. */
    public void initialise(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Layer l : layers) {
            for (Param p : l.params()) {
                if (p.decay()) { // weights
                    int fanIn = p.length() / p.dims()[0];
                    double std = Math.sqrt(2.0 / fanIn);
                    float[] v = p.value();
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (rnd.nextGaussian() * std);
                    }
                }
            }
        }
    }

    /**
     * Inference for {@code n} samples of {@code x}, streamed in chunks of {@code chunkSize}
     * samples (bounded memory), parallel over chunks on {@code exec}; writes
     * {@code outputShape().size()} floats per sample to {@code out}.
     */
    public void forward(float[] x, int n, float[] out, Exec exec, int chunkSize) {
        checkBatch(x, n, inputShape.size(), "input");
        checkBatch(out, n, outputShape().size(), "output");
        exec.forChunks(n, chunkSize, (chunk, from, to) -> {
            int m = to - from;
            float[] cur = Arrays.copyOfRange(x, from * inputShape.size(), to * inputShape.size());
            for (Layer l : layers) {
                float[] next = new float[m * l.outputShape().size()];
                l.forward(cur, next, 0, m, false);
                cur = next;
            }
            System.arraycopy(cur, 0, out, from * outputShape().size(), cur.length);
        });
    }

    /**
     * Training forward for a batch of {@code n} samples; keeps activations for
     * {@link #backward}. Returns the output batch (logits).
     */
    public float[] trainForward(float[] x, int n, Exec exec, long stepSeed) {
        checkBatch(x, n, inputShape.size(), "input");
        acts = new float[layers.size() + 1][];
        acts[0] = x;
        actsBatch = n;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            float[] in = acts[i];
            float[] out = new float[n * l.outputShape().size()];
            l.setStepSeed(stepSeed * 31 + i);
            if (l.batchCoupled()) {
                l.forwardBatch(in, out, n, exec);
            } else {
                exec.forChunks(n, Exec.CHUNK, (chunk, from, to) -> l.forward(in, out, from, to, true));
            }
            acts[i + 1] = out;
        }
        return acts[layers.size()];
    }

    /**
     * Backward pass for the last {@link #trainForward}: {@code dOut} is the loss gradient with
     * respect to the output batch. Sets (overwrites) every trainable gradient. Per-sample weight
     * gradients are summed per chunk of {@link Exec#CHUNK} samples and the chunks are added in
     * order, so the result does not depend on the thread count.
     */
    public void backward(float[] dOut, Exec exec) {
        if (acts == null) {
            throw new IllegalStateException("backward() needs a preceding trainForward()");
        }
        int n = actsBatch;
        for (Param p : params) {
            if (p.trainable()) {
                Arrays.fill(p.grad(), 0f);
            }
        }
        float[] dy = dOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            float[] x = acts[i], y = acts[i + 1];
            float[] dx = i == 0 ? null : new float[x.length];
            float[] dyF = dy;
            if (l.batchCoupled()) {
                l.backwardBatch(x, y, dyF, dx, n, exec);
            } else {
                List<Param> trainable = new ArrayList<>();
                for (Param p : l.params()) {
                    if (p.trainable()) {
                        trainable.add(p);
                    }
                }
                int nChunks = Exec.chunks(n, Exec.CHUNK);
                float[][][] partial = new float[nChunks][trainable.size()][];
                exec.forChunks(n, Exec.CHUNK, (chunk, from, to) -> {
                    float[][] g = partial[chunk];
                    for (int k = 0; k < g.length; k++) {
                        g[k] = new float[trainable.get(k).length()];
                    }
                    l.backward(x, y, dyF, dx, from, to, g);
                });
                for (int k = 0; k < trainable.size(); k++) {
                    float[] grad = trainable.get(k).grad();
                    for (int c = 0; c < nChunks; c++) { // fixed chunk order
                        float[] g = partial[c][k];
                        for (int j = 0; j < grad.length; j++) {
                            grad[j] += g[j];
                        }
                    }
                }
            }
            dy = dx;
        }
        acts = null;
    }

    /**
     * "Precise batch-norm": replaces every batch-norm layer's running statistics by the average
     * of the batch statistics over {@code batches} training-mode forward passes (weights are not
     * changed). The momentum-0.6 running averages of training follow the last few batches only;
     * averaging many batches gives steadier inference statistics.
     */
    public void recalibrateBatchNorm(java.util.function.IntFunction<float[]> batch, int batches, int batchSize, Exec exec) {
        for (Layer l : layers) {
            if (l instanceof BatchNorm2d bn) {
                bn.setCumulative(true);
            }
        }
        try {
            for (int b = 0; b < batches; b++) {
                trainForward(batch.apply(b), batchSize, exec, b);
            }
        } finally {
            acts = null;
            for (Layer l : layers) {
                if (l instanceof BatchNorm2d bn) {
                    bn.setCumulative(false);
                }
            }
        }
    }

    /** Architecture text, one layer per line. */
    public String architecture() {
        StringBuilder sb = new StringBuilder();
        for (Layer l : layers) {
            sb.append(l.spec()).append('\n');
        }
        return sb.toString();
    }

    private static void checkBatch(float[] a, int n, int perSample, String what) {
        if (n < 0 || (long) n * perSample > a.length) {
            throw new IllegalArgumentException(what + " batch of " + n + " samples x " + perSample
                    + " floats does not fit an array of length " + a.length);
        }
    }
}
