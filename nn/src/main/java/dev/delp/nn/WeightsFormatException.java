package dev.delp.nn;

/**
 * A {@code .dlpw} file is malformed. {@link #kind()} says which check failed; the message names the
 * offending value, the allowed range and the byte offset where useful.
 */
public final class WeightsFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The failed check. */
    public enum Kind {
        /** The file is larger than the reader's limit. */
        TOO_LARGE,
        /** Fewer bytes than a field needs. */
        TRUNCATED,
        /** The first four bytes are not {@code DLPW}. */
        BAD_MAGIC,
        /** Unsupported format version. */
        BAD_VERSION,
        /** Stored CRC-32 differs from the computed one. */
        CRC_MISMATCH,
        /** Header text is not valid UTF-8 {@code key=value} lines or lacks a required key. */
        BAD_HEADER,
        /** A tensor name, rank or shape is invalid or exceeds the remaining bytes. */
        BAD_SHAPE,
        /** A tensor holds NaN or infinity. */
        NON_FINITE,
        /** The tensors do not match the architecture in the header. */
        ARCHITECTURE_MISMATCH,
        /** Bytes left over after the last tensor. */
        TRAILING_BYTES
    }

    private final Kind kind;

    /** A format error of {@code kind}. */
    public WeightsFormatException(Kind kind, String message) {
        super("weights file: " + message);
        this.kind = kind;
    }

    /** Which check failed. */
    public Kind kind() {
        return kind;
    }
}
