package dev.vigil.stream.tracking;

import dev.vigil.schemas.ObjectEvent;
import dev.vigil.schemas.ZoneCount;
import dev.vigil.stream.kafka.InternalAvroSerde;
import dev.vigil.stream.tracking.internal.CameraCounts;
import dev.vigil.stream.tracking.internal.TrackingState;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The tracking stage as a part of a topology: the step, its two logged stores keyed by camera, and the sinks of the
 * objects and counts topics.
 *
 * <pre>
 * parent ─▶ tracker (stores tracking-state, zone-counts) ─▶ events child (the detections sink)
 *                                                       ├─▶ objects-sink ─▶ objects
 *                                                       └─▶ counts-sink  ─▶ counts
 * </pre>
 */
public final class TrackingTopology {

    public static final String STEP = "tracker";
    public static final String OBJECTS_SINK = "objects-sink";
    public static final String COUNTS_SINK = "counts-sink";
    /** Per camera: the tracker's, the scene's and the object lifecycle's state. */
    public static final String STATE_STORE = "tracking-state";
    /** Per camera: the open count window and the last closed one; queried by {@link CountsApi}. */
    public static final String COUNTS_STORE = "zone-counts";

    /**
     * The stage's settings and what it writes with.
     *
     * @param objectSerializer Confluent-framed Avro {@code ObjectEvent} serializer
     * @param countSerializer  Confluent-framed Avro {@code ZoneCount} serializer
     */
    public record Stage(
            TrackingSettings settings,
            Serializer<ObjectEvent> objectSerializer,
            Serializer<ZoneCount> countSerializer,
            TrackingStats stats) {}

    private TrackingTopology() {}

    /** How {@value #STATE_STORE} keeps a camera's state (and writes it to its changelog). */
    static InternalAvroSerde<TrackingState> stateSerde() {
        return new InternalAvroSerde<>(TrackingState.class, "tracking state");
    }

    /** How {@value #COUNTS_STORE} keeps a camera's count windows. */
    static InternalAvroSerde<CameraCounts> countsSerde() {
        return new InternalAvroSerde<>(CameraCounts.class, "camera counts");
    }

    /**
     * Adds the stage after {@code parent}; the events child (which the caller adds, with {@link #STEP} as its parent)
     * receives every event with its track ids.
     */
    public static void add(Topology topology, String parent, String eventsChild, Stage stage) {
        topology.addProcessor(
                STEP,
                () -> new TrackingStep(stage.settings(), stage.stats(), eventsChild, OBJECTS_SINK, COUNTS_SINK),
                parent);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STATE_STORE), Serdes.String(), stateSerde()),
                STEP);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(COUNTS_STORE), Serdes.String(), countsSerde()),
                STEP);
        topology.addSink(
                OBJECTS_SINK, stage.settings().objectsTopic(), new StringSerializer(), stage.objectSerializer(), STEP);
        topology.addSink(
                COUNTS_SINK, stage.settings().countsTopic(), new StringSerializer(), stage.countSerializer(), STEP);
    }
}
