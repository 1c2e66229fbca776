package dev.delp.cli;

import java.util.List;

/** A {@code delp} subcommand. Implementations parse nothing themselves: {@link Invocation} does. */
public interface Command {
    /** The word after {@code delp}, e.g. {@code psf}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** Synopsis lines after {@code delp <name>}, e.g. {@code "in.tif --level L -o out.tif"}. */
    String synopsis();

    /** The command's own flags (the common ones are added by {@link Main}). */
    List<OptionSpec> options();

    /** How many positional arguments it takes: {min, max}. */
    default int[] positionals() {
        return new int[] {0, 0};
    }

    /**
     * Runs the command.
     *
     * @return exit code (0 ok, 2 bad input)
     * @throws Exception anything else; {@link Main} maps it to an exit code and one stderr line
     */
    int run(Invocation inv) throws Exception;
}
