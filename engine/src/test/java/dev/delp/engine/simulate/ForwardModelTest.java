package dev.delp.engine.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.testio.TestPsfs;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class ForwardModelTest {
    @Test
    void noiseIsUnbiasedWithPoissonVariance() {
        // Flat image at intensity 0.5 of reference 1 with 2000 photons: mean 1000 counts + offset 100,
        // variance 1000 + read noise 3^2. 256x256 pixels: mean SE = sqrt(1009/65536) = 0.12.
        Image2d flat = Image2d.filled(256, 256, 0.5f);
        NoiseModel nm = new NoiseModel(2000, 3, 100);
        Image2d c = ForwardModel.observe(flat, 1.0, nm, new SplittableRandom(5));
        double m = c.sum() / c.size();
        double v = 0;
        for (float f : c.data()) {
            v += (f - m) * (f - m);
        }
        v /= c.size();
        assertEquals(1100, m, 5 * 0.124);
        // variance SE ~ sqrt(2 * 1009^2 / 65536) = 5.6
        assertEquals(1009, v, 5 * 5.6);
    }

    @Test
    void simulateIsDeterministicAndInInputUnits() {
        Image2d x = Image2d.zeros(64, 48);
        x.set(20, 20, 10f);
        x.set(40, 30, 5f);
        ForwardModel fm = new ForwardModel();
        Image2d a = fm.simulate(x, TestPsfs.gaussian2d(11, 2), NoiseModel.poisson(1e9), 9, ForkJoinPool.commonPool());
        Image2d b = fm.simulate(x, TestPsfs.gaussian2d(11, 2), NoiseModel.poisson(1e9), 9, new ForkJoinPool(1));
        assertArrayEquals(a.data(), b.data());
        // 1e9 photons: noise ~3e-5 relative; flux is preserved by the normalised PSF.
        assertEquals(15.0, a.sum(), 1e-3);
        assertThrows(IllegalArgumentException.class, () -> new NoiseModel(0, 0, 0));
        Image2d bad = x.copy();
        bad.data()[3] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class,
                () -> fm.simulate(bad, TestPsfs.gaussian2d(3, 1), NoiseModel.poisson(10), 1, ForkJoinPool.commonPool()));
    }
}
