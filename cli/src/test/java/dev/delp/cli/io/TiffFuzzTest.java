package dev.delp.cli.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing (2,000 cases by default) of the TIFF reader over mutated headers, IFDs, tag values and truncations of every
 * fixture: each case must either read or fail with one {@link ImageFormatException} line — never
 * another exception, never an OutOfMemoryError, never a hang. {@code -Ddelp.fuzz.cases=N} in the test JVM ({@code -Ddelp.test.argLine}) runs more.
 */
class TiffFuzzTest {
    private static final long SEED = 20261125L;
    /** Voxel cap during fuzzing: 4 Mi voxels (16 MiB of float) so the 3 GiB test heap cannot be exhausted. */
    private static final ReadLimits LIMITS = new ReadLimits(1L << 22);

    @TempDir
    Path dir;

    @Test
    void mutatedTiffsFailCleanly() throws IOException {
        int cases = Integer.getInteger("delp.fuzz.cases", 2000);
        List<byte[]> seeds = new ArrayList<>();
        for (String n : new String[] {"u16-none-le.tif", "u16-none-be.tif", "u16-lzw-strips.tif", "u16-lzw-pred-be.tif",
                "u16-deflate-pred.tif", "u16-packbits.tif", "u16-deflate-tiles.tif", "u8-lzw-pred.tif",
                "f32-deflate-fpred.tif", "u16-stack3-imagej.tif"}) {
            seeds.add(Files.readAllBytes(Fixtures.tiff(n)));
        }
        seeds.add(TiffBuilder.grey8(4, 4, new byte[16]).build());
        Path file = dir.resolve("fuzz.tif");
        int[] outcome = new int[2]; // read ok, clean error
        long[] slowest = {0, -1}; // nanoseconds, case
        // budget: 20 ms a case on top of 30 s (cases take 2-5 ms on the shared CI box)
        assertTimeoutPreemptively(Duration.ofMillis(30_000 + 20L * cases), () -> {
            SplittableRandom rnd = new SplittableRandom(SEED);
            for (int c = 0; c < cases; c++) {
                byte[] base = seeds.get(rnd.nextInt(seeds.size()));
                byte[] data = mutate(base, rnd);
                Files.write(file, data);
                long t0 = System.nanoTime();
                try {
                    Volume v = ImageFiles.read(file, LIMITS);
                    assertTrue(v.voxels().length <= LIMITS.maxVoxels());
                    outcome[0]++;
                } catch (ImageFormatException e) {
                    String m = e.getMessage();
                    assertFalse(m == null || m.isBlank() || m.contains("\n"), "case " + c + ": message must be one line: " + m);
                    outcome[1]++;
                } catch (Throwable t) {
                    fail("case " + c + " (seed " + SEED + "): " + t, t);
                }
                long dt = System.nanoTime() - t0;
                if (dt > slowest[0]) {
                    slowest[0] = dt;
                    slowest[1] = c;
                }
            }
        });
        // no near-hang: every case, decoding included, is quick (1 MiB of input at most)
        assertTrue(slowest[0] < 5_000_000_000L, "case " + slowest[1] + " took " + slowest[0] / 1e6 + " ms");
        // both outcomes must occur, or the mutations are too weak (or too strong) to test anything
        assertTrue(outcome[0] > cases / 50 && outcome[1] > cases / 4, "read " + outcome[0] + ", rejected " + outcome[1]);
    }

    private static byte[] mutate(byte[] base, SplittableRandom rnd) {
        byte[] d = base.clone();
        boolean little = d[0] == 'I';
        ByteBuffer b = ByteBuffer.wrap(d).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = b.getInt(4);
        int entries = ifd >= 0 && ifd + 2 <= d.length ? b.getShort(ifd) & 0xFFFF : 0;
        int kind = rnd.nextInt(7);
        switch (kind) {
            case 0 -> { // random bytes anywhere in the IFD and its out-of-line values
                int n = 1 + rnd.nextInt(4);
                for (int i = 0; i < n && ifd < d.length; i++) {
                    d[ifd + rnd.nextInt(d.length - ifd)] = (byte) rnd.nextInt(256);
                }
            }
            case 1 -> { // one entry's count or value set to an extreme
                if (entries > 0 && ifd + 2 + 12 * entries <= d.length) {
                    int e = ifd + 2 + 12 * rnd.nextInt(entries);
                    int[] extremes = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, d.length, d.length - 1, 65535, 65536,
                        100_000, 1 << 20};
                    b.putInt(e + (rnd.nextBoolean() ? 4 : 8), extremes[rnd.nextInt(extremes.length)]);
                }
            }
            case 2 -> { // one entry's type changed
                if (entries > 0 && ifd + 2 + 12 * entries <= d.length) {
                    b.putShort(ifd + 2 + 12 * rnd.nextInt(entries) + 2, (short) rnd.nextInt(20));
                }
            }
            case 3 -> { // truncation
                return java.util.Arrays.copyOf(d, rnd.nextInt(d.length));
            }
            case 4 -> { // header: byte order, magic, first IFD offset
                int p = rnd.nextInt(8);
                d[p] = (byte) rnd.nextInt(256);
            }
            case 5 -> { // entry count
                if (ifd >= 0 && ifd + 2 <= d.length) {
                    b.putShort(ifd, (short) rnd.nextInt(65536));
                }
            }
            default -> { // compressed payload damage (strip data lies before the IFD in our fixtures)
                int n = 1 + rnd.nextInt(16);
                for (int i = 0; i < n && ifd > 8; i++) {
                    d[8 + rnd.nextInt(ifd - 8)] = (byte) rnd.nextInt(256);
                }
            }
        }
        return d;
    }
}
