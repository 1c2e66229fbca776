package dev.delp.engine.deconv;

/**
 * When Richardson–Lucy stops (as deconwolf keeps its stop rules in an iterator object, outside
 * the algorithm). Called after every iteration.
 */
public interface StopRule {
    /**
     * @param iterationsDone  iterations completed so far (>= 1)
     * @param relativeChange  {@code ‖x_k − x_{k−1}‖₂ / ‖x_{k−1}‖₂} over the work volume, or NaN when
     *                        {@link #needsRelativeChange()} is false
     * @return true to stop now
     */
    boolean stop(int iterationsDone, double relativeChange);

    /** Whether the driver must compute the relative change (it costs one extra pass). */
    default boolean needsRelativeChange() {
        return false;
    }

    /** The largest number of iterations this rule allows. */
    int maxIterations();

    /** Exactly {@code n} iterations ({@code n >= 0}). */
    static StopRule iterations(int n) {
        if (n < 0 || n > 1_000_000) {
            throw new IllegalArgumentException("iteration count " + n + " outside 0..1000000");
        }
        return new StopRule() {
            @Override
            public boolean stop(int done, double change) {
                return done >= n;
            }

            @Override
            public int maxIterations() {
                return n;
            }

            @Override
            public String toString() {
                return n + " iterations";
            }
        };
    }

    /** At most {@code n} iterations, earlier once the relative change falls below {@code tolerance}. */
    static StopRule tolerance(int n, double tolerance) {
        if (n < 0 || n > 1_000_000) {
            throw new IllegalArgumentException("iteration count " + n + " outside 0..1000000");
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance " + tolerance + " outside (0, 1)");
        }
        return new StopRule() {
            @Override
            public boolean stop(int done, double change) {
                return done >= n || change < tolerance;
            }

            @Override
            public boolean needsRelativeChange() {
                return true;
            }

            @Override
            public int maxIterations() {
                return n;
            }

            @Override
            public String toString() {
                return "at most " + n + " iterations or relative change < " + tolerance;
            }
        };
    }
}
