package dev.delp.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every Vector-API kernel of {@link VectorFftKernels} stays well under C2's parse node budget
 * ({@code NodeCountInliningCutoff}), by {@link KernelParseBudgetTest}'s per-call model of JDK 17
 * (its {@code methods}/{@code estimate} helpers; the same 80 % share and its reasons). Past the budget
 * C2 defers the rest of a unit's Vector-API calls, and a store expanded before the call computing its
 * operand boxes the whole unit: after DelpNet in one JVM the 2D FFT did so in most JDK-17 processes
 * (radix 4 at 256²–1024², and at 84² the split-plane {@code rowsToRealInversePre} and {@code radixOdd};
 * bench/RESULTS.md, FFT session 7).
 *
 * <p>The estimate is of the JDK-17 path: every pair swap is written as
 * {@code if (SWAP_BY_SHIFTS) {shifts} else {rearrange}}, and {@code SWAP_BY_SHIFTS} is a static final
 * field, a constant to C2, which parses only the taken branch; so each {@code rearrange} call of a kernel
 * (all of them are such else branches, checked below) is taken out of its sum. On JDK 25 the other
 * branch is the dead one and the kernels are smaller (Temurin 25 fell back in none of 5 processes where
 * JDK 17 did in most, session 7).
 *
 * <p>A kernel above {@code FreqInlineSize} is a C2 unit of its own; a smaller one (the dispatchers
 * {@code radix4Interleaved}, {@code radix5}, {@code radix5Interleaved}) is inlined into its caller, and its
 * Vector-API work is in the roots it calls.
 */
class FftKernelParseBudgetTest {

    /**
     * Kernels still over 80 % (session 7, part 2), each with its estimate as a ceiling it must not pass:
     * the split-plane radix 3/4/5 butterflies (rows whose half length mixes 2–5 with a larger prime,
     * Bluestein's inner transforms) and the remaining radix-4 root halves (one more root each: another pass over the stage, beyond the cost the lead accepted; none of them deferred
     * a call after DelpNet in the logged 84² processes). Open in fft/README.md.
     */
    static final Map<String, Integer> OPEN = Map.of("radix5Outer", 17_350, "radix5Inner", 15_260,
            "radix4InterleavedOdd", 16_740, "radix4InterleavedSecond", 15_300);

    /**
     * Each kernel that calls the Vector API, estimated with what it inlines, is at most 80 % of the
     * budget; the {@link #OPEN} ones at most their recorded estimate.
     */
    @Test
    void everyFftKernelStaysWellUnderTheParseNodeBudget() throws IOException {
        Map<String, KernelParseBudgetTest.Method> methods = KernelParseBudgetTest.methods(VectorFftKernels.class);
        List<String> over = new ArrayList<>();
        int kernels = 0;
        for (Map.Entry<String, KernelParseBudgetTest.Method> e : methods.entrySet()) {
            if (e.getValue().vectorCalls().isEmpty()) {
                continue;
            }
            kernels++;
            int nodes = jdk17Estimate(e.getValue(), methods);
            double limit = OPEN.getOrDefault(e.getKey(),
                    (int) (KernelParseBudgetTest.MAX_SHARE * KernelParseBudgetTest.NODE_BUDGET));
            if (nodes > limit) {
                over.add(e.getKey() + " " + nodes + " > " + (int) limit);
            }
        }
        assertTrue(kernels >= 25, "only " + kernels + " Vector-API kernels found in VectorFftKernels");
        assertTrue(methods.keySet().containsAll(OPEN.keySet()), "an open kernel was renamed: " + OPEN.keySet());
        assertTrue(over.isEmpty(), "estimated above " + (int) (KernelParseBudgetTest.MAX_SHARE * 100) + " % of C2's budget of "
                + KernelParseBudgetTest.NODE_BUDGET + " parse nodes (or an open kernel above its ceiling): " + over + "\n"
                + table(methods));
    }

    /** The JDK-17 adjustment on a kernel with two pair swaps (guards {@link #jdk17Estimate}). */
    @Test
    void deadSwapBranchesAreNotCounted() throws IOException {
        Map<String, KernelParseBudgetTest.Method> methods = KernelParseBudgetTest.methods(VectorFftKernels.class);
        KernelParseBudgetTest.Method odd = methods.get("radix4InterleavedOdd");
        assertEquals(2, odd.vectorCalls().stream().filter(c -> c.startsWith("rearrange(")).count(), odd.vectorCalls()::toString);
        assertEquals(KernelParseBudgetTest.estimate(odd, methods, 0) - 2 * 680, jdk17Estimate(odd, methods));
    }

    /** Prints every kernel's estimate (the table of bench/RESULTS.md, FFT session 7 part 2). */
    @Test
    void printEstimates() throws IOException {
        Map<String, KernelParseBudgetTest.Method> methods = KernelParseBudgetTest.methods(VectorFftKernels.class);
        String t = table(methods);
        System.out.print(t);
        assertTrue(t.contains("radixOdd "), t);
    }

    /**
     * {@link KernelParseBudgetTest#estimate} without the {@code rearrange} calls of the dead
     * {@code SWAP_BY_SHIFTS} else branches: each must come with its live branch's
     * {@code reinterpretAsLongs}, or the adjustment is refused.
     */
    static int jdk17Estimate(KernelParseBudgetTest.Method m, Map<String, KernelParseBudgetTest.Method> methods) {
        long rearranges = m.vectorCalls().stream().filter(c -> c.startsWith("rearrange(")).count();
        long shiftSwaps = m.vectorCalls().stream().filter(c -> c.startsWith("reinterpretAsLongs(")).count();
        assertTrue(rearranges <= shiftSwaps, "a rearrange that is not a pair swap's dead branch: " + m.vectorCalls());
        return KernelParseBudgetTest.estimate(m, methods, 0)
                - (int) rearranges * KernelParseBudgetTest.cost("rearrange(Ljdk/incubator/vector/VectorShuffle;)");
    }

    private static String table(Map<String, KernelParseBudgetTest.Method> methods) {
        StringBuilder table = new StringBuilder("VectorFftKernels, estimated C2 parse nodes per kernel (root = own unit):\n");
        methods.forEach((name, m) -> {
            if (!m.vectorCalls().isEmpty()) {
                int nodes = jdk17Estimate(m, methods);
                table.append(String.format("  %-34s %4d B %-5s %3d calls %6d nodes (%3.0f %%)%n", name, m.codeLength(),
                        m.codeLength() > KernelRootsTest.FREQ_INLINE_SIZE ? "root" : "", m.vectorCalls().size(), nodes,
                        100.0 * nodes / KernelParseBudgetTest.NODE_BUDGET));
            }
        });
        return table.toString();
    }
}
