package dev.vigil.model.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Encodes pictures into an MP4 file with FFmpeg (MPEG-4 part 2, which the bundled FFmpeg always has): Java2D
 * images or OpenCV BGR matrices, all of the size given when the file was opened. Not thread-safe.
 */
public final class VideoWriter implements AutoCloseable {

    /** FFmpeg's quantiser scale: 1 best, 31 worst. */
    public static final int DEFAULT_QUALITY = 3;

    private final FFmpegFrameRecorder recorder;
    private final Java2DFrameConverter java2d = new Java2DFrameConverter();
    private final OpenCVFrameConverter.ToMat opencv = new OpenCVFrameConverter.ToMat();
    private final Path file;

    public VideoWriter(Path file, int width, int height, double fps) throws IOException {
        this.file = file;
        recorder = new FFmpegFrameRecorder(file.toString(), width, height);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        recorder.setVideoQuality(DEFAULT_QUALITY);
        recorder.setFrameRate(fps);
        try {
            recorder.start();
        } catch (FFmpegFrameRecorder.Exception e) {
            recorder.close();
            throw new IOException("cannot start encoding " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public void write(BufferedImage picture) throws IOException {
        record(java2d.convert(picture));
    }

    /** @param bgr an 8-bit BGR picture */
    public void write(Mat bgr) throws IOException {
        record(opencv.convert(bgr));
    }

    private void record(Frame frame) throws IOException {
        try {
            recorder.record(frame);
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("cannot encode a frame into " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            recorder.stop();
            recorder.release();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("cannot finish " + file + ": " + e.getMessage(), e);
        } finally {
            java2d.close();
            opencv.close();
        }
    }
}
