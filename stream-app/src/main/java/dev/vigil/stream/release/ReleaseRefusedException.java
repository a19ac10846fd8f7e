package dev.vigil.stream.release;

/** A release whose artifact cannot be used; the message names the release and the cause. */
public final class ReleaseRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why, in a word (a metric tag). */
    public enum Cause {
        /** The artifact is not where the release says. */
        MISSING,
        /** Its files do not match their manifest, or cannot be read as a model. */
        CORRUPT,
        /** Its files are intact, but not the ones the release names (weights or manifest digest differ). */
        WRONG_DIGEST,
        /** It is intact and the one named, but cannot run here (the network does not build or run). */
        INCOMPATIBLE,
        /** Its server did not answer (may pass: tried again later). */
        UNREACHABLE
    }

    private final Cause cause;

    public ReleaseRefusedException(Cause cause, String message) {
        super(message);
        this.cause = cause;
    }

    public ReleaseRefusedException(Cause cause, String message, Throwable error) {
        super(message, error);
        this.cause = cause;
    }

    public Cause refusal() {
        return cause;
    }
}
