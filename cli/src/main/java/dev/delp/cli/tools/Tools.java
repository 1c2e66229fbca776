package dev.delp.cli.tools;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Shared {@code main} wrapper of the developer tools: a clear one-line error and exit code, no stack trace. */
final class Tools {
    /** A tool's body. */
    @FunctionalInterface
    interface Body {
        void run() throws IOException;
    }

    private Tools() {
    }

    /** Runs {@code body}; on bad input or I/O failure prints {@code error: ...} and exits with 2. */
    static void exit(Body body) {
        try {
            body.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            fail(e.getMessage());
        } catch (IOException e) {
            fail(e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (UncheckedIOException e) {
            fail(e.getCause().getMessage());
        }
    }

    private static void fail(String message) {
        System.err.println("error: " + message);
        System.exit(2);
    }
}
