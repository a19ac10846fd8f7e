package dev.vigil.stream.ingest;

import static net.logstash.logback.argument.StructuredArguments.kv;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every camera's counters periodically, one structured line per camera: {@code key=value} pairs in text logs,
 * fields of their own in JSON logs ({@code VIGIL_LOG_FORMAT=json}).
 */
public final class CameraStatsLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CameraStatsLog.class);

    private final List<CameraReader> cameras;
    private final ScheduledExecutorService timer;

    private CameraStatsLog(List<CameraReader> cameras, ScheduledExecutorService timer) {
        this.cameras = cameras;
        this.timer = timer;
    }

    /** Logs every {@code interval}; a zero interval logs only when asked ({@link #logNow()}). */
    public static CameraStatsLog start(List<CameraReader> cameras, Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "camera-stats-log");
            t.setDaemon(true);
            return t;
        });
        CameraStatsLog statsLog = new CameraStatsLog(cameras, timer);
        if (!interval.isZero()) {
            timer.scheduleAtFixedRate(
                    statsLog::logNow, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return statsLog;
    }

    /** One line per camera, now. */
    public void logNow() {
        long now = System.currentTimeMillis();
        for (CameraReader c : cameras) {
            CameraStats s = c.stats();
            log.info(
                    "Camera stats {} {} {} {} {} {} {} {} {}",
                    kv("camera", c.camera().name()),
                    kv("frames_in", s.framesDecoded()),
                    kv("frames_sent", s.framesSent()),
                    kv("frames_dropped", s.framesDropped()),
                    kv("frames_queue_full", s.framesQueueFull()),
                    kv("frames_sampled_out", s.framesSampledOut()),
                    kv("reconnects", s.reconnects()),
                    kv("last_frame_age_ms", s.lastFrameAgeMillis(now)),
                    kv("streaming", s.streaming()));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
