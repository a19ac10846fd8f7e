package dev.vigil.stream.live;

import dev.vigil.model.zone.SceneConfig;
import dev.vigil.stream.kafka.Topics;
import java.util.Map;

/**
 * What the live view reads and shows.
 *
 * @param clientConfig    bootstrap servers and pass-through client properties (security, ...)
 * @param serdeConfig     registry URL and registry client properties
 * @param framesTopic     where the cameras' frames are
 * @param detectionsTopic where detect's events are
 * @param camerasTopic    where ingest publishes each camera's status
 * @param minScore        detections below this score are not drawn
 * @param scene           zones and lines to draw per camera (empty when none are configured)
 * @param maxMessageBytes the largest frame record
 */
public record LiveViewSettings(
        Map<String, Object> clientConfig,
        Map<String, Object> serdeConfig,
        String framesTopic,
        String detectionsTopic,
        String camerasTopic,
        float minScore,
        SceneConfig scene,
        int maxMessageBytes) {

    public static final float DEFAULT_MIN_SCORE = 0.5f;

    public LiveViewSettings {
        scene = scene == null ? new SceneConfig(Map.of()) : scene;
    }

    /** The standard topics, boxes from score 0.5, no zones. */
    public static LiveViewSettings defaults(
            Map<String, Object> clientConfig, Map<String, Object> serdeConfig, int maxMessageBytes) {
        return new LiveViewSettings(
                clientConfig,
                serdeConfig,
                Topics.FRAMES,
                Topics.DETECTIONS,
                Topics.CAMERAS,
                DEFAULT_MIN_SCORE,
                null,
                maxMessageBytes);
    }

    public LiveViewSettings withMinScore(float score) {
        return new LiveViewSettings(
                clientConfig, serdeConfig, framesTopic, detectionsTopic, camerasTopic, score, scene, maxMessageBytes);
    }

    public LiveViewSettings withScene(SceneConfig other) {
        return new LiveViewSettings(
                clientConfig,
                serdeConfig,
                framesTopic,
                detectionsTopic,
                camerasTopic,
                minScore,
                other,
                maxMessageBytes);
    }

    public LiveViewSettings withTopics(String frames, String detections) {
        return new LiveViewSettings(
                clientConfig, serdeConfig, frames, detections, camerasTopic, minScore, scene, maxMessageBytes);
    }
}
