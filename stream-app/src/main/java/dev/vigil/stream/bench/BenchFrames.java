package dev.vigil.stream.bench;

import dev.vigil.model.media.VideoReader;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;
import dev.vigil.stream.ingest.CameraSpec;
import dev.vigil.stream.ingest.JpegEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Decodes and JPEG-encodes frames of a video the way ingest does, timing the work. */
final class BenchFrames {

    /** The frames and the single-thread time it took to make them. */
    record Decoded(List<Frame> frames, double seconds) {
        double framesPerSecond() {
            return frames.size() / seconds;
        }
    }

    private BenchFrames() {}

    static Decoded decode(String camera, String uri, int count) throws IOException {
        CameraSpec spec = new CameraSpec(
                camera, uri, 0, CameraSpec.ReplayMode.FAST, false, Duration.ofSeconds(10), Duration.ofSeconds(10));
        JpegEncoder encoder = new JpegEncoder(JpegEncoder.DEFAULT_QUALITY, 0, 8 << 20);
        List<Frame> frames = new ArrayList<>(count);
        long start = System.nanoTime();
        try (VideoReader source = spec.openVideo()) {
            for (VideoReader.DecodedFrame d; frames.size() < count && (d = source.next()) != null; ) {
                JpegEncoder.Encoded jpeg = encoder.encode(d.bgr());
                frames.add(Frame.newBuilder()
                        .setCameraId(camera)
                        .setFrameSequence(frames.size())
                        .setCaptureTime(Instant.EPOCH)
                        .setSourcePtsMicros(d.ptsMicros())
                        .setWidth(jpeg.width())
                        .setHeight(jpeg.height())
                        .setEncoding(ImageEncoding.JPEG)
                        .setImage(ByteBuffer.wrap(jpeg.bytes()))
                        .setSourceUri(spec.redactedUri())
                        .setIngestHost("bench")
                        .build());
            }
        }
        if (frames.isEmpty()) {
            throw new IOException("No frames could be read from " + uri);
        }
        return new Decoded(frames, (System.nanoTime() - start) / 1e9);
    }
}
