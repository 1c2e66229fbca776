package dev.delp.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every Vector-API kernel of {@link VectorFftKernels} on the interleaved (tile) path has more than
 * C2's {@code FreqInlineSize} (325) bytes of bytecode, so C2 compiles it as a root of its own and
 * never inlines it into a caller: the Vector API's call chains then start at depth 1 (below
 * {@code MaxInlineLevel} whoever calls), and no unit holds two kernels' vector code (C2's parse node
 * budget, {@code NodeCountInliningCutoff}: past it the last Vector-API calls are deferred and their
 * stores can box; bench/RESULTS.md, FFT session 6 and its part 2). The radix-5 butterfly halves and
 * the twiddle pass are private roots called by {@code radix5Interleaved}, the radix-4 halves (session 7)
 * by {@code radix4Interleaved}: inlined there, they would form one unit again. Bytecode lengths read with {@link KernelRootsTest#codeLengths}.
 */
class FftKernelRootsTest {
    @Test
    void interleavedKernelsAreAboveFreqInlineSize() throws IOException {
        Map<String, Integer> sizes = KernelRootsTest.codeLengths(VectorFftKernels.class);
        for (String m : List.of("radix2Interleaved", "radix3Interleaved", "radix4InterleavedEven", "radix4InterleavedOdd",
                "radix4InterleavedFirst", "radix4InterleavedSecond", "radix5InterleavedOuter",
                "radix5InterleavedInner", "twiddleRows", "twiddleSplitRows", "radixOddInterleaved", "rowsToInterleaved",
                "interleavedToRows",
                "realForwardPostInterleavedToRows", "rowsToRealInversePreInterleaved")) {
            Integer size = sizes.get(m);
            assertTrue(size != null, m + " not found in " + sizes.keySet());
            assertTrue(size > KernelRootsTest.FREQ_INLINE_SIZE, m + " has " + size + " bytes of bytecode: C2 may inline"
                    + " it into a caller (FreqInlineSize " + KernelRootsTest.FREQ_INLINE_SIZE + ")");
        }
    }
}
