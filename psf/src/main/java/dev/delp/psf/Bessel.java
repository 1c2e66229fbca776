package dev.delp.psf;

/**
 * Bessel functions of the first kind J₀ and J₁ in double precision.
 *
 * <p>|x| &lt; 14: the power series {@code J_n(x) = Σ (-1)^k (x/2)^{2k+n} / (k!(k+n)!)} (largest
 * term ≈ 3·10⁴ at x = 14, so cancellation costs ≤ 1e-11 absolute). |x| ≥ 14: Hankel's asymptotic
 * expansion (Abramowitz & Stegun 9.2.5, 9.2.9–10) {@code J_ν = √(2/πx)(P cos ω − Q sin ω)},
 * ω = x − (ν/2 + 1/4)π, summed until the terms stop decreasing; the smallest term is about
 * √(4πx)·e^{−2x} ≤ 1e-11 at x = 14. Absolute error ≤ 1e-9 is tested against the integral
 * representation for 0 ≤ x ≤ 3000.
 */
public final class Bessel {
    private static final double SWITCH = 14.0;
    private static final double SQRT_HALF = Math.sqrt(0.5);

    private Bessel() {
    }

    /** J₀(x). */
    public static double j0(double x) {
        double ax = Math.abs(x);
        if (ax < SWITCH) {
            return series(ax, 0);
        }
        double[] pq = asymptoticPq(ax, 0.0);
        double c = Math.cos(ax), s = Math.sin(ax);
        // ω = x − π/4: cos ω = (cos x + sin x)/√2, sin ω = (sin x − cos x)/√2 (no subtraction of π/4)
        double cw = (c + s) * SQRT_HALF, sw = (s - c) * SQRT_HALF;
        return Math.sqrt(2 / (Math.PI * ax)) * (pq[0] * cw - pq[1] * sw);
    }

    /** J₁(x) (odd in x). */
    public static double j1(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < SWITCH) {
            r = series(ax, 1);
        } else {
            double[] pq = asymptoticPq(ax, 1.0);
            double c = Math.cos(ax), s = Math.sin(ax);
            // ω = x − 3π/4: cos ω = (sin x − cos x)/√2, sin ω = −(sin x + cos x)/√2
            double cw = (s - c) * SQRT_HALF, sw = -(s + c) * SQRT_HALF;
            r = Math.sqrt(2 / (Math.PI * ax)) * (pq[0] * cw - pq[1] * sw);
        }
        return x < 0 ? -r : r;
    }

    private static double series(double x, int n) {
        double q = 0.25 * x * x;
        double term = n == 0 ? 1.0 : 0.5 * x;
        double sum = term;
        for (int k = 1; k < 200; k++) {
            term *= -q / ((double) k * (k + n));
            sum += term;
            if (Math.abs(term) < 1e-17 * Math.max(1.0, Math.abs(sum)) && k > 0.5 * x) {
                break;
            }
        }
        return sum;
    }

    /** P and Q of the Hankel expansion for order ν (0 or 1), x ≥ 14. */
    private static double[] asymptoticPq(double x, double nu) {
        double mu = 4 * nu * nu;
        double p = 1, q = 0, t = 1, prev = Double.MAX_VALUE;
        for (int m = 1; m < 200; m++) {
            double odd = 2.0 * m - 1;
            double next = t * (mu - odd * odd) / (m * 8.0 * x);
            if (Math.abs(next) >= prev || next == 0) {
                break;                                  // asymptotic series: stop at the smallest term
            }
            prev = Math.abs(next);
            t = next;
            // t_m enters P (m even) or Q (m odd) with sign (−1)^{⌊m/2⌋}
            int sign = ((m / 2) & 1) == 0 ? 1 : -1;
            if ((m & 1) == 0) {
                p += sign * t;
            } else {
                q += sign * t;
            }
            if (Math.abs(t) < 1e-17) {
                break;
            }
        }
        return new double[] {p, q};
    }
}
