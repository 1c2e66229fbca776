package dev.delp.engine.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Minimal PNG figures with java.awt (line plots, a confusion matrix, image strips). */
final class Plots {
    private static final Color[] COLORS = {Color.BLACK, new Color(0xD62728), new Color(0xFF7F0E), new Color(0x2CA02C),
        new Color(0x1F77B4), new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2)};

    private Plots() {
    }

    /** Line plot: x = 0..n-1, one series per row of {@code y} (NaN rows skipped). */
    static BufferedImage lines(String title, String xLabel, String yLabel, double[][] y, List<String> names) {
        int w = 900, h = 520, left = 70, right = 330, top = 40, bottom = 50;
        BufferedImage img = canvas(w, h);
        Graphics2D g = graphics(img);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (double[] row : y) {
            n = Math.max(n, row.length);
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double pad = 0.05 * (hi - lo);
        lo -= pad;
        hi += pad;
        int pw = w - left - right, ph = h - top - bottom;
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        g.drawString(title, left, 25);
        g.drawString(xLabel, left + pw / 2 - 30, h - 12);
        g.drawString(yLabel, 5, top - 8);
        for (int t = 0; t <= 5; t++) {
            double v = lo + (hi - lo) * t / 5;
            int py = top + ph - (int) Math.round(ph * (v - lo) / (hi - lo));
            g.drawString(String.format(java.util.Locale.ROOT, "%.2f", v), 10, py + 4);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(left + 1, py, left + pw - 1, py);
            g.setColor(Color.BLACK);
        }
        int ticks = Math.min(n - 1, 10);
        for (int t = 0; t <= ticks && n > 1; t++) {
            int xi = (int) Math.round((n - 1) * (double) t / ticks);
            int px = left + (int) Math.round(pw * xi / (double) (n - 1));
            g.drawString(Integer.toString(xi), px - 4, top + ph + 16);
        }
        g.setStroke(new BasicStroke(2f));
        int legend = 0;
        for (int s = 0; s < y.length; s++) {
            if (!Double.isFinite(y[s][0]) && !Double.isFinite(y[s][y[s].length - 1])) {
                continue;
            }
            g.setColor(COLORS[s % COLORS.length]);
            for (int i = 1; i < y[s].length; i++) {
                if (Double.isFinite(y[s][i - 1]) && Double.isFinite(y[s][i])) {
                    g.drawLine(x(i - 1, n, left, pw), yy(y[s][i - 1], lo, hi, top, ph), x(i, n, left, pw),
                            yy(y[s][i], lo, hi, top, ph));
                }
            }
            g.drawLine(left + pw + 15, top + 15 + 20 * legend, left + pw + 40, top + 15 + 20 * legend);
            g.drawString(names.get(s), left + pw + 45, top + 20 + 20 * legend);
            legend++;
        }
        g.dispose();
        return img;
    }

    private static int x(int i, int n, int left, int pw) {
        return left + (int) Math.round(pw * i / (double) Math.max(1, n - 1));
    }

    private static int yy(double v, double lo, double hi, int top, int ph) {
        return top + ph - (int) Math.round(ph * (v - lo) / (hi - lo));
    }

    /** Confusion matrix: rows = true level 0..10, columns = predicted 0..10, bg. */
    static BufferedImage confusion(long[][] m, List<String> columns) {
        int cell = 40, left = 60, top = 50;
        int w = left + cell * columns.size() + 20, h = top + cell * m.length + 40;
        BufferedImage img = canvas(w, h);
        Graphics2D g = graphics(img);
        g.setColor(Color.BLACK);
        g.drawString("DelpNet confusion (rows: true level, columns: predicted)", 10, 20);
        for (int r = 0; r < m.length; r++) {
            long total = 0;
            for (long v : m[r]) {
                total += v;
            }
            g.setColor(Color.BLACK);
            g.drawString(Integer.toString(r), 30, top + cell * r + cell / 2 + 5);
            for (int c = 0; c < m[r].length; c++) {
                double f = total == 0 ? 0 : m[r][c] / (double) total;
                int shade = 255 - (int) Math.round(200 * f);
                g.setColor(new Color(shade, shade, 255));
                g.fillRect(left + cell * c, top + cell * r, cell, cell);
                g.setColor(Color.BLACK);
                g.drawRect(left + cell * c, top + cell * r, cell, cell);
                if (m[r][c] > 0) {
                    g.drawString(Long.toString(m[r][c]), left + cell * c + 8, top + cell * r + cell / 2 + 5);
                }
            }
        }
        for (int c = 0; c < columns.size(); c++) {
            g.drawString(columns.get(c), left + cell * c + 12, top - 8);
        }
        g.dispose();
        return img;
    }

    /** Crops of several images side by side, each scaled with the truth's display range, captioned. */
    static BufferedImage strip(List<float[]> images, List<String> captions, int width, int x0, int y0, int size,
            float lo, float hi) {
        int gap = 6, caption = 22;
        BufferedImage img = canvas(images.size() * (size + gap), size + caption);
        Graphics2D g = graphics(img);
        for (int k = 0; k < images.size(); k++) {
            float[] a = images.get(k);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    float v = a[(x0 + x) + width * (y0 + y)];
                    int grey = (int) Math.max(0, Math.min(255, Math.round(255 * (v - lo) / (hi - lo))));
                    img.setRGB(k * (size + gap) + x, caption + y, 0xFF000000 | grey * 0x010101);
                }
            }
            g.setColor(Color.BLACK);
            g.drawString(captions.get(k), k * (size + gap) + 2, 15);
        }
        g.dispose();
        return img;
    }

    private static BufferedImage canvas(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
    }
}
