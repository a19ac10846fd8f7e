package dev.vigil.stream.metrics;

import java.util.Map;

/**
 * Writes metrics in Prometheus' text exposition format (version 0.0.4): a {@code # HELP} and {@code # TYPE} line per
 * metric family, then its samples with escaped label values. Not thread-safe: one per scrape.
 */
public final class PrometheusText {

    /** The Content-Type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Prometheus metric types. */
    public enum Type {
        COUNTER, GAUGE
    }

    private final StringBuilder out = new StringBuilder();

    /** Starts a metric family; its samples follow. */
    public PrometheusText family(String name, Type type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type.name().toLowerCase(java.util.Locale.ROOT))
                .append('\n');
        return this;
    }

    /** One sample; {@code labels} in the order given. */
    public PrometheusText sample(String name, Map<String, String> labels, long value) {
        labels(name, labels).append(value).append('\n');
        return this;
    }

    /** One sample of a real value ({@code NaN} and infinities as Prometheus writes them). */
    public PrometheusText sample(String name, Map<String, String> labels, double value) {
        StringBuilder line = labels(name, labels);
        if (Double.isNaN(value)) {
            line.append("NaN");
        } else if (Double.isInfinite(value)) {
            line.append(value > 0 ? "+Inf" : "-Inf");
        } else {
            line.append(value);
        }
        line.append('\n');
        return this;
    }

    private StringBuilder labels(String name, Map<String, String> labels) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            String separator = "";
            for (Map.Entry<String, String> label : labels.entrySet()) {
                out.append(separator).append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
                separator = ",";
            }
            out.append('}');
        }
        return out.append(' ');
    }

    private static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
