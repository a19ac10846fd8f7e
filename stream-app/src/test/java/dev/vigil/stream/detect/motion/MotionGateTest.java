package dev.vigil.stream.detect.motion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.image.ImageSize;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.Frame;
import dev.vigil.stream.detect.motion.MotionGate.Decision;
import dev.vigil.stream.testing.StillScene;
import dev.vigil.stream.testing.TestFrames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gate on real JPEG frames of a still scene (decoded to small grey pictures as in detect): still frames reuse the
 * detection, a walker makes the frame run, the reuse ends after N frames or S seconds, noise below the threshold is
 * no motion.
 */
class MotionGateTest {

    static final Instant T0 = Instant.parse("2026-12-07T21:00:00Z");
    static final List<Detection> BOXES = List.of(new Detection(1, "person", 0.9f, 200f, 60f, 260f, 200f, null));
    static final ImageSize SIZE = new ImageSize(StillScene.HEIGHT, StillScene.WIDTH);

    final MotionSettings settings = MotionSettings.off().withEnabled(true);
    final MotionGate gate = new MotionGate(settings, 1L << 24);

    static Frame still(long sequence) {
        return StillScene.frame("cam", sequence, T0.plusMillis(200 * sequence));
    }

    static Frame walker(long sequence, int x) {
        return StillScene.frame("cam", sequence, T0.plusMillis(200 * sequence), x, 0);
    }

    /** Frames judged one after the other; each run frame is "detected" with {@link #BOXES}, as detect would. */
    List<Decision> judge(MotionGate gate, List<Frame> frames) {
        List<Decision> decisions = new ArrayList<>();
        for (Frame frame : frames) {
            MotionGate.Verdict verdict = gate.look(frame);
            if (verdict.decision() == Decision.RUN) {
                gate.detected(verdict.reference(), BOXES, SIZE);
            }
            decisions.add(verdict.decision());
        }
        return decisions;
    }

    Decision decision(Frame frame) {
        return gate.look(frame).decision();
    }

    @Test
    void stillFramesReuseTheDetectionOfTheFirst() {
        assertThat(judge(gate, List.of(still(0), still(1), still(2), still(3))))
                .containsExactly(Decision.RUN, Decision.REUSE, Decision.REUSE, Decision.REUSE);
        MotionGate.Verdict next = gate.look(still(4));
        assertThat(next.decision()).isEqualTo(Decision.REUSE);
        assertThat(next.reference().detection()).isEqualTo(new MotionGate.Reusable(BOXES, SIZE));
    }

    /** Several frames of a camera are judged before their batch runs: each REUSE keeps the reference it was like. */
    @Test
    void aReuseKeepsItsReferenceWhenALaterFrameReplacesItAndAFailedRunLeavesItsReusersWithout() {
        MotionGate.Verdict run0 = gate.look(still(0));
        MotionGate.Verdict reuse1 = gate.look(still(1));
        MotionGate.Verdict run2 = gate.look(walker(2, 100));
        MotionGate.Verdict reuse3 = gate.look(walker(3, 100));
        assertThat(List.of(run0, reuse1, run2, reuse3))
                .extracting(MotionGate.Verdict::decision)
                .containsExactly(Decision.RUN, Decision.REUSE, Decision.RUN, Decision.REUSE);
        assertThat(reuse1.reference()).isSameAs(run0.reference());
        assertThat(reuse3.reference()).isSameAs(run2.reference());
        assertThat(reuse1.reference().detection())
                .as("not back from the detector yet")
                .isNull();

        gate.detected(run0.reference(), BOXES, SIZE);
        gate.failed(run2.reference());
        assertThat(reuse1.reference().detection()).isEqualTo(new MotionGate.Reusable(BOXES, SIZE));
        assertThat(reuse3.reference().detection()).isNull();
        assertThat(decision(walker(4, 100)))
                .as("the camera starts again after the failed run")
                .isEqualTo(Decision.RUN);

        gate.failed(run0.reference());
        assertThat(decision(walker(5, 100)))
                .as("a failure of a reference that is no longer the camera's forgets nothing")
                .isEqualTo(Decision.REUSE);
    }

    @Test
    void aWalkerMakesEveryFrameRunUntilTheSceneIsStillAgain() {
        List<Frame> frames = List.of(still(0), walker(1, 20), walker(2, 40), walker(3, 60), still(4), still(5));
        assertThat(judge(gate, frames))
                .as("each step of the walker is motion; after it left, the first still frame differs from the last "
                        + "run one (the walker was in it), the next is like it")
                .containsExactly(Decision.RUN, Decision.RUN, Decision.RUN, Decision.RUN, Decision.RUN, Decision.REUSE);
    }

