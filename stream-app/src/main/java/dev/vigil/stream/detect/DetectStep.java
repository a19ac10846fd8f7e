package dev.vigil.stream.detect;

import dev.vigil.model.image.ImageSize;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.Timings;
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
 * The detect step: runs a batch through the detector in one call and forwards exactly one event per frame to the
 * events child (the detections sink, or a later stage such as a tracker), with the frame's own timestamp and headers.
 * Each batch runs on the thread's detector of the current model, taken when the batch starts, so a switch of model
 * falls between two batches and every event names the model that made it.
 * Frames older than the stale age are reported {@code SKIPPED_STALE} instead of run; frames whose image cannot be
 * decoded, and every frame of a batch the detector fails on, go to the dead-letter child as they arrived.
 */
final class DetectStep implements Processor<String, FrameBatch, String, Object> {

    private static final Logger log = LoggerFactory.getLogger(DetectStep.class);

    private final Duration staleAfter;
    private final Supplier<FrameBatchDetector> detectorForThisThread;
    private final DetectStats stats;
    private final String eventsChild;
    private final String deadLetterChild;
    private ProcessorContext<String, Object> context;
    private FrameBatchDetector detector;
    private DetectionEvents events;
    private ModelIdentity eventsModel;

    /** @param staleAfter frames older than this are not run; {@code null}: every frame is run */
    DetectStep(
            Duration staleAfter,
            Supplier<FrameBatchDetector> detectorForThisThread,
            DetectStats stats,
            String eventsChild,
            String deadLetterChild) {
        this.staleAfter = staleAfter;
        this.detectorForThisThread = detectorForThisThread;
        this.stats = stats;
        this.eventsChild = eventsChild;
        this.deadLetterChild = deadLetterChild;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        useCurrentModel();
    }

    /** Takes the thread's detector of the current model: a switch of model happens here, between two batches. */
    private void useCurrentModel() {
        detector = detectorForThisThread.get();
        if (!detector.model().equals(eventsModel)) {
            eventsModel = detector.model();
            events = new DetectionEvents(eventsModel);
        }
    }

    @Override
    public void process(Record<String, FrameBatch> record) {
        useCurrentModel();
        long nowMillis = record.value().flushMillis();
        List<PendingFrame> toRun = new ArrayList<>();
        for (PendingFrame pending : record.value().frames()) {
            if (isStale(pending.frame(), nowMillis)) {
                emit(pending, DetectionStatus.SKIPPED_STALE, List.of(), new Timings(0.0, 0.0, 0), null);
                stats.framesSkippedStale.increment();
            } else {
                toRun.add(pending);
            }
        }
        if (!toRun.isEmpty()) {
            run(toRun);
        }
        stats.batchProcessed();
    }

    private void run(List<PendingFrame> batch) {
        List<Frame> frames = batch.stream().map(PendingFrame::frame).toList();
        long startNanos = System.nanoTime();
        long startMillis = context.currentSystemTimeMs();
        List<FrameBatchDetector.FrameResult> results;
        try {
            results = detector.detect(frames);
        } catch (RuntimeException e) {
            log.error("Detector failed on a batch of {} frames: {}", frames.size(), e.toString());
            for (PendingFrame pending : batch) {
                emit(pending, DetectionStatus.FAILED, List.of(), new Timings(0.0, 0.0, frames.size()), null);
                stats.framesFailed.increment();
                deadLetter(pending, e);
            }
            return;
        }
        long elapsedNanos = System.nanoTime() - startNanos;
        double inferenceMs = elapsedNanos / 1e6;
        stats.batches.increment();
        stats.batchDuration.record(Duration.ofNanos(elapsedNanos));
        for (int i = 0; i < batch.size(); i++) {
            PendingFrame pending = batch.get(i);
            Timings timings = new Timings(
                    (double) Math.max(0, startMillis - pending.arrived().getArrivalMillis()),
                    inferenceMs,
                    batch.size());
            if (results.get(i) instanceof FrameBatchDetector.FrameResult.Detected detected) {
                emit(pending, DetectionStatus.OK, detected.detections(), timings, detected.imageSize());
                stats.framesDetected.increment();
                long captureToEventMillis = ageMillis(pending.frame(), context.currentSystemTimeMs());
                stats.captureToEvent.record(Duration.ofMillis(Math.max(0, captureToEventMillis)));
            } else if (results.get(i) instanceof FrameBatchDetector.FrameResult.Undecodable bad) {
                deadLetter(pending, bad.cause());
            }
        }
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
