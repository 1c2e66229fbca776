package dev.delp.engine.deconv;

/**
 * The arrays of one Richardson–Lucy run, allocated once per work shape and reused across runs
 * (e.g. the patches of AWDVD on one thread). Floats per work voxel: plain 3 + (image/work) for
 * {@code y} + the compact normalisation map; accelerated 2 more. The OTF is held by the cache.
 * The FFT plans add no spectrum-sized scratch: RL only uses their {@code inverseDestroying}.
 */
final class RlWorkspace {
    final Grid grid;
    final boolean accelerated;
    final float[] x;        // (work) current estimate
    final float[] buf;      // (work) blurred estimate, ratio, correction
    final float[] spectrum; // (half spectrum) FFT scratch; also TV factors (>= work size)
    NormalisationMap invWeight; // 1 / (Aᵀ1), compact; built by RlSolver.setup
    Object mapKey;              // the OTF the map was built for (identity)
    double mapMinWeight;
    final float[][] rowScratch; // (chunks, workWidth) one row of 1/w per chunk
    final float[] y;        // (image) observed data, compact
    final float[] xPrev;    // (work) accelerated only: previous estimate
    final float[] gPrev;    // (work) accelerated only: previous RL step x_{k+1} − y_k
    final double[] partialA;
    final double[] partialB;
    final double[] partialC;
    final double[] partialD;
    final Chunks chunks;

    RlWorkspace(Grid grid, int spectrumLength, boolean accelerated) {
        this.grid = grid;
        this.accelerated = accelerated;
        int n = grid.workSize();
        x = new float[n];
        buf = new float[n];
        spectrum = new float[Math.max(spectrumLength, n)];
        y = new float[grid.imageSize()];
        xPrev = accelerated ? new float[n] : null;
        gPrev = accelerated ? new float[n] : null;
        chunks = new Chunks(grid.workRows(), grid.workWidth());
        rowScratch = new float[chunks.count()][grid.workWidth()];
        partialA = new double[chunks.count()];
        partialB = new double[chunks.count()];
        partialC = new double[chunks.count()];
        partialD = new double[chunks.count()];
    }

    /** Bytes held by this workspace. */
    long bytes() {
        long floats = (long) x.length + buf.length + spectrum.length + y.length
                + (accelerated ? xPrev.length + gPrev.length : 0) + (long) rowScratch.length * grid.workWidth();
        return 4 * floats + (invWeight == null ? 0 : invWeight.bytes());
    }
}
