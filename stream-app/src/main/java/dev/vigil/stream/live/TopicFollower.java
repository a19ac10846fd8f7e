package dev.vigil.stream.live;

import dev.vigil.schemas.CameraStatus;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.live.LiveRecords.Box;
import dev.vigil.stream.live.LiveRecords.EventRow;
import dev.vigil.stream.live.LiveRecords.Status;
import dev.vigil.stream.live.LiveRecords.StoredFrame;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the frames, detections and cameras topics for the live view, every partition by assignment and outside any
 * consumer group: each process that serves the view sees every camera, however many detect instances share the
 * work. Frames and events are read from near the end (the last few of each partition, then live); the compacted
 * cameras topic from its beginning. Partitions and topics that appear later are picked up. A record that cannot be
 * read is counted and skipped: the view shows, it never loses data that others process. Runs on its own thread.
 */
final class TopicFollower implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

    /** Records read back from the end of each frames and detections partition at start, to fill the view. */
    static final int BACKFILL_RECORDS = 16;

    private static final Duration POLL = Duration.ofMillis(200);
    private static final long REASSIGN_EVERY_MILLIS = 5_000;
    private static final long WARN_EVERY_MILLIS = 60_000;

    private final LiveViewSettings settings;
    private final LiveCameras cameras;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<Frame> frames;
    private final Deserializer<DetectionEvent> events;
    private final Deserializer<CameraStatus> statuses;
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong recordsRead = new AtomicLong();
    private volatile boolean stopped;
    private long lastWarnMillis;

    TopicFollower(LiveViewSettings settings, LiveCameras cameras) {
        this.settings = settings;
        this.cameras = cameras;
        Map<String, Object> config = new HashMap<>(settings.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, settings.maxMessageBytes());
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-live-view");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.frames = AvroSerdes.specific(Frame.class, settings.serdeConfig()).deserializer();
        this.events = AvroSerdes.specific(DetectionEvent.class, settings.serdeConfig())
                .deserializer();
        this.statuses =
                AvroSerdes.specific(CameraStatus.class, settings.serdeConfig()).deserializer();
    }

    @Override
    public void run() {
        long nextAssign = 0;
        try {
            while (!stopped) {
                long now = System.currentTimeMillis();
                if (now >= nextAssign) {
                    assignNewPartitions();
                    nextAssign = now + REASSIGN_EVERY_MILLIS;
                }
                if (consumer.assignment().isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            if (!stopped) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("The live view stopped reading the topics: {}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void assignNewPartitions() {
        Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
        List<TopicPartition> fresh = new ArrayList<>();
        Map<String, List<PartitionInfo>> topics;
        try {
            topics = consumer.listTopics(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            warn("cannot list the topics ({}); trying again", e.toString());
            return;
        }
        for (String topic : List.of(settings.framesTopic(), settings.detectionsTopic(), settings.camerasTopic())) {
            for (PartitionInfo info : topics.getOrDefault(topic, List.of())) {
                TopicPartition partition = new TopicPartition(topic, info.partition());
                if (!assigned.contains(partition)) {
                    fresh.add(partition);
                }
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        assigned.addAll(fresh);
        consumer.assign(assigned);
        List<TopicPartition> fromEnd = fresh.stream()
                .filter(p -> !p.topic().equals(settings.camerasTopic()))
                .toList();
        List<TopicPartition> fromStart = fresh.stream()
                .filter(p -> p.topic().equals(settings.camerasTopic()))
                .toList();
        consumer.seekToBeginning(fromStart);
        Map<TopicPartition, Long> ends = consumer.endOffsets(fromEnd, Duration.ofSeconds(5));
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(fromEnd, Duration.ofSeconds(5));
        for (TopicPartition p : fromEnd) {
            consumer.seek(p, Math.max(begins.getOrDefault(p, 0L), ends.getOrDefault(p, 0L) - BACKFILL_RECORDS));
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        long now = System.currentTimeMillis();
        try {
            if (record.topic().equals(settings.framesTopic())) {
                onFrame(frames.deserialize(record.topic(), record.value()), now);
            } else if (record.topic().equals(settings.detectionsTopic())) {
                onEvent(events.deserialize(record.topic(), record.value()), now);
            } else {
                onStatus(statuses.deserialize(record.topic(), record.value()));
            }
            recordsRead.incrementAndGet();
        } catch (RuntimeException e) {
            unreadable.incrementAndGet();
            warn(
                    "cannot show a record of {} (partition {}, offset {}): {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
        }
    }

    private void onFrame(Frame frame, long now) {
        ByteBuffer image = frame.getImage();
        byte[] jpeg = new byte[image.remaining()];
        image.duplicate().get(jpeg);
        StoredFrame stored = new StoredFrame(
                frame.getIngestRunId(),
                frame.getFrameSequence(),
                frame.getCaptureTime().toEpochMilli(),
                frame.getWidth(),
                frame.getHeight(),
                jpeg);
        cameras.camera(frame.getCameraId()).flatMap(c -> c.onFrame(stored, now)).ifPresent(cameras::publish);
    }

    private void onEvent(DetectionEvent event, long now) {
        List<Box> boxes = new ArrayList<>();
        for (Detection d : event.getDetections()) {
            if (d.getScore() >= settings.minScore()) {
                boxes.add(new Box(
                        d.getLabel(), d.getScore(), d.getX1(), d.getY1(), d.getX2(), d.getY2(), d.getTrackId()));
            }
        }
        EventRow row = new EventRow(
                event.getIngestRunId(),
                event.getFrameSequence(),
                event.getFrameTime().toEpochMilli(),
                event.getDetectionTime().toEpochMilli(),
                event.getStatus().name(),
                event.getModelName() + " " + event.getModelVersion(),
                List.copyOf(boxes));
        cameras.camera(event.getCameraId())
                .flatMap(c -> c.onEvent(row, event.getModelName(), event.getModelVersion(), now))
                .ifPresent(cameras::publish);
    }

    private void onStatus(CameraStatus s) {
        Status status = new Status(
                s.getState().name(),
                s.getReason(),
                s.getQuality().name(),
                s.getFps(),
                s.getExpectedFps(),
                s.getReconnectsLastHour(),
                s.getLastFrameTime() == null ? null : s.getLastFrameTime().toEpochMilli(),
                s.getUpdatedTime().toEpochMilli(),
                s.getIngestHost());
        cameras.camera(s.getCameraId()).ifPresent(c -> c.onStatus(status));
    }

    private void warn(String format, Object... args) {
        long now = System.currentTimeMillis();
        if (now - lastWarnMillis >= WARN_EVERY_MILLIS) {
            lastWarnMillis = now;
            log.warn("Live view: " + format, args);
        }
    }

    /** Records read and shown so far. */
    long recordsRead() {
        return recordsRead.get();
    }

    /** Records that could not be read. */
    long unreadable() {
        return unreadable.get();
    }

    @Override
    public void close() {
        stopped = true;
        consumer.wakeup();
    }
}
