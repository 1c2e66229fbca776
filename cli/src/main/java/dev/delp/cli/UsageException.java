package dev.delp.cli;

/** Bad command-line usage (unknown flag, missing or out-of-range value): exit code 2. */
public class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the flag, the value given and what is allowed */
    public UsageException(String message) {
        super(message);
    }

    /** @param message as above; @param cause the library exception it rewords (shown with --debug) */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
