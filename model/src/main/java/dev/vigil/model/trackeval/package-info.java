/**
 * Multi-object tracking metrics as py-motmetrics defines them (github.com/cheind/py-motmetrics: {@code mot.py},
 * {@code metrics.py}, {@code distances.py}, {@code preprocess.py}): CLEAR-MOT (Bernardin and Stiefelhagen, 2008: MOTA,
 * MOTP, ID switches, fragmentations), the identity measures IDF1/IDP/IDR (Ristani et al., 2016: one global min-cost
 * matching of whole trajectories), and MOT Challenge's handling of ignore regions (hypotheses that cover a distractor
 * are dropped before scoring).
 *
 * <ul>
 *   <li>{@link dev.vigil.model.trackeval.MotAccumulator}: {@code MOTAccumulator.update}, the per-frame events MATCH,
 *       SWITCH, MISS, FP (and TRANSFER, ASCEND, MIGRATE);
 *   <li>{@link dev.vigil.model.trackeval.MotMetrics}: the metrics of {@code metrics.create()} computed from the events,
 *       and the overall row of several accumulators ({@code compute_overall});
 *   <li>{@link dev.vigil.model.trackeval.MotEvaluation}: ground truth against hypotheses, frame by frame, as {@code
 *       utils.CLEAR_MOT_M} does (IoU distance, ignore regions, only the frames the ground truth labels);
 *   <li>{@link dev.vigil.model.trackeval.MotChallengeFile} and {@link dev.vigil.model.trackeval.CocoTrackFile}: ground
 *       truth in MOT Challenge's {@code gt.txt} or COCO JSON with a {@code track_id} per annotation.
 * </ul>
 */
package dev.vigil.model.trackeval;
