package dev.vigil.stream.snapshot;

import dev.vigil.schemas.Annotation;
import dev.vigil.schemas.AnnotationSource;
import dev.vigil.stream.kafka.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The annotations of a topic by frame (camera id + frame sequence). Where a frame has several, the most trusted
 * source wins (human over import over teacher), and among those of one source the latest; where several exported
 * images share a camera and sequence (the camera restarted its numbering), only annotations whose frame time is the
 * image's capture time count.
 */
public final class AnnotationIndex {

    private static final Duration POLL_WAIT = Duration.ofMillis(200);

    private final Map<String, List<Annotation>> byFrame = new HashMap<>();
    private long records;

    /** No annotations. */
    public static AnnotationIndex empty() {
        return new AnnotationIndex();
    }

    /** Reads every committed annotation of {@code reader}'s topic now there, of {@code cameras} (empty: all). */
    public static AnnotationIndex read(TopicReader<Annotation> reader, Set<String> cameras) {
        AnnotationIndex index = new AnnotationIndex();
        Map<TopicPartition, Long> end = reader.endOffsets();
        reader.seekToBeginning();
        List<TopicPartition> remaining = new ArrayList<>(reader.partitions());
        while (!remaining.isEmpty()) {
            for (ConsumerRecord<String, Annotation> r : reader.poll(POLL_WAIT)) {
                Annotation a = r.value();
                if (a != null) {
                    index.records++;
                }
                if (a != null
                        && r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))
                        && (cameras.isEmpty() || cameras.contains(a.getCameraId()))) {
                    index.byFrame
                            .computeIfAbsent(key(a.getCameraId(), a.getFrameSequence()), k -> new ArrayList<>())
                            .add(a);
                }
            }
            remaining.removeIf(p -> reader.position(p) >= end.get(p));
        }
        return index;
    }

    /** Annotation records read, of every camera. */
    public long records() {
        return records;
    }

    /**
     * The annotation for an image.
     *
     * @param sequenceShared whether another exported image has the same camera and frame sequence
     */
    public Optional<Annotation> forImage(SnapshotImage image, boolean sequenceShared) {
        List<Annotation> candidates = byFrame.getOrDefault(key(image.cameraId(), image.frameSequence()), List.of());
        Annotation best = null;
        for (Annotation a : candidates) {
            if (sequenceShared && a.getFrameTime().toEpochMilli() != image.captureTimeMillis()) {
                continue;
            }
            if (best == null || trust(a.getSource()) >= trust(best.getSource())) {
                best = a;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int trust(AnnotationSource source) {
        return switch (source) {
            case HUMAN -> 3;
            case IMPORT -> 2;
            case TEACHER -> 1;
            case UNKNOWN -> 0;
        };
    }

    private static String key(String cameraId, long frameSequence) {
        return cameraId + '\u0000' + frameSequence;
    }
}
