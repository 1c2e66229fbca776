package dev.delp.cli.tools;

import dev.delp.engine.training.NetworkWidening;
import dev.delp.nn.DelpNet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Developer tool: grows a trained DelpNet to wider convolutions without changing what it computes
 * ({@link NetworkWidening}); train the result with {@code TrainDelpNet --init}.
 *
 * <p>Usage: {@code java -cp delp.jar dev.delp.cli.tools.WidenDelpNet --weights in.dlpw --widths 24,48,96,96
 * [--seed S] --out out.dlpw}. Prints the old and new widths, parameter counts and FLOPs per patch.
 */
public final class WidenDelpNet {
    private static final Set<String> FLAGS = Set.of("weights", "widths", "seed", "out");

    private WidenDelpNet() {
    }

    public static void main(String[] args) {
        Tools.exit(() -> run(args, System.out));
    }

    /** Parses {@code args}, widens and writes the weights atomically; reports to {@code log}. */
    static void run(String[] args, PrintStream log) throws IOException {
        Flags f = new Flags(args, FLAGS);
        String in = f.string("weights", null);
        String out = f.string("out", null);
        String widthsText = f.string("widths", null);
        if (in == null || out == null || widthsText == null) {
            throw new IllegalArgumentException("WidenDelpNet needs --weights in.dlpw, --widths W1,W2,... and --out out.dlpw");
        }
        int[] widths = parseWidths(widthsText);
        long seed = f.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        DelpNet net = DelpNet.load(Path.of(in));
        DelpNet wide = NetworkWidening.widen(net, widths, seed);
        Map<String, String> prov = new LinkedHashMap<>(net.provenance());
        prov.put("widening", "WidenDelpNet " + String.join(" ", args) + " (from "
                + Arrays.toString(NetworkWidening.convolutionWidths(net)) + ", function-preserving)");
        TrainDelpNet.save(wide, prov, Path.of(out));
        log.printf(Locale.ROOT, "widths %s -> %s%nparameters %,d -> %,d%nFLOP per patch %.2f M -> %.2f M (%.2fx)%nwrote %s%n",
                Arrays.toString(NetworkWidening.convolutionWidths(net)), Arrays.toString(widths), net.parameterCount(),
                wide.parameterCount(), net.flopsPerPatch() / 1e6, wide.flopsPerPatch() / 1e6,
                (double) wide.flopsPerPatch() / net.flopsPerPatch(), out);
    }

    /** {@code "24,48,96,96"} → {@code [24, 48, 96, 96]}; each a positive integer. */
    static int[] parseWidths(String text) {
        String[] parts = text.split(",", -1);
        int[] w = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                w[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--widths " + text + ": '" + parts[i]
                        + "' is not an integer (give comma-separated channel counts, e.g. 24,48,96,96)");
            }
            if (w[i] < 1) {
                throw new IllegalArgumentException("--widths " + text + ": " + w[i] + " must be >= 1");
            }
        }
        return w;
    }
}
