package dev.delp.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.delp.engine.image.Image2d;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.engine.testio.TestPsfs;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class DatasetBuilderTest {
    /** Gaussian stand-in for Born–Wolf: sigma grows ~1.75 px per 2 µm, size odd, radius 3 sigma. */
    static final PsfSource GAUSS = d -> {
        double sigma = 0.6 + 0.875 * d;
        int size = 2 * (int) Math.ceil(3 * sigma) + 1;
        return TestPsfs.gaussian2d(size, sigma);
    };

    @Test
    void blocksAreBalancedLabelledAndDeterministic() {
        DatasetBuilder b = DatasetBuilder.fromGenerator(new SpecimenGenerator(), 256, 256, GAUSS,
                DatasetConfig.defaults().withLevel10MaxDefocusUm(24));
        Iterator<LabelledPatch> it = b.iterator(11);
        int[] counts = new int[Labels.COUNT];
        List<LabelledPatch> first = new java.util.ArrayList<>();
        for (int i = 0; i < 4 * DatasetBuilder.BLOCK; i++) {
            LabelledPatch p = it.next();
            first.add(p);
            counts[p.label()]++;
            assertEquals(84, p.patch().width());
            assertEquals(84, p.patch().height());
            if (Labels.isLevel(p.label()) && p.label() < 10) {
                assertEquals(2.0 * p.label(), p.defocusUm(), 0);
            }
            if (p.label() == 10) {
                assertTrue(p.defocusUm() >= 20 && p.defocusUm() <= 24, "" + p.defocusUm());
            }
            assertTrue(p.photons() >= 300 && p.photons() <= 4000);
            assertTrue(p.patch().min() > 50, "offset 100 with read noise 2 keeps counts far above 50");
        }
        for (int c : counts) {
            assertEquals(4, c);
        }
        // Parallel block building gives the same bytes as the sequential stream, for 1 and 2 threads.
        for (int threads : new int[] {1, 2}) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            List<LabelledPatch> par = b.blocks(11, 0, 4, pool);
            pool.shutdown();
            for (int i = 0; i < first.size(); i++) {
                assertEquals(first.get(i).label(), par.get(i).label());
                assertArrayEquals(first.get(i).patch().data(), par.get(i).patch().data());
            }
        }
    }

    @Test
    void backgroundPatchesAreDarkAndLevelPatchesHoldSignal() {
        DatasetBuilder b = DatasetBuilder.fromGenerator(new SpecimenGenerator(), 256, 256, GAUSS,
                DatasetConfig.defaults().withCamera(100, 0).withPhotons(3000, 3000));
        double bgMax = 0;
        double level0Max = Double.POSITIVE_INFINITY;
        for (LabelledPatch p : b.blocks(5, 0, 6, ForkJoinPool.commonPool())) {
            double peak = p.patch().max() - 100;
            if (p.label() == Labels.BG) {
                bgMax = Math.max(bgMax, peak);
            } else if (p.label() == 0) {
                level0Max = Math.min(level0Max, peak);
            }
        }
        // Background fluorescence is at most ~5% of the 0.75 reference (<= 200 counts of 3000, plus
        // Poisson noise); in-focus level-0 patches hold >=3% foreground, i.e. pixels above 15% (450).
        assertTrue(bgMax < 450, "bg peak " + bgMax);
        assertTrue(level0Max > 450, "level-0 weakest peak " + level0Max);
    }

    @Test
    void listedSourcesAndValidation() {
        Image2d img = new SpecimenGenerator().generate(300, 200, SpecimenGenerator.Family.NUCLEI, 3);
        float[] d = img.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = 100 + 1000 * d[i];
        }
        DatasetBuilder b = DatasetBuilder.fromImages(List.of(new SourceImage(img, 100)), GAUSS,
                DatasetConfig.defaults());
        List<LabelledPatch> ps = b.stream(1).limit(24).toList();
        assertEquals(24, ps.size());
        assertThrows(IllegalArgumentException.class, () -> new SourceImage(Image2d.zeros(80, 100), 0));
        assertThrows(IllegalArgumentException.class, () -> DatasetConfig.defaults().withPhotons(100, 50));
        assertEquals("bg", Labels.name(11));
        assertEquals(7, Labels.parse("7"));
        assertThrows(IllegalArgumentException.class, () -> Labels.parse("12"));
    }
}
