package dev.vigil.stream.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.model.zone.SceneConfig;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.demo.Demo;
import dev.vigil.stream.demo.DemoSettings;
import dev.vigil.stream.kafka.TopicReader;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.testing.HeadlessChromium;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The live view end to end in a real headless browser (Debian's chromium): the demo replays the sample footage
 * (vtest.avi) through ingest and detect with the shipped model on the embedded broker, and serves the view. The grid
 * and the camera page load without a console error, the figures and the frame change while the camera streams, and
 * an element screenshot of the camera page's frame shows each box the detection event of that frame says, in its
 * label's colour, where the event puts it.
 */
class LiveViewIT {

    private static final Path REPO = Path.of(System.getProperty("vigil.repo.root", ".."));
    private static final Path FOOTAGE = REPO.resolve("data/samples/vtest.avi");
    private static final Path MODEL = REPO.resolve("models/vigil-default");
    private static final String CAMERA = "demo-cam";
    private static final float MIN_SCORE = 0.5f;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The same palette and rule as live.js' colorOf. */
    private static final String[] PALETTE = {
        "#ff3b30", "#34c759", "#0a84ff", "#ffcc00", "#ff2dff", "#00e5ff", "#ff9500", "#a0ff00"
    };

    @TempDir
    Path tmp;

    @Test
    void showsTheCamerasWithTheirBoxesWhileTheyStream() throws Exception {
        assertThat(FOOTAGE)
                .withFailMessage("Sample footage missing: run scripts/fetch-sample-data.sh")
                .exists();
        Path zones = tmp.resolve("zones.yaml");
        Files.writeString(zones, """
                cameras:
                  demo-cam:
                    units: fraction
                    zones:
                      - name: path
                        polygon: [[0.3, 0.35], [0.9, 0.35], [0.9, 0.7], [0.3, 0.7]]
                    lines:
                      - name: crossing
                        from: [0.0, 0.8]
                        to: [1.0, 0.8]
                """);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Demo demo = new Demo(
                new DemoSettings(
                        FOOTAGE.toString(),
                        MODEL,
                        0,
                        tmp.resolve("out"),
                        5,
                        2,
                        3000,
                        MIN_SCORE,
                        DeviceChoice.CPU,
                        0,
                        "127.0.0.1",
                        SceneConfig.read(zones)),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        Thread running = new Thread(
                () -> {
                    try {
                        demo.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "demo");
        running.start();
        try (HeadlessChromium chromium = new HeadlessChromium(1280, 1000)) {
            String base = awaitLine(console, Pattern.compile("Live view (http://\\S+)/ "));
            Matcher kafka = Pattern.compile("Kafka (\\S+), schema registry (\\S+)")
                    .matcher(console.toString(StandardCharsets.UTF_8));
            assertThat(kafka.find()).isTrue();
            ChromeDriver browser = chromium.driver();

            browser.get(base + "/");
            WebElement tile = await(() -> browser.findElements(By.cssSelector("[data-camera='" + CAMERA + "']")));
            WebElement tileCanvas = tile.findElement(By.cssSelector("canvas"));
            String firstSequence = awaitAttribute(tileCanvas, "data-sequence");
            String firstFigures = figures(tile);
            long before = Long.parseLong(firstSequence);
            awaitTrue(() -> Long.parseLong(tileCanvas.getAttribute("data-sequence")) > before + 4);
            awaitTrue(() -> !figures(tile).equals(firstFigures));
            assertThat(tile.findElement(By.cssSelector("[data-figure='model']")).getText())
                    .isEqualTo("vigil-default " + modelVersion());
            assertThat(chromium.consoleErrors())
                    .as("console errors on the grid")
                    .isEmpty();

            browser.get(base + "/camera?id=" + CAMERA);
            WebElement view = browser.findElement(By.id("view"));
            long first = Long.parseLong(awaitAttribute(view, "data-sequence"));
            awaitTrue(() -> Long.parseLong(view.getAttribute("data-sequence")) > first + 4);
            awaitTrue(() ->
                    browser.findElements(By.cssSelector("#events tbody tr")).size() >= 5);
            JsonNode scene = JSON.readTree(HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(base + "/api/cameras/" + CAMERA))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .get("summary")
                    .get("scene");
            assertThat(scene).hasSize(2);
            assertThat(scene.get(0).get("name").asText()).isEqualTo("path");
            assertThat(scene.get(0).get("points").get(0).get(0).asDouble()).isEqualTo(0.3 * 768, within(1e-9));
            assertThat(scene.get(1).get("kind").asText()).isEqualTo("line");

            // the page draws a new frame every 200 ms, and on a busy machine a screenshot can take longer: stop the
            // page
            // from drawing further frames (what it drew last stays, as it drew it) so that one can be taken
            browser.executeScript("window.VigilLive.show = () => {};");
            Shown shown = screenshotOfSettledFrame(view);
            DetectionEvent event = eventOf(kafka.group(1), kafka.group(2), shown.sequence());
            List<Detection> expected = event.getDetections().stream()
                    .filter(d -> d.getScore() >= MIN_SCORE)
                    .toList();
            assertThat(expected).as("the sample's people and cars are found").isNotEmpty();
            assertThat(shown.boxes()).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                Detection d = expected.get(i);
                JsonNode box = shown.boxes().get(i);
                assertThat(box.get("label").asText()).isEqualTo(d.getLabel());
                assertThat((float) box.get("x1").asDouble()).isEqualTo(d.getX1());
                assertThat((float) box.get("y2").asDouble()).isEqualTo(d.getY2());
            }
            assertBoxesDrawn(shown, expected);
            assertThat(chromium.consoleErrors())
                    .as("console errors on the camera page")
                    .isEmpty();
        } finally {
            demo.stop();
            running.join(PATIENCE.toMillis());
        }
    }

    /** The frame on the canvas with the boxes it was drawn with: a sequence that did not change while it was taken. */
    private record Shown(long sequence, List<JsonNode> boxes, BufferedImage image, int frameWidth, int lineWidth) {}

    private static Shown screenshotOfSettledFrame(WebElement canvas) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            String sequence = canvas.getAttribute("data-sequence");
            String boxes = canvas.getAttribute("data-boxes");
            int width = Integer.parseInt(canvas.getAttribute("width"));
            String lineWidth = canvas.getAttribute("data-line-width");
            byte[] png = canvas.getScreenshotAs(OutputType.BYTES);
            if (sequence.equals(canvas.getAttribute("data-sequence"))) {
                List<JsonNode> list = new ArrayList<>();
                JSON.readTree(boxes).forEach(list::add);
                return new Shown(
                        Long.parseLong(sequence),
                        list,
                        ImageIO.read(new ByteArrayInputStream(png)),
                        width,
                        Integer.parseInt(lineWidth));
            }
        }
        throw new AssertionError("the frame never held still long enough for a screenshot");
    }

    /**
     * At the middle of each box's left and right edges, where no box drawn after it passes, the screenshot has the
     * box's colour: the box is drawn where the event says.
     */
    private static void assertBoxesDrawn(Shown shown, List<Detection> boxes) {
        double scale = (double) shown.image().getWidth() / shown.frameWidth();
        int checked = 0;
        for (int i = 0; i < boxes.size(); i++) {
            Detection d = boxes.get(i);
            double midY = (d.getY1() + d.getY2()) / 2;
            for (double x : new double[] {d.getX1(), d.getX2()}) {
                if (coveredByLater(boxes, i, x, midY, shown.lineWidth())) {
                    continue;
                }
                int px = (int) Math.round(x * scale);
                int py = (int) Math.round(midY * scale);
                if (px < 1 || px >= shown.image().getWidth() - 1) {
                    continue;
                }
                double nearest = Double.MAX_VALUE;
                for (int dx = -1; dx <= 1; dx++) {
                    nearest = Math.min(
                            nearest, distance(shown.image().getRGB(px + dx, py), PALETTE[colourIndex(d.getLabel())]));
                }
                assertThat(nearest)
                        .as("colour of the %s box's edge at (%d, %d) in the screenshot", d.getLabel(), px, py)
                        .isLessThan(60);
                checked++;
            }
        }
        assertThat(checked).as("box edges checked in the screenshot").isPositive();
    }

    private static boolean coveredByLater(List<Detection> boxes, int index, double x, double y, int lineWidth) {
        double margin = lineWidth * 2 + 2;
        for (int j = index + 1; j < boxes.size(); j++) {
            Detection o = boxes.get(j);
            boolean nearVertical = (Math.abs(x - o.getX1()) < margin || Math.abs(x - o.getX2()) < margin)
                    && y > o.getY1() - margin
                    && y < o.getY2() + margin;
            boolean nearHorizontal = (Math.abs(y - o.getY1()) < margin * 12 || Math.abs(y - o.getY2()) < margin)
                    && x > o.getX1() - margin
                    && x < o.getX2() + margin * 40;
            if (nearVertical || nearHorizontal) {
                return true;
            }
        }
        return false;
    }

    private static int colourIndex(String label) {
        long h = 0;
        for (int cp : label.codePoints().toArray()) {
            h = (h * 31 + cp) & 0xffffffffL;
        }
        return (int) (h % PALETTE.length);
    }

    private static double distance(int rgb, String hex) {
        int expected = Integer.parseInt(hex.substring(1), 16);
        int dr = ((rgb >> 16) & 0xff) - ((expected >> 16) & 0xff);
        int dg = ((rgb >> 8) & 0xff) - ((expected >> 8) & 0xff);
        int db = (rgb & 0xff) - (expected & 0xff);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    private static DetectionEvent eventOf(String bootstrap, String registry, long sequence) {
        try (TopicReader<DetectionEvent> reader = new TopicReader<>(
                Map.of("bootstrap.servers", bootstrap),
                Topics.DETECTIONS,
                AvroSerdes.specific(DetectionEvent.class, Map.of("schema.registry.url", registry))
                        .deserializer(),
                Duration.ofSeconds(30))) {
            reader.seekToBeginning();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DetectionEvent> r : reader.poll(Duration.ofMillis(500))) {
                    if (r.value().getCameraId().equals(CAMERA) && r.value().getFrameSequence() == sequence) {
                        return r.value();
                    }
                }
            }
        }
        throw new AssertionError("no event for frame " + sequence + " on " + Topics.DETECTIONS);
    }

    private static String modelVersion() throws Exception {
        return JSON.readTree(MODEL.resolve("model.json").toFile())
                .get("version")
                .asText();
    }

    private static String figures(WebElement tile) {
        return tile.findElement(By.cssSelector("dl")).getText();
    }

    private static String awaitLine(ByteArrayOutputStream console, Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(console.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the demo never printed " + pattern + ":\n" + console);
    }

    private static <T> T await(java.util.function.Supplier<List<T>> found) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            List<T> list = found.get();
            if (!list.isEmpty()) {
                return list.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not found in " + PATIENCE);
    }

    private static String awaitAttribute(WebElement element, String name) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            String value = Optional.ofNullable(element.getAttribute(name)).orElse("");
            if (!value.isEmpty()) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " never set in " + PATIENCE);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("condition not met in " + PATIENCE);
    }
}
