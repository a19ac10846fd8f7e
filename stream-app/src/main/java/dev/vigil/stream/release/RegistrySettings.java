package dev.vigil.stream.release;

import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the model registry is and who uses it.
 *
 * @param clientConfig bootstrap servers and pass-through client properties
 * @param serdeConfig schema registry URL and its client properties
 * @param topic the models topic
 * @param topics how a missing topic is created
 * @param user who makes changes ({@code changed_by})
 * @param cacheDir where artifacts served over http(s) are fetched to
 * @param maxArtifactBytes the largest artifact fetched
 */
public record RegistrySettings(
        Map<String, Object> clientConfig,
        Map<String, Object> serdeConfig,
        String topic,
        TopicSettings topics,
        String user,
        Path cacheDir,
        long maxArtifactBytes) {

    public RegistrySettings {
        clientConfig = Map.copyOf(clientConfig);
        serdeConfig = Map.copyOf(serdeConfig);
    }

    /** The standard topic, this process's user, the default cache and bound. */
    public static RegistrySettings defaults(Map<String, Object> clientConfig, Map<String, Object> serdeConfig) {
        return new RegistrySettings(
                clientConfig,
                serdeConfig,
                Topics.MODELS,
                TopicSettings.defaults(),
                currentUser(),
                ReleaseArtifacts.DEFAULT_CACHE,
                ArtifactFetcher.DEFAULT_MAX_BYTES);
    }

    public RegistrySettings withUser(String newUser) {
        return new RegistrySettings(clientConfig, serdeConfig, topic, topics, newUser, cacheDir, maxArtifactBytes);
    }

    public RegistrySettings withTopic(String newTopic) {
        return new RegistrySettings(clientConfig, serdeConfig, newTopic, topics, user, cacheDir, maxArtifactBytes);
    }

    public RegistrySettings withCache(Path newCacheDir, long newMaxArtifactBytes) {
        return new RegistrySettings(clientConfig, serdeConfig, topic, topics, user, newCacheDir, newMaxArtifactBytes);
    }

    public Duration timeout() {
        return topics.timeout();
    }

    /** {@code user@host} of this process. */
    public static String currentUser() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "unknown") + "@" + host;
    }

    public ReleaseArtifacts artifacts() {
        return new ReleaseArtifacts(cacheDir, maxArtifactBytes);
    }
}
