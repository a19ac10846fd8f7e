package dev.vigil.stream.config;

import java.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --from} / {@code --to}: a range of capture times (payload time, not the record's Kafka timestamp). */
public final class CaptureTimeRange {

    @Option(
            names = "--from",
            paramLabel = "TIME",
            converter = InstantConverter.class,
            description = "Earliest capture time (ISO-8601 with zone, or epoch ms), inclusive.")
    Instant from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            converter = InstantConverter.class,
            description = "Capture times before this (exclusive).")
    Instant to;

    /** The start, inclusive, or null when open. */
    public Instant from() {
        return from;
    }

    /** The end, exclusive, or null when open. */
    public Instant to() {
        return to;
    }

    public boolean isSet() {
        return from != null || to != null;
    }

    public boolean contains(Instant captureTime) {
        return (from == null || !captureTime.isBefore(from)) && (to == null || captureTime.isBefore(to));
    }

    /** Refuses an empty range ({@code --from} not before {@code --to}) with a message naming both. */
    public void validate(CommandLine command) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ParameterException(command, "--from " + from + " must be before --to " + to);
        }
    }

    /** ", from T, to T" for the parts that are set: for messages. */
    public String describe() {
        return (from != null ? ", from " + from : "") + (to != null ? ", to " + to : "");
    }
}
