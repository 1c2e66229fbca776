package dev.delp.nn.train;

import dev.delp.nn.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma & Ba 2015, Algorithm 1) with decoupled weight decay (AdamW, Loshchilov & Hutter
 * 2019): {@code w ← w − lr·(m̂/(√v̂ + eps) + decay·w)}, decay only on tensors marked for it.
 */
public final class Adam {
    private final List<Param> params = new ArrayList<>();
    private final List<float[]> m = new ArrayList<>();
    private final List<float[]> v = new ArrayList<>();
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private long t;

    /** Adam over the trainable tensors of {@code all}. */
    public Adam(List<Param> all, double beta1, double beta2, double eps, double weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("adam beta1=" + beta1 + " beta2=" + beta2 + " eps=" + eps
                    + " weightDecay=" + weightDecay + ": need betas in [0,1), eps > 0, decay >= 0");
        }
        for (Param p : all) {
            if (p.trainable()) {
                params.add(p);
                m.add(new float[p.length()]);
                v.add(new float[p.length()]);
            }
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /** One update with learning rate {@code lr} from the current gradients. */
    public void step(double lr) {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int k = 0; k < params.size(); k++) {
            Param p = params.get(k);
            float[] w = p.value(), g = p.grad(), mk = m.get(k), vk = v.get(k);
            double decay = p.decay() ? weightDecay : 0;
            for (int i = 0; i < w.length; i++) {
                double gi = g[i];
                mk[i] = (float) (beta1 * mk[i] + (1 - beta1) * gi);
                vk[i] = (float) (beta2 * vk[i] + (1 - beta2) * gi * gi);
                double mh = mk[i] / c1, vh = vk[i] / c2;
                w[i] = (float) (w[i] - lr * (mh / (Math.sqrt(vh) + eps) + decay * w[i]));
            }
        }
    }

    /** Steps taken so far. */
    public long steps() {
        return t;
    }
}
