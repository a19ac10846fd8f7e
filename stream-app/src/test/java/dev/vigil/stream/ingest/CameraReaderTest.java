package dev.vigil.stream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.Frame;
import dev.vigil.stream.retry.Backoff;
import dev.vigil.stream.testing.TestVideos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest of a real encoded video file through FFmpeg (no mocks: the file is written by FFmpeg's encoder). */
class CameraReaderTest {

    static final int FRAMES = 50;
    static final double FPS = 25;

    @TempDir
    static Path dir;

    static Path video;

    @BeforeAll
    static void writeVideo() throws Exception {
        video = TestVideos.mp4(dir.resolve("test.mp4"), FRAMES, FPS, 320, 240);
    }

    private static List<Frame> ingest(CameraSpec spec, long maxFrames) {
        List<Frame> frames = new CopyOnWriteArrayList<>();
        FrameSink sink = (frame, onDone) -> {
            frames.add(frame);
            onDone.accept(null);
        };
        CameraReader reader = new CameraReader(
                spec, new JpegEncoder(90, 0, 1 << 20), sink, "test-host", Backoff.defaults(), maxFrames);
        reader.run();
        assertThat(reader.stats().framesSent()).isEqualTo(frames.size());
        return frames;
    }

    private static CameraSpec spec(double fps, boolean loop) {
        return new CameraSpec(
                "cam-1",
                video.toString(),
                fps,
                CameraSpec.ReplayMode.FAST,
                loop,
                Duration.ofSeconds(5),
                Duration.ofSeconds(5));
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
        long step = frames.get(1).getCaptureTime().toEpochMilli()
                - frames.get(0).getCaptureTime().toEpochMilli();
        assertThat(step).isEqualTo(Math.round(1000 / FPS));
    }

    @Test
    void aReplayGivesTheSameCaptureTimes() {
        List<Frame> first = ingest(spec(0, false), 10);
        List<Frame> second = ingest(spec(0, false), 10);
        assertThat(second)
                .extracting(Frame::getCaptureTime)
                .containsExactlyElementsOf(
                        first.stream().map(Frame::getCaptureTime).toList());
    }

    @Test
    void samplingKeepsTheTargetRateAndSequenceNumbersShowTheGaps() {
        List<Frame> frames = ingest(spec(5, false), 0);
        assertThat(frames).hasSize(FRAMES / 5);
        assertThat(frames)
                .extracting(Frame::getFrameSequence)
                .containsExactly(0L, 5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L, 45L);
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
        CameraSpec missing = new CameraSpec(
                "cam-x",
                dir.resolve("nope.mp4").toString(),
                0,
                CameraSpec.ReplayMode.FAST,
                false,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        assertThat(ingest(missing, 0)).isEmpty();
    }

    @Test
    void aMissingFileEndsTheReaderWithAFailureNamingTheFile() {
        CameraSpec missing = new CameraSpec(
                "cam-x",
                dir.resolve("nope.mp4").toString(),
                0,
                CameraSpec.ReplayMode.FAST,
                false,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        CameraReader reader = new CameraReader(
                missing,
                new JpegEncoder(90, 0, 1 << 20),
                (f, done) -> done.accept(null),
                "test-host",
                Backoff.defaults(),
                0);
        reader.run();
        assertThat(reader.failure()).hasValueSatisfying(f -> assertThat(f).contains("nope.mp4"));
    }

    @Test
    void aDeadLiveCameraIsGivenUpAfterTheRetryLimit() {
        CameraSpec dead = new CameraSpec(
                "cam-dead",
                "rtsp://127.0.0.1:1/none",
                0,
                CameraSpec.ReplayMode.FAST,
                false,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        Backoff twoQuickRetries = new Backoff(
                Duration.ofMillis(10), Duration.ofMillis(20), 0, java.util.random.RandomGenerator.getDefault(), 2);
        CameraReader reader = new CameraReader(
                dead, new JpegEncoder(90, 0, 1 << 20), (f, done) -> done.accept(null), "test-host", twoQuickRetries, 0);
        reader.run();
        assertThat(reader.failure()).hasValueSatisfying(f -> assertThat(f).contains("rtsp://127.0.0.1:1/none"));
        assertThat(reader.stats().framesDecoded()).isZero();
        assertThat(reader.stats().streaming()).isFalse();
    }

    @Test
    void credentialsNeverLeaveTheSpec() {
        assertThat(SourceUris.redact("rtsp://admin:secret@10.1.2.3:554/stream1?x=1"))
                .isEqualTo("rtsp://10.1.2.3:554/stream1?x=1");
        assertThat(SourceUris.redact("rtsp://cam.local/stream")).isEqualTo("rtsp://cam.local/stream");
    }
}
