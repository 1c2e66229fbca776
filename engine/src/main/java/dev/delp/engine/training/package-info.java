/**
 * Training and evaluation of DelpNet on the engine's simulated data. No file or flag handling here:
 * the command-line tools in {@code dev.delp.cli.tools} (and {@code delp train}) read the images,
 * parse the options and write logs, checkpoints and reports.
 *
 * <ul>
 *   <li>{@link dev.delp.engine.training.TrainingSources} — dataset builders for training: real
 *       in-focus images (offset = 0.5th percentile) and procedural specimens (384×384), Born–Wolf
 *       blur, Poisson 300..4000 photons, offset 100, read noise 2; level 10 covers 20..32 µm.</li>
 *   <li>{@link dev.delp.engine.training.LabelledSet} — packed patches + labels, built in parallel from
 *       blocks (deterministic).</li>
 *   <li>{@link dev.delp.engine.training.DelpNetTraining} — pool of patches refreshed each epoch,
 *       {@link dev.delp.nn.train.Trainer}, validation on the held-out images and unseen specimens,
 *       progress lines and checkpoints handed to a listener.</li>
 *   <li>{@link dev.delp.engine.training.Evaluation} — top-1, within-one, 12×12 confusion, top-k curve,
 *       per-class accuracy as Markdown + a plot, the held-out real image reported separately.</li>
 *   <li>{@link dev.delp.engine.training.BatchNormRecalibration} — precise batch-norm statistics.</li>
 * </ul>
 */
package dev.delp.engine.training;
