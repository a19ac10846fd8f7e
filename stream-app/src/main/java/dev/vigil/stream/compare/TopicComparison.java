package dev.vigil.stream.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.eval.CocoEvaluator;
import dev.vigil.model.eval.ImageDetectionResult;
import dev.vigil.model.eval.ScoredBox;
import dev.vigil.model.gate.GateFigures;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.kafka.TopicReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Compares two detection topics on the frames both have an OK event for (production and a shadow run, or any two):
 * their {@link Agreement} per class, and, with a labelled dataset of those frames (a {@code vigil snapshot}, whose
 * images name their camera, sequence and capture time), the COCO figures of each.
 */
public final class TopicComparison {

    /** Events read from one topic, at most. */
    public static final int DEFAULT_MAX_EVENTS = 1_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to compare.
     *
     * @param topicA the reference (e.g. production's detections)
     * @param topicB the one compared with it (e.g. detections.shadow.NAME)
     * @param frames which events count (camera, capture time)
     * @param iou the IoU at which two boxes match
     * @param minScore boxes below this score are left out
     * @param maxEvents the most events read from one topic
     * @param timeout how long to wait for the cluster
     */
    public record Settings(
            String topicA,
            String topicB,
            Predicate<DetectionEvent> frames,
            double iou,
            float minScore,
            int maxEvents,
            Duration timeout) {}

    /**
     * What the comparison found.
     *
     * @param framesA frames with an OK event on A
     * @param framesB frames with an OK event on B
     * @param modelsA the models that made A's events (name version), B's likewise
     * @param figuresA COCO figures of A on the dataset, or null without one (B's likewise)
     * @param datasetImages images of the dataset among the frames compared (0 without a dataset)
     */
    public record Result(
            Agreement agreement,
            long framesA,
            long framesB,
            Set<String> modelsA,
            Set<String> modelsB,
            GateFigures figuresA,
            GateFigures figuresB,
            int datasetImages) {}

    private TopicComparison() {}

    /**
     * @param dataset a labelled dataset of the frames (COCO JSON from vigil snapshot), or null
     * @param datasetImages its images' folder, or null for the JSON's own
     */
    public static Result run(
            Settings settings,
            Map<String, Object> clientConfig,
            Map<String, Object> serdeConfig,
            Path dataset,
            Path datasetImages)
            throws IOException {
        Map<FrameKey, DetectionEvent> a = read(settings.topicA(), settings, clientConfig, serdeConfig);
        Map<FrameKey, DetectionEvent> b = read(settings.topicB(), settings, clientConfig, serdeConfig);
        Agreement agreement = new Agreement(settings.iou(), settings.minScore());
        Map<FrameKey, DetectionEvent[]> both = new LinkedHashMap<>();
        for (Map.Entry<FrameKey, DetectionEvent> entry : a.entrySet()) {
            DetectionEvent other = b.get(entry.getKey());
            if (other != null) {
                agreement.add(entry.getValue().getDetections(), other.getDetections());
                both.put(entry.getKey(), new DetectionEvent[] {entry.getValue(), other});
            }
        }
        GateFigures figuresA = null;
        GateFigures figuresB = null;
        int evaluated = 0;
        if (dataset != null) {
            Dataset labelled = CocoDataset.read(dataset, datasetImages);
            Map<Long, FrameKey> frameOfImage = frameOfImage(dataset);
            List<AnnotatedImage> images = new ArrayList<>();
            List<ImageDetectionResult> resultsA = new ArrayList<>();
            List<ImageDetectionResult> resultsB = new ArrayList<>();
            Map<String, Integer> categories = new HashMap<>();
            labelled.categories().forEach(c -> categories.put(c.name(), c.id()));
            for (AnnotatedImage image : labelled.images()) {
                FrameKey key = frameOfImage.get(image.id());
                DetectionEvent[] pair = key == null ? null : both.get(key);
                if (pair != null) {
                    images.add(image);
                    resultsA.add(result(image.id(), pair[0], categories, settings.minScore()));
                    resultsB.add(result(image.id(), pair[1], categories, settings.minScore()));
                }
            }
            if (images.isEmpty()) {
                throw new IllegalArgumentException("None of the images of " + dataset + " is among the frames both "
                        + "topics have events for (images are matched by camera_id, frame_sequence and capture_time, "
                        + "as vigil snapshot writes them)");
            }
            Dataset compared = new Dataset(labelled.imagesDir(), labelled.categories(), images);
            figuresA = GateFigures.of(new CocoEvaluator().evaluate(compared, resultsA));
            figuresB = GateFigures.of(new CocoEvaluator().evaluate(compared, resultsB));
            evaluated = images.size();
        }
        return new Result(agreement, a.size(), b.size(), models(a), models(b), figuresA, figuresB, evaluated);
    }

    private static Set<String> models(Map<FrameKey, DetectionEvent> events) {
        Set<String> models = new java.util.TreeSet<>();
        events.values().forEach(e -> models.add(e.getModelName() + " " + e.getModelVersion()));
        return models;
    }

    private static ImageDetectionResult result(
            long imageId, DetectionEvent event, Map<String, Integer> categories, float minScore) {
        List<ScoredBox> boxes = new ArrayList<>();
        for (Detection d : event.getDetections()) {
            Integer category = categories.get(d.getLabel());
            if (category != null && d.getScore() >= minScore) {
                boxes.add(new ScoredBox(d.getX1(), d.getY1(), d.getX2(), d.getY2(), category, d.getScore()));
            }
        }
        return new ImageDetectionResult(imageId, boxes);
    }

    /** The frame each image of a snapshot's COCO JSON shows, by image id. */
    private static Map<Long, FrameKey> frameOfImage(Path json) throws IOException {
        Map<Long, FrameKey> ids = new HashMap<>();
        for (JsonNode image : JSON.readTree(json.toFile()).path("images")) {
            if (image.hasNonNull("camera_id")
                    && image.hasNonNull("frame_sequence")
                    && image.hasNonNull("capture_time")) {
                ids.put(
                        image.path("id").asLong(),
                        new FrameKey(
                                image.path("camera_id").asText(),
                                image.path("frame_sequence").asLong(),
                                Instant.parse(image.path("capture_time").asText())
                                        .toEpochMilli()));
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(json + " names no frames (its images have no camera_id, frame_sequence "
                    + "and capture_time): label frames with vigil snapshot");
        }
        return ids;
    }

    /** The OK events of a topic that pass the filter, by frame (the last one of a frame when there are several). */
    private static Map<FrameKey, DetectionEvent> read(
            String topic, Settings settings, Map<String, Object> clientConfig, Map<String, Object> serdeConfig) {
        Map<FrameKey, DetectionEvent> events = new LinkedHashMap<>();
        long read = 0;
        try (TopicReader<DetectionEvent> reader = new TopicReader<>(
                clientConfig,
                topic,
                AvroSerdes.specific(DetectionEvent.class, serdeConfig).deserializer(),
                settings.timeout())) {
            Map<TopicPartition, Long> end = reader.endOffsets();
            reader.seekToBeginning();
            while (end.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, DetectionEvent> record : reader.poll(Duration.ofMillis(200))) {
                    if (++read > settings.maxEvents()) {
                        throw new IllegalArgumentException("Topic '" + topic + "' holds more than "
                                + settings.maxEvents() + " events; narrow the comparison (--camera, --from, --to) or "
                                + "raise --max-events");
                    }
                    DetectionEvent event = record.value();
                    if (event != null
                            && event.getStatus() == DetectionStatus.OK
                            && settings.frames().test(event)) {
                        events.put(FrameKey.of(event), event);
                    }
                }
            }
        }
        return events;
    }
}
