package dev.vigil.stream.bench;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.stream.detect.BatchingSettings;
import dev.vigil.stream.detect.DetectApplication;
import dev.vigil.stream.detect.DetectSettings;
import dev.vigil.stream.detect.DetectorFactory;
import dev.vigil.stream.detect.motion.MotionSettings;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.ingest.CameraSpec;
import dev.vigil.stream.ingest.IngestApplication;
import dev.vigil.stream.ingest.IngestSettings;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * One run of N live cameras through ingest and detect in this process, on an embedded broker started for the run:
 * camera i loops footage i of the list (round robin) at live pace (stamped with the wall clock) at the given frame rate; a
 * read_committed subscriber measures each event's capture-to-event latency during the measuring window, after a
 * warm-up. The process's CPU time and the whole machine's CPU load are sampled over the window, so that a figure taken
 * beside other work can be marked as such.
 */
final class CamerasRun {

    /**
     * @param cameras          N
     * @param events           events received for frames captured in the window
     * @param skippedStale     of those, frames detect skipped as stale
     * @param reused           of those, frames the motion gate found still (their camera's last detection reused)
     * @param motionGate       whether detect ran with the motion gate
     * @param motionCheckMillis the gate's mean time per frame judged over the whole run (0 without the gate)
     * @param p50Millis        median capture-to-event latency of the window's OK and REUSED_NO_MOTION events
     * @param p99Millis        99th percentile of the same
     * @param processCpu       this process's share of all the machine's CPUs over the window (0..1)
     * @param machineCpu       the whole machine's CPU load over the window (0..1), this process included
     * @param windowSeconds    the measuring window
     */
    record Result(
            int cameras,
            int events,
            int skippedStale,
            int reused,
            boolean motionGate,
            double motionCheckMillis,
            long p50Millis,
            long p99Millis,
            double processCpu,
            double machineCpu,
            double windowSeconds) {

        double eventsPerSecond() {
            return events / windowSeconds;
        }

        /** The CPU share other processes took: above a few percent the figure was taken under load. */
        double othersCpu() {
            return Math.max(0, machineCpu - processCpu);
        }
    }

    private CamerasRun() {}

    static Result run(
            int cameras,
            List<String> sources,
            double fps,
            DetectorFactory detectors,
            BatchingSettings batching,
            MotionSettings motion,
            Duration warmup,
            Duration window,
            Path stateDir)
            throws Exception {
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            Map<String, Object> client = Map.of("bootstrap.servers", infra.bootstrapServers());
            Map<String, Object> serde = Map.of("schema.registry.url", infra.schemaRegistryUrl());
            TopicSettings topics = new TopicSettings(
                    true, cameras, (short) 1, TopicSettings.DEFAULT_MAX_MESSAGE_BYTES, -1, Duration.ofSeconds(30));
            TopicProvisioner.ensure(client, topics, Set.of(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ));
            List<CameraSpec> specs = IntStream.range(0, cameras)
                    .mapToObj(i -> new CameraSpec(
                            "cam-" + i,
                            sources.get(i % sources.size()),
                            fps,
                            CameraSpec.ReplayMode.LIVE,
                            true,
                            CameraSpec.DEFAULT_STALL_TIMEOUT,
                            CameraSpec.DEFAULT_IO_TIMEOUT))
                    .toList();
            DetectSettings detect = DetectSettings.builder("vigil-bench-cameras", stateDir, client, serde)
                    .batching(batching)
                    .motion(motion)
                    .build();
            try (DetectApplication app = DetectApplication.start(detect, detectors);
                    KafkaConsumer<String, DetectionEvent> subscriber = PipelineRun.subscriber(infra);
                    IngestApplication ingest = IngestApplication.start(IngestSettings.defaults(specs, client, serde))) {
                long windowStart = System.currentTimeMillis() + warmup.toMillis();
                long windowEnd = windowStart + window.toMillis();
                CpuSampler cpu = null;
                List<Long> latencies = new ArrayList<>();
                int events = 0;
                int stale = 0;
                int reused = 0;
                // events of frames captured in the window may arrive after it: read on for their latest latency
                long readUntil =
                        windowEnd + Math.max(10_000, 2 * batching.maxWait().toMillis());
                while (System.currentTimeMillis() < readUntil) {
                    if (cpu == null && System.currentTimeMillis() >= windowStart) {
                        cpu = CpuSampler.start();
                    }
                    if (cpu != null && !cpu.stopped() && System.currentTimeMillis() >= windowEnd) {
                        cpu.stop();
                    }
                    for (ConsumerRecord<String, DetectionEvent> r : subscriber.poll(Duration.ofMillis(100))) {
                        long captured = r.value().getFrameTime().toEpochMilli();
                        if (captured < windowStart || captured >= windowEnd) {
                            continue;
                        }
                        events++;
                        if (r.value().getStatus() == DetectionStatus.SKIPPED_STALE) {
                            stale++;
                        } else if (r.value().getStatus() == DetectionStatus.OK) {
                            latencies.add(System.currentTimeMillis() - captured);
                        } else if (r.value().getStatus() == DetectionStatus.REUSED_NO_MOTION) {
                            reused++;
                            latencies.add(System.currentTimeMillis() - captured);
                        }
                    }
                }
                if (cpu == null) {
                    throw new IllegalStateException("The run ended before its measuring window");
                }
                Collections.sort(latencies);
                return new Result(
                        cameras,
                        events,
                        stale,
                        reused,
                        motion.enabled(),
                        app.stats().motionCheck().mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                        percentile(latencies, 0.50),
                        percentile(latencies, 0.99),
                        cpu.processShare(),
                        cpu.machineShare(),
                        window.toMillis() / 1000.0);
            }
        }
    }

    private static long percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get((int) Math.ceil(q * sorted.size()) - 1);
    }

    /**
     * This process's CPU time and the machine's busy time (from /proc/stat) between start and stop, as shares of all
     * the machine's CPUs.
     */
    private static final class CpuSampler {
        private final long startWall = System.nanoTime();
        private final long startProcess = processCpuNanos();
        private final long[] startMachine = MachineCpu.busyAndTotal();
        private long wall;
        private long process;
        private long[] machine;

        static CpuSampler start() {
            return new CpuSampler();
        }

        void stop() {
            wall = System.nanoTime() - startWall;
            process = processCpuNanos() - startProcess;
            long[] now = MachineCpu.busyAndTotal();
            machine = new long[] {now[0] - startMachine[0], now[1] - startMachine[1]};
        }

        boolean stopped() {
            return machine != null;
        }

        double processShare() {
            requireStopped();
            return process / (double) wall / Runtime.getRuntime().availableProcessors();
        }

        double machineShare() {
            requireStopped();
            return machine[1] == 0 ? 0 : machine[0] / (double) machine[1];
        }

        private void requireStopped() {
            if (!stopped()) {
                stop();
            }
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }
}
