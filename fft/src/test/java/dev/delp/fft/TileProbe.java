package dev.delp.fft;

import dev.delp.simd.FftKernels;
import dev.delp.simd.Simd;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Tuning probe (a main, not a test; it needs package access): thread CPU time of the pieces of the
 * real 2D passes (split planes: {@code passes}; interleaved: {@code ilvpasses}), and paired A/Bs in
 * one JVM: real-row tile heights ({@code rows}), column tile widths ({@code coltile}), separate vs
 * fused real post/pre pass ({@code fuse}), split vs interleaved columns ({@code ilv}) and rows
 * ({@code ilvrows}). Numbers in bench/RESULTS.md (FFT, "Session 2, later" and "Session 3").
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp fft/target/classes:fft/target/test-classes dev.delp.fft.TileProbe passes 128 256 512
 * java --add-modules jdk.incubator.vector -cp fft/target/classes:fft/target/test-classes dev.delp.fft.TileProbe rows 256 32 16
 * java --add-modules jdk.incubator.vector -cp fft/target/classes:fft/target/test-classes dev.delp.fft.TileProbe ilv 84 512 1000
 * java --add-modules jdk.incubator.vector -cp fft/target/classes:fft/target/test-classes dev.delp.fft.TileProbe coltile 512 32 64
 * </pre>
 */
final class TileProbe {
    private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();

    private TileProbe() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: TileProbe passes|coltile|ilvpasses|ilvrows|ilv|blocked|fuse|rows ARGS (see each mode's Javadoc)");
            System.exit(2);
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        if (args[0].equals("passes")) {
            passes(rest);
        } else if (args[0].equals("coltile")) {
            columnTiles(rest);
        } else if (args[0].equals("ilvpasses")) {
            interleavedPasses(rest);
        } else if (args[0].equals("ilvrows")) {
            interleavedRows(rest);
        } else if (args[0].equals("ilv")) {
            interleaved(rest);
        } else if (args[0].equals("blocked")) {
            blocked(rest);
        } else if (args[0].equals("fuse")) {
            fuse(rest);
        } else {
            rows(rest);
        }
    }

    /** Best of 15 batches of {@code reps} calls, ms per call of thread CPU time. */
    static double best(Runnable r, int reps) {
        double best = Double.MAX_VALUE;
        for (int b = 0; b < 15; b++) {
            best = Math.min(best, once(r, reps));
        }
        return best;
    }

