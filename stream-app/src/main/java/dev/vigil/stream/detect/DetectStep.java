package dev.vigil.stream.detect;

import dev.vigil.model.image.ImageSize;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.Timings;
import dev.vigil.stream.detect.motion.MotionGate;
import dev.vigil.stream.kafka.CameraIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detect step: runs a batch through the detector in one call and forwards exactly one event per frame, in the
 * batch's order, to the events child (the detections sink, or a later stage such as a tracker), with the frame's own
 * timestamp and headers. Each batch runs on the thread's detector of the current model, taken when the batch starts,
 * so a switch of model falls between two batches and every event names the model that made it.
 * Frames older than the stale age are reported {@code SKIPPED_STALE} instead of run; with the motion gate on, a frame
 * in which nothing moved since its camera's last run frame gets that frame's detections as {@code REUSED_NO_MOTION}
 * instead of being run ({@link MotionGate}); frames whose image cannot be decoded, and every frame of a batch the
 * detector fails on, go to the dead-letter child as they arrived.
 */
final class DetectStep implements Processor<String, FrameBatch, String, Object> {

    private static final Logger log = LoggerFactory.getLogger(DetectStep.class);

    /** What becomes of one frame of a batch. */
    private enum Fate {
        SKIP_STALE,
        RUN,
        REUSE
    }

    /**
     * The detector's call on the frames to run: their results, or the failure of the whole call.
     *
     * @param startMillis stream-clock time the call started
     */
    private record Ran(
            List<FrameBatchDetector.FrameResult> results,
            RuntimeException failure,
            long startMillis,
            double inferenceMs,
            int batchSize) {}

    private final Duration staleAfter;
    private final Supplier<FrameBatchDetector> detectorForThisThread;
    private final DetectStats stats;
    private final String eventsChild;
    private final String deadLetterChild;
    /** The motion gate, or null when it is off. */
    private final MotionGate motion;

    private ProcessorContext<String, Object> context;
    private FrameBatchDetector detector;
    private DetectionEvents events;
    private ModelIdentity eventsModel;

    /**
     * @param staleAfter frames older than this are not run; {@code null}: every frame is run
     * @param motion     the task's motion gate, or {@code null} to run every frame that is not stale
     */
    DetectStep(
            Duration staleAfter,
            Supplier<FrameBatchDetector> detectorForThisThread,
            DetectStats stats,
            String eventsChild,
            String deadLetterChild,
            MotionGate motion) {
        this.staleAfter = staleAfter;
        this.detectorForThisThread = detectorForThisThread;
        this.stats = stats;
        this.eventsChild = eventsChild;
        this.deadLetterChild = deadLetterChild;
        this.motion = motion;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        if (motion != null) {
            motion.forgetAll(); // a task initialised again (after a crash) starts its cameras again
        }
        useCurrentModel();
    }

    /** Takes the thread's detector of the current model: a switch of model happens here, between two batches. */
    private void useCurrentModel() {
        detector = detectorForThisThread.get();
        if (!detector.model().equals(eventsModel)) {
            eventsModel = detector.model();
            events = new DetectionEvents(eventsModel);
            if (motion != null) {
                motion.forgetAll(); // no detection of the old model is reused under the new one's name
            }
        }
    }

