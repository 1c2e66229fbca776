/**
 * The paper's experiments with our numbers: {@link dev.delp.engine.eval.AwdvdEval#run} (library
 * entry point of {@code delp eval}; callers load images) and its tooling {@code main}, writing a
 * Markdown report with PNG figures; {@link dev.delp.engine.eval.LearnIterationTable} learns the
 * per-level iteration table used by {@link dev.delp.engine.awdvd.IterationTables}.
 */
package dev.delp.engine.eval;
