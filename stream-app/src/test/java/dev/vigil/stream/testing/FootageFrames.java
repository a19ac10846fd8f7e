package dev.vigil.stream.testing;

import dev.vigil.schemas.Frame;
import dev.vigil.stream.ingest.JpegEncoder;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;

/** Real footage as one camera's JPEG frames, 100 ms apart, for tests that run the shipped model. */
public final class FootageFrames {

    private FootageFrames() {}

    /**
     * Frames {@code fromSequence} to {@code fromSequence + count - 1} of {@code camera}: frame sequence s shows the
     * footage's picture {@code firstPicture + s}, captured at {@code t0} plus 100 ms times s.
     */
    public static List<Frame> read(
            Path footage, String camera, int firstPicture, Instant t0, long fromSequence, int count) throws Exception {
        long from = firstPicture + fromSequence;
        List<Frame> frames = new ArrayList<>(count);
        JpegEncoder jpeg = new JpegEncoder(JpegEncoder.DEFAULT_QUALITY, 0, 1 << 22);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(footage.toFile());
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            long number = 0;
            for (org.bytedeco.javacv.Frame picture;
                    frames.size() < count && (picture = grabber.grabImage()) != null;
                    number++) {
                if (number >= from) {
                    JpegEncoder.Encoded encoded = jpeg.encode(converter.convert(picture));
                    long sequence = fromSequence + frames.size();
                    frames.add(TestFrames.withImage(
                            camera,
                            sequence,
                            t0.plusMillis(100 * sequence),
                            ByteBuffer.wrap(encoded.bytes()),
                            encoded.width(),
                            encoded.height()));
                }
            }
        }
        if (frames.size() != count) {
            throw new IllegalStateException(footage + " has fewer than " + (from + count) + " pictures");
        }
        return frames;
    }
}
