package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;
import dev.vigil.schemas.Timings;
import dev.vigil.schemas.registry.server.EmbeddedSchemaRegistry;
import dev.vigil.schemas.registry.server.RegistryServerConfig;
import dev.vigil.schemas.registry.server.store.InMemorySchemaStore;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.testing.DetectTopologyDriver;
import dev.vigil.stream.testing.SmallModels;
import dev.vigil.stream.testing.TestFrames;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad record tried against detect, one row each, with what it must give: a dead letter (the record as
 * it arrived, the reason naming the cause) or an event (its status, the real image size). The detect topology runs
 * on Kafka's TopologyTestDriver with the real serdes, registry and detector. Add a row for each new kind of bad
 * input met.
 */
class BadInputsTest {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    /** The pixel limit of these runs: the test frames are 160x120 (19 200 pixels). */
    static final long MAX_PIXELS = 400 * 300;

    static final AtomicInteger RUNS = new AtomicInteger();

    static Path tmp;
    static EmbeddedSchemaRegistry registry;
    static ModelDetectors detectors;
    static Map<String, Object> serdeConfig;
    static Serializer<Frame> frameSerializer;

    @BeforeAll
    static void start() throws Exception {
        tmp = java.nio.file.Files.createTempDirectory("bad-inputs");
        registry = EmbeddedSchemaRegistry.start(RegistryServerConfig.ephemeral(), new InMemorySchemaStore());
        serdeConfig = Map.of("schema.registry.url", registry.url());
        frameSerializer = AvroSerdes.specific(Frame.class, serdeConfig).serializer();
        detectors = ModelDetectors.open(SmallModels.writeRandomMobileNet(tmp.resolve("model")), DeviceChoice.CPU);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    /** What a bad input must give. */
    sealed interface Outcome {}

    /** The record, as it arrived, on the dead-letter topic; its reason contains {@code reason}. */
    record DeadLetter(String reason) implements Outcome {}

    /** One event with {@code status} for an image of {@code width}×{@code height} pixels, nothing dead-lettered. */
    record Event(DetectionStatus status, int width, int height) implements Outcome {}

    /** A record on the frames topic: key and value as bytes on the wire. */
    record Input(String key, byte[] value) {}

    static Arguments row(String name, Supplier<Input> input, Outcome outcome) {
        return Arguments.of(name, input, outcome);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                // the control: a good frame gives an OK event
                row("a good frame", () -> frame(good()), new Event(DetectionStatus.OK, 160, 120)),
                // not Confluent-framed Avro
                row("random bytes", () -> raw(randomBytes()), new DeadLetter("unknown magic byte")),
                row("the magic byte only", () -> raw(new byte[] {0}), new DeadLetter("shorter than the 5-byte header")),
                row("an empty value", () -> raw(new byte[0]), new DeadLetter("shorter than the 5-byte header")),
                row("a null value", () -> raw(null), new DeadLetter("no value (null)")),
                row(
                        "a wrong magic byte",
                        () -> raw(new byte[] {1, 0, 0, 0, 1, 2, 3}),
                        new DeadLetter("magic byte 0x01")),
                row("an unknown schema id", () -> raw(new byte[] {0, 0, 0, 0x7f, 0x7f, 2}), new DeadLetter("32639")),
                // Avro that is not a Frame, or not whole
                row("a DetectionEvent on frames", () -> raw(detectionEvent()), new DeadLetter("Deserialization")),
                row("truncated Avro", () -> raw(truncated(serialized(good()))), new DeadLetter("Deserialization")),
                row(
                        "a 2 GB string length",
                        () -> raw(hugeStringLength(2L << 30)),
                        new DeadLetter("Cannot read strings longer than")),
                row(
                        "a 1.9 GB string length in a short record",
                        () -> raw(hugeStringLength(1_900_000_000L)),
                        new DeadLetter("payload truncated")),
                // images that are not what they should be
                row("a zero-byte image", () -> frame(withImage(new byte[0])), new DeadLetter("empty input (0 bytes)")),
                row(
                        "a truncated JPEG",
                        () -> frame(withImage(truncated(jpeg()))),
                        new DeadLetter("could not be decoded")),
                row("a corrupt JPEG", () -> frame(withImage(corrupt(jpeg()))), new DeadLetter("could not be decoded")),
                row("a PNG sent as JPEG", () -> frame(withImage(png(160, 120))), new DeadLetter("JPEG but it is PNG")),
                row("random bytes as the image", () -> frame(withImage(randomBytes())), new DeadLetter("not an image")),
                row(
                        "the encoding UNKNOWN",
                        () -> frame(Frame.newBuilder(good())
                                .setEncoding(ImageEncoding.UNKNOWN)
                                .build()),
                        new DeadLetter("encoding UNKNOWN")),
                // sizes
                row(
                        "a huge declared size",
                        () -> frame(Frame.newBuilder(good())
                                .setWidth(100_000)
                                .setHeight(100_000)
                                .build()),
                        new DeadLetter("10000000000 pixels), over the limit of " + MAX_PIXELS)),
                row(
                        "a huge real size (declared small)",
                        () -> frame(withImage(png(640, 480), ImageEncoding.PNG)),
                        new DeadLetter("640x480 is more than the cap of " + MAX_PIXELS)),
                row(
                        "a real size other than declared",
                        () -> frame(withImage(png(320, 240), ImageEncoding.PNG)),
                        new Event(DetectionStatus.OK, 320, 240)),
                row(
                        "a negative width",
                        () -> frame(Frame.newBuilder(good()).setWidth(-160).build()),
                        new DeadLetter("must be positive")),
                row(
                        "a zero height",
                        () -> frame(Frame.newBuilder(good()).setHeight(0).build()),
                        new DeadLetter("must be positive")),
                // times: the broker no longer refuses them (ingest-time record timestamps); detect runs them
                row(
                        "a capture time in the far future",
                        () -> frame(Frame.newBuilder(good())
                                .setCaptureTime(Instant.parse("2999-01-01T00:00:00Z"))
                                .build()),
                        new Event(DetectionStatus.OK, 160, 120)),
                row(
                        "a capture time before 1970",
                        () -> frame(Frame.newBuilder(good())
                                .setCaptureTime(Instant.parse("1960-01-01T00:00:00Z"))
                                .build()),
                        new Event(DetectionStatus.OK, 160, 120)),
                // keys and camera ids
                row("a null key", () -> new Input(null, serialized(good())), new DeadLetter("has no key")),
                row(
                        "a key other than the camera",
                        () -> new Input("other-cam", serialized(good())),
                        new DeadLetter("has the key 'other-cam'")),
                row(
                        "a relative path as camera id",
                        () -> frame(TestFrames.frame("../../../../tmp/x/pwned", 1, T0)),
                        new DeadLetter("'../../../../tmp/x/pwned' is not a valid camera name")),
                row(
                        "an absolute path as camera id",
                        () -> frame(TestFrames.frame("/etc/passwd", 1, T0)),
                        new DeadLetter("'/etc/passwd' is not a valid camera name")),
                row(
                        "a camera id with a line break",
                        () -> frame(TestFrames.frame("cam\nFAKE LOG LINE", 1, T0)),
                        new DeadLetter("'cam?FAKE LOG LINE' is not a valid camera name")),
                row(
                        "an empty camera id",
                        () -> frame(TestFrames.frame("", 1, T0)),
                        new DeadLetter("'' is not a valid camera name")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void eachBadInputGivesWhatItMust(String name, Supplier<Input> makeInput, Outcome outcome) {
        Input input = makeInput.get();
        DetectStats stats = new DetectStats();
        DetectSettings settings = DetectTopologyDriver.settings(
                        "bad-inputs", tmp.resolve("state-" + RUNS.incrementAndGet()), serdeConfig)
                .batching(new BatchingSettings(1, Duration.ofSeconds(30), null))
                .maxImagePixels(MAX_PIXELS)
                .build();
        try (PerThreadDetectors perThread = new PerThreadDetectors(detectors);
                TopologyTestDriver driver = new TopologyTestDriver(
                        DetectApplication.topology(settings, perThread, stats),
                        DetectApplication.properties(settings),
                        T0)) {
            TestInputTopic<String, byte[]> frames =
                    driver.createInputTopic("frames", new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, DetectionEvent> events = driver.createOutputTopic(
                    "detections",
                    new StringDeserializer(),
                    AvroSerdes.specific(DetectionEvent.class, serdeConfig).deserializer());
            TestOutputTopic<String, byte[]> deadLetters =
                    driver.createOutputTopic("frames.dlq", new StringDeserializer(), new ByteArrayDeserializer());

            frames.pipeInput(new TestRecord<>(input.key(), input.value(), T0));

            List<TestRecord<String, DetectionEvent>> out = events.readRecordsToList();
            List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
            if (outcome instanceof DeadLetter expected) {
                assertThat(out).as("events").isEmpty();
                assertThat(dead).as("dead letters").hasSize(1);
                TestRecord<String, byte[]> letter = dead.get(0);
                assertThat(letter.value())
                        .as("the record as it arrived")
                        .isEqualTo(input.value() == null ? new byte[0] : input.value());
                assertThat(letter.key()).isEqualTo(input.key());
                String reason = header(letter, DeadLetters.ERROR_MESSAGE);
                assertThat(reason).contains(expected.reason()).doesNotContain("\n");
                assertThat(stats.framesDeadLettered()).isEqualTo(1);
            } else if (outcome instanceof Event expected) {
                assertThat(dead).as("dead letters").isEmpty();
                assertThat(out).hasSize(1);
                DetectionEvent event = out.get(0).value();
                assertThat(event.getStatus()).isEqualTo(expected.status());
                assertThat(event.getImageWidth()).isEqualTo(expected.width());
                assertThat(event.getImageHeight()).isEqualTo(expected.height());
                assertThat(event.getDetections()).allSatisfy(d -> {
                    assertThat(d.getX2()).isLessThanOrEqualTo(expected.width());
                    assertThat(d.getY2()).isLessThanOrEqualTo(expected.height());
                });
            }
        }
    }

    static String header(TestRecord<String, byte[]> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static Frame good() {
        return TestFrames.frame("cam-a", 1, T0);
    }

    static Input frame(Frame frame) {
        return new Input(frame.getCameraId(), serialized(frame));
    }

    static Input raw(byte[] value) {
        return new Input("cam-a", value);
    }

    static byte[] serialized(Frame frame) {
        return frameSerializer.serialize("frames", frame);
    }

    static Frame withImage(byte[] image) {
        return withImage(image, ImageEncoding.JPEG);
    }

    /** The good frame (declaring 160x120) with other image bytes. */
    static Frame withImage(byte[] image, ImageEncoding encoding) {
        return Frame.newBuilder(good())
                .setImage(ByteBuffer.wrap(image))
                .setEncoding(encoding)
                .build();
    }

    static byte[] jpeg() {
        ByteBuffer image = good().getImage();
        byte[] bytes = new byte[image.remaining()];
        image.duplicate().get(bytes);
        return bytes;
    }

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 3 + y * 5) * 0x010101);
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] truncated(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length / 2);
    }

    /** The JPEG with its entropy-coded data overwritten: headers intact, pixels garbage. */
    static byte[] corrupt(byte[] jpeg) {
        byte[] bad = jpeg.clone();
        for (int i = bad.length / 3; i < bad.length - 2; i++) {
            bad[i] = (byte) 0xFF;
        }
        return bad;
    }

    static byte[] randomBytes() {
        byte[] bytes = new byte[512];
        new Random(42).nextBytes(bytes);
        bytes[0] = 0x5a; // not the magic byte
        return bytes;
    }

    /** A DetectionEvent in Confluent framing, its schema registered for the detections topic. */
    static byte[] detectionEvent() {
        DetectionEvent event = DetectionEvent.newBuilder()
                .setEventId("e-1")
                .setCameraId("cam-a")
                .setFrameSequence(1)
                .setFrameTime(T0)
                .setDetectionTime(T0)
                .setImageWidth(160)
                .setImageHeight(120)
                .setModelName("m")
                .setModelVersion("1")
                .setStatus(DetectionStatus.OK)
                .setTimings(new Timings(1.0, 1.0, 1))
                .setDetections(List.of())
                .build();
        return AvroSerdes.specific(DetectionEvent.class, serdeConfig)
                .serializer()
                .serialize("detections", event);
    }

    /** A Frame's header (magic byte, schema id) followed by a camera id that claims to be {@code length} bytes. */
    static byte[] hugeStringLength(long length) {
        byte[] header = Arrays.copyOf(serialized(good()), 5);
        long zigzag = length << 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
        out.writeBytes("cam".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
