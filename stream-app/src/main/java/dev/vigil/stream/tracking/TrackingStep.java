package dev.vigil.stream.tracking;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.ObjectEvent;
import dev.vigil.schemas.ZoneCount;
import dev.vigil.stream.tracking.internal.CameraCounts;
import dev.vigil.stream.tracking.internal.TrackingState;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The tracking stage of the detect topology: takes each frame's detection event from the detect step, tracks it with
 * the camera's state from the logged store {@value TrackingTopology#STATE_STORE}, counts in the store {@value
 * TrackingTopology#COUNTS_STORE}, and forwards the event with its track ids to the events child, object lifecycle
 * events to the objects child and closed windows' counts to the counts child, each with the frame record's timestamp.
 * Under exactly-once, the stores, the forwarded records and the consumed offsets commit together: a crash neither
 * renumbers a track nor repeats an object event or a count.
 */
final class TrackingStep implements Processor<String, DetectionEvent, String, Object> {

    private final TrackingSettings settings;
    private final TrackingStats stats;
    private final String eventsChild;
    private final String objectsChild;
    private final String countsChild;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, TrackingState> states;
    private KeyValueStore<String, CameraCounts> counts;
    private CameraTracking tracking;

    TrackingStep(
            TrackingSettings settings,
            TrackingStats stats,
            String eventsChild,
            String objectsChild,
            String countsChild) {
        this.settings = settings;
        this.stats = stats;
        this.eventsChild = eventsChild;
        this.objectsChild = objectsChild;
        this.countsChild = countsChild;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.states = context.getStateStore(TrackingTopology.STATE_STORE);
        this.counts = context.getStateStore(TrackingTopology.COUNTS_STORE);
        this.tracking = new CameraTracking(settings);
    }

    @Override
    public void process(Record<String, DetectionEvent> record) {
        long start = System.nanoTime();
        String camera = record.value().getCameraId();
        CameraState state = read(camera, record.value().getFrameTime().toEpochMilli());
        CountWindows windows = CountWindows.of(camera, tracking.counts(camera) ? counts.get(camera) : null);
        CameraTracking.Outcome outcome = tracking.step(state, windows, record.value());
        states.put(camera, state.toRecord());
        if (windows.changed()) {
            counts.put(camera, windows.toRecord());
        }
        context.forward(record.withKey(camera).withValue((Object) outcome.event()), eventsChild);
        for (ObjectEvent object : outcome.objects()) {
            context.forward(record.withKey(camera).withValue((Object) object), objectsChild);
            stats.objectEvent(object.getType());
        }
        for (ZoneCount count : outcome.counts()) {
            context.forward(record.withKey(camera).withValue((Object) count), countsChild);
            stats.counts.increment();
        }
        stats.filtered.increment(outcome.filtered());
        stats.duration.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private CameraState read(String camera, long frameMillis) {
        TrackingState stored = states.get(camera);
        if (stored == null) {
            return CameraState.initial(frameMillis);
        }
        try {
            return CameraState.of(stored);
        } catch (IllegalArgumentException e) {
            // Without its state the camera's track ids could be issued again: stop rather than break that promise.
            throw new IllegalStateException(
                    "The tracking state of camera " + camera + " in store " + TrackingTopology.STATE_STORE
                            + " cannot be read (" + e.getMessage() + "); it was written by another version of Vigil or"
                            + " is damaged",
                    e);
        }
    }
}
