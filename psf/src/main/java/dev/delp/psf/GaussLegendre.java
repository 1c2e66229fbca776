package dev.delp.psf;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Gauss–Legendre nodes and weights on [−1, 1] (Newton iteration on P_n in double, cached), and
 * composite rules on [a, b] split into equal panels.
 */
final class GaussLegendre {
    private static final ConcurrentHashMap<Integer, double[][]> CACHE = new ConcurrentHashMap<>();

    private GaussLegendre() {
    }

    /** {nodes, weights} of the n-point rule on [−1, 1], nodes ascending. Do not modify. */
    static double[][] rule(int n) {
        if (n < 1 || n > 1000) {
            throw new IllegalArgumentException("Gauss–Legendre order must be in [1, 1000], got " + n);
        }
        return CACHE.computeIfAbsent(n, GaussLegendre::compute);
    }

    private static double[][] compute(int n) {
        double[] x = new double[n], w = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1, p1 = z;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                double p = n == 1 ? z : p1;
                double pm1 = n == 1 ? 1 : p0;
                dp = n * (z * p - pm1) / (z * z - 1);
                double dz = p / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-16) {
                    break;
                }
            }
            // recompute derivative at the converged node
            double p0 = 1, p1 = z;
            for (int k = 2; k <= n; k++) {
                double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                p0 = p1;
                p1 = p2;
            }
            double p = n == 1 ? z : p1, pm1 = n == 1 ? 1 : p0;
            dp = n * (z * p - pm1) / (z * z - 1);
            double wi = 2 / ((1 - z * z) * dp * dp);
            x[i] = -z;
            x[n - 1 - i] = z;
            w[i] = wi;
            w[n - 1 - i] = wi;
        }
        if ((n & 1) == 1) {
            x[n / 2] = 0;
        }
        return new double[][] {x, w};
    }

    /** Composite rule on [a, b]: {@code panels} equal panels of the n-point rule, nodes ascending. */
    static double[][] composite(double a, double b, int panels, int n) {
        double[][] r = rule(n);
        double[] x = new double[panels * n], w = new double[panels * n];
        double h = (b - a) / panels;
        for (int p = 0; p < panels; p++) {
            double mid = a + (p + 0.5) * h;
            for (int i = 0; i < n; i++) {
                x[p * n + i] = mid + 0.5 * h * r[0][i];
                w[p * n + i] = 0.5 * h * r[1][i];
            }
        }
        return new double[][] {x, w};
    }
}