    @Test
    void aWalkerThatStopsIsReusedOnceSeen() {
        assertThat(judge(gate, List.of(still(0), walker(1, 100), walker(2, 100), walker(3, 100))))
                .containsExactly(Decision.RUN, Decision.RUN, Decision.REUSE, Decision.REUSE);
    }

    @Test
    void theReuseEndsAfterTheMostFramesThenStartsAgain() {
        MotionGate three = new MotionGate(new MotionSettings(true, 160, 25, 10, 3, Duration.ofMinutes(1)), 1L << 24);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            frames.add(still(i));
        }
        assertThat(judge(three, frames))
                .containsExactly(
                        Decision.RUN,
                        Decision.REUSE,
                        Decision.REUSE,
                        Decision.REUSE,
                        Decision.RUN,
                        Decision.REUSE,
                        Decision.REUSE,
                        Decision.REUSE,
                        Decision.RUN);
    }

    @Test
    void theReuseEndsAfterTheLongestAgeOfCaptureTime() {
        MotionGate second = new MotionGate(new MotionSettings(true, 160, 25, 10, 100, Duration.ofSeconds(1)), 1L << 24);
        // 200 ms apart: frames 1-4 are within a second of frame 0, frame 5 is a second after it
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            frames.add(still(i));
        }
        assertThat(judge(second, frames))
                .containsExactly(
                        Decision.RUN,
                        Decision.REUSE,
                        Decision.REUSE,
                        Decision.REUSE,
                        Decision.REUSE,
                        Decision.RUN,
                        Decision.REUSE);
        assertThat(second.look(StillScene.frame("cam", 7, T0.plusMillis(900))).decision())
                .as("a frame captured before the reference (a clock going back) is run")
                .isEqualTo(Decision.RUN);
    }

    @Test
    void sensorNoiseBelowTheThresholdIsNoMotionButAWalkerInItIs() {
        List<Frame> noisy = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            noisy.add(StillScene.frame("cam", i, T0.plusMillis(200 * i), -1, 20)); // ±20 grey levels a sample
        }
        assertThat(noisy.get(1).getImage())
                .as("each frame's noise is its own")
                .isNotEqualTo(noisy.get(2).getImage());
        assertThat(judge(gate, noisy))
                .containsExactly(
                        Decision.RUN, Decision.REUSE, Decision.REUSE, Decision.REUSE, Decision.REUSE, Decision.REUSE);
        assertThat(decision(StillScene.frame("cam", 6, T0.plusMillis(1200), 150, 20)))
                .isEqualTo(Decision.RUN);
    }

    @Test
    void aLowerThresholdSeesTheNoiseAsMotion() {
        MotionGate sensitive =
                new MotionGate(new MotionSettings(true, 320, 2, 1, 100, Duration.ofMinutes(1)), 1L << 24);
        List<Frame> noisy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            noisy.add(StillScene.frame("cam", i, T0.plusMillis(200 * i), -1, 20));
        }
        assertThat(judge(sensitive, noisy)).containsExactly(Decision.RUN, Decision.RUN, Decision.RUN);
    }

    @Test
    void aNewIngestRunAnotherSizeAndForgottenCamerasStartAgain() {
        judge(gate, List.of(still(0), still(1)));
        Frame otherRun = Frame.newBuilder(still(2)).setIngestRunId("run-2").build();
        assertThat(judge(
                        gate,
                        List.of(
                                otherRun,
                                Frame.newBuilder(still(3))
                                        .setIngestRunId("run-2")
                                        .build())))
                .containsExactly(Decision.RUN, Decision.REUSE);

        gate.forgetAll();
        assertThat(judge(gate, List.of(still(5), still(6)))).containsExactly(Decision.RUN, Decision.REUSE);

        Frame smaller = TestFrames.frame("cam", 7, T0.plusMillis(1400)); // 160x120: the camera's size changed
        assertThat(decision(smaller)).isEqualTo(Decision.RUN);
    }

    @Test
    void camerasAreJudgedApart() {
        Frame a0 = StillScene.frame("a", 0, T0);
        Frame b0 = StillScene.frame("b", 0, T0, 100, 0);
        Frame a1 = StillScene.frame("a", 1, T0.plusMillis(200));
        Frame b1 = StillScene.frame("b", 1, T0.plusMillis(200), 140, 0);
        assertThat(judge(gate, List.of(a0, b0, a1, b1)))
                .containsExactly(Decision.RUN, Decision.RUN, Decision.REUSE, Decision.RUN);
    }

    @Test
    void aFrameThatIsNotAnImageIsRunForTheDetectorToRefuseIt() {
        judge(gate, List.of(still(0)));
        Frame broken = Frame.newBuilder(still(1))
                .setImage(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .build();
        assertThat(gate.look(broken)).isEqualTo(new MotionGate.Verdict(Decision.RUN, null));
        assertThat(decision(still(2))).as("the camera starts again after it").isEqualTo(Decision.RUN);
    }
}
