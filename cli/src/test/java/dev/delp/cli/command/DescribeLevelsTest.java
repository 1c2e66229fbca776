package dev.delp.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The summary of DelpNet's choices: a stack is described plane by plane, not by its last plane. */
class DescribeLevelsTest {
    private static final int BG = dev.delp.engine.awdvd.PatchClassifier.BG;

    @Test
    void onePlaneReadsAsBefore() {
        assertEquals("DelpNet levels per patch (dominant 6)", DeconvolveCommand.describeLevels(false, List.of(6)));
        assertEquals("DelpNet levels per patch (all bg)", DeconvolveCommand.describeLevels(false, List.of(BG)));
        assertEquals("DelpNet's most frequent level 3", DeconvolveCommand.describeLevels(true, List.of(3)));
        assertEquals("DelpNet finds no foreground patch (all bg): passed through",
                DeconvolveCommand.describeLevels(true, List.of(BG)));
    }

    @Test
    void aStackNamesEveryPlaneInRuns() {
        // planes at levels 2 and 6 then an empty one were summarised as "all bg: passed through"
        assertEquals("DelpNet's most frequent level per plane: 2 (z 0), 6 (z 1), bg, passed through (z 2)",
                DeconvolveCommand.describeLevels(true, List.of(2, 6, BG)));
        assertEquals("DelpNet levels per patch, dominant per plane: 6 (z 0–2), all bg (z 3–4), 6 (z 5)",
                DeconvolveCommand.describeLevels(false, List.of(6, 6, 6, BG, BG, 6)));
    }
}
