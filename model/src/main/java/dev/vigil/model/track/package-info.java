/**
 * Multi-object tracking by association: ByteTrack (Zhang et al., "ByteTrack: Multi-Object Tracking by Associating
 * Every Detection Box", ECCV 2022; {@code yolox/tracker/byte_tracker.py}), per class and with its state kept outside
 * the tracker so that a stream processor can store it.
 *
 * <p>Where each part of the paper and of {@code byte_tracker.py} lives:
 *
 * <ul>
 *   <li>{@link dev.vigil.model.track.ByteTracker#update}: one frame, the steps named as in {@code BYTETracker.update}:
 *       the detections split by score into high and low ones; <b>Step 2, first association</b> of the high-score
 *       boxes with the tracked and lost tracks (Kalman prediction, IoU distance fused with the score, linear
 *       assignment); <b>Step 3, second association</b> of the low-score boxes with the tracks still unmatched (the
 *       paper's key idea: occluded objects score low but are still objects); the association of the
 *       <em>unconfirmed</em> tracks (born in the previous frame) with the high-score boxes left; <b>Step 4</b>, new
 *       tracks from high-score boxes nobody took; <b>Step 5</b>, lost tracks older than the buffer removed, and
 *       duplicate tracked/lost pairs resolved.
 *   <li>{@link dev.vigil.model.track.ByteTracker#advance}: time passes with nothing to match (frames skipped as
 *       stale, gaps): the motion model moves on and lost tracks age, but nothing is marked lost for not being seen.
 *   <li>{@link dev.vigil.model.track.KalmanFilter}: {@code kalman_filter.py}, constant velocity on (x, y, a, h).
 *   <li>{@link dev.vigil.model.track.LinearAssignment}: {@code matching.linear_assignment} ({@code lap.lapjv} with a
 *       cost limit), solved exactly by the Hungarian method with potentials.
 *   <li>{@link dev.vigil.model.track.Tracklet}: {@code STrack} with {@code TrackState} (tracked, lost).
 *   <li>{@link dev.vigil.model.track.TrackerState} and {@link dev.vigil.model.track.TrackerStateCodec}: everything the
 *       tracker remembers about one camera, including the counter that issues track ids, as compact bytes.
 * </ul>
 *
 * <p>Where Vigil differs from {@code byte_tracker.py}, on purpose: association is per class (a box never joins a track
 * of another class); a track gets its id when it is <em>confirmed</em>, from the camera's counter, so ids are
 * consecutive, never reused, and unconfirmed tracks (often false positives) have none; a score equal to the high
 * threshold counts as high (ByteTrack drops it from both sets); the confirmation may ask for more than ByteTrack's two
 * hits; and removed tracks are forgotten instead of being kept in a list that grows for ever.
 */
package dev.vigil.model.track;
