package dev.delp.engine.awdvd;

/**
 * Where the weight maps of {@link VariantRichardsonLucy} act in its blur operator.
 */
public enum BlurModel {
    /**
     * Image side, PSF interpolation at the observed pixel (Nagy &amp; O'Leary 1998):
     * {@code (A x)(p) = Σ_c w_c(p) · (h_c ⊛ x)(p)}. Every pixel sees one mixed PSF; at a depth step
     * the light an emitter spreads across the step is blurred with the other side's PSF.
     */
    IMAGE_SIDE,
    /**
     * Object side, each emitter blurred by the PSF of its own depth:
     * {@code A x = Σ_c h_c ⊛ (w_c · x)}, adjoint {@code Aᵀ r = Σ_c w_c · (h_cᵀ ⊛ r)} — the
     * physics of a specimen whose depth varies (light leaves an emitter with that emitter's
     * defocus). Same cost as {@link #IMAGE_SIDE} ({@code 2n + 2} real FFTs per iteration).
     */
    OBJECT_SIDE
}
