package dev.vigil.stream.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a process reports on {@code /health/live} and {@code /health/ready}: named checks that the parts of the
 * process register (the detect application its stream threads and model, ingest its cameras). Liveness says the
 * process is worth keeping (an orchestrator restarts it otherwise); readiness says it is doing its work now. With no
 * check registered both are up. Thread-safe.
 */
public final class HealthChecks {

    private final Map<String, Supplier<HealthStatus>> liveness = new ConcurrentHashMap<>();
    private final Map<String, Supplier<HealthStatus>> readiness = new ConcurrentHashMap<>();

    /** A check that must be up for the process to be live; replaces one of the same name. */
    public HealthChecks addLiveness(String name, Supplier<HealthStatus> check) {
        liveness.put(name, check);
        return this;
    }

    /** A check that must be up for the process to be ready; replaces one of the same name. */
    public HealthChecks addReadiness(String name, Supplier<HealthStatus> check) {
        readiness.put(name, check);
        return this;
    }

    public Report live() {
        return evaluate(liveness);
    }

    public Report ready() {
        return evaluate(readiness);
    }

    private static Report evaluate(Map<String, Supplier<HealthStatus>> checks) {
        Map<String, HealthStatus> results = new LinkedHashMap<>();
        checks.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            HealthStatus status;
            try {
                status = e.getValue().get();
            } catch (RuntimeException failure) {
                status = HealthStatus.down("check failed: " + failure);
            }
            results.put(e.getKey(), status);
        });
        return new Report(results.values().stream().allMatch(HealthStatus::up), results);
    }

    /**
     * @param up     whether every check is up
     * @param checks each check by name, in name order
     */
    public record Report(boolean up, Map<String, HealthStatus> checks) {}
}
