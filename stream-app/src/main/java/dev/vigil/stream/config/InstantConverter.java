package dev.vigil.stream.config;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Reads a point in time: ISO-8601 with a zone ({@code 2026-11-24T12:00:00Z}, {@code ...+01:00}) or epoch milliseconds. */
public final class InstantConverter implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a time (write ISO-8601 with a zone, e.g. "
                    + "2026-11-24T12:00:00Z, or epoch milliseconds)");
        }
    }
}
