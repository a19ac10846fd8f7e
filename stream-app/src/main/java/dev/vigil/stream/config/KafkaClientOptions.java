package dev.vigil.stream.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Connection settings every Kafka-facing command shares: bootstrap servers, registry URL, and any further Kafka
 * client property (SASL, SSL, ...) passed through as given.
 */
public final class KafkaClientOptions {

    @Mixin
    private KafkaConnectionOptions connection = new KafkaConnectionOptions();

    @Mixin
    private RegistryClientOptions registry = new RegistryClientOptions();

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            split = ",",
            description = "Extra Kafka client property, e.g. security.protocol=SASL_SSL (repeatable; env "
                    + "VIGIL_KAFKA_PROPERTY as a comma-separated list).")
    private Map<String, String> extra = new LinkedHashMap<>();

    public String bootstrapServers() {
        return connection.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return connection.schemaRegistryUrl();
    }

    /** Client configuration: bootstrap servers plus the pass-through properties. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(extra);
        config.put("bootstrap.servers", connection.bootstrapServers());
        return config;
    }

    /**
     * Serde configuration: the registry URL, its credentials and TLS settings ({@link RegistryClientOptions}), and any
     * {@code schema.registry.*} / {@code basic.auth.*} pass-through.
     */
    public Map<String, Object> serdeConfig() {
        Map<String, Object> config = new HashMap<>();
        extra.forEach((k, v) -> {
            if (k.startsWith("schema.registry.") || k.startsWith("basic.auth.")) {
                config.put(k, v);
            }
        });
        config.putAll(registry.clientProperties());
        config.put("schema.registry.url", connection.schemaRegistryUrl());
        return config;
    }
}
