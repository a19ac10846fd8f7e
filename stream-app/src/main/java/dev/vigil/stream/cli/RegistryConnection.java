package dev.vigil.stream.cli;

import dev.vigil.stream.config.KafkaClientOptions;
import dev.vigil.stream.kafka.TopicCreationOptions;
import dev.vigil.stream.release.ModelRegistry;
import dev.vigil.stream.release.RegistrySettings;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the {@code vigil model} commands need to reach the registry (a picocli mixin). */
public final class RegistryConnection {

    @Mixin
    KafkaClientOptions kafka;

    @Mixin
    RegistryOptions registry;

    @Mixin
    TopicCreationOptions creation;

    @Option(
            names = "--user",
            description = "Who makes the change, as the registry records it. Default: USER@HOST of this process.")
    String user;

    RegistrySettings settings() {
        RegistrySettings settings = registry.settings(kafka, creation.settings(Duration.ofSeconds(30)));
        return user == null ? settings : settings.withUser(user);
    }

    ModelRegistry connect() {
        return ModelRegistry.connect(settings());
    }
}
