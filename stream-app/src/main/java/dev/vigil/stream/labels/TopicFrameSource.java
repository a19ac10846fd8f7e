package dev.vigil.stream.labels;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import dev.vigil.model.teacher.ImageSource;
import dev.vigil.model.teacher.SourceImage;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.kafka.TopicReader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The frames of some cameras in a capture-time range, read from a frames topic as far as it reached when the source
 * opened, decoded for a teacher. Each image is named {@code CAMERA/SEQUENCE@CAPTURE_MS} and {@link #frame} tells
 * which frame a name is. Frames that cannot be decoded, or that declare an image larger than {@value #MAX_PIXELS}
 * pixels, are passed over and listed in {@link #skipped()}. Not thread-safe.
 */
public final class TopicFrameSource implements ImageSource {

    /** The largest frame decoded (a 8K image); a record declaring more is passed over before any allocation. */
    static final long MAX_PIXELS = 7680L * 4320L;

    private static final Duration POLL_WAIT = Duration.ofMillis(200);

    private final TopicReader<Frame> reader;
    private final Set<String> cameras;
    private final Instant from;
    private final Instant to;
    private final Map<TopicPartition, Long> end;
    private final List<TopicPartition> open;
    private final ArrayDeque<ConsumerRecord<String, Frame>> pending = new ArrayDeque<>();
    private final Map<String, FrameRef> frames = new HashMap<>();
    private final List<String> skipped = new ArrayList<>();
    private final long expected;
    private Mat current;

    /**
     * @param cameras the cameras labelled (empty: all)
     * @param from earliest capture time (inclusive), or null
     * @param to capture times before this (exclusive), or null
     */
    public TopicFrameSource(
            Map<String, Object> clientConfig,
            Map<String, ?> serdeConfig,
            String topic,
            Set<String> cameras,
            Instant from,
            Instant to,
            Duration timeout) {
        this.reader = new TopicReader<>(
                clientConfig,
                topic,
                AvroSerdes.specific(Frame.class, serdeConfig).deserializer(),
                timeout);
        this.cameras = Set.copyOf(cameras);
        this.from = from;
        this.to = to;
        Map<TopicPartition, Long> beginning = reader.beginningOffsets();
        this.end = reader.endOffsets();
        this.open = new ArrayList<>(reader.partitions());
        reader.seekToBeginning();
        open.removeIf(p -> end.get(p) <= beginning.get(p));
        this.expected = end.entrySet().stream()
                .mapToLong(e -> e.getValue() - beginning.get(e.getKey()))
                .sum();
    }

    /** The frame an image of this source is, by its file name. */
    public FrameRef frame(String fileName) {
        FrameRef ref = frames.get(fileName);
        if (ref == null) {
            throw new IllegalArgumentException("no frame was read as " + fileName);
        }
        return ref;
    }

    @Override
    public Path imagesDir() {
        return Path.of(reader.topic());
    }

    @Override
    public SourceImage next() {
        releaseCurrent();
        while (true) {
            ConsumerRecord<String, Frame> record = nextRecord();
            if (record == null) {
                return null;
            }
            Frame frame = record.value();
            if (!selected(frame)) {
                continue;
            }
            String where = frame.getCameraId() + "#" + frame.getFrameSequence() + " (" + record.partition() + "/"
                    + record.offset() + ")";
            Mat image = decode(frame, where);
            if (image == null) {
                continue;
            }
            long captureMillis = frame.getCaptureTime().toEpochMilli();
            String name = frame.getCameraId() + "/" + frame.getFrameSequence() + "@" + captureMillis;
            frames.put(
                    name,
                    new FrameRef(frame.getCameraId(), frame.getFrameSequence(), captureMillis, frame.getIngestRunId()));
            current = image;
            return new SourceImage(name, image);
        }
    }

    private boolean selected(Frame frame) {
        if (frame == null) {
            return false;
        }
        long capture = frame.getCaptureTime().toEpochMilli();
        return (cameras.isEmpty() || cameras.contains(frame.getCameraId()))
                && (from == null || capture >= from.toEpochMilli())
                && (to == null || capture < to.toEpochMilli());
    }

    private Mat decode(Frame frame, String where) {
        if (frame.getEncoding() != ImageEncoding.JPEG && frame.getEncoding() != ImageEncoding.PNG) {
            skipped.add(where + ": unsupported encoding " + frame.getEncoding());
            return null;
        }
        if (frame.getWidth() <= 0
                || frame.getHeight() <= 0
                || (long) frame.getWidth() * frame.getHeight() > MAX_PIXELS) {
            skipped.add(where + ": declares a " + frame.getWidth() + "x" + frame.getHeight() + " image, outside 1.."
                    + MAX_PIXELS + " pixels");
            return null;
        }
        ByteBuffer bytes = frame.getImage().duplicate();
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        Mat image;
        try (BytePointer pointer = new BytePointer(copy);
                Mat encoded = new Mat(1, copy.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, pointer)) {
            image = imdecode(encoded, IMREAD_COLOR);
        }
        if (image.empty() || (long) image.cols() * image.rows() > MAX_PIXELS) {
            image.close();
            skipped.add(where + ": not an image OpenCV can decode");
            return null;
        }
        return image;
    }

    /** The next record below the end offsets, or null when every partition is read to them. */
    private ConsumerRecord<String, Frame> nextRecord() {
        while (pending.isEmpty() && !open.isEmpty()) {
            for (ConsumerRecord<String, Frame> record : reader.poll(POLL_WAIT)) {
                TopicPartition p = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < end.get(p)) {
                    pending.add(record);
                }
            }
            for (var it = open.iterator(); it.hasNext(); ) {
                TopicPartition p = it.next();
                if (reader.position(p) >= end.get(p)) {
                    reader.pause(p);
                    it.remove();
                }
            }
        }
        return pending.poll();
    }

    @Override
    public long expectedCount() {
        return cameras.isEmpty() && from == null && to == null ? expected : -1;
    }

    @Override
    public List<String> skipped() {
        List<String> all = new ArrayList<>(skipped);
        if (reader.skipped() > 0) {
            all.add(reader.skipped() + " records that could not be deserialized");
        }
        return all;
    }

    @Override
    public void close() {
        releaseCurrent();
        reader.close();
    }

    private void releaseCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
