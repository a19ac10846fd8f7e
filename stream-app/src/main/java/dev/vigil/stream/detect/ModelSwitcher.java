package dev.vigil.stream.detect;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.stream.release.ReleaseRefusedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the model of a running detect without a restart. {@link #offer} reads and verifies the new model's
 * artifact, builds and warms a detector of it for each stream thread, all on a background thread while the stream
 * threads go on with the old model, then makes it current: each thread takes it between two batches. A model that
 * cannot be read, verified, built or run is refused: the running model goes on, and the refusal is logged, counted
 * ({@code vigil_detect_model_refusals_total} by {@code cause}) and reported in {@link #status()}. Switches are counted
 * ({@code vigil_detect_model_switches_total}), timed ({@code vigil_detect_model_load_duration_seconds}: read, verify,
 * build, warm up) and the model running is the {@code vigil_detect_model_info} gauge's labels.
 */
public final class ModelSwitcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelSwitcher.class);

    static final String SWITCHES = "vigil.detect.model.switches";
    static final String REFUSALS = "vigil.detect.model.refusals";
    static final String LOAD_DURATION = "vigil.detect.model.load.duration";
    static final String INFO = "vigil.detect.model.info";

    /** Reads and verifies a model's artifact (from a folder, or a release). */
    @FunctionalInterface
    public interface ArtifactSource {
        ModelArtifact read() throws ReleaseRefusedException;
    }

    /** What became of an offer. */
    public enum Outcome {
        SWITCHED,
        /** The model offered is the one running (same name, version and weights). */
        UNCHANGED,
        REFUSED
    }

    private final PerThreadDetectors detectors;
    private final DeviceChoice device;
    private final MeterRegistry metrics;
    private final Counter switches;
    private final Timer loadDuration;
    private final AtomicLong refusals = new AtomicLong();
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "vigil-model-loader");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ModelStatus.Running running;
    private volatile ModelStatus.Loading loading;
    private volatile ModelStatus.Refused lastRefused;
    private volatile String following;
    private Gauge info;

    public ModelSwitcher(PerThreadDetectors detectors, DeviceChoice device, MeterRegistry metrics) {
        this.detectors = detectors;
        this.device = device;
        this.metrics = metrics;
        this.switches = Counter.builder(SWITCHES)
                .description("Models switched to without a restart.")
                .register(metrics);
        this.loadDuration = Timer.builder(LOAD_DURATION)
                .description("Reading, verifying, building and warming up a model switched to.")
                .register(metrics);
        running = runningOf(detectors.current(), Instant.now());
        info = registerInfo(detectors.current().model());
    }

    /** Says what this detect follows (shown in the status), e.g. "production release of lobby". */
    public void following(String what) {
        this.following = what;
    }

    /**
     * Loads {@code source} in the background and switches to it if it can be used.
     *
     * @param description what is offered, for people (e.g. "lobby:2026-12-07-3fa9c2d1 (/models/lobby-7)")
     */
    public CompletableFuture<Outcome> offer(String description, ArtifactSource source) {
        return CompletableFuture.supplyAsync(() -> load(description, source), loader);
    }

    private Outcome load(String description, ArtifactSource source) {
        loading = new ModelStatus.Loading(description, Instant.now().toString());
        long start = System.nanoTime();
        try {
            ModelArtifact artifact;
            try {
                artifact = source.read();
            } catch (ReleaseRefusedException e) {
                return refuse(description, e.refusal().name(), e.getMessage());
            } catch (RuntimeException e) {
                return refuse(description, ReleaseRefusedException.Cause.CORRUPT.name(), e.getMessage());
            }
            ModelDetectors next = ModelDetectors.of(artifact, device, description);
            if (next.model().equals(detectors.current().model())) {
                log.info("{} is the model running already ({}); nothing to switch", description, next.model());
                return Outcome.UNCHANGED;
            }
            ModelIdentity before = detectors.current().model();
            try {
                detectors.switchTo(next);
            } catch (RuntimeException e) {
                return refuse(description, ReleaseRefusedException.Cause.INCOMPATIBLE.name(), e.getMessage());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            loadDuration.record(took);
            switches.increment();
            running = runningOf(next, Instant.now());
            metrics.remove(info);
            info = registerInfo(next.model());
            log.info(
                    "Switched model from {} to {} ({}); loaded and verified in {} ms, the stream threads take it at "
                            + "their next batch",
                    before,
                    next.model(),
                    description,
                    took.toMillis());
            return Outcome.SWITCHED;
        } finally {
            loading = null;
        }
    }

    private Outcome refuse(String description, String cause, String reason) {
        refusals.incrementAndGet();
        Counter.builder(REFUSALS)
                .tag("cause", cause.toLowerCase(java.util.Locale.ROOT))
                .register(metrics)
                .increment();
        lastRefused = new ModelStatus.Refused(
                description, cause, reason, Instant.now().toString());
        log.error(
                "Model {} refused ({}): {}; {} goes on",
                description,
                cause,
                reason,
                detectors.current().model());
        return Outcome.REFUSED;
    }

    private static ModelStatus.Running runningOf(DetectorFactory factory, Instant since) {
        ModelIdentity model = factory.model();
        return new ModelStatus.Running(
                model.name(), model.version(), model.digest(), factory.source(), since.toString());
    }

    private Gauge registerInfo(ModelIdentity model) {
        return Gauge.builder(INFO, () -> 1.0)
                .description("1, labelled with the model the stream threads run: name, version, weights' digest.")
                .tags(Tags.of("name", model.name(), "version", model.version(), "digest", model.digest()))
                .register(metrics);
    }

    public ModelStatus status() {
        return new ModelStatus(running, following, loading, lastRefused, (long) switches.count(), refusals.get());
    }

    @Override
    public void close() {
        loader.shutdownNow();
    }
}
