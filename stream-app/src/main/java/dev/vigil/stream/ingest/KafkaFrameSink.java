package dev.vigil.stream.ingest;

import dev.vigil.schemas.Frame;
import dev.vigil.schemas.serde.AvroSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends frames to the frames topic: key = camera id (so a camera's frames stay ordered in one partition), through an
 * idempotent producer that never writes a frame twice on retry. The record timestamp is the time of ingest, not of
 * capture (which stays in the payload): the topic's time retention then counts from when a frame arrived, so replayed
 * old footage is not deleted the moment it is written, and the broker never refuses a frame for its capture time.
 */
public final class KafkaFrameSink implements FrameSink, MeterBinder, AutoCloseable {

    private final KafkaProducer<String, Frame> producer;
    private final String topic;
    private KafkaClientMetrics clientMetrics;

    /**
     * A sink with Vigil's Avro serializer for frames.
     *
     * @param clientConfig    bootstrap servers, security settings and any other producer settings
     * @param serdeConfig     the registry URL and registry client settings
     * @param maxRequestBytes the largest record the topic accepts
     */
    public static KafkaFrameSink create(
            Map<String, Object> clientConfig, Map<String, Object> serdeConfig, String topic, int maxRequestBytes) {
        return new KafkaFrameSink(
                clientConfig,
                topic,
                AvroSerdes.specific(Frame.class, serdeConfig).serializer(),
                maxRequestBytes);
    }

    /**
     * @param clientConfig bootstrap servers, security settings and any other producer settings
     */
    public KafkaFrameSink(
            Map<String, Object> clientConfig, String topic, Serializer<Frame> frameSerializer, int maxRequestBytes) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "vigil-ingest");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), frameSerializer);
        this.topic = topic;
    }

    @Override
    public void send(Frame frame, Consumer<Exception> onDone) {
        ProducerRecord<String, Frame> record =
                new ProducerRecord<>(topic, null, System.currentTimeMillis(), frame.getCameraId(), frame);
        try {
            producer.send(record, (metadata, error) -> onDone.accept(error));
        } catch (RuntimeException e) {
            onDone.accept(e);
        }
    }

    /** Waits until every frame handed over so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    /** The producer's own metrics ({@code kafka_producer_*}: record send rate, errors, request latency, ...). */
    @Override
    public void bindTo(MeterRegistry registry) {
        clientMetrics = new KafkaClientMetrics(producer);
        clientMetrics.bindTo(registry);
    }

    @Override
    public void close() {
        if (clientMetrics != null) {
            clientMetrics.close();
        }
        producer.close(Duration.ofSeconds(30));
    }
}
