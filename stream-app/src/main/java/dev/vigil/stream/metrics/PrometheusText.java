package dev.vigil.stream.metrics;

import java.util.LinkedHashMap;
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
        COUNTER,
        GAUGE,
        HISTOGRAM
    }

    private final StringBuilder out = new StringBuilder();

    /** Starts a metric family; its samples follow. */
    public PrometheusText family(String name, Type type, String help) {
        out.append("# HELP ")
                .append(name)
                .append(' ')
                .append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n');
        out.append("# TYPE ")
                .append(name)
                .append(' ')
                .append(type.name().toLowerCase(java.util.Locale.ROOT))
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

    /**
     * A histogram's samples: {@code name_bucket} per bound (label {@code le}, cumulative, ending with {@code +Inf}),
     * {@code name_sum} and {@code name_count}; {@code labels} go before {@code le}.
     */
    public PrometheusText histogram(String name, Map<String, String> labels, Histogram.Snapshot snapshot) {
        for (int i = 0; i < snapshot.upperBounds().length; i++) {
            sample(
                    name + "_bucket",
                    withBound(labels, Double.toString(snapshot.upperBounds()[i])),
                    snapshot.cumulativeCounts()[i]);
        }
        sample(name + "_bucket", withBound(labels, "+Inf"), snapshot.count());
        sample(name + "_sum", labels, snapshot.sum());
        return sample(name + "_count", labels, snapshot.count());
    }

    private static Map<String, String> withBound(Map<String, String> labels, String bound) {
        Map<String, String> withLe = new LinkedHashMap<>(labels);
        withLe.put("le", bound);
        return withLe;
    }

    private StringBuilder labels(String name, Map<String, String> labels) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            String separator = "";
            for (Map.Entry<String, String> label : labels.entrySet()) {
                out.append(separator)
                        .append(label.getKey())
                        .append("=\"")
                        .append(escape(label.getValue()))
                        .append('"');
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
