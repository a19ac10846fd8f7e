package dev.vigil.stream.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Marker;

/**
 * Drops a few third-party warnings, each by its logger and words, that say nothing a user can act on and have no cause
 * Vigil could remove; every other line of those loggers still prints. Installed by the shipped {@code logback.xml}.
 */
public final class KnownNoiseFilter extends TurboFilter {

    /** A warning of {@code logger} whose text contains {@code words}, and why it is noise. */
    record Noise(String logger, String words, String why) {}

    static final List<Noise> NOISE = List.of(
            new Noise(
                    "org.apache.kafka.controller.QuorumController",
                    "The metadata log appears to be empty",
                    "the embedded broker's first start on the data folder it has just formatted: KRaft writes its "
                            + "bootstrap records, as every new cluster does"),
            new Noise(
                    "org.apache.kafka.clients.NetworkClient",
                    "Attempting to close NetworkClient that has already been closed",
                    "the embedded broker's shutdown: Kafka's server closes its controller channel twice"));

    /** The start of Kafka Streams' warning about a state directory under the OS's temporary folder. */
    static final String TEMPORARY_STATE_DIR = "Using an OS temp directory in the state.dir property";

    private static final Set<Path> TEMPORARY_ON_PURPOSE = ConcurrentHashMap.newKeySet();

    /**
     * Says that {@code folder} is temporary on purpose (the demo's and the tests' brokers and Kafka Streams state, which
     * are removed on close): Kafka Streams' warning that a state directory inside it lies in the OS's temporary folder
     * is then dropped. A state directory the user chose is still warned about.
     */
    public static void temporaryOnPurpose(Path folder) {
        TEMPORARY_ON_PURPOSE.add(folder.toAbsolutePath().normalize());
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format == null || level == null || !level.isGreaterOrEqual(Level.WARN) || level.equals(Level.ERROR)) {
            return FilterReply.NEUTRAL;
        }
        return isNoise(logger.getName(), format) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    static boolean isNoise(String logger, String message) {
        for (Noise noise : NOISE) {
            if (noise.logger().equals(logger) && message.contains(noise.words())) {
                return true;
            }
        }
        return message.contains(TEMPORARY_STATE_DIR) && inTemporaryOnPurpose(message);
    }

    private static boolean inTemporaryOnPurpose(String message) {
        int start = message.lastIndexOf('[');
        int end = message.lastIndexOf(']');
        if (start < 0 || end <= start) {
            return false;
        }
        Path stateDir;
        try {
            stateDir =
                    Path.of(message.substring(start + 1, end)).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return false;
        }
        return TEMPORARY_ON_PURPOSE.stream().anyMatch(stateDir::startsWith);
    }
}
