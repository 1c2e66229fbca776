package dev.delp.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The table rule on hand-made mean curves (index = iterations, 0 = the input). */
class IterationLearningTest {
    @Test
    void countsThatLowerSsimBelowTheInputAreNotEligible() {
        // PSNR peaks at 2 but SSIM there is below the input's; 3 is the best eligible count
        double[] psnr = {30, 31, 32, 31.5};
        double[] ssim = {0.90, 0.89, 0.88, 0.91};
        assertEquals(3, IterationLearning.choose(psnr, ssim));
    }

    @Test
    void onThePsnrPlateauTheHighestSsimWins() {
        // best PSNR 33.05 at 2; 1 and 3 are within 0.1 dB; 3 has the highest SSIM
        double[] psnr = {30, 33.0, 33.05, 32.96, 32.5};
        double[] ssim = {0.80, 0.85, 0.84, 0.86, 0.87};
        assertEquals(3, IterationLearning.choose(psnr, ssim));
        // ties in SSIM keep the smaller count
        assertEquals(1, IterationLearning.choose(new double[] {30, 33.0, 33.05}, new double[] {0.8, 0.85, 0.85}));
    }

    @Test
    void passThroughWhenDeconvolutionDoesNotHelp() {
        assertEquals(0, IterationLearning.choose(new double[] {30, 29, 28}, new double[] {0.9, 0.95, 0.96}));
        // better PSNR but worse SSIM at every count: pass through
        assertEquals(0, IterationLearning.choose(new double[] {30, 31, 32}, new double[] {0.9, 0.8, 0.7}));
        // the input itself is on the plateau (within 0.1 dB) with the best SSIM
        assertEquals(0, IterationLearning.choose(new double[] {30, 30.05, 29}, new double[] {0.9, 0.9, 0.8}));
    }
}
