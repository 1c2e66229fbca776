package dev.delp.engine.awdvd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PatchGridTest {

    @Test
    void everyPixelIsCoveredForAwkwardSizes() {
        int[][] sizes = {{84, 84}, {85, 85}, {100, 100}, {167, 167}, {696, 520}, {1, 1}, {50, 130}, {84, 85}, {300, 7}};
        for (int stride : new int[] {42, 84, 17}) {
            for (int[] s : sizes) {
                PatchGrid g = PatchGrid.of(s[0], s[1], stride);
                int[] cover = new int[g.canvasWidth() * g.canvasHeight()];
                for (int i = 0; i < g.count(); i++) {
                    int x0 = g.patchX(i), y0 = g.patchY(i);
                    assertTrue(x0 >= 0 && x0 + 84 <= g.canvasWidth(), "patch inside the canvas: " + g);
                    assertTrue(y0 >= 0 && y0 + 84 <= g.canvasHeight(), "patch inside the canvas: " + g);
                    for (int y = y0; y < y0 + 84; y++) {
                        for (int x = x0; x < x0 + 84; x++) {
                            cover[x + g.canvasWidth() * y]++;
                        }
                    }
                }
                for (int y = 0; y < s[1]; y++) {
                    for (int x = 0; x < s[0]; x++) {
                        assertTrue(cover[x + g.canvasWidth() * y] > 0, "pixel " + x + "," + y + " uncovered in " + g);
                    }
                }
                // the last patch is flush with the canvas border (shifted inward, not dropped)
                assertEquals(g.canvasWidth() - 84, g.x(g.columns() - 1), g.toString());
                assertEquals(g.canvasHeight() - 84, g.y(g.rows() - 1), g.toString());
            }
        }
    }

    @Test
    void regularOriginsThenOneShiftedInward() {
        PatchGrid g = PatchGrid.of(696, 520, 42);
        // 0, 42, ..., 588 fit (588+84 = 672 <= 696), then 612 flush with the border
        assertEquals(16, g.columns());
        assertEquals(588, g.x(14));
        assertEquals(612, g.x(15));
        PatchGrid g84 = PatchGrid.of(168, 168, 84);
        assertEquals(2, g84.columns()); // exact fit: no extra patch
        assertEquals(84, g84.x(1));
        assertEquals(1, PatchGrid.of(84, 84, 42).count());
        assertEquals(4, PatchGrid.of(85, 85, 84).count());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> PatchGrid.of(0, 10, 42));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PatchGrid.of(10, 10, 85));
        assertTrue(e.getMessage().contains("85") && e.getMessage().contains("[1, 84]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PatchGrid.of(10, 10, 0));
    }
}
