package dev.vigil.stream.cli;

import dev.vigil.stream.config.KafkaClientOptions;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.release.ArtifactFetcher;
import dev.vigil.stream.release.RegistrySettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the model registry is, and how artifacts served over http(s) are fetched (a picocli mixin). */
public final class RegistryOptions {

    @Option(
            names = "--models-topic",
            defaultValue = Topics.MODELS,
            description = "The model registry's topic (compacted). Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(
            names = "--model-cache",
            paramLabel = "DIR",
            defaultValue = "${sys:user.home}/.cache/vigil/models",
            description = "Where artifacts served over http(s) are fetched to. Default: ${DEFAULT-VALUE}.")
    Path cache;

    @Option(
            names = "--max-artifact-bytes",
            defaultValue = "" + ArtifactFetcher.DEFAULT_MAX_BYTES,
            description = "The largest artifact fetched over http(s). Default: ${DEFAULT-VALUE}.")
    long maxArtifactBytes;

    RegistrySettings settings(KafkaClientOptions kafka, TopicSettings topics) {
        RegistrySettings defaults = RegistrySettings.defaults(kafka.clientConfig(), kafka.serdeConfig());
        return new RegistrySettings(
                defaults.clientConfig(),
                defaults.serdeConfig(),
                topic,
                topics,
                defaults.user(),
                cache,
                maxArtifactBytes);
    }
}
