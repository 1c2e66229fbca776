/**
 * Training and evaluation of DelpNet on the engine's simulated data (DelpNet engineer).
 *
 * <ul>
 *   <li>{@link dev.delp.engine.training.TrainingSources} — dataset builders for training: real
 *       in-focus images ({@link dev.delp.engine.training.Tiff16}, 16-bit uncompressed TIFF; offset =
 *       0.5th percentile) and procedural specimens (384×384), Born–Wolf blur, Poisson 300..4000
 *       photons, offset 100, read noise 2; level 10 covers 20..32 µm.</li>
 *   <li>{@link dev.delp.engine.training.LabelledSet} — packed patches + labels, built in parallel from
 *       blocks (deterministic).</li>
 *   <li>{@link dev.delp.engine.training.TrainDelpNet} (main) — pool of patches refreshed each epoch,
 *       {@link dev.delp.nn.train.Trainer}, validation on the held-out image and unseen specimens,
 *       {@code last.dlpw}/{@code best.dlpw} checkpoints and {@code train.log}.</li>
 *   <li>{@link dev.delp.engine.training.Evaluation} / {@link dev.delp.engine.training.EvaluateDelpNet}
 *       (main) — top-1, within-one, 12×12 confusion, top-k curve, per-class accuracy as Markdown + PNG,
 *       the held-out real image reported separately from procedural specimens.</li>
 *   <li>{@link dev.delp.engine.training.RecalibrateDelpNet} (main) — precise batch-norm statistics.</li>
 * </ul>
 * For {@code delp train} / {@code delp eval}: call the mains' logic or reuse these classes;
 * {@code delp classify} needs only {@link dev.delp.nn.DelpNet#probabilities}.
 */
package dev.delp.engine.training;
