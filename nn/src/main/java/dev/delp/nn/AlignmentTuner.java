package dev.delp.nn;

/**
 * Picks, by timing, where a work buffer starts inside its float array so that whole-vector stores
 * into it are cache-line aligned.
 *
 * <p>Why: the JVM places a {@code float[]}'s data at an 8-byte-aligned address that Java code
 * cannot see, so an index that is a multiple of 16 floats is 64-byte aligned in only one of the
 * eight possible placements; in the others every 512-bit store of a kernel spans two cache lines.
 * For the Winograd input transform (four vector stores per ten vector operations into V) that is
 * twice the time: 14 against 6 µs per patch in DelpNet's 21² layer (bench/RESULTS.md, nn session 9;
 * measured by forcing the placement with {@code -XX:ObjectAlignmentInBytes=64} and an offset).
 * Which of the eight it is differs from JVM to JVM, and a garbage collector may move the array.
 *
 * <p>How: the buffer is used from offset {@link #shift()} (floats; one of 0, 2, …, 14, so the array
 * needs 16 floats of slack). A probe window tries each candidate on {@link #REPEATS} calls in
 * turn while the caller times the phase that stores into the buffer ({@link #record}); the
 * candidate with the smallest minimum time is kept. The first window starts after
 * {@link #WARM_UP} calls (the kernels compiled), and a new window every {@link #PERIOD} calls after
 * that (in case the array moved). The offset changes only where data lives, never the arithmetic:
 * every candidate gives the same bits. Not thread-safe (one per workspace, i.e. per thread).
 */
final class AlignmentTuner {
    /** Candidate offsets in floats: every 8-byte step of a 64-byte line. */
    static final int CANDIDATES = 8;
    /** Floats of slack the buffer needs past its largest use. */
    static final int SLACK = 2 * (CANDIDATES - 1) + 2;
    /** Timed calls per candidate per probe window (the minimum counts: robust to interruptions). */
    static final int REPEATS = 3;
    /** Calls before the first probe window. */
    static final int WARM_UP = 256;
    /** Calls from one probe window's start to the next. */
    static final int PERIOD = 4096;

    private final long[] best = new long[CANDIDATES];
    private long calls;
    private int shift;
    private int forced = -1;

    /** Tests: always use {@code shift} (0, 2, …, 14), no probing; −1 resumes tuning. */
    void force(int shift) {
        if (shift != -1 && (shift < 0 || shift > 2 * (CANDIDATES - 1) || shift % 2 != 0)) {
            throw new IllegalArgumentException("alignment shift " + shift + " must be -1 or an even number in [0, "
                    + 2 * (CANDIDATES - 1) + "]");
        }
        forced = shift;
        this.shift = Math.max(shift, 0);
    }

    /** The offset (floats) to use for the current call. */
    int shift() {
        return shift;
    }

    /**
     * Starts a call: advances the schedule and returns whether the caller should time the call
     * and {@link #record} it (then {@link #shift()} is the candidate being tried).
     */
    boolean begin() {
        if (forced >= 0) {
            shift = forced;
            return false;
        }
        long c = calls++;
        long inWindow = c < WARM_UP ? -1 : (c - WARM_UP) % PERIOD;
        if (inWindow < 0 || inWindow >= (long) CANDIDATES * REPEATS) {
            return false;
        }
        int j = (int) inWindow;
        if (j == 0) {
            java.util.Arrays.fill(best, Long.MAX_VALUE);
        }
        shift = 2 * (j % CANDIDATES);
        return true;
    }

    /** The time (ns) of the timed phase of a call that {@link #begin} asked to time. */
    void record(long nanos) {
        int j = shift / 2;
        best[j] = Math.min(best[j], nanos);
        long inWindow = (calls - 1 - WARM_UP) % PERIOD;
        if (inWindow == (long) CANDIDATES * REPEATS - 1) { // window complete: keep the fastest
            int pick = 0;
            for (int k = 1; k < CANDIDATES; k++) {
                if (best[k] < best[pick]) {
                    pick = k;
                }
            }
            shift = 2 * pick;
        }
    }
}
