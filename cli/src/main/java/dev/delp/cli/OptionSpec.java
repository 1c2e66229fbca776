package dev.delp.cli;

/**
 * One flag of a command.
 *
 * @param name      flag name without dashes, e.g. {@code wavelength-nm}
 * @param valueName placeholder for its value ({@code null} for a boolean switch), e.g. {@code NM}
 * @param help      one line with the unit and default, e.g. {@code "emission wavelength, nm (500)"}
 */
public record OptionSpec(String name, String valueName, String help) {
    /** A flag that takes a value. */
    public static OptionSpec value(String name, String valueName, String help) {
        return new OptionSpec(name, valueName, help);
    }

    /** A boolean switch. */
    public static OptionSpec flag(String name, String help) {
        return new OptionSpec(name, null, help);
    }

    /** Whether the flag takes a value. */
    public boolean takesValue() {
        return valueName != null;
    }
}
