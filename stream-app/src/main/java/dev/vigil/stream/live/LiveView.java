package dev.vigil.stream.live;

import dev.vigil.stream.web.WebRoutes;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The live view in the browser: every camera with its latest frame, boxes, labels, track ids, zones and lines and
 * its figures, and a page per camera that updates at the camera's rate. It reads the topics itself (frames,
 * detections, cameras), outside any consumer group, so each process that serves it shows every camera. Served by
 * {@code detect} and {@code demo} on their web server ({@link #routes()}).
 *
 * <p>Where to add a page: its HTML, script and style under {@code stream-app/src/main/resources/web/live/}, its
 * path in {@link LiveRoutes}' file table, its data as an {@code /api/...} route there.
 */
public final class LiveView implements AutoCloseable {

    private final LiveCameras cameras;
    private final TopicFollower follower;
    private final Thread thread;

    private LiveView(LiveCameras cameras, TopicFollower follower, Thread thread) {
        this.cameras = cameras;
        this.follower = follower;
        this.thread = thread;
    }

    /** Starts reading the topics; registers {@code vigil_live_records_total} by outcome and the camera count. */
    public static LiveView start(LiveViewSettings settings, MeterRegistry metrics) {
        LiveCameras cameras = new LiveCameras(settings.scene());
        TopicFollower follower = new TopicFollower(settings, cameras);
        Thread thread = new Thread(follower, "live-view");
        thread.setDaemon(true);
        thread.start();
        String description = "Records the live view read: shown, unreadable (skipped), or refused (a camera past "
                + "the most the view keeps, " + LiveCameras.MAX_CAMERAS + ").";
        FunctionCounter.builder("vigil.live.records", follower, TopicFollower::recordsRead)
                .description(description)
                .tag("outcome", "shown")
                .register(metrics);
        FunctionCounter.builder("vigil.live.records", follower, TopicFollower::unreadable)
                .description(description)
                .tag("outcome", "unreadable")
                .register(metrics);
        FunctionCounter.builder("vigil.live.records", cameras, LiveCameras::refusedRecords)
                .description(description)
                .tag("outcome", "refused")
                .register(metrics);
        Gauge.builder("vigil.live.cameras", cameras, LiveCameras::size)
                .description("Cameras the live view shows.")
                .register(metrics);
        return new LiveView(cameras, follower, thread);
    }

    /** The pages and their API, for the web server. */
    public WebRoutes routes() {
        return new LiveRoutes(cameras);
    }

    @Override
    public void close() {
        follower.close();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
