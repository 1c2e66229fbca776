package dev.delp.engine.deconv;

/**
 * The arrays of one Richardson–Lucy run, allocated once per work shape and reused across runs
 * (e.g. the patches of AWDVD on one thread). Bytes per work voxel: the estimate (4), one padded
 * volume that is in turn the FFT input, its spectrum, the blurred estimate, the ratio and the
 * correction (4·(w+2)/w, in-place real FFTs), the observation in image size, the folded
 * normalisation map; Biggs–Andrews adds its direction in bfloat16 (2) and its previous step in
 * row-scaled bytes (1); TV
 * adds a float volume of factors. The OTF is held by the cache. The FFT plans add no volume-sized
 * scratch.
 */
final class RlWorkspace {
    final Grid grid;
    final boolean accelerated;
    final float[] x;        // (work, row stride workWidth) current estimate
    final float[] padded;   // (padded: workRows rows of paddedRowLength) FFT data: A x, ratio, correction
    final int stride;       // floats per padded row
    NormalisationMap invWeight; // 1 / (Aᵀ1), compact; built by RlSolver.setup
    Object mapKey;              // the OTF the map was built for (identity)
    double mapMinWeight;
    final float[][] rowScratch; // (chunks, 3·workWidth + 2) per chunk: a row of 1/w (+ folded row), a row of g
    final float[] y;        // (image) observed data, compact
    final char[] direction; // (work) accelerated only: x_k − x_{k−1} in bfloat16
    final byte[] gPrev;     // (work) accelerated only: previous RL step x_{k+1} − y_k, bytes scaled per row
    final float[] gScale;   // (workRows) accelerated only: the rows' scales of gPrev (ScaledBytes)
    float[] tv;             // (work) TV factors, allocated on the first TV run only
    final double[] partialA;
    final double[] partialB;
    final double[] partialC;
    final double[] partialD;
    final Chunks chunks;

    RlWorkspace(Grid grid, int paddedLength, int paddedRowLength, boolean accelerated) {
        this.grid = grid;
        this.accelerated = accelerated;
        int n = grid.workSize();
        x = new float[n];
        padded = new float[paddedLength];
        stride = paddedRowLength;
        y = new float[grid.imageSize()];
        direction = accelerated ? new char[n] : null;
        gPrev = accelerated ? new byte[n] : null;
        gScale = accelerated ? new float[grid.workRows()] : null;
        chunks = new Chunks(grid.workRows(), grid.workWidth());
        rowScratch = new float[chunks.count()][3 * grid.workWidth() + 2];
        partialA = new double[chunks.count()];
        partialB = new double[chunks.count()];
        partialC = new double[chunks.count()];
        partialD = new double[chunks.count()];
    }

    /** The TV factor volume, allocated on first use. */
    float[] tv() {
        if (tv == null) {
            tv = new float[grid.workSize()];
        }
        return tv;
    }

    /** Bytes held by this workspace. */
    long bytes() {
        long bytes = 4L * x.length + 4L * padded.length + 4L * y.length
                + (accelerated ? 2L * direction.length + gPrev.length + 4L * gScale.length : 0)
                + (tv == null ? 0 : 4L * tv.length) + 4L * rowScratch.length * rowScratch[0].length;
        return bytes + (invWeight == null ? 0 : invWeight.bytes());
    }
}
