package dev.vigil.model.zone;

import dev.vigil.model.track.TrackedObject;
import dev.vigil.model.zone.SceneEvent.Kind;
import dev.vigil.model.zone.SceneState.Presence;
import dev.vigil.model.zone.SceneState.Side;
import dev.vigil.model.zone.SceneState.TrackScene;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Zones entered and left, loitering and line crossings of tracked objects, judged at each box's bottom centre.
 * Stateless itself; the camera's {@link SceneState} is the caller's. Deterministic.
 *
 * <p>Zones: an object has entered when it has been inside for {@link Zone#inertia()} frames in a row, and left when
 * it has been outside as long (Frigate's inertia, on both edges, so a box flickering on the border changes nothing).
 * Its dwell time runs from the first of those frames inside to the first frame outside; a track that ends inside
 * leaves at its last frame seen. Presence is judged per frame: an object that jumps over a zone between two frames
 * was never in it (count passages with a line).
 *
 * <p>Lines: an object has crossed when, having been on one side, it is on the other for {@link
 * CountingLine#minFrames()} frames in a row and its way from its last place on the first side to there passes the
 * line segment (not beside its ends). Frames within {@link CountingLine#band()} of the line decide nothing.
 */
public final class SceneTracker {

    /**
     * One frame of a camera.
     *
     * @param frameMillis the frame's time
     * @param tracked the confirmed tracks that took a detection in this frame
     * @param ended tracks that ended in this frame: those inside a zone leave it
     * @param labels class names by class id
     * @return the frame's events, in zone and line order within each track, tracks in id order
     */
    public List<SceneEvent> update(
            CameraScene scene,
            SceneState state,
            long frameMillis,
            List<TrackedObject> tracked,
            List<TrackedObject> ended,
            IntFunction<String> labels) {
        List<SceneEvent> events = new ArrayList<>();
        List<TrackedObject> byId = new ArrayList<>(tracked);
        byId.sort((a, b) -> Long.compare(a.trackId(), b.trackId()));
        for (TrackedObject object : byId) {
            String label = labels.apply(object.classId());
            TrackScene trackScene = state.tracks.computeIfAbsent(object.trackId(), id -> new TrackScene());
            double x = object.bottomCentreX();
            double y = object.bottomCentreY();
            for (Zone zone : scene.zones()) {
                if (zone.watches(label)) {
                    Presence presence = trackScene.zones.computeIfAbsent(zone.name(), n -> new Presence());
                    zone(zone, presence, zone.polygon().contains(x, y), object.trackId(), label, frameMillis, events);
                }
            }
            for (CountingLine line : scene.lines()) {
                if (line.counts(label)) {
                    Side side = trackScene.lines.computeIfAbsent(line.name(), n -> new Side());
                    line(line, side, x, y, object.trackId(), label, frameMillis, events);
                }
            }
        }
        List<TrackedObject> endedById = new ArrayList<>(ended);
        endedById.sort((a, b) -> Long.compare(a.trackId(), b.trackId()));
        for (TrackedObject object : endedById) {
            TrackScene trackScene = state.tracks.remove(object.trackId());
            if (trackScene == null) {
                continue;
            }
            String label = labels.apply(object.classId());
            trackScene.zones.forEach((name, presence) -> {
                if (presence.inside) {
                    events.add(new SceneEvent(
                            Kind.ZONE_EXIT,
                            name,
                            object.trackId(),
                            label,
                            frameMillis,
                            presence.lastInsideMillis - presence.enteredMillis));
                }
            });
        }
        return events;
    }

    private static void zone(
            Zone zone,
            Presence presence,
            boolean inside,
            long trackId,
            String label,
            long now,
            List<SceneEvent> events) {
        if (inside == presence.inside) {
            presence.streak = 0;
        } else {
            if (presence.streak == 0) {
                presence.streakStartMillis = now;
            }
            presence.streak++;
            if (presence.streak >= zone.inertia()) {
                presence.streak = 0;
                presence.inside = inside;
                if (inside) {
                    presence.enteredMillis = presence.streakStartMillis;
                    presence.loiteringReported = false;
                    events.add(new SceneEvent(Kind.ZONE_ENTER, zone.name(), trackId, label, now, 0));
                } else {
                    events.add(new SceneEvent(
                            Kind.ZONE_EXIT,
                            zone.name(),
                            trackId,
                            label,
                            now,
                            presence.streakStartMillis - presence.enteredMillis));
                }
            }
        }
        if (presence.inside) {
            if (inside) {
                presence.lastInsideMillis = now;
            }
            long dwell = now - presence.enteredMillis;
            if (zone.loiteringMillis() > 0 && !presence.loiteringReported && dwell >= zone.loiteringMillis()) {
                presence.loiteringReported = true;
                events.add(new SceneEvent(Kind.LOITERING, zone.name(), trackId, label, now, dwell));
            }
        }
    }

    private static void line(
            CountingLine line,
            Side side,
            double x,
            double y,
            long trackId,
            String label,
            long now,
            List<SceneEvent> events) {
        int current = line.side(x, y);
        if (current == 0) {
            return; // on the line: decides nothing
        }
        if (side.committed == 0 || current == side.committed) {
            side.committed = current;
            side.streak = 0;
            side.anchorX = x;
            side.anchorY = y;
            return;
        }
        side.streak++;
        if (side.streak < line.minFrames()) {
            return;
        }
        if (line.crossedBy(side.anchorX, side.anchorY, x, y)) {
            events.add(new SceneEvent(current > 0 ? Kind.LINE_IN : Kind.LINE_OUT, line.name(), trackId, label, now, 0));
        }
        side.committed = current;
        side.streak = 0;
        side.anchorX = x;
        side.anchorY = y;
    }
}
