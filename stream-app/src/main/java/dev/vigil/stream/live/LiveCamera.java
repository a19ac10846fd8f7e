package dev.vigil.stream.live;

import dev.vigil.model.zone.CameraScene;
import dev.vigil.model.zone.CountingLine;
import dev.vigil.model.zone.Point;
import dev.vigil.model.zone.SceneConfig;
import dev.vigil.model.zone.Zone;
import dev.vigil.stream.live.LiveRecords.Annotated;
import dev.vigil.stream.live.LiveRecords.Box;
import dev.vigil.stream.live.LiveRecords.EventRow;
import dev.vigil.stream.live.LiveRecords.Shape;
import dev.vigil.stream.live.LiveRecords.Status;
import dev.vigil.stream.live.LiveRecords.StoredFrame;
import dev.vigil.stream.live.LiveRecords.Summary;
import dev.vigil.stream.live.LiveRecords.TrackedObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the live view knows of one camera: its recent frames, the events that answered them, its figures (fps
 * in and out, stale skips, frames the motion gate reused a detection for, capture-to-event latency, frames not answered yet), its tracked objects and its status.
 * Events are matched to frames by ingest run and sequence, whichever of the two arrives first. Memory is bounded:
 * a fixed number of frames, events and objects per camera. Thread-safe.
 */
final class LiveCamera {

    static final int FRAMES_KEPT = 64;
    static final int EVENTS_KEPT = 30;
    static final int OBJECTS_KEPT = 24;
    private static final int UNMATCHED_EVENTS_KEPT = 32;
    private static final long RATE_WINDOW_MILLIS = 10_000;
    private static final int LATENCIES_KEPT = 256;
    private static final String REUSED = "REUSED_NO_MOTION";

    private final String id;
    private final String urlId;
    private final SceneConfig sceneConfig;

    private final LinkedHashMap<String, StoredFrame> frames = new LinkedHashMap<>();
    private final ArrayDeque<EventRow> unmatched = new ArrayDeque<>();
    private final ArrayDeque<EventRow> events = new ArrayDeque<>();
    /** By track id, least recently seen first. */
    private final LinkedHashMap<Long, TrackedObject> objects = new LinkedHashMap<>(16, 0.75f, true);

    private final Map<Long, StoredFrame> objectSnapshots = new LinkedHashMap<>();

    private final RecentRate framesIn = new RecentRate(RATE_WINDOW_MILLIS);
    private final RecentRate eventsOut = new RecentRate(RATE_WINDOW_MILLIS);
    private final RecentRate staleRate = new RecentRate(RATE_WINDOW_MILLIS);
    private final RecentLatencies latencies = new RecentLatencies(LATENCIES_KEPT);
    private long staleSkipped;
    /** Events of frames the motion gate found still (drawn like the others: their boxes hold). */
    private long reused;

    private String modelName = "";
    private String modelVersion = "";
    private Long lastFrameArrival;
    private Long lastEventArrival;
    private Annotated latest;
    private StoredFrame latestFrame;
    private Status status;
    private List<Shape> scene = List.of();
    private String sceneSize = "";

    LiveCamera(String id, SceneConfig sceneConfig) {
        this.id = id;
        this.urlId = URLEncoder.encode(id, StandardCharsets.UTF_8);
        this.sceneConfig = sceneConfig;
    }

    String id() {
        return id;
    }

