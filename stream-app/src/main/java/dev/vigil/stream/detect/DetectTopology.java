package dev.vigil.stream.detect;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Frame;
import dev.vigil.stream.detect.motion.MotionGate;
import dev.vigil.stream.detect.motion.MotionSettings;
import dev.vigil.stream.tracking.TrackingTopology;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The detect application, one step per idea, each forwarding to named children:
 *
 * <pre>
 * frames ─▶ frame-reader ─▶ micro-batcher (logged store frame-buffer) ─▶ detector ─▶ [tracker] ─▶ detections
 *                                                                       [motion gate]
 *               └──────────────── bad records ──────────────────────────────┴──────▶ frames.dlq      ├─▶ objects
 *                                                                                                    └─▶ counts
 * </pre>
 *
 * The tracking stage ({@link TrackingTopology}: ByteTrack, zones and lines, object events, counts) sits between the
 * detector and the detections sink when it is on. A later stage goes there too: add its processor with the stage
 * before it as parent and make it that stage's events child. Built by one static method that the application and
 * the tests share.
 */
public final class DetectTopology {

    public static final String SOURCE = "frames-source";
    public static final String READER = "frame-reader";
    public static final String BATCHER = "micro-batcher";
    public static final String DETECTOR = "detector";
    public static final String DETECTIONS_SINK = "detections-sink";
    public static final String DLQ_SINK = "dlq-sink";
    public static final String BUFFER_STORE = "frame-buffer";
    /** How often the buffer's changelog starts a new segment, which the log cleaner may then compact. */
    static final long BUFFER_SEGMENT_MS = 60_000;

    /** Topic names the topology reads and writes. */
    public record TopicNames(String frames, String detections, String deadLetters) {}

    private DetectTopology() {}

    /** Detection alone: no tracking stage. */
    public static Topology build(
            TopicNames topics,
            BatchingSettings batching,
            long maxImagePixels,
            Deserializer<Frame> frameDeserializer,
            Serializer<DetectionEvent> eventSerializer,
            Supplier<FrameBatchDetector> detectorForThisThread,
            DetectStats stats) {
        return build(
                topics,
                batching,
                maxImagePixels,
                frameDeserializer,
                eventSerializer,
                detectorForThisThread,
                stats,
                null);
    }

    /**
     * @param maxImagePixels        frames whose image has more pixels (declared or real) are dead letters
     * @param frameDeserializer     Confluent-framed Avro {@code Frame} deserializer
     * @param eventSerializer       Confluent-framed Avro {@code DetectionEvent} serializer
     * @param detectorForThisThread gives the calling stream thread its own detector
     * @param tracking              the tracking stage, or {@code null} (or turned off in its settings) for none
     */
    public static Topology build(
            TopicNames topics,
            BatchingSettings batching,
            long maxImagePixels,
            Deserializer<Frame> frameDeserializer,
            Serializer<DetectionEvent> eventSerializer,
            Supplier<FrameBatchDetector> detectorForThisThread,
            DetectStats stats,
            TrackingTopology.Stage tracking) {
        return build(
                topics,
                batching,
                maxImagePixels,
                frameDeserializer,
                eventSerializer,
                detectorForThisThread,
                stats,
                tracking,
                MotionSettings.off());
    }

    /**
     * @param motion the motion gate: when on, each stream task judges its cameras' frames with a {@link MotionGate}
     *               of its own
     */
    public static Topology build(
            TopicNames topics,
            BatchingSettings batching,
            long maxImagePixels,
            Deserializer<Frame> frameDeserializer,
            Serializer<DetectionEvent> eventSerializer,
            Supplier<FrameBatchDetector> detectorForThisThread,
            DetectStats stats,
            TrackingTopology.Stage tracking,
            MotionSettings motion) {
        boolean tracked = tracking != null && tracking.settings().enabled();
        String eventsChild = tracked ? TrackingTopology.STEP : DETECTIONS_SINK;
        Topology topology = new Topology();
        topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.frames());
        topology.addProcessor(
                READER,
                () -> new FrameReader(frameDeserializer, new FrameCheck(maxImagePixels), stats, BATCHER, DLQ_SINK),
                SOURCE);
        topology.addProcessor(
                BATCHER,
                () -> new MicroBatcher(
                        batching,
                        BUFFER_STORE,
                        DETECTOR,
                        stored -> frameDeserializer.deserialize(
                                stored.getSourceTopic(), DeadLetters.bytes(stored.getValue()))),
                READER);
        topology.addStateStore(
                // persistent (RocksDB), though it holds only a batch or two: with a persistent store Kafka Streams
                // keeps its process id in the state directory, so a restart keeps its transactional ids and fences
                // a killed predecessor's transaction at once instead of after the transaction timeout.
                // Cached: a frame put and taken again between two commits (most are) reaches neither RocksDB nor
                // the changelog, only its key's tombstone does; the frames still waiting at a commit are written
                // with it, in the same transaction, so a crash neither loses nor repeats a frame.
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(BUFFER_STORE), Serdes.Long(), new BufferedFrameSerde())
                        .withCachingEnabled()
                        // what reaches the changelog (the frames still waiting at a commit, every frame's tombstone)
                        // stays there until its segment rolls, with Kafka's defaults after 1 GiB or 7 days, and a
                        // restart after a crash (exactly-once wipes the local store) reads it all back: a segment a
                        // minute lets the cleaner compact it to the frames still buffered
                        .withLoggingEnabled(Map.of(TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(BUFFER_SEGMENT_MS))),
                BATCHER);
        topology.addProcessor(
                DETECTOR,
                () -> new DetectStep(
                        batching.staleAfter(),
                        detectorForThisThread,
                        stats,
                        eventsChild,
                        DLQ_SINK,
                        motion.enabled() ? new MotionGate(motion, maxImagePixels) : null),
                BATCHER);
        if (tracked) {
            TrackingTopology.add(topology, DETECTOR, DETECTIONS_SINK, tracking);
        }
        topology.addSink(
                DETECTIONS_SINK,
                topics.detections(),
                new StringSerializer(),
                eventSerializer,
                tracked ? TrackingTopology.STEP : DETECTOR);
        topology.addSink(
                DLQ_SINK, topics.deadLetters(), new StringSerializer(), new ByteArraySerializer(), READER, DETECTOR);
        return topology;
    }
}
