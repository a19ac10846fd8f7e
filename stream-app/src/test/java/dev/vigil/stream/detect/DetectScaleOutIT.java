package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.testing.DetectProcess;
import dev.vigil.stream.testing.FrameProducer;
import dev.vigil.stream.testing.SmallModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's consumer group as Vigil's distributed engine, on the real broker with {@code vigil detect} processes of one
 * application id, each in its own JVM with its own state directory: two and then three instances split the frames
 * topic's partitions evenly; one killed with SIGKILL while frames flow has its partitions taken over by the others
 * within {@value #TAKEOVER_LIMIT_S} s, and its cameras' events resume once the broker has aborted the killed
 * instance's open transaction; a fresh instance added afterwards gets its share; and in the end a read_committed
 * subscriber has exactly one event per frame. The times are printed (docs/benchmarks.md, README "Scaling detect").
 */
class DetectScaleOutIT {

    static final int PARTITIONS = 6;
    static final String APPLICATION_ID = "scale-out-test";
    /** Detect's group settings in this test: a killed member is noticed after the session timeout. */
    static final String GROUP_SETTINGS = "session.timeout.ms=6000,heartbeat.interval.ms=1000";
    /** The issue's bound on the others taking over a killed instance's partitions. */
    static final int TAKEOVER_LIMIT_S = 15;
    /**
     * Until the broker aborts the killed instance's open transaction, read_committed subscribers see nothing past it on
     * the partitions it wrote to (the detections topic's too): Kafka Streams' transaction timeout under exactly-once
     * (10 s) plus the broker's check for timed-out transactions ({@code
     * transaction.abort.timed.out.transaction.cleanup.interval.ms}, 10 s by default), and the time to run the
     * waiting frames.
     */
    static final int EVENTS_RESUME_LIMIT_S = 10 + 10 + 10;

    static final long ROUND_MS = 2_000;

    @TempDir
    Path tmp;

    private final List<DetectProcess> started = new ArrayList<>();

    @Test
    void instancesShareThePartitionsTakeOverAKilledOnesAndANewOneGetsItsShare() throws Exception {
        try {
            shareKillAndAdd();
        } catch (AssertionError e) {
            for (DetectProcess p : started) {
                System.err.println("---- " + p.log().getFileName() + " ----");
                System.err.println(Files.readString(p.log()));
            }
            throw e;
        } finally {
            for (DetectProcess p : started) {
                p.close();
            }
        }
    }

    private void shareKillAndAdd() throws Exception {
        Path model = SmallModels.writeRandomMobileNet(tmp.resolve("model"));
        List<String> cameras = onePerPartition(PARTITIONS);
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral();
                Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            TopicSettings defaults = TopicSettings.defaults();
            TopicProvisioner.ensure(
                    Map.of("bootstrap.servers", infra.bootstrapServers()),
                    new TopicSettings(
                            true,
                            PARTITIONS,
                            defaults.replicationFactor(),
                            defaults.maxMessageBytes(),
                            defaults.retentionMs(),
                            defaults.timeout()),
                    Set.of(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ));
            try (FrameSource frames = new FrameSource(infra, cameras);
                    EventCollector events = new EventCollector(infra)) {
                DetectProcess a = startDetect(infra, model, "a");
                DetectProcess b = startDetect(infra, model, "b");
                awaitEvenSplit(admin, Set.of("a", "b"));

                DetectProcess c = startDetect(infra, model, "c");
                Map<String, Set<Integer>> three = awaitEvenSplit(admin, Set.of("a", "b", "c"));
                events.awaitEveryCameraBeyond(cameras, frames.sentSoFar(), Duration.ofSeconds(180));

                Set<Integer> orphaned = three.get("b");
                long lastSentBeforeKill = frames.sentSoFar();
                Instant killedAt = Instant.now();
                b.kill();
                Map<String, Set<Integer>> survivors = awaitEvenSplit(admin, Set.of("a", "c"));
                Duration reassigned = Duration.between(killedAt, Instant.now());
                List<String> orphanedCameras =
                        orphaned.stream().map(cameras::get).toList();
                Instant resumed =
                        events.awaitEveryCameraBeyond(orphanedCameras, lastSentBeforeKill, Duration.ofSeconds(180));
                Duration takeover = Duration.between(killedAt, resumed);
                System.out.printf(
                        "SIGKILL of one of three instances (%s): its partitions %s reassigned after %.1f s, events "
                                + "for their cameras again after %.1f s; then %s%n",
                        GROUP_SETTINGS,
                        orphaned,
                        reassigned.toMillis() / 1000.0,
                        takeover.toMillis() / 1000.0,
                        survivors);
                assertThat(reassigned)
                        .as("the others hold the killed instance's partitions within %d s", TAKEOVER_LIMIT_S)
                        .isLessThanOrEqualTo(Duration.ofSeconds(TAKEOVER_LIMIT_S));
                assertThat(takeover)
                        .as("events for the killed instance's cameras within %d s", EVENTS_RESUME_LIMIT_S)
                        .isLessThanOrEqualTo(Duration.ofSeconds(EVENTS_RESUME_LIMIT_S));

                startDetect(infra, model, "d");
                Instant added = Instant.now();
                awaitEvenSplit(admin, Set.of("a", "c", "d"));
                System.out.printf(
                        "An instance added to two: its share after %.1f s%n",
                        Duration.between(added, Instant.now()).toMillis() / 1000.0);

                long sent = frames.stopAfterSending(2 * PARTITIONS);
                Map<String, Long> perFrame = events.awaitAllThenCount(sent, Duration.ofSeconds(180));
                assertThat(perFrame).as("frames with an event").hasSize((int) sent);
                assertThat(perFrame.values()).as("events per frame").containsOnly(1L);
                a.stop();
                c.stop();
            }
        }
    }

    private DetectProcess startDetect(LocalInfrastructure infra, Path model, String name) throws Exception {
        DetectProcess process = DetectProcess.start(
                infra,
                model,
                tmp.resolve("state-" + name),
                tmp.resolve("detect-" + name + ".log"),
                "--application-id",
                APPLICATION_ID,
                "--kafka-property",
                GROUP_SETTINGS + ",client.id=detect-" + name);
        started.add(process);
        return process;
    }

    /**
     * Waits until the group's members are exactly the named instances and each holds {@code PARTITIONS /
     * instances} frames partitions (Kafka Streams moves partitions in more than one rebalance: a newcomer first gets
     * none); returns each instance's partitions.
     */
    private static Map<String, Set<Integer>> awaitEvenSplit(Admin admin, Set<String> instances) throws Exception {
        Instant deadline = Instant.now().plusSeconds(180);
        Map<String, Set<Integer>> assignment = Map.of();
        while (Instant.now().isBefore(deadline)) {
            assignment = assignment(admin);
            if (assignment.keySet().equals(instances)
                    && assignment.values().stream().allMatch(p -> p.size() == PARTITIONS / instances.size())) {
                return assignment;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Group " + APPLICATION_ID + " never split its " + PARTITIONS
                + " partitions evenly over " + instances + "; last: " + assignment);
    }

    /**
     * Frames partitions per member, the member named by its client id's instance ("detect-a-StreamThread-1-..."); empty
     * before the group exists.
     */
    private static Map<String, Set<Integer>> assignment(Admin admin) throws Exception {
        Map<String, Set<Integer>> byInstance = new TreeMap<>();
        ConsumerGroupDescription group;
        try {
            group = admin.describeConsumerGroups(List.of(APPLICATION_ID))
                    .all()
                    .get()
                    .get(APPLICATION_ID);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return byInstance;
            }
            throw e;
        }
        for (MemberDescription member : group.members()) {
            String instance = member.clientId().replaceFirst("^detect-([^-]+)-.*$", "$1");
            Set<Integer> partitions = byInstance.computeIfAbsent(instance, k -> new TreeSet<>());
            for (TopicPartition tp : member.assignment().topicPartitions()) {
                if (tp.topic().equals(Topics.FRAMES)) {
                    partitions.add(tp.partition());
                }
            }
        }
        return byInstance;
    }

    /** Camera ids such that the i-th one's frames go to partition i (the producer's default partitioner). */
    static List<String> onePerPartition(int partitions) {
        String[] cameras = new String[partitions];
        int found = 0;
        for (int i = 0; found < partitions; i++) {
            String camera = "cam-" + i;
            int partition = Utils.toPositive(Utils.murmur2(camera.getBytes(StandardCharsets.UTF_8))) % partitions;
            if (cameras[partition] == null) {
                cameras[partition] = camera;
                found++;
            }
        }
        return List.of(cameras);
    }

    /** One frame per camera every {@link #ROUND_MS}, sequence numbers counting up, until stopped. */
    private static final class FrameSource implements AutoCloseable {
        private final FrameProducer producer;
        private final List<String> cameras;
        private final AtomicLong rounds = new AtomicLong();
        private final AtomicLong stopAfter = new AtomicLong(Long.MAX_VALUE);
        private final Thread thread;

        FrameSource(LocalInfrastructure infra, List<String> cameras) {
            this.producer = new FrameProducer(infra.bootstrapServers(), infra.schemaRegistryUrl(), Topics.FRAMES);
            this.cameras = cameras;
            this.thread = new Thread(this::run, "frame-source");
            thread.start();
        }

        private void run() {
            Instant start = Instant.now();
            try {
                for (long round = 0; round < stopAfter.get(); round++) {
                    for (String camera : cameras) {
                        producer.send(camera, round, Instant.now());
                    }
                    rounds.set(round + 1);
                    long next = start.plusMillis((round + 1) * ROUND_MS).toEpochMilli();
                    Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The highest sequence number sent to every camera so far (-1 before the first round). */
        long sentSoFar() {
            return rounds.get() - 1;
        }

        /** Sends {@code more} rounds beyond the current one, then stops; returns the frames sent in all. */
        long stopAfterSending(int more) throws InterruptedException {
            stopAfter.set(rounds.get() + more);
            thread.join();
            return rounds.get() * cameras.size();
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join();
            producer.close();
        }
    }

    /** Reads the detections topic (read_committed) as events arrive, noting when each camera's latest one came. */
    private static final class EventCollector implements AutoCloseable {
        private final KafkaConsumer<String, DetectionEvent> consumer;
        private final ConcurrentMap<String, Long> events = new ConcurrentHashMap<>();
        private final ConcurrentMap<String, Long> latestSequence = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        EventCollector(LocalInfrastructure infra) {
            consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            infra.bootstrapServers(),
                            ConsumerConfig.GROUP_ID_CONFIG,
                            "scale-out-reader-" + UUID.randomUUID(),
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                            "earliest",
                            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                            "read_committed"),
                    new StringDeserializer(),
                    AvroSerdes.specific(DetectionEvent.class, Map.of("schema.registry.url", infra.schemaRegistryUrl()))
                            .deserializer());
            consumer.subscribe(List.of(Topics.DETECTIONS));
            thread = new Thread(this::run, "event-collector");
            thread.start();
        }

        private void run() {
            while (running.get()) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    DetectionEvent e = r.value();
                    events.merge(e.getCameraId() + "#" + e.getFrameSequence(), 1L, Long::sum);
                    latestSequence.merge(e.getCameraId(), e.getFrameSequence(), Math::max);
                });
            }
        }

        /** Waits until each camera has an event for a frame after {@code sequence}; returns when the last came. */
        Instant awaitEveryCameraBeyond(List<String> cameras, long sequence, Duration timeout)
                throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (!cameras.stream().allMatch(c -> latestSequence.getOrDefault(c, -1L) > sequence)) {
                assertThat(Instant.now())
                        .as("events beyond frame %d of %s (latest: %s)", sequence, cameras, latestSequence)
                        .isBefore(deadline);
                Thread.sleep(20);
            }
            return Instant.now();
        }

        /** Waits for {@code frames} distinct frames' events and 5 s more (for a duplicate); events per frame. */
        Map<String, Long> awaitAllThenCount(long frames, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (events.size() < frames && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            Thread.sleep(5_000);
            return events.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
            consumer.close();
        }
    }
}
