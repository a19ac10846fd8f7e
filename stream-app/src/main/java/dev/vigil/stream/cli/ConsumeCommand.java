package dev.vigil.stream.cli;

import dev.vigil.schemas.serde.AvroDeserializer;
import dev.vigil.schemas.serde.AvroSerdeConfig;
import dev.vigil.stream.config.DurationConverter;
import dev.vigil.stream.config.KafkaClientOptions;
import dev.vigil.stream.consume.AvroJson;
import dev.vigil.stream.kafka.ConnectOptions;
import dev.vigil.stream.kafka.StartupCheck;
import dev.vigil.stream.kafka.TopicReader;
import dev.vigil.stream.kafka.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil consume}: a debugging subscriber that prints a topic's records as JSON lines: detection events by
 * default, object events and counts too (any record whose generated class Vigil has).
 */
@Command(
        name = "consume",
        mixinStandardHelpOptions = true,
        description = "Prints the records of a topic (detections by default; objects, counts, ...) as JSON lines on "
                + "stdout (committed records only, no consumer group), until Ctrl-C, --max-records or --timeout.")
public final class ConsumeCommand implements Callable<Integer> {

    private static final Duration POLL_WAIT = Duration.ofMillis(200);

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClientOptions kafka;

    @Mixin
    ConnectOptions connect;

    @Option(
            names = "--topic",
            defaultValue = Topics.DETECTIONS,
            description = "Any topic of Vigil's Avro records: " + Topics.DETECTIONS + ", " + Topics.OBJECTS + ", "
                    + Topics.COUNTS + ", ... Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(
            names = "--from-beginning",
            defaultValue = "false",
            description = "Start at the oldest event; otherwise print only events that arrive from now on.")
    boolean fromBeginning;

    @Option(names = "--camera", paramLabel = "NAME", description = "Only this camera's events (repeatable).")
    Set<String> cameras = new HashSet<>();

    @Option(
            names = "--max-records",
            paramLabel = "N",
            defaultValue = "0",
            description = "Stop after printing N events; 0 = no limit. Default: ${DEFAULT-VALUE}.")
    long maxRecords;

    @Option(
            names = "--timeout",
            defaultValue = "0s",
            converter = DurationConverter.class,
            description = "Stop when no event arrived for this long; 0s = wait for ever. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    private volatile boolean stopRequested;

    @Override
    public Integer call() {
        new StartupCheck(connect).awaitKafkaAndRegistry(kafka.clientConfig(), kafka.serdeConfig());
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> serde = new HashMap<>(kafka.serdeConfig());
        serde.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true); // each record as its writer's generated class
        AvroDeserializer<IndexedRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(serde, false);
        try (TopicReader<IndexedRecord> reader =
                        new TopicReader<>(kafka.clientConfig(), topic, deserializer, connect.timeout());
                GracefulShutdown shutdown = GracefulShutdown.onSignal("vigil-consume", () -> stopRequested = true)) {
            if (fromBeginning) {
                reader.seekToBeginning();
            } else {
                reader.seekToEnd();
            }
            long printed = 0;
            long lastArrivalNanos = System.nanoTime();
            while (!stopRequested && (maxRecords == 0 || printed < maxRecords)) {
                var records = reader.poll(POLL_WAIT);
                if (!records.isEmpty()) {
                    lastArrivalNanos = System.nanoTime();
                }
                for (ConsumerRecord<String, IndexedRecord> r : records) {
                    if (r.value() != null && (cameras.isEmpty() || cameras.contains(cameraOf(r.value())))) {
                        out.println(AvroJson.toJsonLine(r.value()));
                        if (++printed == maxRecords) {
                            break;
                        }
                    }
                }
                out.flush();
                if (!timeout.isZero() && System.nanoTime() - lastArrivalNanos > timeout.toNanos()) {
                    break;
                }
            }
            return 0;
        }
    }

    /** The record's {@code camera_id}, or null for a record without one. */
    private static String cameraOf(IndexedRecord record) {
        Schema.Field field = record.getSchema().getField("camera_id");
        Object camera = field == null ? null : record.get(field.pos());
        return camera == null ? null : camera.toString();
    }
}
