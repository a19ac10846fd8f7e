package dev.vigil.schemas.registry.server.store;

/** The schema store failed; {@link #timedOut()} tells a timeout from other failures. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean timedOut;

    /** A store failure; {@code timedOut} when the store did not answer in time. */
    public StoreException(String message, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    /** Whether the store did not answer in time. */
    public boolean timedOut() {
        return timedOut;
    }
}
