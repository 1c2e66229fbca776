package dev.delp.engine.awdvd;

/** Progress callback, called from the caller's thread after each batch of patches (or iterations). */
@FunctionalInterface
public interface AwdvdProgress {
    /** Nothing. */
    AwdvdProgress NONE = (stage, done, total) -> { };

    /**
     * @param stage {@code "classify"}, {@code "deconvolve"} or {@code "iterate"}
     * @param done  units finished in this stage (patches or iterations)
     * @param total units in this stage
     */
    void update(String stage, int done, int total);
}
