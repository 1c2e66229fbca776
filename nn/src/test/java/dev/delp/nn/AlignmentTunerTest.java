package dev.delp.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The probe schedule and the choice of {@link AlignmentTuner}, with synthetic timings. */
class AlignmentTunerTest {
    /** Runs {@code calls} calls, timing each asked-for one as {@code cost[shift / 2]}; returns how many were timed. */
    private static int run(AlignmentTuner t, int calls, long[] cost) {
        int timed = 0;
        for (int i = 0; i < calls; i++) {
            if (t.begin()) {
                timed++;
                t.record(cost[t.shift() / 2]);
            }
        }
        return timed;
    }

    @Test
    void keepsTheFastestCandidateAfterEachWindow() {
        AlignmentTuner t = new AlignmentTuner();
        long[] cost = {900, 800, 950, 400, 870, 880, 990, 905}; // shift 6 aligned
        assertEquals(0, run(t, AlignmentTuner.WARM_UP, cost), "no timing during warm-up");
        assertEquals(0, t.shift());
        int window = AlignmentTuner.CANDIDATES * AlignmentTuner.REPEATS;
        assertEquals(window, run(t, window, cost));
        assertEquals(6, t.shift());
        assertEquals(0, run(t, AlignmentTuner.PERIOD - window, cost), "steady state: nothing timed");
        assertEquals(6, t.shift());
        // the array moved (a GC): the next window finds the new placement
        long[] moved = {900, 800, 950, 870, 870, 880, 300, 905};
        assertEquals(window, run(t, window, moved));
        assertEquals(12, t.shift());
    }

    @Test
    void minimumPerCandidateIgnoresOneInterruptedCall() {
        AlignmentTuner t = new AlignmentTuner();
        run(t, AlignmentTuner.WARM_UP, new long[8]);
        int window = AlignmentTuner.CANDIDATES * AlignmentTuner.REPEATS;
        int seen2 = 0;
        for (int i = 0; i < window; i++) {
            assertTrue(t.begin());
            int j = t.shift() / 2;
            long ns = j == 2 ? 100 : 500;
            if (j == 2 && seen2++ == 0) {
                ns = 100_000; // preempted once
            }
            t.record(ns);
        }
        assertEquals(4, t.shift());
    }

    @Test
    void forcedShiftIsUsedAndNotProbed() {
        AlignmentTuner t = new AlignmentTuner();
        t.force(10);
        for (int i = 0; i < AlignmentTuner.WARM_UP + 100; i++) {
            assertFalse(t.begin());
            assertEquals(10, t.shift());
        }
        assertThrows(IllegalArgumentException.class, () -> t.force(3));
        assertThrows(IllegalArgumentException.class, () -> t.force(16));
    }
}
