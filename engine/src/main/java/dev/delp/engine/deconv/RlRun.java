package dev.delp.engine.deconv;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Stack3d;

/**
 * One Richardson–Lucy run that the caller steps through iteration by iteration (benchmarks,
 * interactive tools, custom stop logic). Obtain from {@link RichardsonLucy#start}; it owns its
 * workspace. Not thread-safe (the iterations themselves use the pool given at start).
 */
public final class RlRun {
    private final RlSolver solver;
    private final RlWorkspace ws;
    private final boolean accelerated;
    private final boolean empty;
    private final long otfBytes;
    private int iterations;

    RlRun(RlSolver solver, RlWorkspace ws, boolean accelerated, float[] observed, long otfBytes) {
        this.otfBytes = otfBytes;
        this.solver = solver;
        this.ws = ws;
        this.accelerated = accelerated;
        this.empty = !(solver.setup(observed) > 0);
    }

    /** Performs one iteration (a no-op on an all-zero image) and reports it. */
    public RlProgress.Report iterate(boolean measureChange) {
        iterations++;
        if (empty) {
            return new RlProgress.Report(iterations, 0, 0);
        }
        double a = solver.alpha();
        double change = accelerated ? solver.acceleratedIteration(measureChange) : solver.plainIteration(measureChange);
        return new RlProgress.Report(iterations, change, accelerated ? a : 0);
    }

    /** Iterations performed so far. */
    public int iterations() {
        return iterations;
    }

    /** The current estimate cropped to the image (2D runs). */
    public Image2d image() {
        if (ws.grid.imageDepth() != 1) {
            throw new IllegalStateException("this is a 3D run; use stack()");
        }
        return new Image2d(ws.grid.imageWidth(), ws.grid.imageHeight(), crop());
    }

    /** The current estimate cropped to the stack. */
    public Stack3d stack() {
        return new Stack3d(ws.grid.imageWidth(), ws.grid.imageHeight(), ws.grid.imageDepth(), crop());
    }

    /** {@code {workWidth, workHeight, workDepth}}. */
    public int[] workShape() {
        return new int[] {ws.grid.workWidth(), ws.grid.workHeight(), ws.grid.workDepth()};
    }

    /**
     * Bytes of working memory: this run's workspace (estimate, the padded FFT volume, compact
     * normalisation map, observation, for Biggs–Andrews two bfloat16 volumes, for TV one float
     * volume) plus the OTF it uses from the cache. Not counted: the caller's input and the FFT
     * plans' own row/tile scratch.
     */
    public long workingBytes() {
        return ws.bytes() + otfBytes;
    }

    float[] crop() {
        Grid g = ws.grid;
        float[] out = new float[g.imageSize()];
        for (int r = 0; r < g.workRows(); r++) {
            if (g.rowInImage(r)) {
                System.arraycopy(ws.x, r * g.workWidth(), out, g.imageRowOffset(r), g.imageWidth());
            }
        }
        float scale = solver.outputScale();
        if (scale != 1f) {
            for (int i = 0; i < out.length; i++) {
                out[i] *= scale;
            }
        }
        return out;
    }
}
