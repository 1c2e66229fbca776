package dev.delp.engine.testio;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Stack3d;

/** Gaussian PSFs for tests (normalised to sum 1, odd size, centred). */
public final class TestPsfs {
    private TestPsfs() {
    }

    public static Image2d gaussian2d(int size, double sigma) {
        float[] d = new float[size * size];
        int c = size / 2;
        double s = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double v = Math.exp(-((x - c) * (x - c) + (y - c) * (y - c)) / (2 * sigma * sigma));
                d[x + size * y] = (float) v;
                s += v;
            }
        }
        for (int i = 0; i < d.length; i++) {
            d[i] /= (float) s;
        }
        return new Image2d(size, size, d);
    }

    /** An asymmetric PSF (to catch flipped convolution/correlation). */
    public static Image2d skewed2d(int size, double sigma) {
        Image2d g = gaussian2d(size, sigma);
        float[] d = g.data();
        int c = size / 2;
        double s = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                d[x + size * y] *= (float) (1 + 0.5 * (x - c) / (double) size + 0.3 * (y - c) / (double) size);
                s += d[x + size * y];
            }
        }
        for (int i = 0; i < d.length; i++) {
            d[i] /= (float) s;
        }
        return g;
    }

    public static Stack3d gaussian3d(int size, int depth, double sigma, double sigmaZ) {
        float[] d = new float[size * size * depth];
        int c = size / 2;
        int cz = depth / 2;
        double s = 0;
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double v = Math.exp(-((x - c) * (x - c) + (y - c) * (y - c)) / (2 * sigma * sigma)
                            - (z - cz) * (z - cz) / (2 * sigmaZ * sigmaZ))
                            * (1 + 0.2 * (x - c) / (double) size + 0.1 * (z - cz) / (double) depth);
                    d[x + size * (y + size * z)] = (float) v;
                    s += v;
                }
            }
        }
        for (int i = 0; i < d.length; i++) {
            d[i] /= (float) s;
        }
        return new Stack3d(size, size, depth, d);
    }
}
