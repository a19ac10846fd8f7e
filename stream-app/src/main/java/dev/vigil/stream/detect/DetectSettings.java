package dev.vigil.stream.detect;

import dev.vigil.model.image.ImageDecoder;
import dev.vigil.stream.detect.motion.MotionSettings;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.tracking.TrackingSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the detect application needs besides its detector.
 *
 * @param applicationId       Kafka Streams application id (the consumer group; instances with the same id share work)
 * @param topics              frames in, detections and dead letters out
 * @param batching            micro-batching and stale skipping
 * @param streamThreads       stream threads in this instance, each with its own detector
 * @param processingGuarantee {@code exactly_once_v2} (default) or {@code at_least_once}
 * @param stateDir            where Kafka Streams keeps local state
 * @param maxMessageBytes     largest frame record (consumer fetch and changelog sizes follow it)
 * @param maxImagePixels      the most pixels a frame's image may have, declared or real; larger frames are
 *                            dead-lettered before they are decoded
 * @param clientConfig        bootstrap servers and pass-through client properties (security, ...)
 * @param serdeConfig         registry URL and registry client properties
 * @param tracking            the tracking stage after detection (track ids, object events, zone and line counts)
 * @param motion              the motion gate (off unless asked for): still frames reuse their camera's last detection
 */
public record DetectSettings(
        String applicationId,
        DetectTopology.TopicNames topics,
        BatchingSettings batching,
        int streamThreads,
        String processingGuarantee,
        Path stateDir,
        int maxMessageBytes,
        long maxImagePixels,
        Map<String, Object> clientConfig,
        Map<String, Object> serdeConfig,
        TrackingSettings tracking,
        MotionSettings motion) {

    public static final String DEFAULT_APPLICATION_ID = "vigil-detect";
    /** 7680×4320 (8K UHD), the largest camera picture in use: 400 MB as the detector's floats. */
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 7680L * 4320L;

    public DetectSettings {
        if (maxImagePixels <= 0 || maxImagePixels > ImageDecoder.DEFAULT_MAX_PIXELS) {
            throw new IllegalArgumentException("The pixel limit must be within 1.." + ImageDecoder.DEFAULT_MAX_PIXELS
                    + " (the image decoder's own cap), got " + maxImagePixels);
        }
    }

    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
    public static final int DEFAULT_STREAM_THREADS = 1;

    /** These settings with the motion gate off. */
    public DetectSettings(
            String applicationId,
            DetectTopology.TopicNames topics,
            BatchingSettings batching,
            int streamThreads,
            String processingGuarantee,
            Path stateDir,
            int maxMessageBytes,
            long maxImagePixels,
            Map<String, Object> clientConfig,
            Map<String, Object> serdeConfig,
            TrackingSettings tracking) {
        this(
                applicationId,
                topics,
                batching,
                streamThreads,
                processingGuarantee,
                stateDir,
                maxMessageBytes,
                maxImagePixels,
                clientConfig,
                serdeConfig,
                tracking,
                MotionSettings.off());
    }

    /** These settings with {@link TrackingSettings#defaults()}: tracking on, no zones; the motion gate off. */
    public DetectSettings(
            String applicationId,
            DetectTopology.TopicNames topics,
            BatchingSettings batching,
            int streamThreads,
            String processingGuarantee,
            Path stateDir,
            int maxMessageBytes,
            long maxImagePixels,
            Map<String, Object> clientConfig,
            Map<String, Object> serdeConfig) {
        this(
                applicationId,
                topics,
                batching,
                streamThreads,
                processingGuarantee,
                stateDir,
                maxMessageBytes,
                maxImagePixels,
                clientConfig,
                serdeConfig,
                TrackingSettings.defaults());
    }

    /**
     * The defaults: the standard topics, {@link BatchingSettings#defaults()}, one stream thread, exactly once, the
     * default record size and pixel limit, tracking on without zones.
     */
    public static DetectSettings defaults(
            String applicationId, Path stateDir, Map<String, Object> clientConfig, Map<String, Object> serdeConfig) {
        return new DetectSettings(
                applicationId,
                new DetectTopology.TopicNames(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ),
                BatchingSettings.defaults(),
                DEFAULT_STREAM_THREADS,
                EXACTLY_ONCE_V2,
                stateDir,
                TopicSettings.DEFAULT_MAX_MESSAGE_BYTES,
                DEFAULT_MAX_IMAGE_PIXELS,
                clientConfig,
                serdeConfig);
    }

    /** These settings with other batching. */
    public DetectSettings withBatching(BatchingSettings other) {
        return new DetectSettings(
                applicationId,
                topics,
                other,
                streamThreads,
                processingGuarantee,
                stateDir,
                maxMessageBytes,
                maxImagePixels,
                clientConfig,
                serdeConfig,
                tracking,
                motion);
    }

    /** These settings with another tracking stage (or none: {@link TrackingSettings#off()}). */
    public DetectSettings withTracking(TrackingSettings other) {
        return new DetectSettings(
                applicationId,
                topics,
                batching,
                streamThreads,
                processingGuarantee,
                stateDir,
                maxMessageBytes,
                maxImagePixels,
                clientConfig,
                serdeConfig,
                other,
                motion);
    }

    /** These settings with another motion gate (or none: {@link MotionSettings#off()}). */
    public DetectSettings withMotion(MotionSettings other) {
        return new DetectSettings(
                applicationId,
                topics,
                batching,
                streamThreads,
                processingGuarantee,
                stateDir,
                maxMessageBytes,
                maxImagePixels,
                clientConfig,
                serdeConfig,
                tracking,
                other);
    }
}
