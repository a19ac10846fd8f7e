package dev.vigil.stream.bench;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.demo.DemoSettings;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.ingest.KafkaFrameSink;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench restart}: how long detect's events stop when it is restarted. An embedded broker, frames sent at a
 * steady rate, and {@code vigil detect} in a JVM of its own, as a user runs it (product defaults, one state folder);
 * the detect process is stopped with SIGTERM, or killed with SIGKILL, and started again at once, several times; a
 * read_committed subscriber notes when events arrive. The cold start (an empty group) is the yardstick: a restart that
 * costs much more than it is waiting for Kafka (a session timeout, a fenced transaction), not for Java and the model.
 */
@Command(
        name = "restart",
        mixinStandardHelpOptions = true,
        description = "Time to the first event after detect is stopped (SIGTERM) or killed (SIGKILL) and started "
                + "again at once, against a cold start; frames keep flowing meanwhile.")
public final class RestartBenchCommand implements Callable<Integer> {

    /** Events that reach the subscriber this long after the old process ended came from it: wait them out. */
    private static final Duration STRAGGLERS = Duration.ofMillis(500);

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Option(
            names = "--source",
            defaultValue = DemoSettings.DEFAULT_SOURCE,
            description = "Video file whose frames are sent (in a loop). Default: ${DEFAULT-VALUE}.")
    String source;

    @Option(names = "--fps", defaultValue = "5", description = "Frames sent per second. Default: ${DEFAULT-VALUE}.")
    double fps;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "Restarts per signal (SIGTERM, then SIGKILL). Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Mixin
    BenchModel model;

    @Option(
            names = "--device",
            defaultValue = "auto",
            description = "Device of the detect process (cpu, gpu, auto). Default: ${DEFAULT-VALUE}.")
    String device;

