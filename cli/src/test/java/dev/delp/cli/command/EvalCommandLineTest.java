package dev.delp.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The report's "Command:" line must be enough to re-run it: docs/eval/report.md said
 * {@code delp eval --seed 1 --patches 100 --photons 1000.0} for a run that also had --images and
 * --holdout (session-10 QA).
 */
class EvalCommandLineTest {
    @Test
    void theReportsCommandLineCarriesEveryFlagThatChangesTheReport() {
        assertEquals("delp eval --seed 1 --patches 100 --photons 1000.0",
                EvalCommand.commandLine(1, 100, 1000, null, null, null, false), "defaults: the line as before");
        assertEquals("delp eval --seed 7 --patches 3 --photons 300.0 --images /data/infocus --holdout a01 --weights w.dlpw"
                + " --no-whole", EvalCommand.commandLine(7, 3, 300, "/data/infocus", "a01", "w.dlpw", true));
    }
}
