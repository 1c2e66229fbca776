package dev.delp.nn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Text form of a network: one layer per line, a kind followed by {@code key=value} options, as
 * written by {@link Layer#spec()} (see {@code nn/FORMAT.md}). Example:
 * <pre>
 * space_to_depth block=2
 * conv2d out=16 k=3 stride=1 pad=1 dilation=1 bias=false
 * batchnorm momentum=0.6 eps=0.001
 * relu
 * maxpool k=2 stride=2
 * globalavgpool
 * dropout rate=0.2
 * dense out=12
 * </pre>
 */
public final class Architecture {
    private Architecture() {
    }

    /** Parses {@code text} and binds the layers to {@code input}. */
    public static Network build(Shape input, String text) {
        List<Layer> layers = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (!line.isEmpty()) {
                layers.add(parseLayer(line, i + 1));
            }
        }
        return new Network(input, layers);
    }

    /** Parses one layer line. */
    static Layer parseLayer(String line, int lineNo) {
        String[] tok = line.split("\\s+");
        String kind = tok[0];
        Map<String, String> o = new HashMap<>();
        for (int t = 1; t < tok.length; t++) {
            int eq = tok[t].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("architecture line " + lineNo + " '" + line
                        + "': option '" + tok[t] + "' is not key=value");
            }
            o.put(tok[t].substring(0, eq), tok[t].substring(eq + 1));
        }
        String where = "line " + lineNo + " " + kind;
        switch (kind) {
            case "space_to_depth":
                return new SpaceToDepth(Layer.intOption(o, "block", where));
            case "conv2d":
                return new Conv2d(Layer.intOption(o, "out", where), Layer.intOption(o, "k", where),
                        Layer.intOption(o, "stride", where), Layer.intOption(o, "pad", where),
                        Layer.intOption(o, "dilation", where), bool(o, "bias", where));
            case "batchnorm":
                return new BatchNorm2d(floatOption(o, "momentum", where), floatOption(o, "eps", where));
            case "relu":
                return new Relu();
            case "maxpool":
                return new MaxPool2d(Layer.intOption(o, "k", where), Layer.intOption(o, "stride", where));
            case "globalavgpool":
                return new GlobalAvgPool();
            case "dropout":
                return new Dropout(floatOption(o, "rate", where));
            case "dense":
                return new Dense(Layer.intOption(o, "out", where));
            default:
                throw new IllegalArgumentException("architecture line " + lineNo + ": unknown layer kind '" + kind
                        + "' (known: space_to_depth, conv2d, batchnorm, relu, maxpool, globalavgpool, dropout, dense)");
        }
    }

    private static float floatOption(Map<String, String> o, String key, String where) {
        String v = o.get(key);
        if (v == null) {
            throw new IllegalArgumentException("layer '" + where + "' needs option " + key + "=<number>");
        }
        try {
            return Float.parseFloat(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layer '" + where + "' option " + key + "=" + v + " is not a number");
        }
    }

    private static boolean bool(Map<String, String> o, String key, String where) {
        String v = o.get(key);
        if ("true".equals(v)) {
            return true;
        }
        if ("false".equals(v)) {
            return false;
        }
        throw new IllegalArgumentException("layer '" + where + "' needs option " + key + "=true|false, got " + v);
    }
}