    /** One restart: the signal, how long the old process took to end, and the new one's start to its first event. */
    record Round(String signal, long exitMillis, long firstEventMillis) {}

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("vigil-bench-restart-");
        List<Frame> frames = BenchFrames.decode("bench", source, 50).frames();
        Path modelDir = model.folder(
                work.resolve("model"), frames.get(0).getWidth(), frames.get(0).getHeight());
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            Map<String, Object> client = Map.of("bootstrap.servers", infra.bootstrapServers());
            Map<String, Object> serde = Map.of("schema.registry.url", infra.schemaRegistryUrl());
            TopicProvisioner.ensure(
                    client, TopicSettings.defaults(), Set.of(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ));
            List<Long> eventTimes = java.util.Collections.synchronizedList(new ArrayList<>());
            try (Background sender = Background.start("frame-sender", stop -> sendFrames(client, serde, frames, stop));
                    Background subscriber =
                            Background.start("subscriber", stop -> subscribe(infra, eventTimes, stop))) {
                DetectProcess detect = new DetectProcess(infra, modelDir, work, device);
                long coldStart = detect.start();
                long cold = awaitEventAfter(eventTimes, coldStart) - coldStart;
                List<Round> results = new ArrayList<>();
                for (String signal : List.of("SIGTERM", "SIGKILL")) {
                    for (int i = 0; i < rounds; i++) {
                        Thread.sleep(3_000); // steady state: events flowing
                        long stopAt = System.currentTimeMillis();
                        detect.stop(signal.equals("SIGKILL"));
                        long exited = System.currentTimeMillis();
                        Thread.sleep(STRAGGLERS.toMillis());
                        long startedAt = detect.start();
                        long first = awaitEventAfter(eventTimes, startedAt);
                        results.add(new Round(signal, exited - stopAt, first - startedAt));
                    }
                }
                detect.stop(false);
                print(cold, results, work);
            }
        }
        return 0;
    }

    private void print(long coldMillis, List<Round> rounds, Path work) {
        System.out.printf(Locale.ROOT, "detect logs: %s%n", work.resolve("detect.log"));
        System.out.printf(Locale.ROOT, "%-8s %6s %14s %22s%n", "signal", "round", "exit ms", "start -> 1st event ms");
        System.out.printf(Locale.ROOT, "%-8s %6s %14s %22d%n", "cold", "-", "-", coldMillis);
        int n = 0;
        for (Round r : rounds) {
            System.out.printf(
                    Locale.ROOT, "%-8s %6d %14d %22d%n", r.signal(), ++n, r.exitMillis(), r.firstEventMillis());
        }
    }

    private static long awaitEventAfter(List<Long> eventTimes, long afterMillis) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            synchronized (eventTimes) {
                for (long t : eventTimes) {
                    if (t > afterMillis) {
                        return t;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("No event within " + TIMEOUT + " of a detect start");
    }

    private void sendFrames(
            Map<String, Object> client, Map<String, Object> serde, List<Frame> frames, Background.Stop stop) {
        long intervalNanos = (long) (1e9 / fps);
        try (KafkaFrameSink sink =
                KafkaFrameSink.create(client, serde, Topics.FRAMES, TopicSettings.DEFAULT_MAX_MESSAGE_BYTES)) {
            for (long seq = 0; !stop.requested(); seq++) {
                Frame frame = Frame.newBuilder(frames.get((int) (seq % frames.size())))
                        .setCameraId("bench")
                        .setFrameSequence(seq)
                        .setCaptureTime(Instant.now())
                        .build();
                sink.send(frame, error -> {});
                stop.sleep(intervalNanos);
            }
        }
    }

    private static void subscribe(LocalInfrastructure infra, List<Long> eventTimes, Background.Stop stop) {
        try (KafkaConsumer<String, DetectionEvent> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "vigil-bench-restart",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(),
                AvroSerdes.specific(DetectionEvent.class, Map.of("schema.registry.url", infra.schemaRegistryUrl()))
                        .deserializer())) {
            consumer.subscribe(List.of(Topics.DETECTIONS));
            while (!stop.requested()) {
                int n = consumer.poll(Duration.ofMillis(20)).count();
                if (n > 0) {
                    eventTimes.add(System.currentTimeMillis());
                }
            }
        }
    }

    /** {@code vigil detect} in a JVM of its own, on one state folder across restarts. */
    private static final class DetectProcess {
        private final List<String> command;
        private final Path log;
        private Process process;

        DetectProcess(LocalInfrastructure infra, Path model, Path work, String device) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            this.command = List.of(
                    java.toString(),
                    "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.vigil",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.vigil.stream.cli.VigilCli",
                    "detect",
                    "--bootstrap-servers",
                    infra.bootstrapServers(),
                    "--schema-registry-url",
                    infra.schemaRegistryUrl(),
                    "--model",
                    model.toString(),
                    "--device",
                    device,
                    "--state-dir",
                    work.resolve("state").toString());
            this.log = work.resolve("detect.log");
        }

        /** Starts the process; returns the wall time just before. */
        long start() throws Exception {
            long at = System.currentTimeMillis();
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return at;
        }

        void stop(boolean kill) throws InterruptedException {
            if (kill) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** A loop on a thread of its own, asked to stop and joined on close. */
    private static final class Background implements AutoCloseable {

        interface Body {
            void run(Stop stop) throws Exception;
        }

        static final class Stop {
            private volatile boolean requested;

            boolean requested() {
                return requested;
            }

            void sleep(long nanos) {
                try {
                    TimeUnit.NANOSECONDS.sleep(nanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    requested = true;
                }
            }
        }

        private final Stop stop = new Stop();
        private final Thread thread;

        private Background(String name, Body body) {
            thread = new Thread(
                    () -> {
                        try {
                            body.run(stop);
                        } catch (Exception e) {
                            throw new IllegalStateException(name + " failed: " + e.getMessage(), e);
                        }
                    },
                    name);
        }

        static Background start(String name, Body body) {
            Background b = new Background(name, body);
            b.thread.start();
            return b;
        }

        @Override
        public void close() throws InterruptedException {
            stop.requested = true;
            thread.join();
        }
    }
}
