package dev.vigil.stream.testing;

import dev.vigil.schemas.Frame;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.ingest.KafkaFrameSink;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Produces test frames through the same sink ingest uses (idempotent producer, Avro serde). */
public final class FrameProducer implements AutoCloseable {

    private final KafkaFrameSink sink;

    public FrameProducer(String bootstrap, String registryUrl, String topic) {
        sink = new KafkaFrameSink(
                Map.of("bootstrap.servers", bootstrap),
                topic,
                AvroSerdes.specific(Frame.class, Map.of("schema.registry.url", registryUrl))
                        .serializer(),
                1 << 22);
    }

    /** Sends one frame and waits until the broker has it. */
    public void send(String camera, long sequence, Instant capture) {
        send(TestFrames.frame(camera, sequence, capture));
    }

    /** Sends {@code frame} (key: its camera id) and waits until the broker has it. */
    public void send(Frame frame) {
        CompletableFuture<Exception> done = new CompletableFuture<>();
        sink.send(frame, done::complete);
        Exception error = done.join();
        if (error != null) {
            throw new IllegalStateException(
                    "Frame " + frame.getCameraId() + "#" + frame.getFrameSequence() + " was not stored", error);
        }
    }

    @Override
    public void close() {
        sink.close();
    }
}
