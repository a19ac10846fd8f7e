package dev.vigil.stream.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The metrics registry of a Vigil process (Micrometer, rendered in Prometheus' text format on {@code /metrics}),
 * with the JVM's and the process's own metrics bound: {@code jvm_memory_used_bytes}, {@code jvm_gc_pause_seconds},
 * {@code jvm_threads_live_threads}, {@code process_cpu_usage}, {@code process_uptime_seconds},
 * {@code process_files_open_files}, ... Each part of the process adds its meters to it: meter names are dotted
 * ({@code vigil.detect.frames}) and Prometheus sees them with underscores and the unit ({@code
 * vigil_detect_frames_total}, {@code vigil_detect_batch_duration_seconds}).
 */
public final class VigilMetrics {

    private VigilMetrics() {}

    /** A new registry with the JVM and process binders; one per process. */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        return registry;
    }
}
