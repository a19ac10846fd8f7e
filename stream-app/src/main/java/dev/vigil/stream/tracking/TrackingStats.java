package dev.vigil.stream.tracking;

import dev.vigil.schemas.ObjectEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The tracking stage's meters. In Prometheus: the histogram {@code vigil_detect_tracking_duration_seconds} (the
 * stage's time per frame: state read and written, tracker, zones, lifecycle, events handed to the sinks), {@code
 * vigil_detect_objects_total} by {@code type} (new, update, end), {@code vigil_detect_zone_counts_total} (closed
 * windows' count records) and {@code vigil_detect_detections_filtered_total} (removed by a camera's masks and
 * thresholds).
 */
public final class TrackingStats {

    static final String DURATION = "vigil.detect.tracking.duration";
    static final String OBJECTS = "vigil.detect.objects";
    static final String COUNTS = "vigil.detect.zone.counts";
    static final String FILTERED = "vigil.detect.detections.filtered";

    final Timer duration;
    private final Map<ObjectEventType, Counter> objects = new EnumMap<>(ObjectEventType.class);
    final Counter counts;
    final Counter filtered;

    /** Meters kept only here (tests, benchmarks). */
    public TrackingStats() {
        this(new SimpleMeterRegistry());
    }

    public TrackingStats(MeterRegistry registry) {
        duration = Timer.builder(DURATION)
                .description("Time of the tracking stage per frame: its state read and written, the tracker, zones "
                        + "and lines, object events, and the records handed to the sinks.")
                .serviceLevelObjectives(
                        Duration.ofNanos(100_000),
                        Duration.ofNanos(250_000),
                        Duration.ofMillis(1),
                        Duration.ofMillis(2),
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(50))
                .register(registry);
        for (ObjectEventType type :
                new ObjectEventType[] {ObjectEventType.NEW, ObjectEventType.UPDATE, ObjectEventType.END}) {
            objects.put(
                    type,
                    Counter.builder(OBJECTS)
                            .description("Object lifecycle events sent, by type.")
                            .tag("type", type.name().toLowerCase(java.util.Locale.ROOT))
                            .register(registry));
        }
        counts = Counter.builder(COUNTS)
                .description("Count records of closed windows sent (one per camera, zone or line, class, direction).")
                .register(registry);
        filtered = Counter.builder(FILTERED)
                .description("Detections removed by a camera's masks and minimum score and area.")
                .register(registry);
    }

    void objectEvent(ObjectEventType type) {
        Counter counter = objects.get(type);
        if (counter != null) {
            counter.increment();
        }
    }

    /** Object events of {@code type} sent. */
    public long objectEvents(ObjectEventType type) {
        Counter counter = objects.get(type);
        return counter == null ? 0 : (long) counter.count();
    }

    /** The stage's time per frame. */
    public Timer duration() {
        return duration;
    }
}
