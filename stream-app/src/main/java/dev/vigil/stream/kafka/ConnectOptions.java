package dev.vigil.stream.kafka;

import dev.vigil.stream.config.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long a command tries to reach Kafka and the schema registry at start before it gives up (a picocli mixin). */
public final class ConnectOptions {

    public static final int DEFAULT_ATTEMPTS = 3;
    public static final String DEFAULT_TIMEOUT = "10s";

    @Option(
            names = "--connect-attempts",
            defaultValue = "" + DEFAULT_ATTEMPTS,
            description =
                    "Attempts to reach Kafka and the registry at start before giving up. Default: ${DEFAULT-VALUE}.")
    int attempts;

    @Option(
            names = "--connect-timeout",
            defaultValue = DEFAULT_TIMEOUT,
            converter = DurationConverter.class,
            description = "Time each attempt may take (e.g. 10s). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    public int attempts() {
        return attempts;
    }

    public Duration timeout() {
        return timeout;
    }
}
