package dev.vigil.model.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Encodes frames into an MP4 file (MPEG-4 part 2, which the bundled FFmpeg always has). Not thread-safe. */
public final class VideoWriter implements AutoCloseable {

    /** FFmpeg's quantiser scale: 1 best, 31 worst. */
    public static final int DEFAULT_QUALITY = 3;

    private final FFmpegFrameRecorder recorder;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
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

    public void write(BufferedImage frame) throws IOException {
        try {
            recorder.record(converter.convert(frame));
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
            converter.close();
        }
    }
}
