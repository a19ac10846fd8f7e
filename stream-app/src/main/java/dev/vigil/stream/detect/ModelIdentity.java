package dev.vigil.stream.detect;

/**
 * Which model made an event, as the event says it.
 *
 * @param name the model's name
 * @param version its version
 * @param digest SHA-256 (hex) of the weights that actually ran
 */
public record ModelIdentity(String name, String version, String digest) {

    /** "NAME VERSION (digest 3fa9c2d1e0b4)" for logs and health details. */
    @Override
    public String toString() {
        return name + " " + version + " (digest " + digest.substring(0, Math.min(12, digest.length())) + ")";
    }
}
