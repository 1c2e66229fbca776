package dev.delp.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.delp.cli.command.BenchCommand;
import dev.delp.cli.command.ClassifyCommand;
import dev.delp.cli.command.DeconvolveCommand;
import dev.delp.cli.command.EvalCommand;
import dev.delp.cli.command.InfoCommand;
import dev.delp.cli.command.PsfCommand;
import dev.delp.cli.command.SimulateCommand;
import dev.delp.cli.command.TrainCommand;

/**
 * The {@code delp} entry point: finds the subcommand, parses its flags, runs it and maps every
 * outcome to an exit code — 0 ok, 2 bad usage or input, 1 internal error — with one line on
 * stderr and no stack trace unless {@code --debug}. {@link #run} is the in-process entry used
 * by tests (it never calls {@code System.exit}).
 */
public final class Main {
    /** Exit codes. */
    public static final int OK = 0, INTERNAL = 1, BAD_INPUT = 2;

    /** Flags every command accepts. */
    static final List<OptionSpec> COMMON = List.of(
            OptionSpec.value("threads", "N", "worker threads, 1..1024 (default: all processors)"),
            OptionSpec.flag("quiet", "no progress bar and no summary"),
            OptionSpec.flag("json", "print a machine-readable JSON summary on stdout"),
            OptionSpec.flag("force", "overwrite an existing output file (never an input)"),
            OptionSpec.value("max-voxels", "N", "refuse inputs with more voxels (width*height*pages), default 2147483648"),
            OptionSpec.flag("debug", "print stack traces of errors"),
            OptionSpec.flag("help", "show this help"),
            OptionSpec.flag("version", "show version, Java, SIMD path and threads"));

    private final Map<String, Command> commands = new LinkedHashMap<>();

    /** The standard command set. */
    public Main() {
        for (Command c : List.of(new PsfCommand(), new SimulateCommand(), new ClassifyCommand(), new DeconvolveCommand(), new TrainCommand(),
                new EvalCommand(), new BenchCommand(), new InfoCommand())) {
            commands.put(c.name(), c);
        }
    }

    /** Runs {@code delp} and exits the JVM with its exit code. */
    public static void main(String[] args) {
        // One-line log format for the single SIMD hint printed under plain `java -jar delp.jar`.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "delp: %4$s: %5$s%n");
        }
        String tty = System.getProperty("delp.stderrTty"); // set by the ./delp launcher from `test -t 2`
        boolean terminal = tty != null ? Boolean.parseBoolean(tty) : System.console() != null;
        int code = new Main().run(args, System.out, System.err, terminal);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs one command line in-process.
     *
     * @param terminal whether stderr is a terminal (progress redrawn in place)
     * @return the exit code
     */
    public int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        boolean debug = Arrays.asList(args).contains("--debug");
        int at = -1;
        for (int i = 0; i < args.length; i++) {
            if (commands.containsKey(args[i])) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            return runWithoutCommand(args, out, err);
        }
        Command command = commands.get(args[at]);
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(0, at));
        rest.addAll(Arrays.asList(args).subList(at + 1, args.length));
        List<OptionSpec> specs = new ArrayList<>(command.options());
        specs.addAll(COMMON);
        try (Invocation inv = Invocation.parse(command, specs, rest.toArray(String[]::new), out, err, terminal)) {
            if (inv.flag("help")) {
                out.print(help(command));
                return OK;
            }
            inv.threads(); // validate the common values even where a command does not use them
            inv.limits();
            if (inv.flag("version")) {
                out.print(Version.text(inv.threads()));
                return OK;
            }
            return command.run(inv);
        } catch (UsageException e) {
            return fail(err, "delp " + command.name() + ": " + e.getMessage(), e, debug, BAD_INPUT);
        } catch (IllegalArgumentException e) { // ImageFormatException and library range checks
            return fail(err, "delp " + command.name() + ": " + e.getMessage(), e, debug, BAD_INPUT);
        } catch (OutOfMemoryError e) {
            return fail(err, "delp " + command.name() + ": out of memory (" + e.getMessage()
                    + "); give Java more heap, e.g. JAVA_OPTS=-Xmx8g, or use a smaller input", e, debug, INTERNAL);
        } catch (Exception | Error e) {
            return fail(err, "delp " + command.name() + ": internal error: " + e
                    + (debug ? "" : " (run with --debug for the stack trace)"), e, debug, INTERNAL);
        }
    }

    private int runWithoutCommand(String[] args, PrintStream out, PrintStream err) {
        List<String> a = Arrays.asList(args);
        if (a.contains("--version")) {
            int threads = Runtime.getRuntime().availableProcessors();
            int i = a.indexOf("--threads");
            if (i >= 0 && i + 1 < args.length) {
                try {
                    threads = Integer.parseInt(args[i + 1].trim());
                } catch (NumberFormatException e) {
                    threads = 0;
                }
                if (threads < 1 || threads > 1024) {
                    err.println("delp: --threads must be an integer in [1, 1024], got '" + args[i + 1] + "'");
                    return BAD_INPUT;
                }
            }
            out.print(Version.text(threads));
            return OK;
        }
        if (a.contains("--help") || a.contains("-h") || a.contains("help")) {
            out.print(usage());
            return OK;
        }
        if (args.length == 0) {
            err.print(usage());
            return BAD_INPUT;
        }
        String first = args[0];
        err.println("delp: unknown command '" + first + "'; commands: " + String.join(", ", commands.keySet())
                + " (see delp --help)");
        return BAD_INPUT;
    }

    private static int fail(PrintStream err, String message, Throwable e, boolean debug, int code) {
        err.println(message);
        if (debug) {
            e.printStackTrace(err);
        }
        return code;
    }

    /** The top-level usage text. */
    String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("delp — depth-variant deconvolution of fluorescence microscopy images (He et al. 2019)\n\n");
        sb.append("usage: delp <command> [options]\n\ncommands:\n");
        for (Command c : commands.values()) {
            sb.append(String.format("  %-11s %s%n", c.name(), c.summary()));
        }
        sb.append("\ncommon options: --threads N  --quiet  --json  --force  --max-voxels N  --debug  --help  --version\n");
        sb.append("exit codes: 0 ok, 2 bad usage or input, 1 internal error\n");
        sb.append("run 'delp <command> --help' for the options of a command (with units)\n");
        return sb.toString();
    }

    /** The help text of one command: synopsis, its options with units, the common options. */
    static String help(Command c) {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: delp ").append(c.name()).append(' ').append(c.synopsis()).append("\n\n");
        sb.append(c.summary()).append("\n\noptions:\n");
        for (OptionSpec o : c.options()) {
            sb.append(line(o));
        }
        sb.append("\ncommon options:\n");
        for (OptionSpec o : COMMON) {
            sb.append(line(o));
        }
        return sb.toString();
    }

    private static String line(OptionSpec o) {
        String flag = (o.name().equals("out") ? "-o, --out" : "--" + o.name())
                + (o.takesValue() ? " " + o.valueName() : "");
        return String.format("  %-24s %s%n", flag, o.help());
    }
}
