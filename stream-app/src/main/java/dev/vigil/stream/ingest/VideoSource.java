package dev.vigil.stream.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A decoded video stream from FFmpeg: RTSP (over TCP unless told otherwise), HTTP or a file. FFmpeg's
 * {@code timeout}/{@code rw_timeout} are always set, so {@link #next()} returns or fails within the I/O timeout
 * instead of blocking on a dead stream. Not thread-safe.
 */
public final class VideoSource implements AutoCloseable {

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegLogCallback.set();
    }

    private final CameraSpec camera;
    private final FFmpegFrameGrabber grabber;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();

    /** A decoded picture (BGR, owned by the source until the next call) and its presentation time. */
    public record DecodedFrame(Mat bgr, long ptsMicros) {}

    private VideoSource(CameraSpec camera, FFmpegFrameGrabber grabber) {
        this.camera = camera;
        this.grabber = grabber;
    }

    /**
     * Opens the camera's stream.
     *
     * @throws IOException naming the camera and its (redacted) URI when the stream cannot be opened
     */
    public static VideoSource open(CameraSpec camera) throws IOException {
        if (!camera.isLive() && !camera.uri().contains("://") && !Files.isReadable(Path.of(camera.uri()))) {
            throw new IOException(
                    "Camera '" + camera.name() + "': file " + camera.uri() + " does not exist or is not readable");
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(camera.uri());
        String timeoutMicros = String.valueOf(camera.ioTimeout().toNanos() / 1_000);
        if (camera.isLive()) {
            grabber.setOption("rtsp_transport", "tcp");
            grabber.setOption("timeout", timeoutMicros);
            grabber.setOption("rw_timeout", timeoutMicros);
            grabber.setOption("stimeout", timeoutMicros);
        }
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            closeQuietly(grabber);
            throw new IOException(
                    "Camera '" + camera.name() + "': cannot open " + camera.redactedUri() + ": " + e.getMessage(), e);
        }
        return new VideoSource(camera, grabber);
    }

    /**
     * The next picture, or {@code null} at the end of a file.
     *
     * @throws IOException naming the camera when decoding or reading fails (including an I/O timeout)
     */
    public DecodedFrame next() throws IOException {
        try {
            Frame frame = grabber.grabImage();
            if (frame == null) {
                return null;
            }
            Mat mat = converter.convert(frame);
            if (mat == null || mat.empty()) {
                throw new IOException("Camera '" + camera.name() + "': decoder returned an empty picture");
            }
            return new DecodedFrame(mat, frame.timestamp);
        } catch (FrameGrabber.Exception e) {
            throw new IOException(
                    "Camera '" + camera.name() + "': reading " + camera.redactedUri() + " failed: " + e.getMessage(),
                    e);
        }
    }

    /** Frames per second the stream declares (0 when unknown). */
    public double declaredFps() {
        return grabber.getVideoFrameRate();
    }

    /** The container's creation time tag (ISO-8601), if the file has one. */
    public String creationTimeTag() {
        return grabber.getMetadata("creation_time");
    }

    @Override
    public void close() {
        closeQuietly(grabber);
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception ignored) {
            // Closing a broken stream: nothing more to report than the error that led here.
        }
    }
}
