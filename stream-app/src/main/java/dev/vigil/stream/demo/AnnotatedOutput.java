package dev.vigil.stream.demo;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Frame;
import dev.vigil.stream.detect.FrameImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Draws each event's boxes on its frame: one PNG per {@code pngEvery} frames, and every frame into a short
 * annotated video until it is {@code videoFrames} long. Used by one thread.
 */
final class AnnotatedOutput implements AutoCloseable {

    private static final Scalar BOX = new Scalar(0, 220, 255, 0);
    private static final Scalar TEXT = new Scalar(255, 255, 255, 0);

    private final Path dir;
    private final int pngEvery;
    private final int videoFrames;
    private final double videoFps;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private FFmpegFrameRecorder video;
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
        try (Mat image = FrameImages.decodeBgr(frame)) {
            if (image.empty()) {
                return;
            }
            for (Detection d : event.getDetections()) {
                if (d.getScore() >= minScore) {
                    draw(image, d);
                }
            }
            if (written % pngEvery == 0) {
                Path png = dir.resolve("frames")
                        .resolve(String.format(
                                Locale.ROOT, "%s-%06d.png", event.getCameraId(), event.getFrameSequence()));
                imwrite(png.toString(), image);
                pngs++;
            }
            if (written < videoFrames) {
                record(image);
            }
            written++;
        }
    }

    private static void draw(Mat image, Detection d) {
        try (Point p1 = new Point(Math.round(d.getX1()), Math.round(d.getY1()));
                Point p2 = new Point(Math.round(d.getX2()), Math.round(d.getY2()));
                Point text = new Point(Math.round(d.getX1()) + 2, Math.max(12, Math.round(d.getY1()) - 4))) {
            rectangle(image, p1, p2, BOX, 2, 8, 0);
            putText(
                    image,
                    String.format(Locale.ROOT, "%s %.2f", d.getLabel(), d.getScore()),
                    text,
                    FONT_HERSHEY_SIMPLEX,
                    0.45,
                    TEXT,
                    1,
                    8,
                    false);
        }
    }

    private void record(Mat image) throws IOException {
        try {
            if (video == null) {
                video = new FFmpegFrameRecorder(videoPath().toString(), image.cols(), image.rows());
                video.setFormat("mp4");
                video.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
                video.setVideoQuality(3);
                video.setFrameRate(videoFps);
                video.start();
            }
            video.record(converter.convert(image));
        } catch (FrameRecorder.Exception e) {
            throw new IOException("Cannot write the annotated video " + videoPath() + ": " + e.getMessage(), e);
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
            try {
                video.close();
            } catch (FrameRecorder.Exception e) {
                throw new IOException("Cannot finish the annotated video " + videoPath(), e);
            }
        }
    }
}
