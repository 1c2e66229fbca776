package dev.delp.engine.training;

import dev.delp.engine.dataset.DatasetBuilder;
import dev.delp.engine.dataset.DatasetConfig;
import dev.delp.engine.dataset.PsfSource;
import dev.delp.engine.dataset.PsfSources;
import dev.delp.engine.dataset.SourceImage;
import dev.delp.engine.image.Image2d;
import dev.delp.engine.image.Percentiles;
import dev.delp.engine.simulate.SpecimenGenerator;
import dev.delp.psf.Optics;
import java.util.List;

/**
 * The dataset builders DelpNet is trained and evaluated on: real in-focus images (BBBC006, one or
 * more held out) and procedural specimens, blurred with Born–Wolf PSFs of the optics and given
 * Poisson + read noise over the configured photon range.
 */
public final class TrainingSources {
    /** Side of generated specimens (384: room for background windows; 256 sometimes has none in 50 specimens). */
    public static final int SPECIMEN_SIDE = 384;

    private TrainingSources() {
    }

    /** The dataset configuration used for DelpNet: defaults, level 10 covering 20..32 µm. */
    public static DatasetConfig config(Optics optics, double level10MaxDefocusUm) {
        return DatasetConfig.defaults().withStepUm(optics.stepUm()).withLevel10MaxDefocusUm(level10MaxDefocusUm);
    }

    /**
     * A real in-focus image as a dataset source: its camera offset is taken as its 0.5th percentile
     * (BBBC006 in-focus images have no dark frame; the darkest background pixels are the offset).
     */
    public static SourceImage source(Image2d inFocusCounts) {
        return new SourceImage(inFocusCounts, Percentiles.of(inFocusCounts.data(), 0.5));
    }

    /** A builder over real images. */
    public static DatasetBuilder real(List<SourceImage> images, Optics optics, DatasetConfig cfg) {
        return DatasetBuilder.fromImages(images, psfs(optics), cfg);
    }

    /** A builder over procedural specimens. */
    public static DatasetBuilder synthetic(Optics optics, DatasetConfig cfg) {
        return DatasetBuilder.fromGenerator(new SpecimenGenerator(), SPECIMEN_SIDE, SPECIMEN_SIDE, psfs(optics), cfg);
    }

    private static final java.util.Map<Optics, PsfSource> PSFS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The Born–Wolf PSFs of {@code optics} the training data are blurred with (one cached source per optics). */
    public static PsfSource psfs(Optics optics) {
        return PSFS.computeIfAbsent(optics, PsfSources::bornWolf);
    }
}
