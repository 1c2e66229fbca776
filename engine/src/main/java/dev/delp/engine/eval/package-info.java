/**
 * The paper's experiments with our numbers: {@link dev.delp.engine.eval.AwdvdEval#run} (library
 * entry point of {@code delp eval}; callers load the images) and its Markdown report with PNG
 * figures; {@link dev.delp.engine.eval.IterationLearning} learns the per-level iteration tables used
 * by {@link dev.delp.engine.awdvd.IterationTables} (tool: {@code dev.delp.cli.tools.LearnIterationTable}).
 * {@link dev.delp.engine.eval.SeamNull} sets the seam score against its own no-seam distribution
 * (all offset lattices) and scores the restoration error in photon-noise units (the seam bar).
 */
package dev.delp.engine.eval;
