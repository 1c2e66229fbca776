package dev.delp.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The .dlpw reader: round trip, byte layout, one error kind per failure, and a fuzz loop. */
class WeightsFileTest {

    static byte[] delpNetBytes() throws IOException {
        DelpNet net = DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, 3);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        net.save(bos, Map.of("command", "test", "seed", "3"));
        return bos.toByteArray();
    }

    private static byte[] withCrc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }

    private static WeightsFormatException.Kind kindOf(byte[] b) {
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> DelpNet.load(new ByteArrayInputStream(b)));
        assertTrue(e.getMessage().startsWith("weights file: "), e.getMessage());
        return e.kind();
    }

    @Test
    void roundTripKeepsEveryTensorHeaderAndPrediction() throws IOException {
        DelpNet a = DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, 3);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        a.save(bos, Map.of("command", "x --y", "accuracy.top1", "0.5"));
        DelpNet b = DelpNet.load(new ByteArrayInputStream(bos.toByteArray()));
        assertEquals(a.optics(), b.optics());
        assertEquals("x --y", b.provenance().get("command"));
        List<Param> pa = a.network().params(), pb = b.network().params();
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            assertEquals(pa.get(i).name(), pb.get(i).name());
            assertArrayEquals(pa.get(i).value(), pb.get(i).value());
        }
        float[] patches = new float[3 * 84 * 84];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < patches.length; i++) {
            patches[i] = (float) (100 + 50 * r.nextDouble());
        }
        assertArrayEquals(a.probabilities(patches, 3, null)[2], b.probabilities(patches, 3, null)[2]);
    }

    @Test
    void layoutIsAsSpecified() throws IOException {
        byte[] b = delpNetBytes();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals('D', b[0]);
        assertEquals('W', b[3]);
        assertEquals(1, bb.getInt(4));
        int headerLen = bb.getInt(8);
        String header = new String(b, 12, headerLen, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(header.startsWith("format=delp-weights\n"), header);
        assertTrue(header.contains("\noptics.wavelength_nm=500.0\n"), header);
        int count = bb.getInt(12 + headerLen);
        assertEquals(DelpNet.create(DelpNet.DEFAULT_ARCHITECTURE, TrainedOptics.DEFAULT, 3).network().params().size(), count);
        // First tensor: name "1.weight", rank 4, dims 16,4,3,3.
        int at = 16 + headerLen;
        assertEquals(8, bb.getInt(at));
        assertEquals("1.weight", new String(b, at + 4, 8, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(4, bb.getInt(at + 12));
        assertEquals(16, bb.getInt(at + 16));
        assertEquals(4, bb.getInt(at + 20));
    }

    @Test
    void wrongMagic() throws IOException {
        byte[] b = delpNetBytes();
        b[0] = 'X';
        assertEquals(WeightsFormatException.Kind.BAD_MAGIC, kindOf(b));
        assertEquals(WeightsFormatException.Kind.BAD_MAGIC, kindOf("GIF89a-not-weights".getBytes()));
    }

    @Test
    void truncatedAnywhere() throws IOException {
        byte[] b = delpNetBytes();
        for (int len : new int[] {0, 3, 11, 20, b.length / 2, b.length - 5, b.length - 1}) {
            WeightsFormatException.Kind k = kindOf(java.util.Arrays.copyOf(b, len));
            assertTrue(k == WeightsFormatException.Kind.TRUNCATED || k == WeightsFormatException.Kind.CRC_MISMATCH
                    || (len < 4 && k == WeightsFormatException.Kind.BAD_MAGIC) || (len == 0), len + " -> " + k);
        }
        assertEquals(WeightsFormatException.Kind.TRUNCATED, kindOf(java.util.Arrays.copyOf(b, 10)));
        assertEquals(WeightsFormatException.Kind.CRC_MISMATCH, kindOf(java.util.Arrays.copyOf(b, b.length - 100)));
    }

    @Test
    void bitFlipIsCaughtByCrc() throws IOException {
        byte[] b = delpNetBytes();
        b[b.length / 2] ^= 0x10;
        assertEquals(WeightsFormatException.Kind.CRC_MISMATCH, kindOf(b));
    }

    @Test
    void badVersion() throws IOException {
        byte[] b = delpNetBytes();
        b[4] = 2;
        assertEquals(WeightsFormatException.Kind.BAD_VERSION, kindOf(withCrc(b)));
    }

    @Test
    void oversizedShapeIsRejectedBeforeAllocation() throws IOException {
        byte[] b = delpNetBytes();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = bb.getInt(8);
        int dims = 16 + headerLen + 4 + 8 + 4; // first tensor's first dimension
        bb.putInt(dims, 500_000_000);
        WeightsFormatException.Kind k = kindOf(withCrc(b));
        assertEquals(WeightsFormatException.Kind.BAD_SHAPE, k);
        bb.putInt(dims, 16);
        bb.putInt(dims + 4, 1 << 20); // 16 x 2^20 x 3 x 3 floats: 600 MB claimed, fits int, exceeds the file
        assertEquals(WeightsFormatException.Kind.BAD_SHAPE, kindOf(withCrc(b)));
        bb.putInt(dims + 4, 4);
        bb.putInt(dims - 4, 7); // rank 7
        assertEquals(WeightsFormatException.Kind.BAD_SHAPE, kindOf(withCrc(b)));
    }

    @Test
    void nonFiniteWeight() throws IOException {
        byte[] b = delpNetBytes();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = bb.getInt(8);
        int data = 16 + headerLen + 4 + 8 + 4 + 16;
        bb.putFloat(data + 8, Float.NaN);
        assertEquals(WeightsFormatException.Kind.NON_FINITE, kindOf(withCrc(b)));
    }

    @Test
    void headerThatDoesNotMatchTheTensors() throws IOException {
        byte[] b = delpNetBytes();
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        String mutated = s.replace("conv2d out=16 ", "conv2d out=17 "); // same length, different shapes
        assertEquals(WeightsFormatException.Kind.ARCHITECTURE_MISMATCH,
                kindOf(withCrc(mutated.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))));
        String noOptics = s.replace("optics.na=", "optics.nX=");
        assertEquals(WeightsFormatException.Kind.BAD_HEADER,
                kindOf(withCrc(noOptics.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))));
    }

    @Test
    void tooLargeStream() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'D';
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                java.util.Arrays.fill(buf, off, off + len, (byte) 'D');
                return len;
            }
        };
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> WeightsFile.read(endless, 1 << 20));
        assertEquals(WeightsFormatException.Kind.TOO_LARGE, e.kind());
    }

    /**
     * Seeded fuzz: 3,000 mutants of a small complete DelpNet file (every layer kind) (bit flips, byte overwrites, truncations,
     * insertions, int fields set to extremes; half with the CRC recomputed so the checks behind
     * it are reached). Only {@link WeightsFormatException} may escape; no OOM, no hang (the whole
     * loop is bounded by the surefire timeout and takes a few seconds).
     */
    /** A small but complete DelpNet file (every layer kind), so the fuzz loop parses fast. */
    static byte[] tinyNetBytes() throws IOException {
        String arch = String.join("\n", "space_to_depth block=2", "conv2d out=3 k=3 stride=2 pad=1 dilation=1 bias=true",
                "batchnorm momentum=0.6 eps=0.001", "relu", "maxpool k=2 stride=2", "globalavgpool", "dropout rate=0.1",
                "dense out=12");
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DelpNet.create(arch, TrainedOptics.DEFAULT, 9).save(bos, Map.of("command", "tiny"));
        return bos.toByteArray();
    }

    @Test
    void fuzzOnlyThrowsTheLoadersOwnException() throws IOException {
        byte[] good = tinyNetBytes();
        DelpNet.load(new ByteArrayInputStream(good)); // the unmutated file loads
        SplittableRandom rnd = new SplittableRandom(20261125);
        int accepted = 0;
        long t0 = System.nanoTime();
        for (int iter = 0; iter < 3000; iter++) {
            byte[] b = mutate(good, rnd);
            if (rnd.nextBoolean() && b.length >= 4) {
                b = withCrc(b);
            }
            try {
                DelpNet.load(new ByteArrayInputStream(b));
                accepted++;
            } catch (WeightsFormatException expected) {
                // the loader's own error
            } catch (Throwable t) {
                fail("mutant " + iter + " (" + b.length + " bytes) threw " + t, t);
            }
        }
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "fuzz loop took over 10 s");
        assertTrue(accepted < 3000, "every mutant accepted");
    }

    private static byte[] mutate(byte[] good, SplittableRandom rnd) {
        byte[] b = good.clone();
        int kind = rnd.nextInt(6);
        int header = 12 + ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
        // Aim half the mutations at the header and tensor table where parsing decisions are made.
        int pos = rnd.nextBoolean() ? rnd.nextInt(Math.min(b.length, header + 200)) : rnd.nextInt(b.length);
        switch (kind) {
            case 0 -> b[pos] ^= (byte) (1 << rnd.nextInt(8));
            case 1 -> b[pos] = (byte) rnd.nextInt(256);
            case 2 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            case 3 -> {
                byte[] c = new byte[b.length + 1 + rnd.nextInt(16)];
                System.arraycopy(b, 0, c, 0, pos);
                System.arraycopy(b, pos, c, c.length - (b.length - pos), b.length - pos);
                b = c;
            }
            case 4 -> {
                int at = pos & ~3;
                if (at + 4 <= b.length) {
                    int[] extremes = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30, 65536};
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, extremes[rnd.nextInt(extremes.length)]);
                }
            }
            default -> {
                for (int k = 0; k < 8; k++) {
                    int p = rnd.nextInt(b.length);
                    b[p] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
        }
        return b;
    }
}
