package dev.delp.bench.fft;

/** Result checks shared by the FFT benchmarks: a broken fast path must fail, not post a time. */
final class Check {
    private Check() {
    }

    static float[] random(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    /** Throws unless {@code got[0..n)} equals {@code want[0..n)} within {@code tol} relative RMS. */
    static void close(String what, float[] got, float[] want, int n, double tol) {
        double err = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double d = got[i] - want[i];
            err += d * d;
            norm += (double) want[i] * want[i];
        }
        double rel = Math.sqrt(err / Math.max(norm, 1e-300));
        if (!(rel <= tol)) {
            throw new IllegalStateException(what + ": relative RMS error " + rel + " exceeds " + tol);
        }
    }

    /** JTransforms' thread count (it reads a process-wide setting). */
    static void jtransformsThreads(int threads) {
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(threads);
    }
}
