package dev.vigil.stream.testing;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Small real video files, encoded by FFmpeg, for ingest tests. */
public final class TestVideos {

    private TestVideos() {}

    /** An MPEG-4 file of {@code frames} pictures whose colour changes with each frame. */
    public static Path mp4(Path file, int frames, double fps, int width, int height) throws Exception {
        return encode(file, "mp4", frames, fps, width, height);
    }

    /** The same pictures in an MPEG transport stream, which FFmpeg can read while it arrives (over HTTP, say). */
    public static Path mpegTs(Path file, int frames, double fps, int width, int height) throws Exception {
        return encode(file, "mpegts", frames, fps, width, height);
    }

    private static Path encode(Path file, String format, int frames, double fps, int width, int height)
            throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toString(), width, height);
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            recorder.setFormat(format);
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setFrameRate(fps);
            recorder.setVideoQuality(2);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                try (Mat mat = new Mat(height, width, CV_8UC3, new Scalar(i * 5.0, 128, 255 - i * 5.0, 0))) {
                    recorder.record(converter.convert(mat));
                }
            }
            recorder.stop();
        }
        return file;
    }
}
