package dev.vigil.stream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.stream.testing.SmallModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on the real sample footage (vtest.avi), with the real pipeline and a small randomly initialised
 * detector standing in for the trained default model (whose detections would differ, not the plumbing).
 */
class DemoIT {

    private static final Path DASHBOARD =
            Path.of(System.getProperty("vigil.repo.root", "..")).resolve("deploy/grafana/vigil-dashboard.json");
    private static final Set<String> DASHBOARD_METRICS = dashboardMetrics();

    /** Every metric name in the Grafana dashboard's queries. */
    private static Set<String> dashboardMetrics() {
        try {
            Set<String> names = new TreeSet<>();
            for (JsonNode panel :
                    new ObjectMapper().readTree(DASHBOARD.toFile()).get("panels")) {
                for (JsonNode target : panel.get("targets")) {
                    Matcher m = Pattern.compile("\\b((?:vigil|kafka|jvm|process)_[a-z0-9_]+)")
                            .matcher(target.get("expr").asText());
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
            return names;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The names that have no sample in the scrape. */
    private static List<String> missingFromScrape(Set<String> names, String scrape) {
        return names.stream()
                .filter(name -> !Pattern.compile("(?m)^" + name + "[{ ]")
                        .matcher(scrape)
                        .find())
                .toList();
    }

    /** Reads /metrics once the demo says where, until it holds every dashboard metric or the demo ends. */
    private static void scrapeWhileRunning(ByteArrayOutputStream console, AtomicReference<String> scraped) {
        Pattern web = Pattern.compile("Live view (http://\\S+)/ ");
        HttpClient http = HttpClient.newHttpClient();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Matcher url = web.matcher(console.toString(StandardCharsets.UTF_8));
                if (url.find()) {
                    String body = http.send(
                                    HttpRequest.newBuilder(URI.create(url.group(1) + "/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
                    scraped.set(body);
                    if (missingFromScrape(DASHBOARD_METRICS, body).isEmpty()) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            // the demo closed its server: what was read last stands
        }
    }

    private static final Path FOOTAGE =
            Path.of(System.getProperty("vigil.repo.root", "..")).resolve("data/samples/vtest.avi");

    @TempDir
    Path tmp;

    @Test
    void replaysFootageAsALiveCameraAndWritesAnnotatedOutput() throws Exception {
        assertThat(FOOTAGE)
                .withFailMessage("Sample footage missing: run scripts/fetch-sample-data.sh")
                .exists();
        Path model = SmallModels.writeRandomMobileNet(tmp.resolve("model"));
        Path out = tmp.resolve("out");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        AtomicReference<String> scraped = new AtomicReference<>("");
        Thread scraper = new Thread(() -> scrapeWhileRunning(console, scraped), "demo-scraper");
        scraper.setDaemon(true);
        scraper.start();
        int exit = new Demo(
                        new DemoSettings(
                                FOOTAGE.toString(),
                                model,
                                12,
                                out,
                                5,
                                2,
                                0,
                                0.0f,
                                DeviceChoice.CPU,
                                0,
                                "127.0.0.1",
                                null),
                        new PrintStream(console, true, StandardCharsets.UTF_8))
                .run();
        scraper.interrupt();
        scraper.join();

        String text = console.toString(StandardCharsets.UTF_8);
        assertThat(text).containsPattern("Live view http://127\\.0\\.0\\.1:\\d+/ ");
        assertThat(scraped.get())
                .as("one web server serves both applications' metrics")
                .contains("vigil_ingest_frames_total{camera=\"demo-cam\",outcome=\"sent\"}")
                .contains("vigil_detect_frames_total{camera=\"demo-cam\",outcome=\"detected\"}");
        assertThat(DASHBOARD_METRICS)
                .contains("vigil_detect_capture_to_event_seconds_bucket", "vigil_ingest_camera_state");
        assertThat(missingFromScrape(DASHBOARD_METRICS, scraped.get()))
                .as("metrics in deploy/grafana/vigil-dashboard.json that the demo does not export")
                .isEmpty();
        assertThat(exit).isZero();
        assertThat(text).containsPattern("in +\\d+\\.\\d fps \\| out +\\d+\\.\\d fps \\| latency p50 ");
        assertThat(text)
                .contains(
                        "Done: 12 frames sent, 12 events (12 run, 0 reused with no motion, 0 skipped as stale, 0 dead-lettered)");
        assertThat(text).containsPattern("; \\d+ objects tracked; ");
        try (Stream<Path> pngs = Files.list(out.resolve("frames"))) {
            List<Path> files = pngs.toList();
            assertThat(files).hasSizeBetween(2, 12);
            assertThat(files)
                    .allSatisfy(p -> assertThat(p.getFileName().toString()).matches("demo-cam-\\d{6}\\.png"));
        }
        try (FFmpegFrameGrabber video =
                new FFmpegFrameGrabber(out.resolve("demo.mp4").toFile())) {
            video.start();
            assertThat(video.getImageWidth()).isEqualTo(768);
            int frames = 0;
            while (video.grabImage() != null) {
                frames++;
            }
            assertThat(frames).isEqualTo(12);
        }
    }
}
