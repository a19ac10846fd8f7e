package dev.vigil.stream.detect;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Frame;
import java.util.function.Supplier;
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
 * The detect application: {@code frames} → micro-batcher → detector → {@code detections}, bad frames →
 * {@code frames.dlq}. Built by one static method that the application and the tests share.
 */
public final class DetectTopology {

    public static final String SOURCE = "frames-source";
    public static final String BATCHER = "micro-batcher";
    public static final String DETECTIONS_SINK = "detections-sink";
    public static final String DLQ_SINK = "dlq-sink";
    public static final String BUFFER_STORE = "frame-buffer";

    /** Topic names the topology reads and writes. */
    public record TopicNames(String frames, String detections, String deadLetters) {}

    private DetectTopology() {}

    /**
     * @param frameDeserializer     Confluent-framed Avro {@code Frame} deserializer
     * @param eventSerializer       Confluent-framed Avro {@code DetectionEvent} serializer
     * @param detectorForThisThread gives the calling stream thread its own detector
     */
    public static Topology build(
            TopicNames topics,
            BatchingSettings batching,
            Deserializer<Frame> frameDeserializer,
            Serializer<DetectionEvent> eventSerializer,
            Supplier<FrameBatchDetector> detectorForThisThread,
            DetectStats stats) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.frames());
        topology.addProcessor(
                BATCHER,
                () -> new MicroBatchProcessor(batching, frameDeserializer, detectorForThisThread, stats, BUFFER_STORE),
                SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(BUFFER_STORE), Serdes.Long(), new BufferedFrameSerde()),
                BATCHER);
        topology.addSink(DETECTIONS_SINK, topics.detections(), new StringSerializer(), eventSerializer, BATCHER);
        topology.addSink(DLQ_SINK, topics.deadLetters(), new StringSerializer(), new ByteArraySerializer(), BATCHER);
        return topology;
    }
}
