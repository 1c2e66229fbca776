package dev.delp.engine.training;

import dev.delp.nn.DelpNet;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Held-out evaluation of DelpNet: top-1, within-one-level accuracy (levels only; bg must be exact),
 * the 12×12 confusion matrix, the top-k cumulative match curve (k = 1..12) and per-class
 * accuracy; rendered as Markdown and a PNG plot.
 */
public final class Evaluation {
    /** Number of classes (levels 0..10, bg). */
    public static final int CLASSES = DelpNet.CLASS_LABELS.size();
    /** Seed offset separating evaluation data from training data (training uses the raw seed). */
    public static final long EVAL_SEED_SALT = 0xE7A1_0000_0000L;

    private Evaluation() {
    }

    /**
     * Metrics of one labelled set.
     *
     * @param name          what the set is (e.g. "held-out BBBC006 a01")
     * @param count         patches
     * @param confusion     {@code [truth][predicted]} counts
     * @param top1          fraction predicted exactly
     * @param withinOne     fraction predicted within one level (bg exact)
     * @param topK          {@code topK[k-1]}: fraction whose label is among the k most probable
     * @param perClassTop1  top-1 per true class (NaN when the class is absent)
     * @param perClassWithinOne within-one per true class
     * @param perClassCount patches per true class
     */
    public record Result(String name, int count, long[][] confusion, double top1, double withinOne, double[] topK,
                         double[] perClassTop1, double[] perClassWithinOne, int[] perClassCount) {
    }

    /** Evaluates {@code net} on {@code set} (optionally averaging the 8 symmetries of each patch). */
    public static Result evaluate(String name, DelpNet net, LabelledSet set, boolean symmetryAverage, ForkJoinPool pool) {
        float[][] p = symmetryAverage ? net.probabilitiesSymmetryAveraged(set.patches(), set.count(), pool)
                : net.probabilities(set.patches(), set.count(), pool);
        return score(name, p, set.labels(), set.count());
    }

    /** Metrics from probabilities {@code p[i][class]} and true labels. */
    public static Result score(String name, float[][] p, int[] labels, int n) {
        long[][] conf = new long[CLASSES][CLASSES];
        long[] rankHits = new long[CLASSES];
        int[] perCount = new int[CLASSES];
        long[] perHit = new long[CLASSES], perNear = new long[CLASSES];
        long hit = 0, near = 0;
        for (int i = 0; i < n; i++) {
            int truth = labels[i];
            int pred = 0;
            int rank = 0; // classes strictly more probable than the truth (ties favour the truth)
            for (int c = 0; c < CLASSES; c++) {
                if (p[i][c] > p[i][pred]) {
                    pred = c;
                }
                if (p[i][c] > p[i][truth]) {
                    rank++;
                }
            }
            conf[truth][pred]++;
            rankHits[rank]++;
            perCount[truth]++;
            boolean exact = pred == truth;
            boolean within = exact || (truth != DelpNet.BG && pred != DelpNet.BG && Math.abs(pred - truth) <= 1);
            hit += exact ? 1 : 0;
            near += within ? 1 : 0;
            perHit[truth] += exact ? 1 : 0;
            perNear[truth] += within ? 1 : 0;
        }
        double[] topK = new double[CLASSES];
        long cum = 0;
        for (int k = 0; k < CLASSES; k++) {
            cum += rankHits[k];
            topK[k] = (double) cum / n;
        }
        double[] perTop1 = new double[CLASSES], perWithin = new double[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            perTop1[c] = perCount[c] == 0 ? Double.NaN : (double) perHit[c] / perCount[c];
            perWithin[c] = perCount[c] == 0 ? Double.NaN : (double) perNear[c] / perCount[c];
        }
        return new Result(name, n, conf, (double) hit / n, (double) near / n, topK, perTop1, perWithin, perCount);
    }

