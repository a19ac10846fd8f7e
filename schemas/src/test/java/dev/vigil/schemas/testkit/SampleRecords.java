package dev.vigil.schemas.testkit;

import dev.vigil.schemas.Annotation;
import dev.vigil.schemas.AnnotationSource;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;
import dev.vigil.schemas.LabelledBox;
import dev.vigil.schemas.Timings;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/** One realistic instance of each record of the wire contract. */
public final class SampleRecords {

    public static final Instant CAPTURED = Instant.parse("2024-05-01T12:00:00.123Z");

    private SampleRecords() {}

    public static Frame frame() {
        return Frame.newBuilder()
                .setCameraId("gate-1")
                .setFrameSequence(42)
                .setCaptureTime(CAPTURED)
                .setSourcePtsMicros(1_680_000)
                .setWidth(768)
                .setHeight(576)
                .setEncoding(ImageEncoding.JPEG)
                .setImage(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9}))
                .setSourceUri("rtsp://camera-1/stream")
                .setIngestHost("ingest-0")
                .build();
    }

    public static DetectionEvent detectionEvent() {
        return DetectionEvent.newBuilder()
                .setEventId("gate-1/42/frcnn-r50@1")
                .setCameraId("gate-1")
                .setFrameSequence(42)
                .setFrameTime(CAPTURED)
                .setDetectionTime(CAPTURED.plusMillis(250))
                .setImageWidth(768)
                .setImageHeight(576)
                .setModelName("frcnn-r50")
                .setModelVersion("1")
                .setStatus(DetectionStatus.OK)
                .setTimings(Timings.newBuilder()
                        .setQueueMs(12.5)
                        .setInferenceMs(230.25)
                        .setBatchSize(4)
                        .build())
                .setDetections(List.of(
                        Detection.newBuilder()
                                .setClassId(1)
                                .setLabel("person")
                                .setScore(0.93f)
                                .setX1(10.5f)
                                .setY1(20f)
                                .setX2(110f)
                                .setY2(300.25f)
                                .build(),
                        Detection.newBuilder()
                                .setClassId(3)
                                .setLabel("car")
                                .setScore(0.71f)
                                .setX1(400f)
                                .setY1(300f)
                                .setX2(700f)
                                .setY2(500f)
                                .build()))
                .build();
    }

    public static Annotation annotation() {
        return Annotation.newBuilder()
                .setCameraId("gate-1")
                .setFrameSequence(42)
                .setFrameTime(CAPTURED)
                .setSource(AnnotationSource.TEACHER)
                .setAuthor("centernet-mbv3@3.0.4")
                .setBoxes(List.of(
                        LabelledBox.newBuilder()
                                .setLabel("person")
                                .setX1(11f)
                                .setY1(21f)
                                .setX2(109f)
                                .setY2(299f)
                                .setScore(0.6f)
                                .build(),
                        LabelledBox.newBuilder()
                                .setLabel("crowd")
                                .setX1(0f)
                                .setY1(0f)
                                .setX2(50f)
                                .setY2(50f)
                                .setScore(null)
                                .setIgnore(true)
                                .build()))
                .build();
    }
}
