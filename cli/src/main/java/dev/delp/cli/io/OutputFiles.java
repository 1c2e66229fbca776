package dev.delp.cli.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes outputs safely: refuses to overwrite an input, refuses to overwrite another existing file
 * unless forced, writes to a temp file in the target folder and atomically moves it into place, so
 * after an error no partial output exists.
 */
public final class OutputFiles {
    /** Writes bytes to a stream. */
    @FunctionalInterface
    public interface Body {
        /** Writes the whole output. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Temp files being written now: deleted by a shutdown hook if the JVM is stopped (Ctrl-C, SIGTERM). */
    private static final java.util.Set<Path> IN_PROGRESS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.concurrent.atomic.AtomicBoolean HOOKED = new java.util.concurrent.atomic.AtomicBoolean();

    private OutputFiles() {
    }

    /**
     * Registers a temp file for deletion should the JVM shut down before it is moved into place.
     * SIGKILL runs no hook: such a run can leave a hidden {@code .name.*.tmp} beside the output, never
     * a partial output under the real name.
     */
    private static void track(Path tmp) {
        if (HOOKED.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(OutputFiles::deleteInProgress, "delp-temp-cleanup"));
            } catch (IllegalStateException | SecurityException e) {
                // already shutting down, or an embedding JVM forbids hooks: temp files are then left as before
            }
        }
        IN_PROGRESS.add(tmp);
    }

    /** Deletes every temp file still being written (the shutdown hook; package-private for the test). */
    static int deleteInProgress() {
        int n = 0;
        for (Path p : IN_PROGRESS) {
            try {
                if (Files.deleteIfExists(p)) {
                    n++;
                }
            } catch (IOException ignored) {
                // best effort while the JVM stops
            }
            IN_PROGRESS.remove(p);
        }
        return n;
    }

    /**
     * Checks that {@code output} may be written: not one of {@code inputs}, not existing unless
     * {@code force}, in an existing writable folder.
     *
     * @throws ImageFormatException naming the path and the reason
     */
    public static void checkWritable(Path output, Collection<Path> inputs, boolean force) {
        Path abs = output.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (isSame(abs, in)) {
                throw new ImageFormatException(output + ": refusing to overwrite the input file " + in);
            }
        }
        if (Files.isDirectory(abs)) {
            throw new ImageFormatException(output + ": is a directory, expected an output file name");
        }
        if (Files.exists(abs) && !force) {
            throw new ImageFormatException(output + ": already exists; use --force to overwrite it");
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ImageFormatException(output + ": cannot write: folder " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new ImageFormatException(output + ": cannot write: folder " + dir + " is not writable");
        }
    }

    /**
     * Checks {@code output} (see {@link #checkWritable}), writes {@code body} to a temp file beside it
     * and moves it into place atomically; on any failure the temp file is deleted.
     */
    public static void write(Path output, Collection<Path> inputs, boolean force, Body body) {
        writeAll(Map.of(output, body), inputs, force);
    }

    /**
     * Writes several outputs of one command as a unit: checks every target first, writes each body
     * to its temp file, and moves them into place only when all bodies are written — so an error or
     * out-of-memory in a later output (an overlay, a map) leaves none of them, not the first alone.
     */
    public static void writeAll(Map<Path, Body> outputs, Collection<Path> inputs, boolean force) {
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Path output : outputs.keySet()) {
            checkWritable(output, inputs, force);
            if (!seen.add(output.toAbsolutePath().normalize())) {
                throw new ImageFormatException(output + ": named twice as an output; choose another file for one of them");
            }
        }
        Map<Path, Path> temps = new LinkedHashMap<>(); // output -> its temp file
        Path current = null;
        try {
            for (Map.Entry<Path, Body> e : outputs.entrySet()) {
                current = e.getKey();
                Path abs = current.toAbsolutePath().normalize();
                Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
                temps.put(current, tmp);
                track(tmp);
                ordinaryPermissions(tmp, abs);
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    e.getValue().writeTo(out);
                }
            }
            for (Map.Entry<Path, Path> e : temps.entrySet()) {
                current = e.getKey();
                Path abs = current.toAbsolutePath().normalize();
                try {
                    Files.move(e.getValue(), abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException x) {
                    Files.move(e.getValue(), abs, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new ImageFormatException(current + ": cannot write: " + reason(e), e);
        } finally {
            for (Path tmp : temps.values()) { // moved ones are gone already
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temp name starts with '.' and ends with .tmp
                }
                IN_PROGRESS.remove(tmp);
            }
        }
    }

    /**
     * Temp files are created owner-only (0600); give the output the permissions of the file it
     * replaces, or the usual rw-r--r-- of a new file.
     */
    private static void ordinaryPermissions(Path tmp, Path target) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system (e.g. Windows): keep the defaults
        }
    }

    /** A readable reason: file-system exceptions carry only the path in their message. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof java.nio.file.FileSystemException fse) {
            String r = fse.getReason();
            return r != null ? r : e.getClass().getSimpleName() + " on " + fse.getFile();
        }
        return TiffVolumeReader.oneLine(e);
    }

    private static boolean isSame(Path absOutput, Path input) {
        Path in = input.toAbsolutePath().normalize();
        if (in.equals(absOutput)) {
            return true;
        }
        try {
            return Files.exists(absOutput) && Files.exists(in) && Files.isSameFile(absOutput, in);
        } catch (IOException e) {
            return false;
        }
    }
}
