package dev.vigil.stream.demo;

import dev.vigil.model.detector.DetectedObject;
import dev.vigil.model.io.SafeFileNames;
import dev.vigil.model.media.BoxDrawer;
import dev.vigil.model.media.VideoWriter;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Frame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws each event's boxes on its frame ({@link BoxDrawer}), tracked objects with their track ids: one PNG per {@code pngEvery} frames, and every frame into
 * a short annotated video ({@link VideoWriter}) until it is {@code videoFrames} long. Used by one thread.
 */
final class AnnotatedOutput implements AutoCloseable {

    private final Path dir;
    private final int pngEvery;
    private final int videoFrames;
    private final double videoFps;
    private VideoWriter video;
    private int written;
    private int pngs;

    AnnotatedOutput(Path dir, int pngEvery, int videoFrames, double videoFps) throws IOException {
        this.dir = Files.createDirectories(dir);
        Files.createDirectories(dir.resolve("frames"));
        this.pngEvery = pngEvery;
        this.videoFrames = videoFrames;
        this.videoFps = videoFps;
    }

    void write(Frame frame, DetectionEvent event, float minScore) throws IOException {
        BufferedImage picture = decode(frame.getImage());
        if (picture == null) {
            return;
        }
        List<BoxDrawer.TrackedBox> boxes = new ArrayList<>();
        for (Detection d : event.getDetections()) {
            if (d.getScore() >= minScore) {
                boxes.add(new BoxDrawer.TrackedBox(
                        new DetectedObject(
                                d.getClassId(), d.getLabel(), d.getScore(), d.getX1(), d.getY1(), d.getX2(), d.getY2()),
                        d.getTrackId()));
            }
        }
        BufferedImage annotated = BoxDrawer.drawTracked(picture, boxes);
        if (written % pngEvery == 0) {
            Path png = dir.resolve("frames")
                    .resolve(String.format(
                            Locale.ROOT,
                            "%s-%06d.png",
                            SafeFileNames.of(event.getCameraId()),
                            event.getFrameSequence()));
            ImageIO.write(annotated, "png", png.toFile());
            pngs++;
        }
        if (written < videoFrames) {
            if (video == null) {
                video = new VideoWriter(videoPath(), annotated.getWidth(), annotated.getHeight(), videoFps);
            }
            video.write(annotated);
        }
        written++;
    }

    /** The frame's picture, or null when its bytes are not a readable image (such a frame is not drawn). */
    private static BufferedImage decode(ByteBuffer image) {
        byte[] bytes = new byte[image.remaining()];
        image.duplicate().get(bytes);
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            return null;
        }
    }

    Path videoPath() {
        return dir.resolve("demo.mp4");
    }

    int pngsWritten() {
        return pngs;
    }

    int framesWritten() {
        return written;
    }

    @Override
    public void close() throws IOException {
        if (video != null) {
            video.close();
        }
    }
}
