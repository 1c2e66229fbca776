package dev.delp.engine.simulate;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Shapes;
import java.util.SplittableRandom;

/**
 * Procedural in-focus fluorescence specimens, seeded, of any size, in relative intensity units
 * (typical nuclei about 0.45, mitotic bodies up to 2; background fluorescence 0.004–0.015).
 *
 * <p>Families (each one method):
 * <ul>
 *   <li>{@link Family#NUCLEI}: Hoechst-like nuclei as in BBBC006 (U2OS, 20×, 0.65 µm pixels):
 *       ellipses of 22–40 px mean diameter (aspect 0.5–1) with a wobbly outline, soft 1–2 px
 *       edge, multiplicative chromatin texture (value noise at 3–6 px scale), a few faint
 *       chromocentre spots, a slightly dimmer nucleolar region, lognormal brightness (σ 0.35)
 *       between nuclei, and 6 % small, very bright mitotic/apoptotic bodies;
 *   <li>{@link Family#FILAMENTS}: smooth random curves (curvature a smooth random walk) with a
 *       Gaussian cross-section of σ 0.6–1.2 px, like phalloidin/tubulin;
 *   <li>{@link Family#PUNCTA}: vesicles/beads, Gaussian spots of σ 0.6–2 px.
 * </ul>
 * {@link #generate(int, int, long)} is the mixer: nuclei alone in most images (as in BBBC006),
 * sometimes with puncta or filaments, sometimes filaments or puncta alone; every image gets a
 * smooth background of 0.5–2 % of the nuclear peak. Object density is random per image, from a
 * sparse field (patches of pure background) to a crowded one.
 */
public final class SpecimenGenerator {
    /** The specimen families. */
    public enum Family { NUCLEI, FILAMENTS, PUNCTA }

    /** The default generator. */
    public SpecimenGenerator() {
    }

