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

    /**
     * A builder starting from the defaults: the standard topics, {@link BatchingSettings#defaults()}, one stream
     * thread, exactly once, the default record size and pixel limit, tracking on without zones, the motion gate off.
     */
    public static Builder builder(
            String applicationId, Path stateDir, Map<String, Object> clientConfig, Map<String, Object> serdeConfig) {
        return new Builder(applicationId, stateDir, clientConfig, serdeConfig);
    }

    /** The defaults of {@link #builder}. */
    public static DetectSettings defaults(
            String applicationId, Path stateDir, Map<String, Object> clientConfig, Map<String, Object> serdeConfig) {
        return builder(applicationId, stateDir, clientConfig, serdeConfig).build();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return builder(applicationId, stateDir, clientConfig, serdeConfig)
                .topics(topics)
                .batching(batching)
                .streamThreads(streamThreads)
                .processingGuarantee(processingGuarantee)
                .maxMessageBytes(maxMessageBytes)
                .maxImagePixels(maxImagePixels)
                .tracking(tracking)
                .motion(motion);
    }

    /** Builds {@link DetectSettings}; what is not set keeps the default {@link #builder} names. */
    public static final class Builder {
        private final String applicationId;
        private final Path stateDir;
        private final Map<String, Object> clientConfig;
        private final Map<String, Object> serdeConfig;
        private DetectTopology.TopicNames topics =
                new DetectTopology.TopicNames(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ);
        private BatchingSettings batching = BatchingSettings.defaults();
        private int streamThreads = DEFAULT_STREAM_THREADS;
        private String processingGuarantee = EXACTLY_ONCE_V2;
        private int maxMessageBytes = TopicSettings.DEFAULT_MAX_MESSAGE_BYTES;
        private long maxImagePixels = DEFAULT_MAX_IMAGE_PIXELS;
        private TrackingSettings tracking = TrackingSettings.defaults();
        private MotionSettings motion = MotionSettings.off();

        private Builder(
                String applicationId,
                Path stateDir,
                Map<String, Object> clientConfig,
                Map<String, Object> serdeConfig) {
            this.applicationId = applicationId;
            this.stateDir = stateDir;
            this.clientConfig = clientConfig;
            this.serdeConfig = serdeConfig;
        }

        public Builder topics(DetectTopology.TopicNames names) {
            this.topics = names;
            return this;
        }

        public Builder batching(BatchingSettings settings) {
            this.batching = settings;
            return this;
        }

        public Builder streamThreads(int threads) {
            this.streamThreads = threads;
            return this;
        }

        /** {@code exactly_once_v2} or {@code at_least_once}. */
        public Builder processingGuarantee(String guarantee) {
            this.processingGuarantee = guarantee;
            return this;
        }

        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        public Builder maxImagePixels(long pixels) {
            this.maxImagePixels = pixels;
            return this;
        }

        /** The tracking stage, or none: {@link TrackingSettings#off()}. */
        public Builder tracking(TrackingSettings settings) {
            this.tracking = settings;
            return this;
        }

        /** The motion gate, or none: {@link MotionSettings#off()}. */
        public Builder motion(MotionSettings settings) {
            this.motion = settings;
            return this;
        }

        public DetectSettings build() {
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
                    motion);
        }
    }
}
