package dev.delp.bench.peers;

import dev.delp.nn.DelpNet;
import java.util.SplittableRandom;

/**
 * Seeded synthetic 84×84 raw patches in camera counts for the PyTorch comparison: an offset of
 * 100, 0–6 Gaussian blobs (σ 1–12 px, amplitude 30–3000), Gaussian read noise (σ 3), and every
 * 16th patch constant (100) so the normalisation's standard-deviation floor is exercised too.
 */
public final class PeerPatches {
    private PeerPatches() {
    }

    /** {@code n} patches back to back (row-major), the same floats for the same seed. */
    public static float[] generate(int n, long seed) {
        if (n < 1 || n > 100_000) {
            throw new IllegalArgumentException("patch count " + n + " outside 1..100000");
        }
        int side = DelpNet.PATCH;
        float[] out = new float[n * side * side];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int s = 0; s < n; s++) {
            int off = s * side * side;
            if (s % 16 == 15) {
                java.util.Arrays.fill(out, off, off + side * side, 100f);
                continue;
            }
            int blobs = rnd.nextInt(7);
            double[] cx = new double[blobs], cy = new double[blobs], sg = new double[blobs], amp = new double[blobs];
            for (int k = 0; k < blobs; k++) {
                cx[k] = rnd.nextDouble(-10, side + 10);
                cy[k] = rnd.nextDouble(-10, side + 10);
                sg[k] = rnd.nextDouble(1, 12);
                amp[k] = Math.exp(rnd.nextDouble(Math.log(30), Math.log(3000)));
            }
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    double v = 100 + 3 * rnd.nextGaussian();
                    for (int k = 0; k < blobs; k++) {
                        double dx = x - cx[k], dy = y - cy[k];
                        v += amp[k] * Math.exp(-(dx * dx + dy * dy) / (2 * sg[k] * sg[k]));
                    }
                    out[off + y * side + x] = (float) v;
                }
            }
        }
        return out;
    }
}
