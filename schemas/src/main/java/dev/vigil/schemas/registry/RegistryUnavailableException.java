package dev.vigil.schemas.registry;

/** The registry could not be reached (connection refused, timeouts) after every retry. */
public class RegistryUnavailableException extends RegistryException {

    private static final long serialVersionUID = 1L;

    /** HTTP status reported when no answer arrived at all. */
    public static final int NO_RESPONSE = 0;

    /** Unreachable registry, with the last transport error. */
    public RegistryUnavailableException(String message, Throwable cause) {
        super(NO_RESPONSE, UNKNOWN_ERROR_CODE, message, cause);
    }
}
