package dev.delp.psf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class OpticsTest {

    @Test
    void defaultsAndLevels() {
        Optics o = Optics.defaults();
        assertEquals(0.5, o.numericalAperture());
        assertEquals(500, o.wavelengthNm());
        assertEquals(1.0, o.immersionIndex());
        assertEquals(0.65, o.pixelSizeUm());
        assertEquals(2.0, o.stepUm());
        assertEquals(20.0, o.defocusUmOfLevel(10));
        assertEquals(-3.0, o.defocusUmOfLevel(-1.5));
        assertEquals(2 * Math.PI / 0.5 * 0.5, o.vPerUm(), 1e-12);
        assertEquals(2 * Math.PI / 0.5 * 0.25, o.uPerUm(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> o.defocusUmOfLevel(Double.NaN));
    }

    private static void rejects(String name, String value, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(name) && ex.getMessage().contains(value), ex.getMessage());
    }

    @Test
    void validationNamesTheValueAndRange() {
        rejects("numericalAperture", "1.0", () -> new Optics(1.0, 500, 1.0, 0.65, 2));    // NA = n
        rejects("numericalAperture", "1.4", () -> new Optics(1.4, 500, 1.33, 0.65, 2));
        rejects("numericalAperture", "0.0", () -> new Optics(0, 500, 1.0, 0.65, 2));
        rejects("numericalAperture", "NaN", () -> new Optics(Double.NaN, 500, 1.0, 0.65, 2));
        rejects("wavelengthNm", "50.0", () -> new Optics(0.5, 50, 1.0, 0.65, 2));
        rejects("wavelengthNm", "Infinity", () -> new Optics(0.5, Double.POSITIVE_INFINITY, 1.0, 0.65, 2));
        rejects("immersionIndex", "0.9", () -> new Optics(0.5, 500, 0.9, 0.65, 2));
        rejects("immersionIndex", "3.0", () -> new Optics(0.5, 500, 3.0, 0.65, 2));
        rejects("pixelSizeUm", "-0.65", () -> new Optics(0.5, 500, 1.0, -0.65, 2));
        rejects("pixelSizeUm", "0.0", () -> new Optics(0.5, 500, 1.0, 0, 2));
        rejects("stepUm", "0.0", () -> new Optics(0.5, 500, 1.0, 0.65, 0));
        rejects("stepUm", "NaN", () -> new Optics(0.5, 500, 1.0, 0.65, Double.NaN));
        // oil immersion is fine
        new Optics(1.4, 520, 1.518, 0.1, 0.2);
    }
}
