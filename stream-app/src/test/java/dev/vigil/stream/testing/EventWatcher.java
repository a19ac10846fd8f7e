package dev.vigil.stream.testing;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A subscriber of a detections topic as a CCTV pipeline would be (read_committed, from the beginning), collecting
 * every event on a thread of its own, so a test can wait for an event and then look at all of them.
 */
public final class EventWatcher implements AutoCloseable {

    private final List<DetectionEvent> events = new ArrayList<>();
    private final Thread thread;
    private final KafkaConsumer<String, DetectionEvent> consumer;
    private volatile boolean closed;

    public EventWatcher(String bootstrap, String registryUrl, String topic) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "watcher-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                AvroSerdes.specific(DetectionEvent.class, Map.of("schema.registry.url", registryUrl))
                        .deserializer());
        consumer.subscribe(List.of(topic));
        thread = new Thread(this::watch, "event-watcher-" + topic);
        thread.start();
    }

    private void watch() {
        while (!closed) {
            consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                synchronized (events) {
                    events.add(r.value());
                    events.notifyAll();
                }
            });
        }
        consumer.close();
    }

    /** Every event so far, in the order received. */
    public List<DetectionEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /**
     * Waits until an event matches {@code wanted}.
     *
     * @return that event
     * @throws AssertionError naming {@code what} when none came within {@code timeout}
     */
    public DetectionEvent await(String what, Predicate<DetectionEvent> wanted, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (events) {
            int looked = 0;
            while (true) {
                for (; looked < events.size(); looked++) {
                    if (wanted.test(events.get(looked))) {
                        return events.get(looked);
                    }
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError(
                            "No event " + what + " within " + timeout + "; " + events.size() + " events seen");
                }
                events.wait(left);
            }
        }
    }

    /**
     * Waits until {@code count} events came, or until none came for {@code stall} (a backlog that is still draining on
     * a busy machine is waited for; a detector that stopped is not), then a little longer, so a duplicate would show.
     */
    public List<DetectionEvent> awaitCount(long count, Duration stall) throws InterruptedException {
        synchronized (events) {
            int seen = events.size();
            Instant deadline = Instant.now().plus(stall);
            while (events.size() < count && Instant.now().isBefore(deadline)) {
                events.wait(
                        Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
                if (events.size() > seen) {
                    seen = events.size();
                    deadline = Instant.now().plus(stall);
                }
            }
        }
        Thread.sleep(3_000);
        return events();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join();
    }
}
