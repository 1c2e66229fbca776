package dev.delp.engine.deconv;

/** Receives one report per Richardson–Lucy iteration (on the calling thread). */
@FunctionalInterface
public interface RlProgress {
    /** Ignores all reports. */
    RlProgress NONE = r -> { };

    void iteration(Report report);

    /**
     * @param iteration       1-based iteration number
     * @param relativeChange  see {@link StopRule#stop}; NaN when not computed
     * @param alpha           Biggs–Andrews extrapolation used for this iteration (0 for plain RL)
     */
    record Report(int iteration, double relativeChange, double alpha) {
    }
}
