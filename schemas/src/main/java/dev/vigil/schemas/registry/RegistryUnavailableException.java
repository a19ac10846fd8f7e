package dev.vigil.schemas.registry;

import java.util.Optional;

/**
 * The schema registry could not be used for now, after every retry: the connection was refused or timed out, or the
 * registry answered that it is down or busy (HTTP 5xx, 429, 408). A transient failure: the request may succeed
 * later, and the data it was for is not at fault, so a caller should pause and retry rather than treat the record as
 * bad (never dead-letter it).
 *
 * <p>Kafka wraps what a deserializer throws (for example in a {@code RecordDeserializationException}); {@link
 * #findIn(Throwable)} finds this exception among the causes.
 */
public class RegistryUnavailableException extends RegistryException {

    private static final long serialVersionUID = 1L;

    /** HTTP status reported when no answer arrived at all. */
    public static final int NO_RESPONSE = 0;

    /** Unreachable registry, with the last transport error. */
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, NO_RESPONSE, UNKNOWN_ERROR_CODE, message, cause);
    }

    /** A registry that answered {@code status} (5xx, 429, 408) to the last try, with its error code and message. */
    public RegistryUnavailableException(String message, int status, int errorCode, String registryMessage) {
        super(message, status, errorCode, registryMessage, null);
    }

    /** The same failure, described by {@code message} (which names what needed the registry). */
    public RegistryUnavailableException(String message, RegistryUnavailableException cause) {
        super(message, cause.status(), cause.errorCode(), cause.registryMessage(), cause);
    }

    /** This exception in {@code failure} or its causes, if there. */
    public static Optional<RegistryUnavailableException> findIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RegistryUnavailableException unavailable) {
                return Optional.of(unavailable);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Whether an answer with {@code status} means "try again later". */
    public static boolean isTransientStatus(int status) {
        return status >= 500 || status == 429 || status == 408;
    }
}
