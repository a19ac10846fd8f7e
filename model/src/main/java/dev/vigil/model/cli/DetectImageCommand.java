package dev.vigil.model.cli;

import ai.djl.Device;
import dev.vigil.model.detector.DetectedObject;
import dev.vigil.model.detector.Detector;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.image.RgbImage;
import dev.vigil.model.media.BoxDrawer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil detect-image}: runs a model artifact on image files. */
@Command(
        name = "detect-image",
        mixinStandardHelpOptions = true,
        description = "Detect objects in image files; prints one JSON line per image.")
public final class DetectImageCommand implements Callable<Integer> {

    /** Exit code when some images could not be read. */
    static final int EXIT_BAD_IMAGES = 2;

    @Option(names = "--model", required = true, description = "model artifact directory")
    Path model;

    @Option(names = "--score-thresh", description = "drop detections scoring at most this (default: the model's)")
    Float scoreThreshold;

    @Option(names = "--json", description = "write the JSON lines to this file instead of standard output")
    Path json;

    @Option(names = "--draw", description = "write each image with its boxes and labels as PNG into this directory")
    Path drawDirectory;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "image files (PNG, JPEG, BMP, GIF)")
    List<Path> images;

    @Override
    public Integer call() throws IOException {
        ModelArtifact artifact = ModelArtifact.read(model);
        if (scoreThreshold != null) {
            artifact = artifact.withConfig(
                    artifact.config().withBoxHead(artifact.config().boxHead().withScoreThreshold(scoreThreshold)));
        }
        if (drawDirectory != null) {
            Files.createDirectories(drawDirectory);
        }
        ImageDecoder decoder = new ImageDecoder();
        int failed = 0;
        try (Detector detector = Detector.load(artifact, Device.cpu());
                PrintStream out = json == null
                        ? new PrintStream(System.out, true, StandardCharsets.UTF_8)
                        : new PrintStream(Files.newOutputStream(json), true, StandardCharsets.UTF_8)) {
            for (Path image : images) {
                RgbImage decoded;
                try {
                    decoded = decoder.read(image);
                } catch (IOException | IllegalArgumentException e) {
                    System.err.println("skipped " + image + ": " + e.getMessage());
                    failed++;
                    continue;
                }
                List<DetectedObject> detections =
                        detector.detect(List.of(decoded)).get(0);
                out.println(DetectionJson.line(image.toString(), detections));
                if (drawDirectory != null) {
                    draw(image, detections);
                }
            }
        }
        return failed == 0 ? 0 : EXIT_BAD_IMAGES;
    }

    private void draw(Path image, List<DetectedObject> detections) throws IOException {
        String name = image.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".png";
        ImageIO.write(
                BoxDrawer.draw(ImageIO.read(image.toFile()), detections),
                "png",
                drawDirectory.resolve(name).toFile());
    }
}
