package dev.delp.engine.deconv;

import dev.delp.engine.conv.Otf2d;
import dev.delp.engine.conv.Otf3d;
import dev.delp.engine.conv.OtfCache;
import dev.delp.engine.conv.PsfSymmetry;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Shapes;
import dev.delp.engine.image.Stack3d;
import dev.delp.fft.FftSizes;
import java.util.concurrent.ForkJoinPool;

/**
 * Richardson–Lucy deconvolution of 2D images and 3D stacks — plain, Biggs–Andrews accelerated,
 * optionally TV-regularised ({@link RlOptions}) — with Bertero–Boccacci boundary handling: the
 * object lives on a domain extended by the PSF size beyond every image edge, and the update is
 * normalised by {@code w = Aᵀ1}, so nothing rings at the image border and a blurred flat field
 * stays flat up to the border pixels. Work volume per axis: {@code FftSizes.good(image + psf − 1)}.
 *
 * <p>This class is the driver (validation, OTF cache, workspace, stop rule, progress, crop); one
 * iteration lives in {@code RlSolver}. Instances are thread-safe; each thread reuses its own
 * workspace across calls with the same work shape (AWDVD's patches), and OTFs come from the shared
 * {@link OtfCache}. Results do not depend on the pool's parallelism.
 *
 * <p>Input: PSF odd-sized or not (centre at {@code size/2}), normalised here to sum 1; images must be
 * finite (NaN/Inf rejected); negative values are clipped to 0 (subtract camera offsets first). An
 * all-zero image returns zeros. A stop rule of zero iterations returns a copy of the image: nothing was
 * deconvolved (not the flat start estimate, which no caller wants as a result).
 */
public final class RichardsonLucy {
    private final RlOptions options;
    private final OtfCache cache;
    private final ThreadLocal<RlWorkspace> workspaces = new ThreadLocal<>();

    /** RL with the given options and a private OTF cache of 16 entries. */
    public RichardsonLucy(RlOptions options) {
        this(options, new OtfCache(16));
    }

    /** RL sharing an OTF cache (e.g. one per PSF bank). */
    public RichardsonLucy(RlOptions options, OtfCache cache) {
        if (options == null || cache == null) {
            throw new IllegalArgumentException("options and cache are required");
        }
        this.options = options;
        this.cache = cache;
    }

    /** The options every run of this instance uses. */
    public RlOptions options() {
        return options;
    }

    /** Deconvolves a 2D image; returns a new image of the same shape. */
    public Image2d deconvolve(Image2d image, Image2d psf, StopRule stop, RlProgress progress, ForkJoinPool pool) {
        checkLoop(stop, progress);
        Problem p = problem(image, psf, pool);
        psf = null; // see start()
        if (stop.maxIterations() == 0) {
            return new Image2d(image.width(), image.height(), image.data().clone());
        }
        RlWorkspace ws = workspace(p.grid, p.fft);
        return new Image2d(image.width(), image.height(), run(p, ws, image.data(), stop, progress, pool));
    }

    /** Deconvolves a 3D stack; returns a new stack of the same shape. */
    public Stack3d deconvolve(Stack3d stack, Stack3d psf, StopRule stop, RlProgress progress, ForkJoinPool pool) {
        checkLoop(stop, progress);
        Problem p = problem(stack, psf, pool);
        psf = null; // see start()
        if (stop.maxIterations() == 0) {
            return new Stack3d(stack.width(), stack.height(), stack.depth(), stack.data().clone());
        }
        RlWorkspace ws = workspace(p.grid, p.fft);
        return new Stack3d(stack.width(), stack.height(), stack.depth(), run(p, ws, stack.data(), stop, progress, pool));
    }

    /**
     * Starts a run to be stepped by the caller ({@link RlRun#iterate}); it owns a fresh workspace.
     * The PSF is not referenced once its OTF is built (before the workspace is allocated), so a
     * caller that passes it without keeping it lets it be collected early.
     */
    public RlRun start(Image2d image, Image2d psf, ForkJoinPool pool) {
        Problem p = problem(image, psf, pool);
        psf = null; // not referenced past the OTF: a large PSF can be collected before the workspace exists
        RlWorkspace ws = new RlWorkspace(p.grid, p.fft.paddedLength(), p.fft.paddedRowLength(), options.accelerated());
        return new RlRun(new RlSolver(ws, p.fft, p.otf, p.otfKey, p.mirrored, options, pool), ws, options.accelerated(),
                image.data(), p.otfBytes);
    }

    /** Starts a 3D run to be stepped by the caller. */
    public RlRun start(Stack3d stack, Stack3d psf, ForkJoinPool pool) {
        Problem p = problem(stack, psf, pool);
        psf = null; // not referenced past the OTF: a large PSF can be collected before the workspace exists
        RlWorkspace ws = new RlWorkspace(p.grid, p.fft.paddedLength(), p.fft.paddedRowLength(), options.accelerated());
        return new RlRun(new RlSolver(ws, p.fft, p.otf, p.otfKey, p.mirrored, options, pool), ws, options.accelerated(),
                stack.data(), p.otfBytes);
    }

    private record Problem(Grid grid, Transform fft, OtfProduct otf, Object otfKey, boolean[] mirrored, long otfBytes) {
    }

