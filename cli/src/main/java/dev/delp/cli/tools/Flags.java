package dev.delp.cli.tools;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Tiny {@code --key value} parser for the developer tools (the {@code delp} commands use {@link dev.delp.cli.Invocation}). */
final class Flags {
    private final Map<String, String> values = new HashMap<>();

    Flags(String[] args, Set<String> known) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !known.contains(a.substring(2))) {
                throw new IllegalArgumentException("unknown option '" + a + "'; known: --" + String.join(", --", known));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            values.put(a.substring(2), args[++i]);
        }
    }

    String string(String key, String def) {
        return values.getOrDefault(key, def);
    }

    long integer(String key, long def, long lo, long hi) {
        String v = values.get(key);
        if (v == null) {
            return def;
        }
        long x;
        try {
            x = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " " + v + " is not an integer");
        }
        if (x < lo || x > hi) {
            throw new IllegalArgumentException("--" + key + " must be within [" + lo + ", " + hi + "], got " + x);
        }
        return x;
    }

    double number(String key, double def, double lo, double hi) {
        String v = values.get(key);
        if (v == null) {
            return def;
        }
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " " + v + " is not a number");
        }
        if (!(x >= lo && x <= hi)) {
            throw new IllegalArgumentException("--" + key + " must be within [" + lo + ", " + hi + "], got " + x);
        }
        return x;
    }
}
