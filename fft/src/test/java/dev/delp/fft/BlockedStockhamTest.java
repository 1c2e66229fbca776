package dev.delp.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.delp.simd.FftKernels;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockedStockham} (in-place decimation-in-frequency head, Stockham tail per block) gives
 * the same bits as the plain {@link InterleavedStockham} stages: same butterflies, same twiddles,
 * other addresses. Small plans with the size thresholds lowered, so every head depth, radices 2,
 * 3 and 4 in the head, odd tails, partial tiles and strided external input/output are covered;
 * the full-size passes (1024, 2048) are compared in {@link InterleavedColumnsTest} and
 * {@link FusedRealPassTest}.
 */
class BlockedStockhamTest {
    @Test
    void blockedEqualsPlainStockhamBitForBit() {
        int heads = 0;
        for (FftKernels k : KernelImpls.fft()) {
            // 48 = 4·4·3, 96 = 4·4·2·3, 64 = 4·4·4, 128 = 4·4·4·2, 1000 = 4·2·5·5·5, 36 = 4·3·3 (odd tail), 512 = 4⁴·2
            for (int n : new int[] {48, 96, 64, 128, 1000, 36, 512}) {
                FftPlan p = ComplexFft1d.of(n).plan();
                for (int lanes : new int[] {1, 5, 8, 32}) {
                    for (int block = 2 * lanes; block <= 2 * n * lanes; block *= 2) {
                        BlockedStockham b = BlockedStockham.of(p, lanes, block, 0);
                        if (b == null) {
                            continue;
                        }
                        heads |= 1 << b.head;
                        for (int sign : new int[] {-1, 1}) {
                            String what = k.description() + " n " + n + " lanes " + lanes + " head " + b.head + " sign " + sign;
                            // external strided input/output: element e of line t at off + e·stride + 2t
                            int e = 2 * lanes, stride = e + 6, off = 3;
                            float[] x = Reference.randomFloats(off + n * stride, n * 31L + lanes);
                            float[] a = x.clone(), t1 = new float[2 * n * lanes], t2 = t1.clone();
                            InterleavedStockham.run(p, k, a, off, stride, a, off, stride, lanes, sign, t1, t2);
                            float[] c = x.clone(), tile = new float[2 * n * lanes], scratch = new float[b.scratchFloats(lanes)];
                            b.run(k, c, off, stride, tile, c, off, stride, lanes, sign, scratch);
                            assertArrayEquals(a, c, "columns in place, " + what);
                            // rows: source is the tile itself, output another tile buffer
                            float[] r = new float[2 * n * lanes];
                            for (int i = 0; i < n; i++) {
                                System.arraycopy(x, off + i * stride, r, i * e, e);
                            }
                            float[] rr = r.clone(), y = new float[r.length];
                            float[] z = InterleavedStockham.run(p, k, r, 0, e, null, 0, 0, lanes, sign, r, y);
                            float[] out = new float[r.length];
                            b.run(k, rr, 0, e, rr, out, 0, e, lanes, sign, scratch);
                            assertArrayEquals(z, out, "tile to tile, " + what);
                        }
                    }
                }
            }
        }
        assertEquals(0b1110, heads, "heads of 1, 2 and 3 stages exercised");
    }

    @Test
    void scheduleFollowsTheThresholds() {
        FftPlan p1024 = ComplexFft1d.of(1024).plan();
        BlockedStockham b = BlockedStockham.of(p1024, 32, BlockedStockham.BLOCK_FLOATS);
        assertNotNull(b);
        assertEquals(2, b.head); // 1024·32 complex → 16 blocks of 64 elements (16 KiB)
        assertEquals(16, b.blocks);
        assertEquals(64, b.tail.n);
        assertNull(BlockedStockham.of(ComplexFft1d.of(128).plan(), 32, BlockedStockham.BLOCK_FLOATS)); // 32 KiB tile
        assertNull(BlockedStockham.of(ComplexFft1d.of(1000).plan(), 32, BlockedStockham.BLOCK_FLOATS)); // radix 5 head
        assertNull(BlockedStockham.of(ComplexFft1d.of(1031).plan(), 32, BlockedStockham.BLOCK_FLOATS)); // Bluestein
    }
}
