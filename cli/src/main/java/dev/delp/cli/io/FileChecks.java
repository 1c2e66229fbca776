package dev.delp.cli.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Small checks on input files that turn file-system problems into one-line messages. */
final class FileChecks {
    private FileChecks() {
    }

    /** Size of a readable regular file, or an {@link ImageFormatException} saying why not. */
    static long sizeOfReadable(Path file) {
        if (!Files.exists(file)) {
            throw new ImageFormatException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ImageFormatException(file + ": is a directory, expected an image file");
        }
        if (!Files.isRegularFile(file)) { // a FIFO would block the read forever, a device never end
            throw new ImageFormatException(file + ": not a regular file (a pipe or device?); expected an image file");
        }
        if (!Files.isReadable(file)) {
            throw new ImageFormatException(file + ": permission denied");
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ImageFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The first {@code n} bytes (fewer if the file is shorter). */
    static byte[] head(Path file, int n) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        } catch (NoSuchFileException e) {
            throw new ImageFormatException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new ImageFormatException(file + ": permission denied", e);
        } catch (IOException e) {
            throw new ImageFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
