package dev.delp.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Batch-norm running statistics: momentum 0.6 (Keras sense) and the precise-BN average. */
class BatchNormTest {

    private static float[] batch(float a, float b) {
        // 2 samples x 1 channel x 1x2: values a, a, b, b -> mean (a+b)/2, biased var ((a-b)/2)^2
        return new float[] {a, a, b, b};
    }

    @Test
    void momentumUpdateIsKerasSense() {
        Network net = Architecture.build(new Shape(1, 1, 2), "batchnorm momentum=0.6 eps=0.001");
        net.trainForward(batch(1, 3), 2, Exec.SEQUENTIAL, 0); // mean 2, var 1
        Param mean = net.paramsByName().get("0.running_mean"), var = net.paramsByName().get("0.running_var");
        assertEquals(0.6 * 0 + 0.4 * 2, mean.value()[0], 1e-6);
        assertEquals(0.6 * 1 + 0.4 * 1, var.value()[0], 1e-6);
        net.trainForward(batch(5, 5), 2, Exec.SEQUENTIAL, 1); // mean 5, var 0
        assertEquals(0.6 * 0.8 + 0.4 * 5, mean.value()[0], 1e-6);
        assertEquals(0.6 * 1.0 + 0.4 * 0, var.value()[0], 1e-6);
        // Inference uses the running statistics: y = (x - mean)/sqrt(var + eps).
        float[] y = new float[2];
        net.forward(new float[] {2.8f, 2.8f}, 1, y, Exec.SEQUENTIAL, 1);
        assertEquals((2.8 - 2.48) / Math.sqrt(0.6 + 0.001), y[0], 1e-5);
    }

    @Test
    void recalibrationAveragesTheBatchStatistics() {
        Network net = Architecture.build(new Shape(1, 1, 2), "batchnorm momentum=0.6 eps=0.001");
        float[][] batches = {batch(1, 3), batch(5, 5), batch(0, 4)}; // means 2, 5, 2; vars 1, 0, 4
        net.recalibrateBatchNorm(b -> batches[b], 3, 2, Exec.SEQUENTIAL);
        assertEquals(3.0, net.paramsByName().get("0.running_mean").value()[0], 1e-6);
        assertEquals(5.0 / 3, net.paramsByName().get("0.running_var").value()[0], 1e-6);
        // Back to the momentum update afterwards.
        net.trainForward(batch(3, 3), 2, Exec.SEQUENTIAL, 9);
        assertEquals(0.6 * 3 + 0.4 * 3, net.paramsByName().get("0.running_mean").value()[0], 1e-6);
    }
}
