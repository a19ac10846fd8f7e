package dev.vigil.stream.cli;

import dev.vigil.schemas.registry.RegistryClientConfig;
import dev.vigil.schemas.registry.server.RegistryServerConfig;
import dev.vigil.stream.config.RegistryServerOptions;
import dev.vigil.stream.infra.BrokerSettings;
import dev.vigil.stream.infra.LocalInfrastructure;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil infra}: a Kafka broker and a schema registry in this process, until Ctrl-C. */
@Command(
        name = "infra",
        mixinStandardHelpOptions = true,
        description = "Runs a real single-node Kafka broker (KRaft) and a Confluent-compatible schema registry "
                + "in this process until stopped (Ctrl-C). Prints the client settings (bootstrap.servers, "
                + "schema.registry.url, ...) as key=value lines, then 'Ready.'.")
public final class InfraCommand implements Callable<Integer> {

    @Option(
            names = "--host",
            defaultValue = BrokerSettings.DEFAULT_HOST,
            description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(
            names = "--kafka-port",
            defaultValue = "" + BrokerSettings.DEFAULT_PORT,
            description = "Kafka client port (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    @Option(
            names = "--registry-port",
            defaultValue = "" + LocalInfrastructure.DEFAULT_REGISTRY_PORT,
            description = "Schema registry port, HTTP or HTTPS (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int registryPort;

    @Mixin
    RegistryServerOptions registry;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Keep topics and schemas here across restarts. Default: a temporary folder, removed on exit.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        RegistryServerConfig registryConfig = registry.config(host, registryPort);
        try (GracefulShutdown shutdown = GracefulShutdown.onSignal("vigil-infra");
                LocalInfrastructure infra = LocalInfrastructure.start(host, kafkaPort, registryConfig, dataDir)) {
            System.out.println("bootstrap.servers=" + infra.bootstrapServers());
            System.out.println("schema.registry.url=" + infra.schemaRegistryUrl());
            if (registryConfig.basicAuth().isPresent()) {
                System.out.println(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE + "="
                        + RegistryClientConfig.SOURCE_USER_INFO);
            }
            System.out.println("data.dir=" + infra.dataDir());
            System.out.println("Ready. Press Ctrl-C to stop.");
            System.out.flush();
            shutdown.awaitSignal();
        }
        return 0;
    }
}
