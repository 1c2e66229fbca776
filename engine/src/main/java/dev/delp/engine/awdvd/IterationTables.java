package dev.delp.engine.awdvd;

/**
 * The default iterations per defocus level. PROVISIONAL until learned on held-out data.
 */
public final class IterationTables {
    private IterationTables() {
    }

    /** Iterations for levels 0..10. */
    private static final int[] DEFAULT = {0, 5, 10, 15, 20, 25, 30, 30, 30, 30, 30};

    /** The default policy. */
    public static IterationPolicy defaultPolicy() {
        return IterationPolicy.table(DEFAULT);
    }
}
