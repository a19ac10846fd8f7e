/**
 * What happens where, per camera: zones (polygons) that objects enter, stay in and leave, lines they cross in a
 * direction, masks where nothing is reported, and the minimum score and area of a reported object per class. Every
 * judgement is made at the box's bottom centre, where a person or a car stands.
 *
 * <ul>
 *   <li>{@link dev.vigil.model.zone.SceneConfig}: the YAML file a user writes (pixels or fractions of the frame);
 *   <li>{@link dev.vigil.model.zone.CameraScene}: one camera's shapes in pixels, and the detection filter;
 *   <li>{@link dev.vigil.model.zone.SceneTracker}: zone enter/exit with inertia (a few frames in a row, as Frigate's
 *       zone inertia), loitering (in a zone for a given time), and line crossings debounced so that a box flickering
 *       on the line counts once (a band around the line where no side is decided, and a few frames in a row on the
 *       new side, as supervision's {@code minimum_crossing_threshold});
 *   <li>{@link dev.vigil.model.zone.SceneState} and {@link dev.vigil.model.zone.SceneStateCodec}: what it remembers per
 *       track, as bytes for a state store;
 *   <li>{@link dev.vigil.model.zone.CountKey}: the key of the windowed counts (camera, zone or line, class,
 *       direction).
 * </ul>
 */
package dev.vigil.model.zone;
