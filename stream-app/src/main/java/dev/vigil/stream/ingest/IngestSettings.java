package dev.vigil.stream.ingest;

import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.retry.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the ingest application reads and where it writes.
 *
 * @param cameras            the cameras, each read on its own thread
 * @param framesTopic        where frames go (created with {@code topicCreation} when missing)
 * @param topicCreation      how a missing frames topic is created
 * @param jpegQuality        JPEG quality 1-100 (lowered for a frame that would not fit the topic)
 * @param maxLongSide        frames are scaled down so their longer side is at most this; 0 keeps the size
 * @param maxFramesPerCamera a camera stops after this many frames sent; 0 = no limit
 * @param reconnectLimit     a live camera is given up after this many reconnects in a row; {@link Backoff#UNLIMITED}
 * @param statsInterval      how often each camera's counters are logged; zero: only at the end
 * @param sendQueueFrames    frames of a camera waiting for Kafka at most; a live camera then drops its oldest
 * @param clientConfig       bootstrap servers and pass-through producer properties (security, ...)
 * @param serdeConfig        registry URL and registry client properties
 */
public record IngestSettings(
        List<CameraSpec> cameras,
        String framesTopic,
        TopicSettings topicCreation,
        int jpegQuality,
        int maxLongSide,
        long maxFramesPerCamera,
        int reconnectLimit,
        Duration statsInterval,
        int sendQueueFrames,
        Map<String, Object> clientConfig,
        Map<String, Object> serdeConfig) {

    public static final int DEFAULT_STATS_INTERVAL_SECONDS = 10;
    public static final Duration DEFAULT_STATS_INTERVAL = Duration.ofSeconds(DEFAULT_STATS_INTERVAL_SECONDS);

    public IngestSettings {
        cameras = List.copyOf(cameras);
        CameraList.requireUniqueNames(cameras);
    }

    /** These cameras with the defaults: the frames topic, default JPEG quality, full size, no limits. */
    public static IngestSettings defaults(
            List<CameraSpec> cameras, Map<String, Object> clientConfig, Map<String, Object> serdeConfig) {
        return new IngestSettings(
                cameras,
                Topics.FRAMES,
                TopicSettings.defaults(),
                JpegEncoder.DEFAULT_QUALITY,
                0,
                0,
                Backoff.UNLIMITED,
                DEFAULT_STATS_INTERVAL,
                SendQueue.DEFAULT_CAPACITY,
                clientConfig,
                serdeConfig);
    }

    /** These settings with a frame limit per camera (0 = none). */
    public IngestSettings withMaxFramesPerCamera(long max) {
        return new IngestSettings(
                cameras,
                framesTopic,
                topicCreation,
                jpegQuality,
                maxLongSide,
                max,
                reconnectLimit,
                statsInterval,
                sendQueueFrames,
                clientConfig,
                serdeConfig);
    }
}
