package dev.delp.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

import dev.delp.cli.io.ReadLimits;

/**
 * One parsed command line and its environment: flag values with validated typed getters (every
 * message names the flag, the value and the allowed range), positional arguments, the output
 * streams, the thread pool and the progress factory.
 */
public final class Invocation implements AutoCloseable {
    private final Command command;
    private final Map<String, String> values;
    private final List<String> positionals;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private ForkJoinPool pool;
    private boolean ownPool;

    private Invocation(Command command, Map<String, String> values, List<String> positionals, PrintStream out,
                       PrintStream err, boolean terminal) {
        this.command = command;
        this.values = values;
        this.positionals = positionals;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /**
     * Parses {@code args} (after the command name) against {@code specs}. {@code -o} is short for
     * {@code --out}; {@code --name=value} and {@code --name value} both work; {@code --} ends flags.
     *
     * @throws UsageException for unknown flags, missing values, repeats or a wrong number of positionals
     */
    static Invocation parse(Command command, List<OptionSpec> specs, String[] args, PrintStream out,
                            PrintStream err, boolean terminal) {
        Map<String, OptionSpec> byName = new LinkedHashMap<>();
        for (OptionSpec s : specs) {
            byName.put(s.name(), s);
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> pos = new ArrayList<>();
        boolean flagsDone = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (flagsDone || !a.startsWith("-") || a.equals("-") || looksNumeric(a)) {
                pos.add(a);
                continue;
            }
            if (a.equals("--")) {
                flagsDone = true;
                continue;
            }
            String name;
            String value = null;
            if (a.equals("-o")) {
                name = "out";
            } else if (a.startsWith("--")) {
                name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
            } else if (a.equals("-h")) {
                name = "help";
            } else {
                throw new UsageException("unknown option " + a + " for 'delp " + command.name() + "'");
            }
            OptionSpec spec = byName.get(name);
            if (spec == null) {
                throw new UsageException("unknown option --" + name + " for 'delp " + command.name()
                        + "' (see delp " + command.name() + " --help)");
            }
            if (spec.takesValue()) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--" + name + " needs a value (" + spec.valueName() + ")");
                    }
                    value = args[++i];
                }
            } else if (value != null) {
                throw new UsageException("--" + name + " is a switch and takes no value, got '" + value + "'");
            } else {
                value = "true";
            }
            if (values.put(name, value) != null) {
                throw new UsageException("--" + name + " given more than once");
            }
        }
        Invocation inv = new Invocation(command, values, pos, out, err, terminal);
        if (!inv.flag("help") && !inv.flag("version")) {
            int[] range = command.positionals();
            if (pos.size() < range[0] || pos.size() > range[1]) {
                String want = range[0] == range[1] ? Integer.toString(range[0])
                        : range[1] == Integer.MAX_VALUE ? range[0] + " or more" : range[0] + ".." + range[1];
                throw new UsageException("'delp " + command.name() + "' takes " + want + " input argument"
                        + (range[1] == 1 ? "" : "s") + ", got " + pos.size() + (pos.isEmpty() ? "" : " " + pos)
                        + "; usage: delp " + command.name() + " " + command.synopsis());
            }
        }
        return inv;
    }

    private static boolean looksNumeric(String a) {
        try {
            Double.parseDouble(a);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The command being run. */
    public Command command() {
        return command;
    }

    /** Positional arguments (input files or folders). */
    public List<String> positionals() {
        return positionals;
    }

    /** Whether the flag was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A boolean switch. */
    public boolean flag(String name) {
        return values.containsKey(name);
    }

    /** A string value or {@code fallback}. */
    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** A required path value. */
    public Path requiredPath(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new UsageException((name.equals("out") ? "-o/--out" : "--" + name) + " is required; usage: delp "
                    + command.name() + " " + command.synopsis());
        }
        return Path.of(v);
    }

    /**
     * A number in {@code [min, max]}, or {@code fallback} if absent.
     *
     * @throws UsageException naming the flag, the value and the range
     */
    public double number(String name, double fallback, double min, double max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        String range = "[" + fmt(min) + ", " + fmt(max) + "]";
        double d = parse(name, v, range);
        if (!(d >= min && d <= max)) {
            throw new UsageException("--" + name + " must be in " + range + ", got " + v);
        }
        return d;
    }

    /**
     * A number in {@code (0, max]}, or {@code fallback} if absent.
     *
     * @throws UsageException naming the flag, the value and the range
     */
    public double positive(String name, double fallback, double max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        String range = "(0, " + fmt(max) + "]";
        double d = parse(name, v, range);
        if (!(d > 0 && d <= max)) {
            throw new UsageException("--" + name + " must be in " + range + ", got " + v);
        }
        return d;
    }

    private static double parse(String name, String v, String range) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number in " + range + ", got '" + v + "'");
        }
    }

    /** An integer in {@code [min, max]}, or {@code fallback} if absent. */
    public long integer(String name, long fallback, long min, long max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer in [" + min + ", " + max + "], got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new UsageException("--" + name + " must be in [" + min + ", " + max + "], got " + v);
        }
        return n;
    }

    /** One of the allowed words (case-insensitive), or {@code fallback}. */
    public String choice(String name, String fallback, String... allowed) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v.trim())) {
                return a;
            }
        }
        throw new UsageException("--" + name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
    }

    /** Throws unless at most one of the flags was given, or (if {@code required}) exactly one. */
    public void exclusive(boolean required, String... names) {
        int n = 0;
        for (String s : names) {
            n += has(s) ? 1 : 0;
        }
        if (n > 1 || (required && n == 0)) {
            StringBuilder sb = new StringBuilder();
            for (String s : names) {
                sb.append(sb.length() == 0 ? "" : " or ").append("--").append(s);
            }
            throw new UsageException((n > 1 ? "give only one of " : "give one of ") + sb);
        }
    }

    /** Whether {@code --quiet} was given (no progress, no human summary). */
    public boolean quiet() {
        return flag("quiet");
    }

    /** Whether {@code --json} was given (machine-readable summary on stdout). */
    public boolean json() {
        return flag("json");
    }

    /** Whether {@code --force} was given (overwrite existing outputs other than the inputs). */
    public boolean force() {
        return flag("force");
    }

    /** Size limits for loaders ({@code --max-voxels}). */
    public ReadLimits limits() {
        return new ReadLimits(integer("max-voxels", ReadLimits.DEFAULT.maxVoxels(), 1, Long.MAX_VALUE));
    }

    /** Number of worker threads ({@code --threads}, default: all processors). */
    public int threads() {
        return (int) integer("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
    }

    /** The pool for parallel work: the common pool, or a private one of {@code --threads} workers. */
    public synchronized ForkJoinPool pool() {
        if (pool == null) {
            if (has("threads")) {
                pool = new ForkJoinPool(threads());
                ownPool = true;
            } else {
                pool = ForkJoinPool.commonPool();
            }
        }
        return pool;
    }

    /** Standard output (results, JSON). */
    public PrintStream out() {
        return out;
    }

    /** Standard error (progress, warnings). */
    public PrintStream err() {
        return err;
    }

    /** A progress bar on stderr (silent with --quiet or --json). */
    public Progress progress(String label, long total, String unit) {
        return new Progress(err, label, total, unit, terminal, !quiet() && !json(), System::nanoTime, 5000);
    }

    /** A progress bar timed from {@code startNanos} ({@link System#nanoTime()}), for stages reported late. */
    public Progress progress(String label, long total, String unit, long startNanos) {
        return new Progress(err, label, total, unit, terminal, !quiet() && !json(), System::nanoTime, 5000, startNanos);
    }

    /** Prints the human summary (unless --quiet/--json) or the JSON line (with --json). */
    public void report(String human, Json json) {
        if (json()) {
            out.println(json);
        } else if (!quiet() && human != null) {
            out.println(human);
        }
    }

    /** A warning line on stderr (unless --quiet). */
    public void warn(String message) {
        if (!quiet()) {
            err.println("delp: warning: " + message);
        }
    }

    static String fmt(double d) {
        if (d == Double.MAX_VALUE || d == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%s", d);
    }

    @Override
    public synchronized void close() {
        if (ownPool && pool != null) {
            pool.shutdownNow();
        }
    }
}
