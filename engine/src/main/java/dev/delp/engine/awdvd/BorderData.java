package dev.delp.engine.awdvd;

/**
 * What {@link VariantRichardsonLucy} takes as data beyond the image border.
 */
public enum BorderData {
    /**
     * Data only on the image; the object is estimated on the image grown by the largest PSF
     * radius (Bertero &amp; Boccacci 2005), so light near the border may be placed outside it.
     */
    IMAGE_ONLY,
    /**
     * The image mirrored beyond its border by the largest PSF radius and taken as data, with the
     * weight maps extended by their edge values; the object is grown by one more radius. This is
     * how the patch-wise mode treats border patches (their margins are cut from the mirrored
     * image, {@link Awdvd}), so both modes see the same data at the border. Costs FFTs over the
     * image plus four radii instead of two per axis.
     */
    MIRRORED
}
