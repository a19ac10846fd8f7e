package dev.vigil.stream.ingest;

import dev.vigil.schemas.Frame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/** Ingest of a real encoded video file through FFmpeg (no mocks: the file is written by FFmpeg's encoder). */
class CameraReaderTest {

    static final int FRAMES = 50;
    static final double FPS = 25;

    @TempDir
    static Path dir;
    static Path video;

    @BeforeAll
    static void writeVideo() throws Exception {
        video = dir.resolve("test.mp4");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(video.toString(), 320, 240);
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setFrameRate(FPS);
            recorder.setVideoQuality(2);
            recorder.start();
            for (int i = 0; i < FRAMES; i++) {
                try (Mat mat = new Mat(240, 320, CV_8UC3, new Scalar(i * 5.0, 128, 255 - i * 5.0, 0))) {
                    recorder.record(converter.convert(mat));
                }
            }
            recorder.stop();
        }
    }

    private static List<Frame> ingest(CameraSpec spec, long maxFrames) {
        List<Frame> frames = new CopyOnWriteArrayList<>();
        FrameSink sink = (frame, onDone) -> {
            frames.add(frame);
            onDone.accept(null);
        };
        CameraReader reader = new CameraReader(spec, new JpegEncoder(90, 0, 1 << 20), sink, "test-host",
                Backoff.defaults(), maxFrames);
        reader.run();
        assertThat(reader.stats().framesSent()).isEqualTo(frames.size());
        return frames;
    }

    private static CameraSpec spec(double fps, boolean loop) {
        return new CameraSpec("cam-1", video.toString(), fps, CameraSpec.ReplayMode.FAST, loop,
                Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void everyFrameOfAFileBecomesAJpegFrameRecordInOrder() {
        List<Frame> frames = ingest(spec(0, false), 0);
        assertThat(frames).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            Frame f = frames.get(i);
            assertThat(f.getFrameSequence()).isEqualTo(i);
            assertThat(f.getCameraId()).isEqualTo("cam-1");
            assertThat(f.getWidth()).isEqualTo(320);
            assertThat(f.getHeight()).isEqualTo(240);
            byte[] jpeg = new byte[f.getImage().remaining()];
            f.getImage().duplicate().get(jpeg);
            assertThat(jpeg[0]).isEqualTo((byte) 0xFF);
            assertThat(jpeg[1]).isEqualTo((byte) 0xD8);
            assertThat(f.getSourceUri()).startsWith("file:").endsWith("test.mp4");
        }
        long step = frames.get(1).getCaptureTime().toEpochMilli() - frames.get(0).getCaptureTime().toEpochMilli();
        assertThat(step).isEqualTo(Math.round(1000 / FPS));
    }

    @Test
    void aReplayGivesTheSameCaptureTimes() {
        List<Frame> first = ingest(spec(0, false), 10);
        List<Frame> second = ingest(spec(0, false), 10);
        assertThat(second).extracting(Frame::getCaptureTime)
                .containsExactlyElementsOf(first.stream().map(Frame::getCaptureTime).toList());
    }

    @Test
    void samplingKeepsTheTargetRateAndSequenceNumbersShowTheGaps() {
        List<Frame> frames = ingest(spec(5, false), 0);
        assertThat(frames).hasSize(FRAMES / 5);
        assertThat(frames).extracting(Frame::getFrameSequence).containsExactly(0L, 5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L, 45L);
    }

    @Test
    void aLoopContinuesTheTimelinePastTheEndOfTheFile() {
        List<Frame> frames = ingest(spec(0, true), FRAMES + 10);
        assertThat(frames).hasSize(FRAMES + 10);
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).getCaptureTime()).isAfter(frames.get(i - 1).getCaptureTime());
            assertThat(frames.get(i).getFrameSequence()).isEqualTo(i);
        }
    }

    @Test
    void aMissingFileIsReportedAndNothingIsSent() {
        CameraSpec missing = new CameraSpec("cam-x", dir.resolve("nope.mp4").toString(), 0,
                CameraSpec.ReplayMode.FAST, false, Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(ingest(missing, 0)).isEmpty();
    }

    @Test
    void credentialsNeverLeaveTheSpec() {
        assertThat(SourceUris.redact("rtsp://admin:secret@10.1.2.3:554/stream1?x=1"))
                .isEqualTo("rtsp://10.1.2.3:554/stream1?x=1");
        assertThat(SourceUris.redact("rtsp://cam.local/stream")).isEqualTo("rtsp://cam.local/stream");
    }
}
