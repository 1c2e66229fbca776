package dev.delp.bench.peers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A batch of DelpNet inputs and the class probabilities some implementation computed for them,
 * exchanged between delp and {@code bench/torch/delpnet_bench.py}. Little-endian:
 * {@code "DLPB"}, int32 {@code n}, int32 {@code side} (84), int32 {@code classes} (12), then
 * {@code n·side·side} float32 raw patches (row-major, back to back) and {@code n·classes} float32
 * probabilities. Nothing follows.
 *
 * @param n       number of patches
 * @param side    patch side in pixels
 * @param classes probabilities per patch
 * @param inputs  raw patches, {@code n·side·side}
 * @param probs   probabilities, {@code n·classes}
 */
public record PeerBatchFile(int n, int side, int classes, float[] inputs, float[] probs) {
    /** File magic. */
    public static final String MAGIC = "DLPB";
    /** Largest accepted file. */
    public static final long MAX_BYTES = 1L << 30;

    /** Checks the shapes. */
    public PeerBatchFile {
        if (n < 1 || side < 1 || classes < 1 || (long) n * side * side != inputs.length || (long) n * classes != probs.length) {
            throw new IllegalArgumentException("batch n=" + n + " side=" + side + " classes=" + classes + " does not match "
                    + inputs.length + " input and " + probs.length + " probability floats");
        }
    }

    /** Writes atomically (temp file beside {@code path}, then move). */
    public void write(Path path) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + 4 * (inputs.length + probs.length)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(n).putInt(side).putInt(classes);
        b.asFloatBuffer().put(inputs).put(probs);
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, b.array());
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads and validates a batch file (sizes checked against the file length before allocating). */
    public static PeerBatchFile read(Path path) throws IOException {
        long size = Files.size(path);
        if (size < 16 || size > MAX_BYTES) {
            throw new IllegalArgumentException(path + ": " + size + " bytes outside 16.." + MAX_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[4];
        b.get(magic);
        if (!MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException(path + ": not a DLPB batch file");
        }
        int n = b.getInt(), side = b.getInt(), classes = b.getInt();
        long floats = (long) n * side * side + (long) n * classes;
        if (n < 1 || side < 1 || classes < 1 || 16 + 4 * floats != size) {
            throw new IllegalArgumentException(path + ": n=" + n + " side=" + side + " classes=" + classes + " needs "
                    + (16 + 4 * floats) + " bytes, file has " + size);
        }
        float[] inputs = new float[n * side * side];
        float[] probs = new float[n * classes];
        b.asFloatBuffer().get(inputs).get(probs);
        return new PeerBatchFile(n, side, classes, inputs, probs);
    }

    /** Largest absolute difference between this file's probabilities and {@code rows}. */
    public double maxAbsDifference(float[][] rows) {
        if (rows.length != n) {
            throw new IllegalArgumentException(rows.length + " rows, file has " + n);
        }
        double worst = 0;
        for (int s = 0; s < n; s++) {
            for (int c = 0; c < classes; c++) {
                worst = Math.max(worst, Math.abs(rows[s][c] - probs[s * classes + c]));
            }
        }
        return worst;
    }
}
