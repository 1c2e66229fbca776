package dev.delp.bench.nn;

import dev.delp.nn.Layer;
import dev.delp.nn.Network;
import dev.delp.nn.Param;
import dev.delp.nn.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor to beat: the same network evaluated with plain scalar loop nests (direct
 * convolution, one output element at a time), reading the weights of a {@link Network}.
 * Single sample at a time; normalisation is the caller's.
 */
final class NaiveCnn {
    private final Network net;

    NaiveCnn(Network net) {
        this.net = net;
    }

    /** Logits of one normalised 1×84×84 sample. */
    float[] forward(float[] x) {
        Shape s = net.inputShape();
        float[] cur = x;
        for (Layer l : net.layers()) {
            Map<String, String> o = options(l.spec());
            String kind = l.spec().split(" ")[0];
            Shape out = l.outputShape();
            float[] y = new float[out.size()];
            List<Param> ps = l.params();
            switch (kind) {
                case "space_to_depth" -> {
                    int b = Integer.parseInt(o.get("block"));
                    for (int c = 0; c < s.channels(); c++) {
                        for (int dy = 0; dy < b; dy++) {
                            for (int dx = 0; dx < b; dx++) {
                                for (int i = 0; i < out.height(); i++) {
                                    for (int j = 0; j < out.width(); j++) {
                                        y[((c * b + dy) * b + dx) * out.plane() + i * out.width() + j] =
                                                cur[c * s.plane() + (i * b + dy) * s.width() + j * b + dx];
                                    }
                                }
                            }
                        }
                    }
                }
                case "conv2d" -> {
                    int k = Integer.parseInt(o.get("k")), st = Integer.parseInt(o.get("stride"));
                    int pad = Integer.parseInt(o.get("pad")), dil = Integer.parseInt(o.get("dilation"));
                    float[] w = ps.get(0).value();
                    float[] bias = ps.size() > 1 ? ps.get(1).value() : null;
                    for (int co = 0; co < out.channels(); co++) {
                        for (int oy = 0; oy < out.height(); oy++) {
                            for (int ox = 0; ox < out.width(); ox++) {
                                float acc = bias == null ? 0f : bias[co];
                                for (int ci = 0; ci < s.channels(); ci++) {
                                    for (int ky = 0; ky < k; ky++) {
                                        int iy = oy * st - pad + ky * dil;
                                        if (iy < 0 || iy >= s.height()) {
                                            continue;
                                        }
                                        for (int kx = 0; kx < k; kx++) {
                                            int ix = ox * st - pad + kx * dil;
                                            if (ix >= 0 && ix < s.width()) {
                                                acc += w[((co * s.channels() + ci) * k + ky) * k + kx]
                                                        * cur[ci * s.plane() + iy * s.width() + ix];
                                            }
                                        }
                                    }
                                }
                                y[co * out.plane() + oy * out.width() + ox] = acc;
                            }
                        }
                    }
                }
                case "batchnorm" -> {
                    float eps = Float.parseFloat(o.get("eps"));
                    float[] g = ps.get(0).value(), be = ps.get(1).value(), m = ps.get(2).value(), v = ps.get(3).value();
                    for (int c = 0; c < s.channels(); c++) {
                        float inv = (float) (1 / Math.sqrt(v[c] + eps));
                        for (int i = 0; i < s.plane(); i++) {
                            y[c * s.plane() + i] = g[c] * (cur[c * s.plane() + i] - m[c]) * inv + be[c];
                        }
                    }
                }
                case "relu" -> {
                    for (int i = 0; i < y.length; i++) {
                        y[i] = Math.max(0f, cur[i]);
                    }
                }
                case "maxpool" -> {
                    int k = Integer.parseInt(o.get("k")), st = Integer.parseInt(o.get("stride"));
                    for (int c = 0; c < s.channels(); c++) {
                        for (int oy = 0; oy < out.height(); oy++) {
                            for (int ox = 0; ox < out.width(); ox++) {
                                float m = Float.NEGATIVE_INFINITY;
                                for (int ky = 0; ky < k; ky++) {
                                    for (int kx = 0; kx < k; kx++) {
                                        m = Math.max(m, cur[c * s.plane() + (oy * st + ky) * s.width() + ox * st + kx]);
                                    }
                                }
                                y[c * out.plane() + oy * out.width() + ox] = m;
                            }
                        }
                    }
                }
                case "globalavgpool" -> {
                    for (int c = 0; c < s.channels(); c++) {
                        double sum = 0;
                        for (int i = 0; i < s.plane(); i++) {
                            sum += cur[c * s.plane() + i];
                        }
                        y[c] = (float) (sum / s.plane());
                    }
                }
                case "dropout" -> System.arraycopy(cur, 0, y, 0, y.length);
                case "dense" -> {
                    float[] w = ps.get(0).value(), b = ps.get(1).value();
                    int n = s.size();
                    for (int oo = 0; oo < out.size(); oo++) {
                        float acc = b[oo];
                        for (int i = 0; i < n; i++) {
                            acc += w[oo * n + i] * cur[i];
                        }
                        y[oo] = acc;
                    }
                }
                default -> throw new IllegalArgumentException("naive CNN has no " + kind);
            }
            cur = y;
            s = out;
        }
        return cur;
    }

    private static Map<String, String> options(String spec) {
        Map<String, String> m = new HashMap<>();
        for (String t : spec.split(" ")) {
            int eq = t.indexOf('=');
            if (eq > 0) {
                m.put(t.substring(0, eq), t.substring(eq + 1));
            }
        }
        return m;
    }
}
