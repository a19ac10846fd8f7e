package dev.vigil.stream.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.stream.tracking.internal.CameraCounts;
import dev.vigil.stream.tracking.internal.CountEntry;
import dev.vigil.stream.tracking.internal.CountWindow;
import dev.vigil.stream.web.WebRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@value #PATH} on detect's web server: the zone and line counts of the window open now and of the last one closed,
 * read from the counts store (Kafka Streams interactive queries).
 *
 * <ul>
 *   <li>{@code GET /api/counts?camera=ID}: that camera, {@code {"camera", "current", "previous"}}, each window
 *       {@code {"window_start", "window_end", "counts": [{"shape", "name", "label", "direction", "count"}]}} (times
 *       ISO-8601, frame time; a window lists only counts above 0; {@code null} when there is none). When another
 *       instance holds the camera: 307 to the same path there. 404 when no instance has counts for it.
 *   <li>{@code GET /api/counts}: every camera this instance holds, {@code {"instance", "partitions", "others",
 *       "cameras": [...]}}: this instance's address (null without a web server), the input partitions it works on,
 *       and the other instances to ask for the rest.
 * </ul>
 *
 * 503 while the application starts or rebalances.
 */
public final class CountsApi implements WebRoutes {

    public static final String PATH = "/api/counts";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<CountsQuery> query;

    /** @param query the running application's counts, or null before it has started */
    public CountsApi(Supplier<CountsQuery> query) {
        this.query = query;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, ctx -> {
            CountsQuery counts = query.get();
            if (counts == null) {
                error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "detect is starting");
                return;
            }
            try {
                String camera = ctx.queryParam("camera");
                if (camera == null) {
                    all(ctx, counts);
                } else {
                    one(ctx, counts, camera);
                }
            } catch (InvalidStateStoreException e) {
                error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "counts not readable now (" + e.getMessage() + ")");
            }
        });
    }

    private static void one(Context ctx, CountsQuery counts, String camera) {
        CountsQuery.Answer answer = counts.camera(camera);
        if (answer instanceof CountsQuery.Answer.Here here) {
            json(ctx, camera(camera, here.counts()));
        } else if (answer instanceof CountsQuery.Answer.Elsewhere elsewhere) {
            HostInfo host = elsewhere.host();
            String location = "http://" + host.host() + ":" + host.port() + PATH + "?camera="
                    + URLEncoder.encode(camera, StandardCharsets.UTF_8);
            ctx.status(HttpStatus.TEMPORARY_REDIRECT).header("Location", location);
            json(ctx, JSON.createObjectNode().put("camera", camera).put("served_by", address(host)));
        } else {
            error(
                    ctx,
                    HttpStatus.NOT_FOUND,
                    "no counts for camera " + camera + " here (no zones or lines, or no frame yet)");
        }
    }

    private static void all(Context ctx, CountsQuery counts) {
        ObjectNode body = JSON.createObjectNode();
        body.put("instance", counts.self().map(CountsApi::address).orElse(null));
        ArrayNode partitions = body.putArray("partitions");
        counts.partitions().forEach(partitions::add);
        ArrayNode others = body.putArray("others");
        counts.others().forEach(host -> others.add(address(host)));
        ArrayNode cameras = body.putArray("cameras");
        counts.local().forEach((camera, record) -> cameras.add(camera(camera, record)));
        json(ctx, body);
    }

    static ObjectNode camera(String camera, CameraCounts counts) {
        ObjectNode json = JSON.createObjectNode().put("camera", camera);
        json.set("current", window(counts.getCurrent()));
        json.set("previous", window(counts.getPrevious()));
        return json;
    }

    private static ObjectNode window(CountWindow window) {
        if (window == null) {
            return null;
        }
        ObjectNode json = JSON.createObjectNode()
                .put(
                        "window_start",
                        Instant.ofEpochMilli(window.getWindowStart()).toString())
                .put("window_end", Instant.ofEpochMilli(window.getWindowEnd()).toString());
        ArrayNode entries = json.putArray("counts");
        for (CountEntry entry : window.getCounts()) {
            entries.addObject()
                    .put("shape", entry.getShape())
                    .put("name", entry.getName())
                    .put("label", entry.getLabel())
                    .put("direction", entry.getDirection())
                    .put("count", entry.getCount());
        }
        return json;
    }

    private static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }

    private static void json(Context ctx, ObjectNode body) {
        ctx.contentType("application/json").result(body.toString());
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status);
        json(ctx, JSON.createObjectNode().put("error", message));
    }
}
