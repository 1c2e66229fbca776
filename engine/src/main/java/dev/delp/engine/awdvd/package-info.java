/**
 * AWDVD — adaptive-window depth-variant deconvolution (He et al. 2019), end to end.
 *
 * <p>Entry point: {@link dev.delp.engine.awdvd.Awdvd}:
 * <pre>{@code
 * BornWolfLevels psfs = BornWolfLevels.of(Optics.defaults());          // PSF per level, cached
 * Awdvd awdvd = Awdvd.of(DelpNetClassifier.loadDefault(), psfs);      // RL patches + learned iteration table
 * AwdvdResult r = awdvd.deconvolve(image, AwdvdOptions.defaults(), pool, (stage, done, total) -> ...);
 * r.image();            // restored Image2d, same size
 * r.map().toTsv();      // defocus map: x y width height level confidence
 * }</pre>
 * Modes ({@link dev.delp.engine.awdvd.AwdvdOptions}): {@code AWDVD} with stride 42 (case ii, tent
 * blending, default) or 84 (case i), {@code INVARIANT} (one PSF), {@code INTERPOLATED} (global
 * spatially-variant RL, {@link dev.delp.engine.awdvd.VariantRichardsonLucy}). Iterations per level
 * and noise come from {@link dev.delp.engine.awdvd.IterationTables} unless fixed; RL starts flat
 * ({@link dev.delp.engine.awdvd.RlStart}), so stopped early it also denoises. The interpolated mode
 * stops every patch at its own count ({@link dev.delp.engine.awdvd.RegionStops}: snapshots of one
 * global run blended with the patch-centre bilinear weights), and its weight maps act on the object
 * side of the blur ({@link dev.delp.engine.awdvd.BlurModel#OBJECT_SIDE}: each emitter blurred by the
 * PSF of its own depth) and has no background class ({@link dev.delp.engine.awdvd.BlurLevels}: background
 * patches take their neighbours' levels in the operator and still pass through in the output). At the
 * image border both modes take no data beyond it and grow the object
 * past it (Bertero &amp; Boccacci): the specimen of a real field continues there (docs/eval/README.md,
 * session 10); {@link dev.delp.engine.awdvd.CentreRamp} narrows the centre-to-centre
 * transition (measured: no gain, so the default stays bilinear). Always on (opt-in in session 5,
 * default since session 6): the patches on both sides of a jump of 2+ expected levels between
 * non-background patches ({@link dev.delp.engine.awdvd.LevelJumps}) are restored patch-wise as in
 * case (ii) and blended into the global run's snapshots with the same bilinear weights
 * ({@link dev.delp.engine.awdvd.RegionStops#replacing}); with the true map it brings every two-depth
 * image to case (ii) or above, and it made session 3's opt-in depth steps (weight maps that jump
 * between patches 2+ levels apart, one more global run per round) a no-op, so those were removed.
 * Both depth-variant modes first pass the map through {@link dev.delp.engine.awdvd.DefocusMapFilter}:
 * a patch 1+ level from the confidence-weighted median of its 3x3 non-background neighbourhood takes
 * its neighbours' level distribution; a true map is a fixed point (docs/eval/README.md, session 6).
 *
 * <p>Pieces: {@link dev.delp.engine.awdvd.PatchGrid} (placement, border patches shifted inward),
 * {@link dev.delp.engine.awdvd.BlendWeights} (tent/flat), {@link dev.delp.engine.awdvd.DefocusMap},
 * {@link dev.delp.engine.awdvd.PatchClassifier} / {@link dev.delp.engine.awdvd.DelpNetClassifier},
 * {@link dev.delp.engine.awdvd.PatchDeconvolver} / {@link dev.delp.engine.awdvd.RlPatchDeconvolver}
 * (Bertero–Boccacci RL on patch + margin), {@link dev.delp.engine.awdvd.PsfSource} /
 * {@link dev.delp.engine.awdvd.BornWolfLevels}, {@link dev.delp.engine.awdvd.WeightMaps},
 * {@link dev.delp.engine.awdvd.SeamScore}.
 *
 * <p>Tests: {@code engine/src/test/java/dev/delp/engine/awdvd} — grid coverage for awkward sizes,
 * tent partition of unity, identity pipeline bit-exact, background pass-through, both RL variants
 * (data and flat starts) against a brute-force double implementation, per-patch stops equal
 * per-class stops for a noise-blind table and are a partition of unity, both blur models agree for one
 * class and the object side wins on an object-side step, ramps are partitions of unity, jump patches
 * found on both sides of a step and never on a tilt nor at background patches, equal to case (ii)
 * between them and to the global run away from them, the map filter leaves ramps and steps
 * unchanged, replaces an isolated outlier by its neighbours' distribution, needs a quorum, and its
 * weighted median minimises the weighted absolute deviation (brute force), PSNR gain at a known level in every mode, seams
 * (case ii and interpolated vs case i), bit-identical results for 1 and 2 threads.
 */
package dev.delp.engine.awdvd;