    /** A mixed specimen (see the class comment). */
    public Image2d generate(int width, int height, long seed) {
        Shapes.check2d(width, height);
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] img = new float[width * height];
        background(img, width, height, rnd.split());
        double u = rnd.nextDouble();
        double density = densityFactor(rnd);
        if (u < 0.6) {
            nuclei(img, width, height, density, rnd.split());
        } else if (u < 0.75) {
            nuclei(img, width, height, density, rnd.split());
            puncta(img, width, height, 0.5 * density, rnd.split());
        } else if (u < 0.85) {
            nuclei(img, width, height, 0.7 * density, rnd.split());
            filaments(img, width, height, 0.5 * density, rnd.split());
        } else if (u < 0.93) {
            filaments(img, width, height, density, rnd.split());
        } else {
            puncta(img, width, height, density, rnd.split());
        }
        return new Image2d(width, height, img);
    }

    /** A specimen of one family only, with background. */
    public Image2d generate(int width, int height, Family family, long seed) {
        Shapes.check2d(width, height);
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] img = new float[width * height];
        background(img, width, height, rnd.split());
        double density = densityFactor(rnd);
        switch (family) {
            case NUCLEI -> nuclei(img, width, height, density, rnd.split());
            case FILAMENTS -> filaments(img, width, height, density, rnd.split());
            case PUNCTA -> puncta(img, width, height, density, rnd.split());
            default -> throw new IllegalArgumentException("family " + family);
        }
        return new Image2d(width, height, img);
    }

    /** Density multiplier, log-uniform in [0.25, 2]: BBBC006 fields hold 10–60 nuclei. */
    private static double densityFactor(SplittableRandom rnd) {
        return Math.exp(Math.log(0.25) + rnd.nextDouble() * Math.log(8));
    }

    private static void background(float[] img, int width, int height, SplittableRandom rnd) {
        double level = 0.004 + 0.011 * rnd.nextDouble();
        double slope = 0.3 * level;
        ValueNoise slow = new ValueNoise(rnd.nextLong());
        double scale = 150 + 150 * rnd.nextDouble();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img[x + width * y] = (float) (level + slope * slow.at(x / scale, y / scale));
            }
        }
    }

    // ---- nuclei ------------------------------------------------------------------------------

    private static void nuclei(float[] img, int width, int height, double density, SplittableRandom rnd) {
        // ~45 nuclei per 696x520 field at density 1 (BBBC006: 10–60).
        double expected = density * 45.0 * width * height / (696.0 * 520.0);
        int n = poissonCount(expected, rnd);
        double[] cx = new double[n];
        double[] cy = new double[n];
        double[] rad = new double[n];
        int placed = 0;
        for (int i = 0; i < n; i++) {
            double r = 11 + 9 * rnd.nextDouble();
            // Rejection placement: nuclei touch but rarely overlap much (10 tries, then accept).
            double x = 0;
            double y = 0;
            for (int t = 0; t < 10; t++) {
                x = rnd.nextDouble() * width;
                y = rnd.nextDouble() * height;
                boolean ok = true;
                for (int j = 0; j < placed && ok; j++) {
                    double dx = x - cx[j];
                    double dy = y - cy[j];
                    ok = dx * dx + dy * dy > 0.8 * (r + rad[j]) * (r + rad[j]);
                }
                if (ok) {
                    break;
                }
            }
            cx[placed] = x;
            cy[placed] = y;
            rad[placed] = r;
            placed++;
            if (rnd.nextDouble() < 0.06) {
                mitotic(img, width, height, x, y, rnd.split());
            } else {
                nucleus(img, width, height, x, y, r, rnd.split());
            }
        }
    }

    private static void nucleus(float[] img, int width, int height, double cx, double cy, double r,
            SplittableRandom rnd) {
        double aspect = 0.5 + 0.5 * rnd.nextDouble();
        double a = r / Math.sqrt(aspect);
        double b = r * Math.sqrt(aspect);
        double theta = Math.PI * rnd.nextDouble();
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        // Outline wobble: radial harmonics 2..5 with small amplitudes.
        double[] amp = new double[6];
        double[] phase = new double[6];
        for (int k = 2; k < 6; k++) {
            amp[k] = 0.06 * rnd.nextDouble() / (k - 1);
            phase[k] = 2 * Math.PI * rnd.nextDouble();
        }
        // Lognormal brightness (BBBC006 nuclei vary about ±35 % around the median).
        double brightness = Math.max(0.2, Math.min(1.3, 0.6 * Math.exp(0.35 * new GaussianSampler(rnd.split()).next())));
        double edge = 1.0 + 1.2 * rnd.nextDouble();
        double textureAmp = 0.1 + 0.15 * rnd.nextDouble();
        double textureScale = 3 + 3 * rnd.nextDouble();
        ValueNoise tex = new ValueNoise(rnd.nextLong());
        // Chromocentres (bright) and a nucleolus-like dim region, in nucleus coordinates.
        int spots = rnd.nextInt(0, 7);
        double[] sx = new double[spots];
        double[] sy = new double[spots];
        double[] ss = new double[spots];
        for (int i = 0; i < spots; i++) {
            double rr = 0.7 * Math.sqrt(rnd.nextDouble());
            double ph = 2 * Math.PI * rnd.nextDouble();
            sx[i] = rr * a * Math.cos(ph);
            sy[i] = rr * b * Math.sin(ph);
            ss[i] = 0.8 + 1.0 * rnd.nextDouble();
        }
        double nx = 0.4 * a * (rnd.nextDouble() - 0.5);
        double ny = 0.4 * b * (rnd.nextDouble() - 0.5);
        double nr = 2 + 2 * rnd.nextDouble();
        double rim = 0.1 * rnd.nextDouble(); // mild brighter rim (Hoechst at the lamina)

        double maxR = a * 1.3 + 3;
        int x0 = Math.max(0, (int) Math.floor(cx - maxR));
        int x1 = Math.min(width - 1, (int) Math.ceil(cx + maxR));
        int y0 = Math.max(0, (int) Math.floor(cy - maxR));
        int y1 = Math.min(height - 1, (int) Math.ceil(cy + maxR));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                double u = cos * dx + sin * dy;
                double v = -sin * dx + cos * dy;
                double ang = Math.atan2(v / b, u / a);
                double wob = 1;
                for (int k = 2; k < 6; k++) {
                    wob += amp[k] * Math.cos(k * ang + phase[k]);
                }
                double rho = Math.sqrt((u / a) * (u / a) + (v / b) * (v / b)) / wob; // 1 on the outline
                double distPx = (1 - rho) * Math.min(a, b); // approx. signed distance inside
                if (distPx < -4 * edge) {
                    continue;
                }
                double mask = 1 / (1 + Math.exp(-distPx / (0.5 * edge)));
                double t = 1 + textureAmp * tex.fractal(x, y, textureScale);
                t += rim * Math.exp(-Math.max(0, distPx) / 2.0);
                for (int i = 0; i < spots; i++) {
                    double ex = u - sx[i];
                    double ey = v - sy[i];
                    t += 0.25 * Math.exp(-(ex * ex + ey * ey) / (2 * ss[i] * ss[i]));
                }
                double ex = u - nx;
                double ey = v - ny;
                t -= 0.25 * Math.exp(-(ex * ex + ey * ey) / (2 * nr * nr));
                img[x + width * y] += (float) (brightness * 0.75 * mask * Math.max(0.05, t));
            }
        }
    }

    private static void mitotic(float[] img, int width, int height, double cx, double cy, SplittableRandom rnd) {
        // Condensed chromatin: a small, bright, irregular blob of several Gaussian lumps.
        int lumps = 3 + rnd.nextInt(5);
        double brightness = 1.2 + 0.8 * rnd.nextDouble();
        for (int i = 0; i < lumps; i++) {
            double x = cx + 4 * (rnd.nextDouble() - 0.5) * 2;
            double y = cy + 4 * (rnd.nextDouble() - 0.5) * 2;
            gaussianSpot(img, width, height, x, y, 1.5 + 1.5 * rnd.nextDouble(), brightness * 0.6);
        }
    }

    // ---- filaments ---------------------------------------------------------------------------

    private static void filaments(float[] img, int width, int height, double density, SplittableRandom rnd) {
        int n = poissonCount(density * 25.0 * width * height / (512.0 * 512.0), rnd);
        for (int i = 0; i < n; i++) {
            double x = rnd.nextDouble() * width;
            double y = rnd.nextDouble() * height;
            double dir = 2 * Math.PI * rnd.nextDouble();
            double curvature = 0;
            double sigma = 0.6 + 0.6 * rnd.nextDouble();
            double brightness = 0.2 + 0.5 * rnd.nextDouble();
            int steps = 60 + rnd.nextInt(300);
            for (int s = 0; s < steps; s++) {
                // Curvature is a mean-reverting random walk: smooth curves, no kinks.
                curvature = 0.9 * curvature + 0.03 * (rnd.nextDouble() - 0.5);
                dir += curvature;
                x += 0.5 * Math.cos(dir);
                y += 0.5 * Math.sin(dir);
                gaussianSpot(img, width, height, x, y, sigma, 0.5 * brightness * 0.5 / sigma);
            }
        }
    }

    // ---- puncta ------------------------------------------------------------------------------

    private static void puncta(float[] img, int width, int height, double density, SplittableRandom rnd) {
        int n = poissonCount(density * 300.0 * width * height / (512.0 * 512.0), rnd);
        // Puncta cluster around a few centres (vesicles around nuclei), the rest scattered.
        int centres = 1 + rnd.nextInt(6);
        double[] kx = new double[centres];
        double[] ky = new double[centres];
        for (int c = 0; c < centres; c++) {
            kx[c] = rnd.nextDouble() * width;
            ky[c] = rnd.nextDouble() * height;
        }
        GaussianSampler g = new GaussianSampler(rnd.split());
        for (int i = 0; i < n; i++) {
            double x;
            double y;
            if (rnd.nextDouble() < 0.6) {
                int c = rnd.nextInt(centres);
                x = kx[c] + 25 * g.next();
                y = ky[c] + 25 * g.next();
            } else {
                x = rnd.nextDouble() * width;
                y = rnd.nextDouble() * height;
            }
            double sigma = 0.6 + 1.4 * rnd.nextDouble();
            gaussianSpot(img, width, height, x, y, sigma, 0.2 + 0.8 * rnd.nextDouble());
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static void gaussianSpot(float[] img, int width, int height, double cx, double cy, double sigma,
            double peak) {
        double r = 3.5 * sigma;
        int x0 = Math.max(0, (int) Math.floor(cx - r));
        int x1 = Math.min(width - 1, (int) Math.ceil(cx + r));
        int y0 = Math.max(0, (int) Math.floor(cy - r));
        int y1 = Math.min(height - 1, (int) Math.ceil(cy + r));
        double inv = 1 / (2 * sigma * sigma);
        for (int y = y0; y <= y1; y++) {
            double dy = y + 0.5 - cy;
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - cx;
                img[x + width * y] += (float) (peak * Math.exp(-(dx * dx + dy * dy) * inv));
            }
        }
    }

    private static int poissonCount(double mean, SplittableRandom rnd) {
        return (int) Math.min(100_000, new PoissonSampler(rnd.split()).sample(mean));
    }
}
