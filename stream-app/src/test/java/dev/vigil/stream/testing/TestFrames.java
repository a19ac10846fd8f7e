package dev.vigil.stream.testing;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;
import dev.vigil.stream.ingest.JpegEncoder;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Real JPEG frames (encoded by OpenCV) for stream tests. */
public final class TestFrames {

    private static final JpegEncoder ENCODER = new JpegEncoder(85, 0, 1 << 22);

    private TestFrames() {}

    public static Frame frame(String camera, long sequence, Instant capture) {
        try (Mat image = new Mat(120, 160, CV_8UC3, new Scalar(40, 90 + sequence % 100, 140, 0))) {
            int x = (int) (10 + (sequence * 7) % 100);
            rectangle(image, new Point(x, 30), new Point(x + 40, 100), new Scalar(250, 250, 250, 0), -1, 8, 0);
            JpegEncoder.Encoded jpeg = ENCODER.encode(image);
            return withImage(camera, sequence, capture, ByteBuffer.wrap(jpeg.bytes()), jpeg.width(), jpeg.height());
        }
    }

    public static Frame withImage(
            String camera, long sequence, Instant capture, ByteBuffer image, int width, int height) {
        return Frame.newBuilder()
                .setCameraId(camera)
                .setFrameSequence(sequence)
                .setCaptureTime(capture)
                .setSourcePtsMicros(sequence * 40_000)
                .setWidth(width)
                .setHeight(height)
                .setEncoding(ImageEncoding.JPEG)
                .setImage(image)
                .setSourceUri("file:///test.mp4")
                .setIngestHost("test")
                .build();
    }
}
