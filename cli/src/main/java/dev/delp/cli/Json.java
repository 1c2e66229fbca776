package dev.delp.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** A one-line JSON object builder for {@code --json} output (strings, numbers, booleans, int arrays). */
public final class Json {
    private final Map<String, String> fields = new LinkedHashMap<>();

    /** Adds a string field. */
    public Json put(String key, String value) {
        fields.put(key, value == null ? "null" : quote(value));
        return this;
    }

    /** Adds a number field (NaN/infinite become null). */
    public Json put(String key, double value) {
        fields.put(key, Double.isFinite(value) ? number(value) : "null");
        return this;
    }

    /** Adds an integer field. */
    public Json put(String key, long value) {
        fields.put(key, Long.toString(value));
        return this;
    }

    /** Adds a boolean field. */
    public Json put(String key, boolean value) {
        fields.put(key, Boolean.toString(value));
        return this;
    }

    /** Adds an array of integers. */
    public Json put(String key, int... values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(values[i]);
        }
        fields.put(key, sb.append(']').toString());
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            sb.append(first ? "" : ",").append(quote(e.getKey())).append(':').append(e.getValue());
            first = false;
        }
        return sb.append('}').toString();
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
