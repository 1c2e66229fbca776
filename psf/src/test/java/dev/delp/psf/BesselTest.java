package dev.delp.psf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BesselTest {

    /**
     * Reference: J_n(x) = (1/2π) ∫_{−π}^{π} cos(nτ − x sin τ) dτ. The integrand is smooth and
     * 2π-periodic, so the trapezoid rule with N > x + n + 40 nodes is exact to rounding
     * (error ≤ N·1e-16 ≈ 1e-13 here), an independent high-precision reference.
     */
    static double reference(int n, double x) {
        int nodes = 2 * ((int) (Math.abs(x) + n) + 64);
        double sum = 0;
        for (int j = 0; j < nodes; j++) {
            double t = -Math.PI + 2 * Math.PI * j / nodes;
            sum += Math.cos(n * t - x * Math.sin(t));
        }
        return sum / nodes;
    }

    @Test
    void matchesIntegralRepresentationTo1e9OverUsedRange() {
        // Range used: v = k·NA·r up to ~1500 for the largest auto sizes; tested to 3000, densely
        // around the series/asymptotic switch at 14 and at small x.
        SplittableRandom rnd = new SplittableRandom(4);
        double worst0 = 0, worst1 = 0;
        for (int i = 0; i < 3000; i++) {
            double x;
            if (i < 1000) {
                x = 30.0 * i / 1000;                 // 0..30 step 0.03 (includes 13.98..14.01)
            } else if (i < 1100) {
                x = 13.9 + 0.2 * (i - 1000) / 100;   // straddle the switch
            } else {
                x = rnd.nextDouble(0, 3000);
            }
            worst0 = Math.max(worst0, Math.abs(Bessel.j0(x) - reference(0, x)));
            worst1 = Math.max(worst1, Math.abs(Bessel.j1(x) - reference(1, x)));
        }
        assertTrue(worst0 <= 1e-9, "J0 max abs error " + worst0);
        assertTrue(worst1 <= 1e-9, "J1 max abs error " + worst1);
    }

    @Test
    void knownValuesZerosAndParity() {
        assertEquals(1.0, Bessel.j0(0), 0);
        assertEquals(0.0, Bessel.j1(0), 0);
        // A&S table 9.1 / DLMF: J0(1) = 0.7651976865579666, J1(1) = 0.4400505857449335
        assertEquals(0.7651976865579666, Bessel.j0(1), 1e-15);
        assertEquals(0.4400505857449335, Bessel.j1(1), 1e-15);
        // first zeros j_{0,1} = 2.404825557695773, j_{1,1} = 3.831705970207512; j_{0,10} = 30.634606468431975
        assertEquals(0.0, Bessel.j0(2.404825557695773), 1e-15);
        assertEquals(0.0, Bessel.j1(3.831705970207512), 1e-15);
        assertEquals(0.0, Bessel.j0(30.634606468431975), 1e-14);
        for (double x : new double[] {0.3, 7.7, 14, 55.5, 900}) {
            assertEquals(Bessel.j0(x), Bessel.j0(-x), 0);
            assertEquals(-Bessel.j1(x), Bessel.j1(-x), 0);
        }
    }

    @Test
    void gaussLegendreIsExactForDegree2nMinus1() {
        for (int n : new int[] {1, 2, 3, 8, 12, 16, 31}) {
            double[][] r = GaussLegendre.rule(n);
            for (int d = 0; d <= 2 * n - 1; d++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += r[1][i] * Math.pow(r[0][i], d);
                }
                double exact = (d % 2 == 1) ? 0 : 2.0 / (d + 1);
                assertEquals(exact, s, 1e-14, "n=" + n + " degree " + d);
            }
        }
    }
}
