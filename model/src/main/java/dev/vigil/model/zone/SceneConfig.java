package dev.vigil.model.zone;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Zones, lines, masks and detection thresholds per camera, as a user writes them in YAML:
 *
 * <pre>
 * cameras:
 *   gate:                          # the camera id
 *     units: fraction              # coordinates as fractions of the frame (default: pixels)
 *     min_score: {default: 0.3, person: 0.5}
 *     min_area: {car: 0.002}       # square pixels, or a fraction of the frame's area
 *     masks:
 *       - [[0, 0], [1, 0], [1, 0.1], [0, 0.1]]
 *     zones:
 *       - name: door
 *         polygon: [[0.1, 0.6], [0.3, 0.6], [0.3, 1.0], [0.1, 1.0]]
 *         classes: [person]        # default: all
 *         inertia: 3               # frames in a row to enter or leave (default 3)
 *         loitering_seconds: 30    # default 0: no loitering
 *     lines:
 *       - name: street
 *         from: [0, 0.7]
 *         to: [1, 0.7]             # crossing downwards (to the right of from → to) is "in"
 *         min_frames: 2            # frames in a row on the new side (default 2)
 *         band: 2                  # pixels either side of the line where no side is decided (default 2)
 * </pre>
 *
 * @param cameras by camera id; a camera not listed has no zones and no filter
 */
public record SceneConfig(Map<String, CameraConfig> cameras) {

    public static final int DEFAULT_INERTIA = 3;
    public static final int DEFAULT_MIN_FRAMES = 2;
    public static final double DEFAULT_BAND = 2;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public SceneConfig {
        cameras = cameras == null ? Map.of() : Map.copyOf(cameras);
    }

    /** How coordinates are given. */
    public enum Units {
        @JsonProperty("pixels")
        PIXELS,
        @JsonProperty("fraction")
        FRACTION
    }

    /** One camera's section. */
    public record CameraConfig(
            Units units,
            Map<String, Double> minScore,
            Map<String, Double> minArea,
            List<List<List<Double>>> masks,
            List<ZoneConfig> zones,
            List<LineConfig> lines) {}

    /** One zone. */
    public record ZoneConfig(
            String name, List<List<Double>> polygon, List<String> classes, Integer inertia, Double loiteringSeconds) {}

    /** One line. */
    public record LineConfig(
            String name, List<Double> from, List<Double> to, List<String> classes, Integer minFrames, Double band) {}

    /**
     * Reads and checks a configuration file.
     *
     * @throws IOException naming the file and the entry when it is not valid
     */
    public static SceneConfig read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such zones file");
        }
        SceneConfig config;
        try {
            config = YAML.readValue(file.toFile(), SceneConfig.class);
        } catch (JsonMappingException e) {
            throw new IOException(file + ": " + e.getOriginalMessage() + " (at " + e.getPathReference() + ")", e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not valid YAML (" + e.getOriginalMessage() + ")", e);
        }
        if (config == null) {
            return new SceneConfig(Map.of());
        }
        for (String camera : config.cameras().keySet()) {
            try {
                config.resolve(camera, 1000, 1000); // every shape and threshold checked once
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": camera " + camera + ": " + e.getMessage(), e);
            }
        }
        return config;
    }

    /**
     * A camera's scene in pixels for frames of {@code width}×{@code height}.
     *
     * @throws IllegalArgumentException naming the entry when a shape or threshold is not valid
     */
    public CameraScene resolve(String camera, int width, int height) {
        CameraConfig c = cameras.get(camera);
        if (c == null) {
            return CameraScene.EMPTY;
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        boolean fraction = c.units() == Units.FRACTION;
        double sx = fraction ? width : 1;
        double sy = fraction ? height : 1;
        List<Polygon> masks = new ArrayList<>();
        for (List<List<Double>> mask : orEmpty(c.masks())) {
            masks.add(polygon("mask " + (masks.size() + 1), mask, sx, sy));
        }
        Set<String> names = new HashSet<>();
        List<Zone> zones = new ArrayList<>();
        for (ZoneConfig z : orEmpty(c.zones())) {
            String name = name(z.name(), "zone", names);
            long loitering = Math.round(1000 * orDefault(z.loiteringSeconds(), 0.0));
            zones.add(new Zone(
                    name,
                    polygon("zone " + name, z.polygon(), sx, sy),
                    Set.copyOf(orEmpty(z.classes())),
                    orDefault(z.inertia(), DEFAULT_INERTIA),
                    loitering));
        }
        List<CountingLine> lines = new ArrayList<>();
        for (LineConfig l : orEmpty(c.lines())) {
            String name = name(l.name(), "line", names);
            lines.add(new CountingLine(
                    name,
                    point("line " + name + " from", l.from(), sx, sy),
                    point("line " + name + " to", l.to(), sx, sy),
                    Set.copyOf(orEmpty(l.classes())),
                    orDefault(l.minFrames(), DEFAULT_MIN_FRAMES),
                    orDefault(l.band(), DEFAULT_BAND)));
        }
        return new CameraScene(
                zones,
                lines,
                masks,
                thresholds("min_score", c.minScore(), 1, 1),
                thresholds("min_area", c.minArea(), fraction ? (double) width * height : 1, Double.MAX_VALUE));
    }

    private static String name(String name, String what, Set<String> names) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a " + what + " needs a name");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("the name " + name + " is used twice (zones and lines share names)");
        }
        return name;
    }

    private static Map<String, Double> thresholds(String what, Map<String, Double> given, double scale, double max) {
        Map<String, Double> thresholds = new HashMap<>();
        for (Map.Entry<String, Double> entry : orEmpty(given).entrySet()) {
            Double value = entry.getValue();
            if (value == null || !(value >= 0) || value > max) {
                throw new IllegalArgumentException(
                        what + " of " + entry.getKey() + " must lie in [0, " + max + "], got " + value);
            }
            thresholds.put(entry.getKey(), value * scale);
        }
        return thresholds;
    }

    private static Polygon polygon(String what, List<List<Double>> points, double sx, double sy) {
        if (points == null || points.size() < 3) {
            throw new IllegalArgumentException(what + " needs at least 3 points [x, y]");
        }
        List<Point> vertices = new ArrayList<>();
        for (List<Double> p : points) {
            vertices.add(point(what, p, sx, sy));
        }
        return new Polygon(vertices);
    }

    private static Point point(String what, List<Double> xy, double sx, double sy) {
        if (xy == null
                || xy.size() != 2
                || xy.get(0) == null
                || xy.get(1) == null
                || !Double.isFinite(xy.get(0))
                || !Double.isFinite(xy.get(1))) {
            throw new IllegalArgumentException(what + ": a point must be [x, y], got " + xy);
        }
        return new Point(xy.get(0) * sx, xy.get(1) * sy);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
