package dev.vigil.stream.bench;

import dev.vigil.stream.detect.DetectApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Where a pipeline run's time went, frame by frame: the wall time of detect's stream thread (which does everything
 * of detect in turn: it waits for frames, runs the detector, does the rest of the topology, commits the
 * transaction), and the CPU time of every thread of the process grouped by what it does (the broker, registry and
 * benchmark run in the same process). The stream thread's parts come from the pipeline's own timers: the detector
 * call's timer ({@code vigil.detect.batch.duration}) and the Kafka clients' cumulative blocking times (the
 * producer's flush and transaction calls, the consumer's wait for data); the CPU from {@link ThreadCpu}.
 */
final class PipelineBudget {

    static final String STREAM_THREAD = "detect's stream thread";
    static final String TORCH_WORKERS = "libtorch's other threads";
    static final String CLIENT_IO = "Kafka clients' I/O threads";
    static final String BENCH = "bench: sends frames, reads events";
    static final String GC = "garbage collector";
    static final String JIT = "JIT compilers";
    static final String OTHER = "broker, registry, the rest";

    private static final List<String> GROUPS = List.of(STREAM_THREAD, TORCH_WORKERS, CLIENT_IO, BENCH, GC, JIT, OTHER);
    /** The producer's calls the stream thread blocks in when it commits (Kafka's own cumulative timers). */
    private static final List<String> TRANSACTION_TIMERS = List.of(
            "flush-time-ns-total",
            "txn-begin-time-ns-total",
            "txn-send-offsets-time-ns-total",
            "txn-commit-time-ns-total");

    /** The counters at one instant. */
    record Reading(
            long nanos,
            double detectorNanos,
            double transactionNanos,
            double pollWaitNanos,
            Map<Integer, ThreadCpu.ThreadTime> threads) {}

    /**
     * Totals between two readings, in ms.
     *
     * @param frames        frames in the timed part
     * @param wallMs        its wall time
     * @param detectorMs    the stream thread's time in detector calls (JPEG decode and the network)
     * @param transactionMs the stream thread's time in the producer's flush and transaction calls
     * @param pollWaitMs    the stream thread's time waiting for frames to arrive
     * @param cpuMs         CPU time by group of threads, in the order of {@link #GROUPS}
     */
    record Budget(
            int frames,
            double wallMs,
            double detectorMs,
            double transactionMs,
            double pollWaitMs,
            Map<String, Double> cpuMs) {

        /** The stream thread's wall time that is none of the parts above. */
        double restMs() {
            return wallMs - detectorMs - transactionMs - pollWaitMs;
        }

        double cpuTotalMs() {
            return cpuMs.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private PipelineBudget() {}

    static Reading read(DetectApplication app, MeterRegistry meters) {
        Map<MetricName, ? extends Metric> kafka = app.kafkaMetrics();
        Timer detector = meters.find("vigil.detect.batch.duration").timer();
        double transaction = 0;
        for (String name : TRANSACTION_TIMERS) {
            transaction += sum(kafka, "producer-metrics", "-producer", name);
        }
        return new Reading(
                System.nanoTime(),
                detector == null ? 0 : detector.totalTime(TimeUnit.NANOSECONDS),
                transaction,
                sum(kafka, "consumer-metrics", "StreamThread-1-consumer", "io-wait-time-ns-total"),
                ThreadCpu.snapshot());
    }

    /**
     * @param streamTid kernel id of detect's stream thread (the one that ran the detector)
     * @param benchTid  kernel id of the thread that sent the frames and read the events
     */
    static Budget between(Reading start, Reading end, int frames, int streamTid, int benchTid) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        GROUPS.forEach(g -> cpu.put(g, 0.0));
        ThreadCpu.ThreadTime stream = end.threads().get(streamTid);
        String streamName = stream == null ? null : stream.name();
        for (ThreadCpu.ThreadTime t : end.threads().values()) {
            ThreadCpu.ThreadTime before = start.threads().get(t.tid());
            long ticks = t.ticks() - (before == null ? 0 : before.ticks());
            cpu.merge(group(t, streamTid, streamName, benchTid), ticks * ThreadCpu.MILLIS_PER_TICK, Double::sum);
        }
        return new Budget(
                frames,
                (end.nanos() - start.nanos()) / 1e6,
                (end.detectorNanos() - start.detectorNanos()) / 1e6,
                (end.transactionNanos() - start.transactionNanos()) / 1e6,
                (end.pollWaitNanos() - start.pollWaitNanos()) / 1e6,
                cpu);
    }

    private static String group(ThreadCpu.ThreadTime t, int streamTid, String streamName, int benchTid) {
        String name = t.name();
        if (t.tid() == streamTid) {
            return STREAM_THREAD;
        }
        if (t.tid() == benchTid) {
            return BENCH;
        }
        if (name.equals(streamName)) {
            // OpenMP's workers take the name of the thread that started them (Kafka Streams' own helper threads of
            // the application, idle here, have it too)
            return TORCH_WORKERS;
        }
        if (name.startsWith("kafka-producer-") || name.startsWith("kafka-coordinat")) {
            return CLIENT_IO;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return GC;
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        return OTHER;
    }

    /** The sum of a Kafka metric over the clients whose id ends with {@code clientSuffix}; 0 when there is none. */
    private static double sum(
            Map<MetricName, ? extends Metric> metrics, String group, String clientSuffix, String name) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName m = e.getKey();
            String client = m.tags().get("client-id");
            if (m.group().equals(group)
                    && m.name().equals(name)
                    && client != null
                    && client.endsWith(clientSuffix)
                    && client.contains("StreamThread")
                    && e.getValue().metricValue() instanceof Number n) {
                total += n.doubleValue();
            }
        }
        return total;
    }
}
