package dev.vigil.schemas.registry;

/**
 * A refusal of the schema registry: the HTTP status, Confluent's {@code error_code} (for example
 * 40401 subject not found, 409 incompatible schema) and the registry's message.
 */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Error code used when the registry's answer carries none (as Confluent's clients do). */
    public static final int UNKNOWN_ERROR_CODE = -1;

    private final int status;
    private final int errorCode;
    private final String registryMessage;

    /** An error with the registry's HTTP {@code status}, {@code errorCode} and message. */
    public RegistryException(int status, int errorCode, String registryMessage) {
        this(status, errorCode, registryMessage, null);
    }

    /** An error caused by {@code cause}. */
    public RegistryException(int status, int errorCode, String registryMessage, Throwable cause) {
        super(registryMessage + " (HTTP " + status + ", error code " + errorCode + ")", cause);
        this.status = status;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    /** HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** Confluent error code, {@link #UNKNOWN_ERROR_CODE} when the answer had none. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry's message, without status and code. */
    public String registryMessage() {
        return registryMessage;
    }
}