    static double once(Runnable r, int reps) {
        long t0 = BEAN.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
            r.run();
        }
        return (BEAN.getCurrentThreadCpuTime() - t0) / 1e6 / reps;
    }

    /** Every piece of the row and column passes of an s x s real 2D FFT, 32-line tiles, all tiles of a pass. */
    static void passes(String[] args) {
        FftKernels k = Simd.fftKernels();
        for (String arg : args) {
            int s = Integer.parseInt(arg), h = s / 2, hw = h + 1, lanes = 32;
            float[] img = new float[s * s], spec = new float[2 * hw * s];
            SplittableRandom rnd = new SplittableRandom(2);
            for (int i = 0; i < img.length; i++) img[i] = (float) rnd.nextDouble();
            for (int i = 0; i < spec.length; i++) spec[i] = (float) rnd.nextDouble();
            int[] realIdx = new int[lanes], specIdx = new int[lanes];
            for (int t = 0; t < lanes; t++) { realIdx[t] = t * s; specIdx[t] = 2 * t * hw; }
            BatchFft rowFft = new BatchFft(ComplexFft1d.of(h).plan(), k), colFft = new BatchFft(ComplexFft1d.of(s).plan(), k);
            float[] ra = new float[rowFft.bufferFloats(lanes) + 2 * lanes], rb = new float[ra.length];
            float[] ca = new float[colFft.bufferFloats(lanes)], cb = new float[ca.length];
            float[] cos = new float[hw], sin = new float[hw];
            for (int i = 0; i < hw; i++) { cos[i] = (float) Math.cos(2 * Math.PI * i / s); sin[i] = (float) Math.sin(2 * Math.PI * i / s); }
            int rt = s / lanes, ct = (hw + lanes - 1) / lanes;
            // per whole pass: all tiles
            Runnable gatherRows = () -> { for (int i = 0; i < rt; i++) k.rowsToSplit(img, i * lanes * s, realIdx, lanes, h, ra, h * lanes); };
            Runnable fftRows = () -> { for (int i = 0; i < rt; i++) rowFft.transform(ra, rb, lanes, -1); };
            Runnable post = () -> { for (int i = 0; i < rt; i++) k.realForwardPost(ra, h * lanes, rb, hw * lanes, h, lanes, cos, sin); };
            Runnable scatterRows = () -> { for (int i = 0; i < rt; i++) k.splitToRows(rb, hw * lanes, lanes, hw, spec, 2 * i * lanes * hw, specIdx, 1f); };
            Runnable gatherSpecRows = () -> { for (int i = 0; i < rt; i++) k.rowsToSplit(spec, 2 * i * lanes * hw, specIdx, lanes, hw, ra, hw * lanes); };
            Runnable scatterReal = () -> { for (int i = 0; i < rt; i++) k.splitToRows(ra, h * lanes, lanes, h, img, i * lanes * s, realIdx, 1f); };
            Runnable gatherCols = () -> { for (int i = 0; i < ct; i++) { int l = Math.min(lanes, hw - i * lanes); k.columnsToSplit(spec, 2 * i * lanes, 2 * hw, l, s, ca, s * l); } };
            Runnable fftCols = () -> { for (int i = 0; i < ct; i++) { int l = Math.min(lanes, hw - i * lanes); colFft.transform(ca, cb, l, -1); } };
            Runnable scatterCols = () -> { for (int i = 0; i < ct; i++) { int l = Math.min(lanes, hw - i * lanes); k.splitToColumns(ca, s * l, l, s, spec, 2 * i * lanes, 2 * hw, 1f); } };
            String[] names = {"gatherRows", "fftRows", "post", "scatterRows", "gatherSpecRows", "scatterReal", "gatherCols", "fftCols", "scatterCols"};
            Runnable[] rs = {gatherRows, fftRows, post, scatterRows, gatherSpecRows, scatterReal, gatherCols, fftCols, scatterCols};
            long end = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < end) for (Runnable r : rs) r.run();
            int reps = Math.max(1, 4_000_000 / (s * s));
            StringBuilder sb = new StringBuilder(s + ":");
            for (int i = 0; i < rs.length; i++) sb.append(String.format(" %s %.4f", names[i], best(rs[i], reps)));
            System.out.println(sb + " ms");
        }
    }

    /**
     * Paired A/B of the real row passes (forward + inverse, one thread) with the real post/pre pass
     * separate (A) and fused into the row scatter/gather (B): median of per-batch ratios.
     */
    static void fuse(String[] a) {
        ForkJoinPool pool = new ForkJoinPool(1);
        for (String arg : a) {
            int s = Integer.parseInt(arg), tile = RealRows.tileFor(s / 2);
            abRows(s + " rows fwd+inv, separate vs fused post/pre", s,
                    new RealRows(s, Simd.fftKernels(), tile, false), new RealRows(s, Simd.fftKernels(), tile, true), pool);
        }
        pool.shutdown();
    }

    /**
     * Paired A/B of the column passes of an s x s real 2D FFT (forward + inverse, one thread):
     * split planes with gather/scatter (A) vs interleaved butterflies ({@code LinePass.interleavedTile}, B).
     */
    static void interleaved(String[] a) {
        ForkJoinPool pool = new ForkJoinPool(1);
        for (String arg : a) {
            int s = Integer.parseInt(arg);
            abColumns(s + " columns fwd+inv, split vs interleaved", s,
                    new LinePass(s, Simd.fftKernels(), false), new LinePass(s, Simd.fftKernels(), true), pool);
        }
        pool.shutdown();
    }

    /**
     * Paired A/Bs of the interleaved passes of an s x s real 2D FFT (forward + inverse, one thread):
     * plain Stockham stages (A) vs {@link BlockedStockham} (B), for the rows and for the columns;
     * {@code blocked s [blockFloats [rowTileB]]}.
     */
    static void blocked(String[] a) {
        ForkJoinPool pool = new ForkJoinPool(1);
        int bf = a.length > 1 ? Integer.parseInt(a[1]) : BlockedStockham.BLOCK_FLOATS;
        int s = Integer.parseInt(a[0]);
        int tile = RealRows.tileFor(s / 2), tileB = a.length > 2 ? Integer.parseInt(a[2]) : tile;
        abRows(s + " rows fwd+inv, Stockham tile " + tile + " vs blocked " + bf + " tile " + tileB, s,
                new RealRows(s, Simd.fftKernels(), tile, true, true, 0), new RealRows(s, Simd.fftKernels(), tileB, true, true, bf), pool);
        abColumns(s + " columns fwd+inv, Stockham vs blocked " + bf, s,
                new LinePass(s, Simd.fftKernels(), true, LinePass.tileFor(s), 0),
                new LinePass(s, Simd.fftKernels(), true, LinePass.tileFor(s), bf), pool);
        pool.shutdown();
    }

    /** Paired A/B of the real row passes (forward + inverse): split planes (A) vs interleaved tile order (B), both fused. */
    static void interleavedRows(String[] a) {
        ForkJoinPool pool = new ForkJoinPool(1);
        for (String arg : a) {
            int s = Integer.parseInt(arg), tile = RealRows.tileFor(s / 2);
            abRows(s + " rows fwd+inv, split vs interleaved", s,
                    new RealRows(s, Simd.fftKernels(), tile, true, false), new RealRows(s, Simd.fftKernels(), tile, true, true), pool);
        }
        pool.shutdown();
    }

    /** Every piece of the interleaved row passes and the interleaved column pass of an s x s real 2D FFT (all tiles, one thread). */
    static void interleavedPasses(String[] args) {
        FftKernels k = Simd.fftKernels();
        for (String arg : args) {
            int s = Integer.parseInt(arg), h = s / 2, hw = h + 1, lanes = RealRows.tileFor(h), cl = 32;
            float[] img = new float[s * s], spec = new float[2 * hw * s];
            SplittableRandom rnd = new SplittableRandom(2);
            for (int i = 0; i < img.length; i++) img[i] = (float) rnd.nextDouble();
            for (int i = 0; i < spec.length; i++) spec[i] = (float) rnd.nextDouble();
            int[] realPairs = new int[2 * lanes], specPairs = new int[2 * lanes];
            for (int t = 0; t < lanes; t++) {
                realPairs[2 * t] = t * s; realPairs[2 * t + 1] = t * s + 1;
                specPairs[2 * t] = 2 * t * hw; specPairs[2 * t + 1] = 2 * t * hw + 1;
            }
            FftPlan rowPlan = ComplexFft1d.of(h).plan(), colPlan = ComplexFft1d.of(s).plan();
            float[] ra = new float[2 * h * lanes + 2 * lanes], rb = new float[ra.length];
            float[] ca = new float[2 * s * cl], cb = new float[ca.length];
            float[] cos = new float[hw], sin = new float[hw];
            for (int i = 0; i < hw; i++) { cos[i] = (float) Math.cos(2 * Math.PI * i / s); sin[i] = (float) Math.sin(2 * Math.PI * i / s); }
            int rt = s / lanes, ct = (hw + cl - 1) / cl;
            Runnable gatherRows = () -> { for (int i = 0; i < rt; i++) k.rowsToInterleaved(img, i * lanes * s, realPairs, lanes, h, ra); };
            Runnable fftRows = () -> { for (int i = 0; i < rt; i++) InterleavedStockham.run(rowPlan, k, ra, 0, 2 * lanes, null, 0, 0, lanes, -1, ra, rb); };
            BlockedStockham rowBlocked = BlockedStockham.of(rowPlan, lanes, BlockedStockham.BLOCK_FLOATS);
            BlockedStockham colBlocked = BlockedStockham.of(colPlan, cl, BlockedStockham.BLOCK_FLOATS);
            float[] rowScratch = new float[2 * h * lanes];
            Runnable fftRowsBlocked = rowBlocked == null ? fftRows
                    : () -> { for (int i = 0; i < rt; i++) rowBlocked.run(k, ra, 0, 2 * lanes, ra, rb, 0, 2 * lanes, lanes, -1, rowScratch); };
            Runnable colsBlocked = colBlocked == null ? () -> { } : () -> { for (int i = 0; i < ct; i++) { int l = Math.min(cl, hw - i * cl);
                colBlocked.run(k, spec, 2 * i * cl, 2 * hw, ca, spec, 2 * i * cl, 2 * hw, l, -1, cb); } };
            Runnable postScatter = () -> { for (int i = 0; i < rt; i++) k.realForwardPostInterleavedToRows(ra, h, lanes, cos, sin, spec, 2 * i * lanes * hw, specPairs); };
            Runnable gatherPre = () -> { for (int i = 0; i < rt; i++) k.rowsToRealInversePreInterleaved(spec, 2 * i * lanes * hw, specPairs, lanes, h, cos, sin, rb); };
            Runnable scatterReal = () -> { for (int i = 0; i < rt; i++) k.interleavedToRows(ra, lanes, h, img, i * lanes * s, realPairs, 1f); };
            Runnable cols = () -> { for (int i = 0; i < ct; i++) { int l = Math.min(cl, hw - i * cl); InterleavedStockham.run(colPlan, k, spec, 2 * i * cl, 2 * hw, spec, 2 * i * cl, 2 * hw, l, -1, ca, cb); } };
            String[] names = {"gatherRows", "fftRows", "fftRowsBlocked", "postScatter", "gatherPre", "scatterReal", "colsAll", "colsAllBlocked"};
            Runnable[] rs = {gatherRows, fftRows, fftRowsBlocked, postScatter, gatherPre, scatterReal, cols, colsBlocked};
            long end = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < end) for (Runnable r : rs) r.run();
            int reps = Math.max(1, 4_000_000 / (s * s));
            StringBuilder sb = new StringBuilder(s + ":");
            for (int i = 0; i < rs.length; i++) sb.append(String.format(" %s %.4f", names[i], best(rs[i], reps)));
            System.out.println(sb + " ms (per direction; rows in tiles of " + lanes + ")");
        }
    }

    /** Paired A/B of the interleaved column passes (forward + inverse) of an s x s real 2D FFT at two tile widths: {@code coltile s ta tb}. */
    static void columnTiles(String[] a) {
        ForkJoinPool pool = new ForkJoinPool(1);
        int s = Integer.parseInt(a[0]), ta = Integer.parseInt(a[1]), tb = Integer.parseInt(a[2]);
        abColumns(s + " columns fwd+inv, tile " + ta + " vs " + tb, s,
                new LinePass(s, Simd.fftKernels(), true, ta), new LinePass(s, Simd.fftKernels(), true, tb), pool);
        pool.shutdown();
    }

    /** Warm-up, then 41 paired batches: best of each and the median ratio B/A. */
    static void abReport(String what, Runnable ra, Runnable rb, int reps) {
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) { ra.run(); rb.run(); }
        int n = 41;
        double[] r = new double[n];
        double ba = 1e30, bb = 1e30;
        for (int i = 0; i < n; i++) {
            double x = once(ra, reps), y = once(rb, reps);
            r[i] = y / x; ba = Math.min(ba, x); bb = Math.min(bb, y);
        }
        java.util.Arrays.sort(r);
        System.out.printf("%s: A %.4f ms, B %.4f ms (best); B/A median %.3f [q1 %.3f q3 %.3f]%n",
                what, ba, bb, r[n / 2], r[n / 4], r[3 * n / 4]);
    }

    /** Paired A/B of the real row passes (forward + inverse) at two tile heights: median of per-batch ratios. */
    static void rows(String[] a) {
        ForkJoinPool pool = new ForkJoinPool(1);
        int s = Integer.parseInt(a[0]), ta = Integer.parseInt(a[1]), tb = Integer.parseInt(a[2]);
        abRows(s + " rows fwd+inv, tile " + ta + " vs " + tb, s, new RealRows(s, Simd.fftKernels(), ta),
                new RealRows(s, Simd.fftKernels(), tb), pool);
        pool.shutdown();
    }

    /** {@link #abReport} of two real row passes of an s x s image (forward + inverse). */
    static void abRows(String what, int s, RealRows A, RealRows B, ForkJoinPool pool) {
        int hw = s / 2 + 1;
        float[] img = new float[s * s], spec = new float[2 * hw * s], out = new float[s * s];
        for (int i = 0; i < img.length; i++) img[i] = (i % 13) * 0.01f;
        Runnable ra = () -> { A.forward(img, spec, s, pool); A.inverse(spec, out, s, 1.0 / s, pool); };
        Runnable rb = () -> { B.forward(img, spec, s, pool); B.inverse(spec, out, s, 1.0 / s, pool); };
        abReport(what, ra, rb, Math.max(1, 1_000_000 / (s * s)));
    }

    /** {@link #abReport} of two column passes over the half spectrum of an s x s image (forward + inverse, in place). */
    static void abColumns(String what, int s, LinePass A, LinePass B, ForkJoinPool pool) {
        int hw = s / 2 + 1;
        float[] spec = new float[2 * hw * s];
        for (int i = 0; i < spec.length; i++) spec[i] = (i % 13) * 0.01f;
        Runnable ra = () -> { A.run(spec, spec, 1, 0, hw, 1, hw, -1, 1f, pool); A.run(spec, spec, 1, 0, hw, 1, hw, +1, 1f, pool); };
        Runnable rb = () -> { B.run(spec, spec, 1, 0, hw, 1, hw, -1, 1f, pool); B.run(spec, spec, 1, 0, hw, 1, hw, +1, 1f, pool); };
        abReport(what, ra, rb, Math.max(1, 1_000_000 / (s * s)));
    }
}
