package dev.vigil.schemas.registry;

import java.time.Duration;

/** Wait before retry n (0-based): {@code initial × 2ⁿ}, at most {@code max}. */
public record ExponentialBackoff(Duration initial, Duration max) {

    /** The wait before retry {@code retry} (0 for the first retry). */
    public Duration delay(int retry) {
        long millis = initial.toMillis();
        for (int i = 0; i < retry && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