    /** A frame arrived; returns the newly drawable frame when an event was waiting for it. */
    synchronized Optional<Annotated> onFrame(StoredFrame frame, long nowMillis) {
        framesIn.add(nowMillis);
        lastFrameArrival = nowMillis;
        frames.put(frame.key(), frame);
        while (frames.size() > FRAMES_KEPT) {
            Iterator<String> oldest = frames.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        for (Iterator<EventRow> it = unmatched.iterator(); it.hasNext(); ) {
            EventRow waiting = it.next();
            if (waiting.run().equals(frame.run()) && waiting.sequence() == frame.sequence()) {
                it.remove();
                return show(frame, waiting);
            }
        }
        return Optional.empty();
    }

    /** An event arrived; returns the newly drawable frame when its frame is here. */
    synchronized Optional<Annotated> onEvent(EventRow event, String modelName, String modelVersion, long nowMillis) {
        eventsOut.add(nowMillis);
        lastEventArrival = nowMillis;
        this.modelName = modelName;
        this.modelVersion = modelVersion;
        events.addFirst(event);
        while (events.size() > EVENTS_KEPT) {
            events.removeLast();
        }
        if ("SKIPPED_STALE".equals(event.status())) {
            staleSkipped++;
            staleRate.add(nowMillis);
            return Optional.empty();
        }
        if (REUSED.equals(event.status())) {
            reused++;
        } else if (!"OK".equals(event.status())) {
            return Optional.empty();
        }
        latencies.add(event.latencyMillis());
        StoredFrame frame = frames.get(StoredFrame.key(event.run(), event.sequence()));
        if (frame == null) {
            unmatched.addLast(event);
            while (unmatched.size() > UNMATCHED_EVENTS_KEPT) {
                unmatched.removeFirst();
            }
            return Optional.empty();
        }
        return show(frame, event);
    }

    synchronized void onStatus(Status newStatus) {
        status = newStatus;
    }

    private Optional<Annotated> show(StoredFrame frame, EventRow event) {
        if (latest != null && latestFrame.run().equals(frame.run()) && frame.sequence() < latestFrame.sequence()) {
            remember(frame, event);
            return Optional.empty(); // an older frame answered late: keep showing the newer one
        }
        latestFrame = frame;
        latest = new Annotated(
                id,
                frameUrl(frame),
                frame.sequence(),
                frame.captureMillis(),
                frame.width(),
                frame.height(),
                event.latencyMillis(),
                event.boxes());
        remember(frame, event);
        updateScene(frame.width(), frame.height());
        return Optional.of(latest);
    }

    /** Keeps each tracked object's best view (highest score) and when it was seen. */
    private void remember(StoredFrame frame, EventRow event) {
        for (Box box : event.boxes()) {
            if (box.trackId() == null) {
                continue;
            }
            long track = box.trackId();
            TrackedObject known = objects.get(track);
            boolean better = known == null || box.score() > known.bestScore();
            if (better) {
                objectSnapshots.put(track, frame);
            }
            objects.put(
                    track,
                    new TrackedObject(
                            track,
                            box.label(),
                            better ? box.score() : known.bestScore(),
                            better ? box : known.bestBox(),
                            "/api/cameras/" + urlId + "/objects/" + track,
                            known == null ? event.frameMillis() : known.firstSeenMillis(),
                            event.frameMillis()));
            while (objects.size() > OBJECTS_KEPT) {
                Long eldest = objects.keySet().iterator().next();
                objects.remove(eldest);
                objectSnapshots.remove(eldest);
            }
        }
    }

    private void updateScene(int width, int height) {
        String size = width + "x" + height;
        if (size.equals(sceneSize)) {
            return;
        }
        sceneSize = size;
        CameraScene resolved = sceneConfig.resolve(id, width, height);
        List<Shape> shapes = new ArrayList<>();
        for (Zone zone : resolved.zones()) {
            shapes.add(new Shape(
                    zone.name(),
                    "zone",
                    zone.polygon().vertices().stream().map(LiveCamera::xy).toList()));
        }
        for (CountingLine line : resolved.lines()) {
            shapes.add(new Shape(line.name(), "line", List.of(xy(line.from()), xy(line.to()))));
        }
        scene = List.copyOf(shapes);
    }

    private static double[] xy(Point p) {
        return new double[] {p.x(), p.y()};
    }

    private String frameUrl(StoredFrame frame) {
        return "/api/cameras/" + urlId + "/frames/" + frame.sequence() + "?run="
                + URLEncoder.encode(frame.run(), StandardCharsets.UTF_8);
    }

    synchronized Summary summary(long nowMillis) {
        return new Summary(
                id,
                status,
                framesIn.perSecond(nowMillis),
                eventsOut.perSecond(nowMillis),
                staleSkipped,
                staleRate.perSecond(nowMillis),
                reused,
                latencies.percentile(0.5),
                latencies.percentile(0.99),
                framesBehind(),
                modelName,
                modelVersion,
                lastFrameArrival,
                lastEventArrival,
                latest,
                scene);
    }

    /** Frames held that arrived after the one last drawn: what detect has not answered yet. */
    private int framesBehind() {
        if (latestFrame == null) {
            return frames.size();
        }
        int behind = 0;
        boolean after = false;
        for (StoredFrame f : frames.values()) {
            if (after) {
                behind++;
            }
            after |= f == latestFrame;
        }
        return after ? behind : frames.size();
    }

    synchronized List<EventRow> events() {
        return List.copyOf(events);
    }

    synchronized List<TrackedObject> objects() {
        List<TrackedObject> newestFirst = new ArrayList<>(objects.values());
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    synchronized Optional<StoredFrame> frame(String run, long sequence) {
        return Optional.ofNullable(frames.get(StoredFrame.key(run, sequence)));
    }

    synchronized Optional<StoredFrame> objectSnapshot(long trackId) {
        return Optional.ofNullable(objectSnapshots.get(trackId));
    }

    /** The frame drawn last, or empty before the first event. */
    synchronized Optional<Annotated> latest() {
        return Optional.ofNullable(latest);
    }
}
