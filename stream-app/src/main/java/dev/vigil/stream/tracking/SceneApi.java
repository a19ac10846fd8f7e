package dev.vigil.stream.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.zone.SceneConfig;
import dev.vigil.stream.web.WebRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.io.UncheckedIOException;
import java.util.TreeMap;

/**
 * {@value #PATH} on detect's web server: the zones, lines, masks and thresholds of each camera as the scene files give
 * them (for a page that draws them over the video), with the YAML's names.
 *
 * <ul>
 *   <li>{@code GET /api/scenes}: {@code {"cameras": {"ID": CAMERA, ...}}}, cameras in id order;
 *   <li>{@code GET /api/scenes/ID}: one camera, {@code {"camera": "ID", "scene": CAMERA}}; 404 for a camera without a
 *       scene.
 * </ul>
 *
 * CAMERA is {@code {"units": "pixels"|"fraction", "min_score", "min_area", "masks": [[[x, y], ...]], "zones": [{"name",
 * "polygon": [[x, y], ...], "classes", "inertia", "loitering_seconds"}], "lines": [{"name", "from": [x, y], "to", "classes",
 * "min_frames", "band"}]}}; absent entries are left out. Units {@code fraction}: x and y are fractions of the frame's
 * width and height ({@code DetectionEvent.image_width}, {@code image_height}); {@code pixels} (or no units): pixels
 * of the frame. A line's "in" side is the right-hand side of {@code from → to} as seen on screen.
 */
public final class SceneApi implements WebRoutes {

    public static final String PATH = "/api/scenes";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final SceneConfig scene;

    public SceneApi(SceneConfig scene) {
        this.scene = scene;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, ctx -> {
            ObjectNode body = JSON.createObjectNode();
            body.set("cameras", JSON.valueToTree(new TreeMap<>(scene.cameras())));
            ctx.contentType("application/json").result(write(body));
        });
        routes.get(PATH + "/{camera}", ctx -> {
            String camera = ctx.pathParam("camera");
            SceneConfig.CameraConfig config = scene.cameras().get(camera);
            ObjectNode body = JSON.createObjectNode().put("camera", camera);
            if (config == null) {
                ctx.status(HttpStatus.NOT_FOUND);
                body.put("error", "camera " + camera + " has no scene (no zones, lines or masks)");
            } else {
                body.set("scene", JSON.valueToTree(config));
            }
            ctx.contentType("application/json").result(write(body));
        });
    }

    private static String write(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
