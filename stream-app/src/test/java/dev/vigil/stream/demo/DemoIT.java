package dev.vigil.stream.demo;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Reads /metrics once the demo says where, until it holds both applications' meters or the demo ends. */
    private static void scrapeWhileRunning(ByteArrayOutputStream console, AtomicReference<String> scraped) {
        Pattern web = Pattern.compile("Web (http://\\S+) ");
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
                    if (body.contains("vigil_ingest_frames_total") && body.contains("vigil_detect_frames_total")) {
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
                                FOOTAGE.toString(), model, 12, out, 5, 2, 0, 0.0f, DeviceChoice.CPU, 0, "127.0.0.1"),
                        new PrintStream(console, true, StandardCharsets.UTF_8))
                .run();
        scraper.interrupt();
        scraper.join();

        String text = console.toString(StandardCharsets.UTF_8);
        assertThat(text).containsPattern("Web http://127\\.0\\.0\\.1:\\d+ ");
        assertThat(scraped.get())
                .as("one web server serves both applications' metrics")
                .contains("vigil_ingest_frames_total{camera=\"demo-cam\",outcome=\"sent\"}")
                .contains("vigil_detect_frames_total{outcome=\"detected\"}");
        assertThat(exit).isZero();
        assertThat(text).containsPattern("in +\\d+\\.\\d fps \\| out +\\d+\\.\\d fps \\| latency p50 ");
        assertThat(text).contains("Done: 12 frames sent, 12 events (12 run, 0 skipped as stale, 0 dead-lettered)");
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
