package dev.delp.fft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void realAndComplexAgreeWithDirectDft() {
        for (int n : new int[] {1, 2, 3, 8, 84, 97, 100}) {
            SplittableRandom r = new SplittableRandom(n);
            float[] x = new float[2 * n];
            for (int i = 0; i < 2 * n; i++) {
                x[i] = (float) r.nextDouble(-1, 1);
            }
            float[] y = x.clone();
            ComplexFft1d.of(n).forward(y, 0);
            double err = 0, norm = 0;
            for (int k = 0; k < n; k++) {
                double re = 0, im = 0;
                for (int j = 0; j < n; j++) {
                    double a = -2 * Math.PI * ((long) j * k % n) / n;
                    re += x[2 * j] * Math.cos(a) - x[2 * j + 1] * Math.sin(a);
                    im += x[2 * j] * Math.sin(a) + x[2 * j + 1] * Math.cos(a);
                }
                err += (re - y[2 * k]) * (re - y[2 * k]) + (im - y[2 * k + 1]) * (im - y[2 * k + 1]);
                norm += re * re + im * im;
            }
            assertTrue(Math.sqrt(err / norm) < 2e-6, "n=" + n + " err=" + Math.sqrt(err / norm));
        }
        float[] img = new float[35 * 22];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) Math.sin(i * 0.37);
        }
        RealFft2d p = RealFft2d.of(35, 22);
        float[] s = new float[p.spectrumLength()];
        p.forward(img, s);
        float[] back = new float[img.length];
        p.inverse(s, back);
        for (int i = 0; i < img.length; i++) {
            assertTrue(Math.abs(back[i] - img[i]) < 1e-5);
        }
    }
}
