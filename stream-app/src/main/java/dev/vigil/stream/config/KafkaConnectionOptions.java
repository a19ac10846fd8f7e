package dev.vigil.stream.config;

import picocli.CommandLine.Option;

/** The options every command that talks to Kafka shares (a picocli mixin). */
public final class KafkaConnectionOptions {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://127.0.0.1:8081";

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            defaultValue = DEFAULT_BOOTSTRAP_SERVERS,
            description = "Kafka bootstrap servers (env VIGIL_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}.")
    private String bootstrapServers;

    @Option(
            names = "--schema-registry-url",
            paramLabel = "URL",
            defaultValue = DEFAULT_SCHEMA_REGISTRY_URL,
            description = "Schema registry URL (env VIGIL_SCHEMA_REGISTRY_URL). Default: ${DEFAULT-VALUE}.")
    private String schemaRegistryUrl;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }
}
