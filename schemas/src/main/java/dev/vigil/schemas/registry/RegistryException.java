package dev.vigil.schemas.registry;

/**
 * The schema registry refused a request, or could not be used: the HTTP status, Confluent's {@code error_code} (for
 * example 40401 subject not found, 40403 schema not found, 409 incompatible schema) and the registry's message.
 *
 * <p>What a caller should make of it:
 *
 * <ul>
 *   <li>{@link RegistryUnavailableException} (a subclass): the registry could not be reached or answered that it is
 *       down or busy, after every retry. Transient: retry later; the data is not at fault.
 *   <li>status 404 with {@code error_code} 40403 from a look-up by id ({@link #isUnknownSchema()}): the id is not in
 *       the registry. For a record carrying that id, the record is at fault.
 *   <li>anything else (401/403 credentials, 409 incompatible, 422 invalid, a certificate this client does not trust):
 *       the request or this client's configuration is wrong; retrying the same thing will not help.
 * </ul>
 */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Error code used when the registry's answer carries none (as Confluent's clients do). */
    public static final int UNKNOWN_ERROR_CODE = -1;

    /** Confluent's {@code error_code} for a schema id or schema the registry does not hold. */
    public static final int SCHEMA_NOT_FOUND = 40403;

    private final int status;
    private final int errorCode;
    private final String registryMessage;

    /** An error with the registry's HTTP {@code status}, {@code errorCode} and message. */
    public RegistryException(int status, int errorCode, String registryMessage) {
        this(status, errorCode, registryMessage, null);
    }

    /** An error caused by {@code cause}. */
    public RegistryException(int status, int errorCode, String registryMessage, Throwable cause) {
        this(
                status == RegistryUnavailableException.NO_RESPONSE
                        ? registryMessage
                        : registryMessage + " (HTTP " + status + ", error code " + errorCode + ")",
                status,
                errorCode,
                registryMessage,
                cause);
    }

    /** An error whose whole message is {@code message}; {@code registryMessage} is the registry's part of it. */
    protected RegistryException(String message, int status, int errorCode, String registryMessage, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    /** HTTP status of the answer; {@link RegistryUnavailableException#NO_RESPONSE} when none came. */
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

    /** Whether the registry answered that it holds no such schema (HTTP 404, error code 40403). */
    public boolean isUnknownSchema() {
        return status == 404 && errorCode == SCHEMA_NOT_FOUND;
    }
}
