package dev.vigil.stream.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ObjectEvent;
import dev.vigil.schemas.ObjectEventType;
import dev.vigil.schemas.ZoneCount;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.testing.AvroRecords;
import dev.vigil.stream.testing.FootageFrames;
import dev.vigil.stream.testing.FrameProducer;
import dev.vigil.stream.testing.RtspTestCamera;
import dev.vigil.stream.testing.VigilProcesses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once for the tracking stage, on the real broker with the real {@code vigil detect} in its own JVM, the
 * shipped model and the real sample footage (vtest.avi: people walking across a campus path) on two cameras with a
 * line and a zone each. A reference run goes through the frames without a crash; then another application, on the
 * same frames, is killed with SIGKILL three times and started again. A read_committed subscriber must then find, in
 * the crashed run: one detection event per frame, with the reference's track ids box for box (no track renumbered or
 * issued twice); the reference's object events, each NEW and END once; the reference's closed-window counts; and, over
 * HTTP ({@code /api/counts}, Kafka Streams' interactive queries), the reference's open windows.
 */
class TrackingCrashIT {

    static final Path REPO = Path.of(System.getProperty("vigil.repo.root", ".."))
            .toAbsolutePath()
            .normalize();
    static final Path FOOTAGE = REPO.resolve("data/samples/vtest.avi");
    static final Path MODEL = REPO.resolve("models/vigil-default");
    /** vtest.avi frames per camera: plaza-a shows frames 560-609, plaza-b 640-689, 10 frames/s. */
    static final int FRAMES_PER_CAMERA = 50;

    static final Map<String, Integer> FIRST_VIDEO_FRAME = Map.of("plaza-a", 560, "plaza-b", 640);
    static final int FRAMES = FRAMES_PER_CAMERA * FIRST_VIDEO_FRAME.size();
    static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
    static final int KILLS = 3;

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private VigilProcesses processes;

    /** The topics and application id of one run. */
    record Run(String applicationId, String detections, String objects, String counts, String deadLetters) {
        static Run named(String suffix) {
            return new Run(
                    "vigil-detect-" + suffix,
                    Topics.DETECTIONS + "-" + suffix,
                    Topics.OBJECTS + "-" + suffix,
                    Topics.COUNTS + "-" + suffix,
                    Topics.FRAMES_DLQ + "-" + suffix);
        }
    }

    /** What a run published, and the counts its last process served over HTTP. */
    record Published(
            List<DetectionEvent> events, List<ObjectEvent> objects, List<ZoneCount> counts, JsonNode openWindows) {}

    @Test
    void killingDetectDuringATrackedRunChangesNoTrackIdNoObjectEventAndNoCount() throws Exception {
        assertThat(FOOTAGE)
                .withFailMessage("Sample footage missing: run scripts/fetch-sample-data.sh")
                .exists();
        processes = new VigilProcesses(tmp.resolve("detect.log"));
        try {
            run();
        } catch (AssertionError e) {
            Path log = tmp.resolve("detect.log");
            if (Files.exists(log)) {
                System.err.println("---- detect.log (all runs) ----");
                System.err.println(Files.readString(log));
            }
            throw e;
        } finally {
            processes.close();
        }
    }

    private void run() throws Exception {
        String plaza = """
                    units: fraction
                    lines:
                      - name: lamp-post
                        from: [0.56, 0.25]
                        to: [0.56, 0.85]
                    zones:
                      - name: road-east
                        polygon: [[0.56, 0.3], [1.0, 0.3], [1.0, 0.85], [0.56, 0.7]]
                        inertia: 2
                """;
        Path scene =
                Files.writeString(tmp.resolve("scene.yaml"), "cameras:\n  plaza-a:\n" + plaza + "  plaza-b:\n" + plaza);
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            produceFrames(infra);

            Run reference = Run.named("reference");
            Process clean = startDetect(infra, reference, scene, tmp.resolve("state-reference"));
            Published expected = awaitAll(infra, reference, clean);
            assertIsAWholeTrackedRun(expected);

            Run crashed = Run.named("crashed");
            Path state = tmp.resolve("state-crashed");
            for (int kill = 0; kill < KILLS; kill++) {
                Process detect = startDetect(infra, crashed, scene, state);
                int beyond = (kill + 1) * FRAMES / (KILLS + 1);
                assertThat(AvroRecords.values(
                                        infra,
                                        crashed.detections(),
                                        DetectionEvent.class,
                                        beyond + 1,
                                        Duration.ofSeconds(240))
                                .size())
                        .as("detect made progress before kill %d", kill + 1)
                        .isGreaterThan(beyond);
                detect.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no commit
            }
            Published actual = awaitAll(infra, crashed, startDetect(infra, crashed, scene, state));

            assertSameRun(actual, expected);
        }
    }

    /** The reference itself tracked something: objects came and went, lines were crossed, zones entered. */
    private static void assertIsAWholeTrackedRun(Published run) {
        System.out.printf(
                "reference: %d events, %d boxes with a track id; object events %s; %d count records %s%n",
                run.events().size(),
                run.events().stream()
                        .flatMap(e -> e.getDetections().stream())
                        .filter(d -> d.getTrackId() != null)
                        .count(),
                run.objects().stream()
                        .collect(Collectors.groupingBy(ObjectEvent::getType, TreeMap::new, Collectors.counting())),
                run.counts().size(),
                countKeys(run.counts()));
        assertThat(run.events()).hasSize(FRAMES);
        assertThat(run.objects()).extracting(ObjectEvent::getType).contains(ObjectEventType.NEW, ObjectEventType.END);
        assertThat(run.counts()).as("closed windows with counts").isNotEmpty();
        for (ObjectEvent e : run.objects()) {
            assertThat(e.getType()).isIn(ObjectEventType.NEW, ObjectEventType.UPDATE, ObjectEventType.END);
        }
    }

    private static void assertSameRun(Published actual, Published expected) {
        Map<String, Long> eventsPerFrame =
                actual.events().stream().collect(Collectors.groupingBy(TrackingCrashIT::frame, Collectors.counting()));
        assertThat(eventsPerFrame).hasSize(FRAMES);
        assertThat(eventsPerFrame.values()).as("events per frame").containsOnly(1L);

        assertThat(tracksByFrame(actual.events()))
                .as("every frame's boxes with the reference's track ids")
                .isEqualTo(tracksByFrame(expected.events()));

        Map<String, Long> lifecycle = actual.objects().stream()
                .filter(e -> e.getType() != ObjectEventType.UPDATE)
                .collect(Collectors.groupingBy(
                        e -> e.getCameraId() + "/" + e.getTrackId() + "/" + e.getType(), Collectors.counting()));
        assertThat(lifecycle.values()).as("NEW and END once per track").containsOnly(1L);
        assertThat(byEventId(actual.objects()))
                .as("the reference's object events, none repeated")
                .isEqualTo(byEventId(expected.objects()));
        assertThat(actual.objects()).hasSameSizeAs(expected.objects());

        assertThat(countKeys(actual.counts()))
                .as("closed windows' counts, none repeated")
                .isEqualTo(countKeys(expected.counts()));
        assertThat(actual.counts()).hasSameSizeAs(expected.counts());
        assertThat(actual.openWindows()).as("open windows over HTTP").isEqualTo(expected.openWindows());
    }

    private static String frame(DetectionEvent e) {
        return e.getCameraId() + "#" + e.getFrameSequence();
    }

    /** Per frame, its boxes as "label track-id x1,y1" (the track ids with the boxes they belong to). */
    private static Map<String, List<String>> tracksByFrame(List<DetectionEvent> events) {
        Map<String, List<String>> frames = new TreeMap<>();
        for (DetectionEvent e : events) {
            frames.put(
                    frame(e),
                    e.getDetections().stream()
                            .map((Detection d) ->
                                    d.getLabel() + " " + d.getTrackId() + " " + d.getX1() + "," + d.getY1())
                            .toList());
        }
        return frames;
    }

    private static Map<String, String> byEventId(List<ObjectEvent> events) {
        Map<String, String> byId = new TreeMap<>();
        events.forEach(e -> byId.put(e.getEventId(), e.toString()));
        return byId;
    }

    private static Map<String, Long> countKeys(List<ZoneCount> counts) {
        Map<String, Long> keys = new TreeMap<>();
        for (ZoneCount c : counts) {
            keys.merge(
                    c.getCameraId() + " " + c.getWindowStart() + " " + c.getShape() + " " + c.getName() + " "
                            + c.getLabel() + " " + c.getDirection(),
                    c.getCount(),
                    Long::sum);
        }
        return keys;
    }

    /** vtest.avi's frames as two cameras' JPEG frames, 100 ms apart, the cameras interleaved. */
    private static void produceFrames(LocalInfrastructure infra) throws Exception {
        List<List<Frame>> cameras = new ArrayList<>();
        for (Map.Entry<String, Integer> camera : FIRST_VIDEO_FRAME.entrySet()) {
            cameras.add(FootageFrames.read(FOOTAGE, camera.getKey(), camera.getValue(), T0, 0, FRAMES_PER_CAMERA));
        }
        try (FrameProducer producer =
                new FrameProducer(infra.bootstrapServers(), infra.schemaRegistryUrl(), Topics.FRAMES)) {
            for (int sequence = 0; sequence < FRAMES_PER_CAMERA; sequence++) {
                for (List<Frame> frames : cameras) {
                    producer.send(frames.get(sequence));
                }
            }
        }
    }

    /** Waits until the run has an event for every frame, reads what it published, then stops its process. */
    private Published awaitAll(LocalInfrastructure infra, Run run, Process detect) throws Exception {
        try {
            List<DetectionEvent> events =
                    AvroRecords.values(infra, run.detections(), DetectionEvent.class, FRAMES, Duration.ofSeconds(300));
            assertThat(events).as("events of run " + run.applicationId()).hasSize(FRAMES);
            // Then everything there is, so that a duplicate, if there were one, had time to arrive.
            events = AvroRecords.values(
                    infra, run.detections(), DetectionEvent.class, Integer.MAX_VALUE, Duration.ofSeconds(5));
            List<ObjectEvent> objects = AvroRecords.values(
                    infra, run.objects(), ObjectEvent.class, Integer.MAX_VALUE, Duration.ofSeconds(5));
            List<ZoneCount> counts =
                    AvroRecords.values(infra, run.counts(), ZoneCount.class, Integer.MAX_VALUE, Duration.ofSeconds(5));
            return new Published(events, objects, counts, openWindows(webPorts.get(detect)));
        } finally {
            detect.destroy();
            detect.waitFor();
        }
    }

    /** {@code /api/counts} of the process on {@code port}: each camera's open window (and the one closed last). */
    private static JsonNode openWindows(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + CountsApi.PATH))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode cameras = JSON.readTree(response.body()).get("cameras");
        assertThat(cameras).as(response.body()).hasSize(FIRST_VIDEO_FRAME.size());
        return cameras;
    }

    private final Map<Process, Integer> webPorts = new HashMap<>();

    private Process startDetect(LocalInfrastructure infra, Run run, Path scene, Path stateDir) throws Exception {
        int webPort = RtspTestCamera.freePort();
        Process process = processes.start(List.of(
                "detect",
                "--bootstrap-servers",
                infra.bootstrapServers(),
                "--schema-registry-url",
                infra.schemaRegistryUrl(),
                "--model",
                MODEL.toString(),
                "--device",
                "cpu",
                // one frame a batch: a frame's boxes do not depend on which frames share its batch after a restart
                "--batch-size",
                "1",
                "--application-id",
                run.applicationId(),
                "--detections-topic",
                run.detections(),
                "--dlq-topic",
                run.deadLetters(),
                "--objects-topic",
                run.objects(),
                "--counts-topic",
                run.counts(),
                "--scene",
                scene.toString(),
                "--count-window",
                "2s",
                "--track-buffer",
                "10",
                "--state-dir",
                stateDir.toString(),
                "--web-port",
                String.valueOf(webPort),
                "--kafka-property",
                "session.timeout.ms=6000,heartbeat.interval.ms=1000"));
        webPorts.put(process, webPort);
        return process;
    }
}
