package dev.vigil.stream.detect;

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
 * @param clientConfig        bootstrap servers and pass-through client properties (security, ...)
 * @param serdeConfig         registry URL and registry client properties
 */
public record DetectSettings(
        String applicationId,
        DetectTopology.TopicNames topics,
        BatchingSettings batching,
        int streamThreads,
        String processingGuarantee,
        Path stateDir,
        int maxMessageBytes,
        Map<String, Object> clientConfig,
        Map<String, Object> serdeConfig) {

    public static final String DEFAULT_APPLICATION_ID = "vigil-detect";
    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
}
