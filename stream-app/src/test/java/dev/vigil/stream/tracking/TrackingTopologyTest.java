package dev.vigil.stream.tracking;

import static dev.vigil.stream.tracking.ScriptedDetector.car;
import static dev.vigil.stream.tracking.ScriptedDetector.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.track.TrackerSettings;
import dev.vigil.model.zone.SceneConfig;
import dev.vigil.schemas.CountDirection;
import dev.vigil.schemas.CountShape;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ObjectEvent;
import dev.vigil.schemas.ObjectEventType;
import dev.vigil.schemas.ZoneCount;
import dev.vigil.schemas.registry.server.EmbeddedSchemaRegistry;
import dev.vigil.schemas.registry.server.RegistryServerConfig;
import dev.vigil.schemas.registry.server.store.InMemorySchemaStore;
import dev.vigil.stream.detect.BatchingSettings;
import dev.vigil.stream.detect.DetectApplication;
import dev.vigil.stream.detect.DetectStats;
import dev.vigil.stream.detect.DetectTopology;
import dev.vigil.stream.detect.motion.MotionSettings;
import dev.vigil.stream.testing.DetectTopologyDriver;
import dev.vigil.stream.testing.StillScene;
import dev.vigil.stream.testing.TestFrames;
import dev.vigil.stream.tracking.internal.CameraCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detect topology with its tracking stage on Kafka's TopologyTestDriver: the real reader, batcher, detect step,
 * tracker, zones, lifecycle, stores and Avro serdes with the real registry REST server; the detector is {@link
 * ScriptedDetector}, so each frame shows the boxes a test wrote.
 */
class TrackingTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final DetectTopology.TopicNames TOPICS = DetectTopologyDriver.TOPICS;
    /** A lost track ends after this many frames. */
    static final int BUFFER = 3;
    /** The first track id of a camera whose first frame was captured at T0. */
    static final long FIRST_ID = firstId(T0);

    @TempDir
    static Path tmp;

    static EmbeddedSchemaRegistry registry;
    static Map<String, Object> serdeConfig;

    ScriptedDetector detector = new ScriptedDetector();
    TopologyTestDriver driver;
    DetectStats stats;
    TestInputTopic<String, Frame> frames;
    TestOutputTopic<String, DetectionEvent> events;
    TestOutputTopic<String, ObjectEvent> objects;
    TestOutputTopic<String, ZoneCount> counts;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.start(RegistryServerConfig.ephemeral(), new InMemorySchemaStore());
        serdeConfig = Map.of("schema.registry.url", registry.url());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    /** A scene: camera cam-a has a line across the middle (y = 60 of 120) and a zone in its bottom left corner. */
    static SceneConfig scene() throws Exception {
        Path file = Files.writeString(tmp.resolve("scene.yaml"), """
                cameras:
                  cam-a:
                    min_score: {default: 0.3}
                    min_area: {car: 500}
                    masks:
                      - [[120, 0], [160, 0], [160, 30], [120, 30]]
                    lines:
                      - name: street
                        from: [0, 60]
                        to: [160, 60]
                    zones:
                      - name: corner
                        polygon: [[0, 80], [60, 80], [60, 120], [0, 120]]
                        inertia: 2
                """);
        return SceneConfig.read(file);
    }

    static TrackingSettings tracking() throws Exception {
        return TrackingSettings.defaults()
                .withScene(scene())
                .withTracker(TrackerSettings.byteTrack(30).withMaxTimeLost(BUFFER))
                .withCountWindow(Duration.ofSeconds(1));
    }

    void start(TrackingSettings tracking, Duration staleAfter) {
        start(tracking, staleAfter, MotionSettings.off());
    }

    void start(TrackingSettings tracking, Duration staleAfter, MotionSettings motion) {
        stats = new DetectStats();
        DetectTopologyDriver topology = new DetectTopologyDriver(
                DetectTopologyDriver.settings("tracking-test", tmp.resolve("state"), serdeConfig)
                        .batching(new BatchingSettings(1, Duration.ofSeconds(30), staleAfter))
                        .tracking(tracking)
                        .motion(motion)
                        .build(),
                () -> detector,
                stats,
                T0);
        driver = topology.driver();
        frames = topology.frames;
        events = topology.events;
        objects = topology.output(tracking.objectsTopic(), ObjectEvent.class);
        counts = topology.output(tracking.countsTopic(), ZoneCount.class);
    }

    /** Frame {@code sequence} of {@code camera}, captured 100 ms after the one before. */
    void pipe(String camera, long sequence) {
        pipe(camera, sequence, T0.plusMillis(100 * sequence));
    }

    void pipe(String camera, long sequence, Instant capture) {
        frames.pipeInput(new TestRecord<>(camera, TestFrames.frame(camera, sequence, capture), capture));
    }

    /** A camera's first track id: its first frame's capture time in ms times 1,000, plus 1 (the README's rule). */
    static long firstId(Instant firstFrame) {
        return firstFrame.toEpochMilli() * 1000 + 1;
    }

    /** The track ids of each event's detections, in order. */
    static List<List<Long>> trackIds(List<DetectionEvent> events) {
        return events.stream()
                .map(e -> e.getDetections().stream().map(Detection::getTrackId).toList())
                .toList();
    }

    /** A person 20 px wide, 40 px tall, whose feet are at (x + 10, y2). */
    static Detection walker(float x, float y2) {
        return person(0.9f, x, y2 - 40, x + 20, y2);
    }

    @Test
    void aPersonWalkingDownAcrossTheLineIsOneTrackWithOneNewOneEndAndOneCountInItsWindow() throws Exception {
        start(tracking(), null);
        // frames 0-7: feet from y = 30 to y = 100, 10 px a frame, crossing y = 60 between frames 3 and 4; then gone
        for (int i = 0; i < 8; i++) {
            detector.show("cam-a", i, walker(70, 30 + 10 * i));
        }
        for (int i = 0; i < 20; i++) {
            pipe("cam-a", i);
        }

        List<DetectionEvent> out = events.readValuesToList();
        assertThat(out).hasSize(20);
        assertThat(trackIds(out).subList(0, 8))
                .as("the camera's first frame confirms at once; the id stays")
                .allSatisfy(ids -> assertThat(ids).containsExactly(FIRST_ID));
        assertThat(trackIds(out).subList(8, 20))
                .allSatisfy(ids -> assertThat(ids).isEmpty());

        List<ObjectEvent> life = objects.readValuesToList();
        assertThat(life).extracting(ObjectEvent::getType).containsExactly(ObjectEventType.NEW, ObjectEventType.END);
        ObjectEvent end = life.get(1);
        assertThat(end.getTrackId()).isEqualTo(FIRST_ID);
        assertThat(end.getLabel()).isEqualTo("person");
        assertThat(end.getFirstSeen()).isEqualTo(T0);
        assertThat(end.getLastSeen()).isEqualTo(T0.plusMillis(700));
        assertThat(end.getFrameSequence())
                .as("lost after frame 7, ended %d frames later", BUFFER + 1)
                .isEqualTo(7 + BUFFER + 1);
        assertThat(end.getPathLength()).isCloseTo(70.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(life.get(0).getEventId()).isNotEqualTo(end.getEventId());

        // frames 0-9 are in the window [T0, T0 + 1 s); frame 10 closes it
        List<TestRecord<String, ZoneCount>> closed = counts.readRecordsToList();
        assertThat(closed).hasSize(1);
        ZoneCount count = closed.get(0).value();
        assertThat(closed.get(0).key()).isEqualTo("cam-a");
        assertThat(count.getShape()).isEqualTo(CountShape.LINE);
        assertThat(count.getName()).isEqualTo("street");
        assertThat(count.getLabel()).isEqualTo("person");
        assertThat(count.getDirection()).isEqualTo(CountDirection.IN);
        assertThat(count.getWindowStart()).isEqualTo(T0);
        assertThat(count.getWindowEnd()).isEqualTo(T0.plusSeconds(1));
        assertThat(count.getCount()).isEqualTo(1);

        KeyValueStore<String, CameraCounts> store = driver.getKeyValueStore(TrackingTopology.COUNTS_STORE);
        CameraCounts now = store.get("cam-a");
        assertThat(now.getCurrent().getWindowStart())
                .isEqualTo(T0.plusSeconds(1).toEpochMilli());
        assertThat(now.getCurrent().getCounts()).isEmpty();
        assertThat(now.getPrevious().getCounts()).hasSize(1);
        assertThat(stats.tracking().objectEvents(ObjectEventType.NEW)).isEqualTo(1);
        assertThat(stats.tracking().duration().count()).isEqualTo(20);
    }

    @Test
    void afterAResetACamerasTrackIdsStartAboveEveryIdItHadBefore() throws Exception {
        start(tracking(), null);
        for (int i = 0; i < 4; i++) {
            detector.show("cam-a", i, walker(10 + 5 * i, 100));
            pipe("cam-a", i);
        }
        List<Long> before = trackIds(events.readValuesToList()).stream()
                .flatMap(List::stream)
                .toList();
        assertThat(before).isNotEmpty().doesNotContainNull();

        closeDriver(); // the state is gone, as with a new application id or a deleted state and changelog
        start(tracking(), null);
        assertThat(driver.getKeyValueStore(TrackingTopology.STATE_STORE).get("cam-a"))
                .isNull();
        for (int i = 4; i < 8; i++) {
            detector.show("cam-a", i, walker(10 + 5 * i, 100), walker(100, 100));
            pipe("cam-a", i);
        }
        List<Long> after = trackIds(events.readValuesToList()).stream()
                .flatMap(List::stream)
                .toList();
        assertThat(after).isNotEmpty().doesNotContainNull();
        assertThat(after)
                .allSatisfy(id -> assertThat(id)
                        .isGreaterThan(before.stream().max(Long::compare).orElseThrow()));
        assertThat(after.get(0)).isEqualTo(firstId(T0.plusMillis(400)));
    }

    @Test
    void aStillPersonWhoseDetectionTheMotionGateReusesKeepsItsTrack() throws Exception {
        start(tracking(), null, MotionSettings.off().withEnabled(true));
        detector.show("cam-a", 0, person(0.9f, 20, 110, 44, 174));
        for (int i = 0; i < 3 * BUFFER; i++) {
            Instant capture = T0.plusMillis(100 * i);
            frames.pipeInput(new TestRecord<>("cam-a", StillScene.frame("cam-a", i, capture), capture));
        }

        List<DetectionEvent> out = events.readValuesToList();
        assertThat(out).extracting(DetectionEvent::getStatus).first().isEqualTo(DetectionStatus.OK);
        assertThat(out.subList(1, out.size()))
                .as("the detector ran on frame 0 only; the scene stood still")
                .allSatisfy(e -> assertThat(e.getStatus()).isEqualTo(DetectionStatus.REUSED_NO_MOTION));
        assertThat(trackIds(out))
                .as("the reused box is matched frame after frame: the track lives on, far past its buffer")
                .allSatisfy(ids -> assertThat(ids).containsExactly(FIRST_ID));
        assertThat(objects.readValuesToList()).extracting(ObjectEvent::getType).doesNotContain(ObjectEventType.END);
        assertThat(stats.framesReused()).isEqualTo(3L * BUFFER - 1);
    }

    @Test
    void withTrackingOffTheEventsAreTheDetectorsAndNothingElseIsWritten() throws Exception {
        start(tracking().withEnabled(false), null);
        for (int i = 0; i < 8; i++) {
            detector.show("cam-a", i, walker(70, 30 + 10 * i));
            pipe("cam-a", i);
        }
        List<DetectionEvent> out = events.readValuesToList();
        assertThat(out).hasSize(8).allSatisfy(e -> assertThat(e.getDetections()).hasSize(1));
        assertThat(trackIds(out)).allSatisfy(ids -> assertThat(ids).containsOnlyNulls());
        assertThat(objects.isEmpty()).isTrue();
        assertThat(counts.isEmpty()).isTrue();
        driver.close();
        driver = null;

        Topology off = DetectApplication.topology(
                DetectTopologyDriver.settings("t", tmp.resolve("s"), serdeConfig)
                        .tracking(TrackingSettings.off())
                        .build(),
                () -> detector,
                new DetectStats());
        assertThat(nodes(off)).doesNotContain(TrackingTopology.STEP, TrackingTopology.OBJECTS_SINK);
        assertThat(off.describe().toString()).doesNotContain(TrackingTopology.STATE_STORE);
    }

    @Test
    void theStageSitsBetweenTheDetectorAndTheDetectionsSinkWithItsStoresAndSinks() throws Exception {
        start(tracking(), null);
        Topology on = DetectApplication.topology(
                DetectTopologyDriver.settings("t", tmp.resolve("s"), serdeConfig)
                        .build(),
                () -> detector,
                new DetectStats());
        TopologyDescription.Subtopology steps =
                on.describe().subtopologies().iterator().next();
        Map<String, Set<String>> children = steps.nodes().stream()
                .collect(Collectors.toMap(
                        TopologyDescription.Node::name,
                        n -> n.successors().stream()
                                .map(TopologyDescription.Node::name)
                                .collect(Collectors.toSet())));
        assertThat(children)
                .containsEntry(DetectTopology.DETECTOR, Set.of(TrackingTopology.STEP, DetectTopology.DLQ_SINK))
                .containsEntry(
                        TrackingTopology.STEP,
                        Set.of(
                                DetectTopology.DETECTIONS_SINK,
                                TrackingTopology.OBJECTS_SINK,
                                TrackingTopology.COUNTS_SINK));
        TopologyDescription.Processor step = (TopologyDescription.Processor) steps.nodes().stream()
                .filter(n -> n.name().equals(TrackingTopology.STEP))
                .findFirst()
                .orElseThrow();
        assertThat(step.stores())
                .containsExactlyInAnyOrder(TrackingTopology.STATE_STORE, TrackingTopology.COUNTS_STORE);
    }

    /** A car 40 px wide moving right 25 px a frame: after one frame unseen, only two predictions find it again. */
    private void fastCar(long sequence) {
        detector.show("cam-b", sequence, car(0.9f, 25 * sequence, 40, 25 * sequence + 40, 70));
    }

    @Test
    void aFrameSkippedAsStaleAdvancesTheMotionModelSoAFastObjectKeepsItsId() {
        start(TrackingSettings.defaults(), Duration.ofSeconds(5));
        for (long i = 0; i < 5; i++) {
            fastCar(i);
            pipe("cam-b", i, T0.minusMillis(500 - 100 * i));
        }
        pipe("cam-b", 5, T0.minusSeconds(60)); // too old when its turn comes: not run
        fastCar(6);
        pipe("cam-b", 6, T0.minusMillis(100));

        List<DetectionEvent> out = events.readValuesToList();
        assertThat(out.get(5).getStatus()).isEqualTo(DetectionStatus.SKIPPED_STALE);
        assertThat(stats.framesSkippedStale()).isEqualTo(1);
        assertThat(out.get(6).getDetections().get(0).getTrackId())
                .as("found again where the motion model put it two frames on")
                .isEqualTo(out.get(4).getDetections().get(0).getTrackId())
                .isEqualTo(firstId(T0.minusMillis(500)));
        assertThat(objects.readValuesToList()).extracting(ObjectEvent::getType).containsExactly(ObjectEventType.NEW);
    }

    @Test
    void aGapInTheFrameSequenceAdvancesTheMotionModelToo() {
        start(TrackingSettings.defaults(), null);
        for (long i = 0; i < 5; i++) {
            fastCar(i);
            pipe("cam-b", i);
        }
        fastCar(6); // frame 5 never arrives (dropped by ingest, or dead-lettered)
        pipe("cam-b", 6);
        List<DetectionEvent> out = events.readValuesToList();
        assertThat(out.get(5).getFrameSequence()).isEqualTo(6);
        assertThat(out.get(5).getDetections().get(0).getTrackId())
                .isEqualTo(out.get(4).getDetections().get(0).getTrackId())
                .isEqualTo(FIRST_ID);
    }

    @Test
    void withoutTheAdvanceTheSameFastObjectWouldBeTakenForANewOne() {
        // the control for the two tests above: frame 6 taken as the frame after 4 loses the car
        start(TrackingSettings.defaults(), null);
        for (long i = 0; i < 5; i++) {
            fastCar(i);
            pipe("cam-b", i);
        }
        detector.show("cam-b", 5, car(0.9f, 150, 40, 190, 70));
        pipe("cam-b", 5);
        pipe("cam-b", 6);
        List<DetectionEvent> out = events.readValuesToList();
        assertThat(out.get(5).getDetections().get(0).getTrackId()).isNull();
        assertThat(out.get(6).getDetections()).isEmpty();
    }

    @Test
    void camerasInOneTaskHaveTheirOwnTracksIdsAndWindows() throws Exception {
        start(tracking(), null);
        for (int i = 0; i < 4; i++) {
            detector.show("cam-a", i, walker(10, 40 + 2 * i), walker(100, 40 + 2 * i));
            detector.show("cam-c", i, walker(50, 90 - 2 * i));
            pipe("cam-a", i);
            pipe("cam-c", i);
        }
        List<TestRecord<String, DetectionEvent>> out = events.readRecordsToList();
        Map<String, List<List<Long>>> byCamera = out.stream()
                .collect(Collectors.groupingBy(
                        TestRecord::key,
                        Collectors.mapping(
                                r -> r.value().getDetections().stream()
                                        .map(Detection::getTrackId)
                                        .toList(),
                                Collectors.toList())));
        assertThat(byCamera.get("cam-a")).allSatisfy(ids -> assertThat(ids).containsExactly(FIRST_ID, FIRST_ID + 1));
        assertThat(byCamera.get("cam-c")).allSatisfy(ids -> assertThat(ids).containsExactly(FIRST_ID));
        List<TestRecord<String, ObjectEvent>> news = objects.readRecordsToList();
        assertThat(news.stream().map(r -> r.key() + "/" + r.value().getTrackId()))
                .containsExactlyInAnyOrder("cam-a/" + FIRST_ID, "cam-a/" + (FIRST_ID + 1), "cam-c/" + FIRST_ID);
        KeyValueStore<String, CameraCounts> store = driver.getKeyValueStore(TrackingTopology.COUNTS_STORE);
        assertThat(store.get("cam-c"))
                .as("no zones or lines on cam-c: nothing to count")
                .isNull();
        assertThat(store.get("cam-a")).isNotNull();
    }

    @Test
    void masksAndTheCamerasThresholdsRemoveDetectionsFromTheEventAndFromTracking() throws Exception {
        start(tracking(), null);
        detector.show(
                "cam-a",
                0,
                person(0.9f, 130, 0, 150, 25), // feet in the mask (top right corner)
                person(0.2f, 10, 10, 30, 50), // below the camera's 0.3
                car(0.9f, 60, 60, 80, 80), // 400 px², below the car's 500
                car(0.9f, 60, 90, 100, 110), // 800 px²: kept
                person(0.9f, 70, 20, 90, 60)); // kept
        pipe("cam-a", 0);
        DetectionEvent out = events.readValue();
        assertThat(out.getDetections()).extracting(Detection::getLabel).containsExactly("car", "person");
        assertThat(out.getDetections()).extracting(Detection::getTrackId).containsExactly(FIRST_ID, FIRST_ID + 1);
        assertThat(objects.readValuesToList()).hasSize(2);
    }

    @Test
    void aZoneEnteredAndLeftIsAnnouncedAndCountedInTheWindowsOfTheFramesThatDecided() throws Exception {
        start(tracking(), null);
        // the corner zone is x 0-60, y 80-120 (its border inside), inertia 2. A person 60 px wide, feet at y = 100,
        // x = 75, 70, 65, then inside at 60, 55 (entered at frame 4), 50, 50, 55, 60, then out at 65, 70 (left at
        // frame 10, the first frame of the second one-second window)
        int[] feet = {75, 70, 65, 60, 55, 50, 50, 55, 60, 65, 70};
        for (int i = 0; i < feet.length; i++) {
            detector.show("cam-a", i, person(0.9f, feet[i] - 30, 60, feet[i] + 30, 100));
            pipe("cam-a", i);
        }
        assertThat(trackIds(events.readValuesToList()))
                .allSatisfy(ids -> assertThat(ids).containsExactly(FIRST_ID));
        assertThat(objects.readValuesToList())
                .extracting(e -> e.getType() + "@" + e.getFrameSequence() + e.getReasons() + e.getZones())
                .containsExactly("NEW@0[][]", "UPDATE@4[ZONE_ENTERED][corner]", "UPDATE@10[ZONE_LEFT][]");
        pipe("cam-a", 20); // the third window: closes the second
        assertThat(counts.readValuesToList())
                .extracting(c -> c.getWindowStart() + " " + c.getName() + " " + c.getDirection() + " " + c.getCount())
                .containsExactly(T0 + " corner ENTER 1", T0.plusSeconds(1) + " corner EXIT 1");
    }

    private static Set<String> nodes(Topology topology) {
        return topology.describe().subtopologies().stream()
                .flatMap(s -> s.nodes().stream())
                .map(TopologyDescription.Node::name)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }
}