    /** Markdown report of {@code results} with a link to {@code pngName}. */
    public static String markdown(String title, String preamble, List<Result> results, String pngName) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append("\n\n").append(preamble).append("\n\n");
        sb.append("| set | patches | top-1 | within-one | top-2 | top-3 |\n|---|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f %% | %.2f %% | %.2f %% | %.2f %% |\n", r.name(), r.count(),
                    100 * r.top1(), 100 * r.withinOne(), 100 * r.topK()[1], 100 * r.topK()[2]));
        }
        if (pngName != null) {
            sb.append("\n![top-k curve and per-class top-1](").append(pngName).append(")\n");
        }
        for (Result r : results) {
            sb.append("\n## ").append(r.name()).append("\n\n");
            sb.append("Per class (true label):\n\n| class |");
            for (String l : DelpNet.CLASS_LABELS) {
                sb.append(' ').append(l).append(" |");
            }
            sb.append("\n|---|").append("---:|".repeat(CLASSES)).append("\n| patches |");
            for (int c = 0; c < CLASSES; c++) {
                sb.append(' ').append(r.perClassCount()[c]).append(" |");
            }
            sb.append("\n| top-1 % |");
            for (int c = 0; c < CLASSES; c++) {
                sb.append(String.format(Locale.ROOT, " %.1f |", 100 * r.perClassTop1()[c]));
            }
            sb.append("\n| within-one % |");
            for (int c = 0; c < CLASSES; c++) {
                sb.append(String.format(Locale.ROOT, " %.1f |", 100 * r.perClassWithinOne()[c]));
            }
            sb.append("\n\nTop-k cumulative match (k = 1..12): ");
            for (int k = 0; k < CLASSES; k++) {
                sb.append(String.format(Locale.ROOT, "%s%.2f", k == 0 ? "" : ", ", 100 * r.topK()[k]));
            }
            sb.append(" %\n\nConfusion matrix (rows: truth, columns: predicted):\n\n| truth \\ pred |");
            for (String l : DelpNet.CLASS_LABELS) {
                sb.append(' ').append(l).append(" |");
            }
            sb.append("\n|---|").append("---:|".repeat(CLASSES)).append('\n');
            for (int t = 0; t < CLASSES; t++) {
                sb.append("| **").append(DelpNet.CLASS_LABELS.get(t)).append("** |");
                for (int c = 0; c < CLASSES; c++) {
                    sb.append(' ').append(r.confusion()[t][c]).append(" |");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** A 900×420 PNG: top-k curves (left) and per-class top-1 bars (right), one colour per set. */
    public static BufferedImage plot(List<Result> results) {
        int w = 900, h = 460;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        Color[] colours = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // Panel geometry.
        int top = 30 + 14 * results.size() + 20, bottom = h - 50, l1 = 60, r1 = 420, l2 = 490, r2 = 880;
        double lowest = 1;
        for (Result r : results) {
            lowest = Math.min(lowest, r.topK()[0]);
        }
        double yMin = Math.max(0, Math.min(0.5, Math.floor(lowest * 10) / 10)); // top-k axis starts below the worst top-1
        axes(g, l1, r1, top, bottom, yMin, "top-k cumulative match", "k");
        axes(g, l2, r2, top, bottom, 0, "top-1 per class", "class");
        for (int k = 1; k <= CLASSES; k++) {
            int x = l1 + (r1 - l1) * (k - 1) / (CLASSES - 1);
            g.setColor(Color.DARK_GRAY);
            g.drawString(Integer.toString(k), x - 4, bottom + 16);
        }
        int slot = (r2 - l2) / CLASSES;
        for (int c = 0; c < CLASSES; c++) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(DelpNet.CLASS_LABELS.get(c), l2 + c * slot + slot / 2 - 6, bottom + 16);
        }
        for (int s = 0; s < results.size(); s++) {
            Result r = results.get(s);
            g.setColor(colours[s % colours.length]);
            g.setStroke(new BasicStroke(2f));
            int px = -1, py = -1;
            for (int k = 0; k < CLASSES; k++) {
                int x = l1 + (r1 - l1) * k / (CLASSES - 1);
                int y = yOf(Math.max(yMin, r.topK()[k]), yMin, top, bottom);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                g.fillOval(x - 3, y - 3, 6, 6);
                px = x;
                py = y;
            }
            int bw = Math.max(2, (slot - 6) / results.size());
            for (int c = 0; c < CLASSES; c++) {
                double v = r.perClassTop1()[c];
                if (Double.isNaN(v)) {
                    continue;
                }
                int x = l2 + c * slot + 3 + s * bw;
                int y = yOf(v, 0, top, bottom);
                g.fillRect(x, y, bw - 1, bottom - y);
            }
            g.drawString(String.format(Locale.ROOT, "%s: top-1 %.1f %%, within-one %.1f %%", r.name(), 100 * r.top1(),
                    100 * r.withinOne()), l1, 16 + 14 * s);
        }
        g.dispose();
        return img;
    }

    private static int yOf(double v, double yMin, int top, int bottom) {
        return (int) Math.round(bottom - (v - yMin) / (1 - yMin) * (bottom - top));
    }

    private static void axes(Graphics2D g, int l, int r, int top, int bottom, double yMin, String title, String xLabel) {
        g.setColor(new Color(0xdddddd));
        for (int i = 0; i <= 5; i++) {
            double v = yMin + (1 - yMin) * i / 5;
            int y = yOf(v, yMin, top, bottom);
            g.drawLine(l, y, r, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f%%", 100 * v), l - 40, y + 4);
            g.setColor(new Color(0xdddddd));
        }
        g.setColor(Color.BLACK);
        g.drawRect(l, top, r - l, bottom - top);
        g.drawString(title, (l + r) / 2 - 60, top - 6 + 0 * 0);
        g.drawString(xLabel, (l + r) / 2 - 10, bottom + 34);
    }
}
