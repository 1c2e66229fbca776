package dev.delp.engine.eval;

import dev.delp.engine.conv.Blur;
import dev.delp.engine.conv.OtfCache;
import dev.delp.engine.dataset.PsfSource;
import dev.delp.engine.image.Image2d;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * How far out of focus a real image is, given an in-focus image of the same field: the defocus
 * {@code d} (on a grid) whose PSF best explains {@code observed ≈ gain · (signal ⊛ h_d) + offset}
 * in least squares, with {@code gain} and {@code offset} fitted per defocus and the observed image
 * registered to the model by an integer shift. Pixels within {@code borderPx} of the edge are left
 * out (the two acquisitions need not agree there). The in-focus truth in the observed image's units
 * is then {@code gain · signal + offset} (the PSF sums to 1), which lets a restoration of the real
 * defocused image be scored against it.
 */
public final class DefocusFit {
    /** One defocus of the scan: fitted gain and offset, RMS residual (observed units), correlation. */
    public record Row(double defocusUm, double gain, double offset, double residualRms, double correlation) {
    }

    /**
     * The scan and its best row.
     *
     * @param rows    one per defocus, in scan order
     * @param best    the row with the least residual
     * @param shiftX  observed pixel {@code (x + shiftX, y + shiftY)} matches model pixel {@code (x, y)}
     * @param shiftY  see {@code shiftX}
     */
    public record Result(List<Row> rows, Row best, int shiftX, int shiftY) {
    }

    private DefocusFit() {
    }

    /**
     * Scans defocus {@code 0, stepUm, 2·stepUm, … ≤ maxUm}. Registration: the shift in
     * {@code [−maxShiftPx, maxShiftPx]²} of highest correlation with the model at the defocus of the
     * best row found without a shift; then the scan is repeated with that shift.
     *
     * @param signal   in-focus fluorescence (camera offset removed, ≥ 0)
     * @param observed the defocused image, same size, raw counts
     * @throws IllegalArgumentException if the sizes differ or the border and shift leave no pixels
     */
    public static Result fit(Image2d signal, Image2d observed, PsfSource psfs, double maxUm, double stepUm,
            int borderPx, int maxShiftPx, ForkJoinPool pool) {
        if (signal.width() != observed.width() || signal.height() != observed.height()) {
            throw new IllegalArgumentException("in-focus image " + signal.shape() + " and defocused image "
                    + observed.shape() + " differ in size");
        }
        if (!(stepUm > 0) || !(maxUm >= 0) || maxShiftPx < 0 || borderPx < maxShiftPx
                || 2 * borderPx >= Math.min(signal.width(), signal.height())) {
            throw new IllegalArgumentException("need stepUm > 0 (" + stepUm + "), maxUm >= 0 (" + maxUm
                    + "), 0 <= maxShiftPx (" + maxShiftPx + ") <= borderPx (" + borderPx + ") < half of " + signal.shape());
        }
        OtfCache cache = new OtfCache(4);
        Result unshifted = scan(signal, observed, psfs, maxUm, stepUm, borderPx, 0, 0, cache, pool);
        Image2d model = Blur.reflect(signal, psfs.psf(unshifted.best().defocusUm()), cache, pool);
        int bx = 0, by = 0;
        double bestCorrelation = Double.NEGATIVE_INFINITY;
        for (int dy = -maxShiftPx; dy <= maxShiftPx; dy++) {
            for (int dx = -maxShiftPx; dx <= maxShiftPx; dx++) {
                double c = regress(model, observed, dx, dy, borderPx)[3];
                if (c > bestCorrelation) {
                    bestCorrelation = c;
                    bx = dx;
                    by = dy;
                }
            }
        }
        return bx == 0 && by == 0 ? unshifted : scan(signal, observed, psfs, maxUm, stepUm, borderPx, bx, by, cache, pool);
    }

    private static Result scan(Image2d signal, Image2d observed, PsfSource psfs, double maxUm, double stepUm,
            int borderPx, int dx, int dy, OtfCache cache, ForkJoinPool pool) {
        List<Row> rows = new ArrayList<>();
        Row best = null;
        for (int k = 0; k * stepUm <= maxUm + 1e-9; k++) {
            double d = k * stepUm;
            double[] g = regress(Blur.reflect(signal, psfs.psf(d), cache, pool), observed, dx, dy, borderPx);
            Row r = new Row(d, g[0], g[1], g[2], g[3]);
            rows.add(r);
            if (best == null || r.residualRms() < best.residualRms()) {
                best = r;
            }
        }
        return new Result(List.copyOf(rows), best, dx, dy);
    }

    /** {gain, offset, residual RMS, correlation} of observed(x+dx, y+dy) on model(x, y) inside the border. */
    private static double[] regress(Image2d model, Image2d observed, int dx, int dy, int border) {
        int w = model.width(), h = model.height();
        float[] u = model.data(), v = observed.data();
        double su = 0, sv = 0, suu = 0, svv = 0, suv = 0;
        long n = 0;
        for (int y = border; y < h - border; y++) {
            for (int x = border; x < w - border; x++) {
                double a = u[x + w * y], b = v[(x + dx) + w * (y + dy)];
                su += a;
                sv += b;
                suu += a * a;
                svv += b * b;
                suv += a * b;
                n++;
            }
        }
        double cuu = suu - su * su / n, cvv = svv - sv * sv / n, cuv = suv - su * sv / n;
        double gain = cuv / cuu, offset = (sv - gain * su) / n;
        double residual = Math.max(0, cvv - gain * cuv) / n; // Σ(v − gain·u − offset)² / n
        return new double[] {gain, offset, Math.sqrt(residual), cuv / Math.sqrt(cuu * cvv)};
    }
}
