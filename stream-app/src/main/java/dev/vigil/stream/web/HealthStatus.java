package dev.vigil.stream.web;

/**
 * The state of one health check: up or down, and a short reason a person can act on.
 *
 * @param up     whether this part is healthy
 * @param detail e.g. "RUNNING", "camera 'gate' reconnecting"
 */
public record HealthStatus(boolean up, String detail) {

    public static HealthStatus up(String detail) {
        return new HealthStatus(true, detail);
    }

    public static HealthStatus down(String detail) {
        return new HealthStatus(false, detail);
    }
}
