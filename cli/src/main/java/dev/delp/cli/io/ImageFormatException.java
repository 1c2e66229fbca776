package dev.delp.cli.io;

/**
 * An input image cannot be read (malformed, truncated, unsupported, over a limit) or an output
 * cannot be written as asked. The message is one line a user can act on; the CLI prints it and
 * exits with code 2.
 */
public class ImageFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file, the offending value and what is allowed */
    public ImageFormatException(String message) {
        super(message);
    }

    /** @param message one line naming the file, the offending value and what is allowed */
    public ImageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
