package dev.vigil.stream.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.stream.live.LiveRecords.Annotated;
import dev.vigil.stream.live.LiveRecords.StoredFrame;
import dev.vigil.stream.web.WebRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The live view's pages and API on the process's web server. Pages: {@value #GRID} (every camera) and {@value
 * #CAMERA}{@code ?id=CAMERA} (one camera, live); their script and style under {@code /live/}, served from the jar
 * ({@code web/live/} in the resources). API (JSON): {@code /api/cameras} (each camera's figures and latest frame),
 * {@code /api/cameras/{id}} (one camera with its last events and tracked objects), the frames themselves as JPEG
 * ({@code /api/cameras/{id}/frames/{sequence}?run=RUN}, {@code /api/cameras/{id}/objects/{track}}), and {@code
 * /api/cameras/{id}/stream}: server-sent events, one {@code frame} event per new annotated frame, at the camera's rate.
 * Ids and numbers from a request are only looked up, never used as paths.
 */
final class LiveRoutes implements WebRoutes {

    static final String GRID = "/";
    static final String CAMERA = "/camera";
    private static final String RESOURCES = "/web/live/";
    /** Every file the pages need: request path → resource name and content type. Nothing else is served. */
    private static final Map<String, String[]> FILES = files();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveCameras cameras;

    LiveRoutes(LiveCameras cameras) {
        this.cameras = cameras;
    }

    private static Map<String, String[]> files() {
        Map<String, String[]> files = new LinkedHashMap<>();
        files.put(GRID, new String[] {"index.html", "text/html; charset=utf-8"});
        files.put(CAMERA, new String[] {"camera.html", "text/html; charset=utf-8"});
        files.put("/live/live.css", new String[] {"live.css", "text/css; charset=utf-8"});
        files.put("/live/live.js", new String[] {"live.js", "text/javascript; charset=utf-8"});
        files.put("/live/grid.js", new String[] {"grid.js", "text/javascript; charset=utf-8"});
        files.put("/live/camera.js", new String[] {"camera.js", "text/javascript; charset=utf-8"});
        return Map.copyOf(files);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        FILES.forEach((path, file) -> {
            byte[] content = resource(file[0]);
            routes.get(path, ctx -> ctx.contentType(file[1]).result(content));
        });
        routes.get("/api/cameras", ctx -> json(ctx, cameras.summaries(System.currentTimeMillis())));
        routes.get(
                "/api/cameras/{id}",
                ctx -> withCamera(ctx, camera -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("summary", camera.summary(System.currentTimeMillis()));
                    body.put("events", camera.events());
                    body.put("objects", camera.objects());
                    json(ctx, body);
                }));
        routes.get(
                "/api/cameras/{id}/frames/{sequence}",
                ctx -> withCamera(ctx, camera -> {
                    Optional<Long> sequence = number(ctx.pathParam("sequence"));
                    String run = Optional.ofNullable(ctx.queryParam("run")).orElse("");
                    jpeg(ctx, sequence.flatMap(s -> camera.frame(run, s)));
                }));
        routes.get(
                "/api/cameras/{id}/objects/{track}",
                ctx -> withCamera(ctx, camera -> {
                    jpeg(ctx, number(ctx.pathParam("track")).flatMap(camera::objectSnapshot));
                }));
        routes.sse("/api/cameras/{id}/stream", this::stream);
    }

    /** Sends the camera's latest frame, then each new one, until the page goes away. */
    private void stream(SseClient client) {
        String id = client.ctx().pathParam("id");
        Optional<LiveCamera> camera = cameras.known(id);
        client.keepAlive();
        Consumer<Annotated> watcher = frame -> send(client, frame);
        client.onClose(() -> cameras.unwatch(id, watcher));
        cameras.watch(id, watcher);
        camera.flatMap(LiveCamera::latest).ifPresent(watcher);
    }

    private static void send(SseClient client, Annotated frame) {
        try {
            client.sendEvent("frame", JSON.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void withCamera(Context ctx, Consumer<LiveCamera> then) {
        Optional<LiveCamera> camera = cameras.known(ctx.pathParam("id"));
        if (camera.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).result("no such camera");
            return;
        }
        then.accept(camera.get());
    }

    private static void jpeg(Context ctx, Optional<StoredFrame> frame) {
        if (frame.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).result("no such frame (frames are kept only a short while)");
            return;
        }
        ctx.contentType("image/jpeg")
                .header("Cache-Control", "max-age=60")
                .result(frame.get().jpeg());
    }

    private static void json(Context ctx, Object body) {
        try {
            ctx.contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = LiveRoutes.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("The live view's file " + RESOURCES + name + " is not in the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
