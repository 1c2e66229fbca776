package dev.delp.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every Vector-API kernel of {@link VectorKernels} that a caller reaches has more than C2's
 * {@code FreqInlineSize} (325) bytes of bytecode, so C2 never inlines it into a caller and compiles it
 * as a root of its own: the Vector API's internal call chains (4–10 JDK frames to each intrinsic) then
 * start at depth 1 whatever the depth of the caller. A kernel inlined into a deep caller (an engine
 * lambda on a fork-join pool, the inference plan's loops) could pass {@code MaxInlineLevel}, or be
 * inlined only when C2 had not yet compiled it on its own (a race between compilations), and then ran
 * the boxed fallback (megabytes per call; bench/RESULTS.md, nn session 6). The only methods below the
 * threshold that use vectors are the 1-row tiles and {@code relu8x3}, called from {@code convGemm} (a
 * root) only. {@link KernelParseBudgetTest} checks the other limit, C2's parse node budget per unit.
 * Reads the bytecode lengths from the class file.
 */
class KernelRootsTest {
    static final int FREQ_INLINE_SIZE = 325;

    @Test
    void kernelsAreAboveFreqInlineSize() throws IOException {
        Map<String, Integer> sizes = codeLengths(VectorKernels.class);
        for (String m : List.of("complexMultiply", "complexMultiplyConj", "multiply", "divideGuarded", "axpy",
                "fma", "gemm", "gemm4Rows", "convGemm", "reluMax2x2", "reluMax2x2Strided", "tile8x3", "tile8x1", "convGemmStrided", "tile8x3s", "tile8x2s",
                "tile8x1s", "input2Fused", "widen", "sumsAndSquares8", "gatherAffine",
                "output2Pooled", "output2Plain")) {
            Integer size = sizes.get(m);
            assertTrue(size != null, m + " not found in " + sizes.keySet());
            assertTrue(size > FREQ_INLINE_SIZE, m + " has " + size + " bytes of bytecode: C2 may inline it into a caller"
                    + " (FreqInlineSize " + FREQ_INLINE_SIZE + "), where the Vector API's call chains can pass MaxInlineLevel");
        }
    }

    /**
     * Method name → bytecode length (the largest over overloads), from the class file of {@code c}
     * (read by {@link KernelParseBudgetTest#methods}).
     */
    static Map<String, Integer> codeLengths(Class<?> c) throws IOException {
        Map<String, Integer> sizes = new HashMap<>();
        KernelParseBudgetTest.methods(c).forEach((name, m) -> sizes.put(name, m.codeLength()));
        return sizes;
    }
}