    private static boolean[] mirrored(float[] psf, int w, int h, int d) {
        return new boolean[] {PsfSymmetry.mirrored(psf, w, h, d, 0), PsfSymmetry.mirrored(psf, w, h, d, 1),
            PsfSymmetry.mirrored(psf, w, h, d, 2)};
    }

    private Problem problem(Image2d image, Image2d psf, ForkJoinPool pool) {
        check(image.data(), psf.data(), "image " + image.shape(), "psf " + psf.shape(), pool);
        Image2d kernel = normalised(psf);
        Grid grid = new Grid(image.width(), image.height(), 1, psf.width(), psf.height(), 1,
                FftSizes.good(image.width() + psf.width() - 1), FftSizes.good(image.height() + psf.height() - 1), 1);
        Otf2d otf = cache.otf(kernel, grid.workWidth(), grid.workHeight(), pool);
        return new Problem(grid, Transform.of(otf.plan()), otf::multiply, otf,
                mirrored(kernel.data(), kernel.width(), kernel.height(), 1), otf.bytes());
    }

    private Problem problem(Stack3d stack, Stack3d psf, ForkJoinPool pool) {
        check(stack.data(), psf.data(), "stack " + stack.shape(), "psf " + psf.shape(), pool);
        Stack3d kernel = normalised(psf);
        Grid grid = new Grid(stack.width(), stack.height(), stack.depth(), psf.width(), psf.height(), psf.depth(),
                FftSizes.good(stack.width() + psf.width() - 1), FftSizes.good(stack.height() + psf.height() - 1),
                FftSizes.good(stack.depth() + psf.depth() - 1));
        Otf3d otf = cache.otf(kernel, grid.workWidth(), grid.workHeight(), grid.workDepth(), pool);
        return new Problem(grid, Transform.of(otf.plan()), otf::multiply, otf,
                mirrored(kernel.data(), kernel.width(), kernel.height(), kernel.depth()), otf.bytes());
    }

    /** The work shape {@code {width, height, depth}} used for an image and PSF of the given sizes. */
    public static int[] workShape(int imageWidth, int imageHeight, int imageDepth, int psfWidth, int psfHeight,
            int psfDepth) {
        return new int[] {FftSizes.good(imageWidth + psfWidth - 1), FftSizes.good(imageHeight + psfHeight - 1),
            FftSizes.good(imageDepth + psfDepth - 1)};
    }

    private float[] run(Problem p, RlWorkspace ws, float[] observed, StopRule stop, RlProgress progress,
            ForkJoinPool pool) {
        RlRun run = new RlRun(new RlSolver(ws, p.fft, p.otf, p.otfKey, p.mirrored, options, pool), ws,
                options.accelerated(), observed, p.otfBytes);
        boolean measure = stop.needsRelativeChange();
        for (int k = 1; k <= stop.maxIterations(); k++) {
            RlProgress.Report report = run.iterate(measure);
            progress.iteration(report);
            if (stop.stop(k, report.relativeChange())) {
                break;
            }
        }
        return run.crop();
    }

    private RlWorkspace workspace(Grid grid, Transform fft) {
        RlWorkspace ws = workspaces.get();
        if (ws == null || !ws.grid.equals(grid) || ws.accelerated != options.accelerated()) {
            workspaces.remove(); // release the old one before allocating
            ws = null;
            ws = new RlWorkspace(grid, fft.paddedLength(), fft.paddedRowLength(), options.accelerated());
            workspaces.set(ws);
        }
        return ws;
    }

    /** Drops this thread's cached workspace (frees its memory). */
    public void releaseWorkspace() {
        workspaces.remove();
    }

    private static void checkLoop(StopRule stop, RlProgress progress) {
        if (stop == null || progress == null) {
            throw new IllegalArgumentException("stop rule and progress are required (use RlProgress.NONE)");
        }
    }

    private static void check(float[] data, float[] psf, String what, String psfWhat, ForkJoinPool pool) {
        if (pool == null) {
            throw new IllegalArgumentException("pool is required (e.g. ForkJoinPool.commonPool())");
        }
        Shapes.checkFinite(what, data);
        Shapes.checkFinite(psfWhat, psf);
        double s = 0;
        for (float v : psf) {
            if (v < 0) {
                throw new IllegalArgumentException(psfWhat + " has a negative value " + v + "; a PSF must be >= 0");
            }
            s += v;
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException(psfWhat + " sums to " + s + "; a PSF needs a positive sum");
        }
    }

    private static Image2d normalised(Image2d psf) {
        double s = psf.sum();
        if (Math.abs(s - 1) < 1e-7) {
            return psf;
        }
        Image2d k = psf.copy();
        float inv = (float) (1 / s);
        for (int i = 0; i < k.size(); i++) {
            k.data()[i] *= inv;
        }
        return k;
    }

    private static Stack3d normalised(Stack3d psf) {
        double s = psf.sum();
        if (Math.abs(s - 1) < 1e-7) {
            return psf;
        }
        Stack3d k = psf.copy();
        float inv = (float) (1 / s);
        for (int i = 0; i < k.size(); i++) {
            k.data()[i] *= inv;
        }
        return k;
    }
}