    @Override
    public void process(Record<String, FrameBatch> record) {
        useCurrentModel();
        long nowMillis = record.value().flushMillis();
        List<PendingFrame> frames = record.value().frames();
        Fate[] fates = new Fate[frames.size()];
        MotionGate.Reference[] references = new MotionGate.Reference[frames.size()];
        List<PendingFrame> toRun = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i).frame();
            if (isStale(frame, nowMillis)) {
                fates[i] = Fate.SKIP_STALE;
                continue;
            }
            MotionGate.Verdict verdict = motion == null ? null : judge(frame);
            references[i] = verdict == null ? null : verdict.reference();
            if (verdict != null && verdict.decision() == MotionGate.Decision.REUSE) {
                fates[i] = Fate.REUSE;
            } else {
                fates[i] = Fate.RUN;
                toRun.add(frames.get(i));
            }
        }
        Ran ran = toRun.isEmpty() ? null : run(toRun);
        int run = 0;
        for (int i = 0; i < frames.size(); i++) {
            PendingFrame pending = frames.get(i);
            switch (fates[i]) {
                case SKIP_STALE -> {
                    emit(pending, DetectionStatus.SKIPPED_STALE, List.of(), new Timings(0.0, 0.0, 0), null);
                    stats.framesSkippedStale.increment(pending.frame().getCameraId());
                }
                case RUN -> emitRun(pending, ran, run++, references[i]);
                case REUSE -> emitReused(pending, references[i]);
            }
        }
        stats.batchProcessed();
    }

    private Ran run(List<PendingFrame> batch) {
        List<Frame> frames = batch.stream().map(PendingFrame::frame).toList();
        long startNanos = System.nanoTime();
        long startMillis = context.currentSystemTimeMs();
        try {
            List<FrameBatchDetector.FrameResult> results = detector.detect(frames);
            long elapsedNanos = System.nanoTime() - startNanos;
            stats.batches.increment();
            stats.batchDuration.record(Duration.ofNanos(elapsedNanos));
            return new Ran(results, null, startMillis, elapsedNanos / 1e6, batch.size());
        } catch (RuntimeException e) {
            log.error("Detector failed on a batch of {} frames: {}", frames.size(), e.toString());
            return new Ran(null, e, startMillis, 0.0, batch.size());
        }
    }

    /**
     * The event of the {@code index}-th frame the detector was given.
     *
     * @param reference what the motion gate keeps of the frame, or null
     */
    private void emitRun(PendingFrame pending, Ran ran, int index, MotionGate.Reference reference) {
        String camera = pending.frame().getCameraId();
        if (ran.failure() != null) {
            emit(pending, DetectionStatus.FAILED, List.of(), new Timings(0.0, 0.0, ran.batchSize()), null);
            stats.framesFailed.increment(camera);
            deadLetter(pending, ran.failure());
            if (motion != null) {
                motion.failed(reference);
            }
            return;
        }
        Timings timings = new Timings(
                (double) Math.max(0, ran.startMillis() - pending.arrived().getArrivalMillis()),
                ran.inferenceMs(),
                ran.batchSize());
        if (ran.results().get(index) instanceof FrameBatchDetector.FrameResult.Detected detected) {
            emit(pending, DetectionStatus.OK, detected.detections(), timings, detected.imageSize());
            stats.framesDetected.increment(camera);
            recordLatency(pending.frame());
            if (motion != null) {
                motion.detected(reference, detected.detections(), detected.imageSize());
            }
        } else if (ran.results().get(index) instanceof FrameBatchDetector.FrameResult.Undecodable bad) {
            deadLetter(pending, bad.cause());
            if (motion != null) {
                motion.failed(reference);
            }
        }
    }

    /**
     * The event of a frame the motion gate found still: the detection of the run frame it is like, or a failure
     * when that one failed.
     */
    private void emitReused(PendingFrame pending, MotionGate.Reference reference) {
        Frame frame = pending.frame();
        MotionGate.Reusable last = reference.detection();
        if (last == null) {
            IllegalStateException cause = new IllegalStateException("Frame "
                    + CameraIds.frameName(frame.getCameraId(), frame.getFrameSequence())
                    + " showed no motion, but the detection of its camera it would reuse failed");
            emit(pending, DetectionStatus.FAILED, List.of(), new Timings(0.0, 0.0, 0), null);
            stats.framesFailed.increment(frame.getCameraId());
            deadLetter(pending, cause);
            return;
        }
        long queueMillis =
                Math.max(0, context.currentSystemTimeMs() - pending.arrived().getArrivalMillis());
        emit(
                pending,
                DetectionStatus.REUSED_NO_MOTION,
                last.detections(),
                new Timings((double) queueMillis, 0.0, 0),
                last.imageSize());
        stats.framesReused.increment(frame.getCameraId());
        recordLatency(frame);
    }

    /** The motion gate's verdict on the frame, timed. */
    private MotionGate.Verdict judge(Frame frame) {
        long startNanos = System.nanoTime();
        MotionGate.Verdict verdict = motion.look(frame);
        stats.motionCheck.record(Duration.ofNanos(System.nanoTime() - startNanos));
        return verdict;
    }

    private void recordLatency(Frame frame) {
        long captureToEventMillis = ageMillis(frame, context.currentSystemTimeMs());
        stats.recordCaptureToEvent(frame.getCameraId(), Duration.ofMillis(Math.max(0, captureToEventMillis)));
    }

    private boolean isStale(Frame frame, long nowMillis) {
        return staleAfter != null && ageMillis(frame, nowMillis) > staleAfter.toMillis();
    }

    /** Milliseconds from the frame's capture to {@code nowMillis}. */
    private static long ageMillis(Frame frame, long nowMillis) {
        return nowMillis - frame.getCaptureTime().toEpochMilli();
    }

    /** @param imageSize the image's real size where it was decoded, else null: the size the frame declares */
    private void emit(
            PendingFrame pending,
            DetectionStatus status,
            List<Detection> detections,
            Timings timings,
            ImageSize imageSize) {
        Frame frame = pending.frame();
        DetectionEvent event =
                events.event(frame, status, detections, timings, imageSize, context.currentSystemTimeMs());
        Headers headers = new RecordHeaders();
        pending.arrived()
                .getHeaders()
                .forEach(h -> headers.add(h.getKey(), h.getValue() == null ? null : DeadLetters.bytes(h.getValue())));
        context.forward(
                new Record<String, Object>(
                        frame.getCameraId(), event, pending.arrived().getTimestamp(), headers),
                eventsChild);
    }

    private void deadLetter(PendingFrame pending, Exception error) {
        DeadLetters.send(context, deadLetterChild, pending.arrived(), error, stats);
    }
}
