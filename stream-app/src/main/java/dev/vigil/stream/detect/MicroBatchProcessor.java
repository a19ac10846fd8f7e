package dev.vigil.stream.detect;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.Timings;
import dev.vigil.stream.detect.internal.BufferedFrame;
import dev.vigil.stream.detect.internal.Header;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The micro-batcher: frames wait in a logged state store until {@code B} are there or the oldest has waited
 * {@code T} ms (wall-clock punctuator), then run through the detector in one call. Each frame gives exactly one
 * event, forwarded with the frame's own timestamp and headers; unreadable or undecodable frames go to the
 * dead-letter topic as they arrived. All wall-clock readings come from the stream's clock
 * ({@code currentSystemTimeMs}), so tests can drive time. Under exactly-once the buffer, the events and the consumed offsets commit
 * together, so a crash neither loses nor repeats a frame.
 */
final class MicroBatchProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger log = LoggerFactory.getLogger(MicroBatchProcessor.class);

    private final BatchingSettings settings;
    private final Deserializer<Frame> frameDeserializer;
    private final Supplier<FrameBatchDetector> detectorForThisThread;
    private final DetectStats stats;
    private final String storeName;
    private ProcessorContext<String, Object> context;
    private FrameBuffer buffer;
    private FrameBatchDetector detector;
    private DetectionEvents events;

    MicroBatchProcessor(
            BatchingSettings settings,
            Deserializer<Frame> frameDeserializer,
            Supplier<FrameBatchDetector> detectorForThisThread,
            DetectStats stats,
            String storeName) {
        this.settings = settings;
        this.frameDeserializer = frameDeserializer;
        this.detectorForThisThread = detectorForThisThread;
        this.stats = stats;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        KeyValueStore<Long, BufferedFrame> store = context.getStateStore(storeName);
        this.buffer = new FrameBuffer(store);
        this.detector = detectorForThisThread.get();
        this.events = new DetectionEvents(detector.modelName(), detector.modelVersion());
        context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::flushIfOldestWaited);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        BufferedFrame buffered = BufferedFrame.newBuilder()
                .setValue(ByteBuffer.wrap(record.value() == null ? new byte[0] : record.value()))
                .setKey(record.key())
                .setTimestamp(record.timestamp())
                .setHeaders(headersOf(record.headers()))
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setArrivalMillis(context.currentSystemTimeMs())
                .build();
        try {
            readFrame(buffered);
        } catch (RuntimeException e) {
            deadLetter(buffered, e);
            return;
        }
        buffer.add(buffered);
        if (buffer.size() >= settings.maxBatchSize()) {
            flush(context.currentSystemTimeMs());
        }
    }

    private void flushIfOldestWaited(long nowMillis) {
        while (buffer.size() > 0
                && buffer.oldestArrivalMillis() + settings.maxWait().toMillis() <= nowMillis) {
            flush(nowMillis);
        }
    }

    private void flush(long nowMillis) {
        List<BufferedFrame> batch = buffer.takeOldest(settings.maxBatchSize());
        List<BufferedFrame> toRun = new ArrayList<>(batch.size());
        List<Frame> frames = new ArrayList<>(batch.size());
        for (BufferedFrame buffered : batch) {
            Frame frame = readFrame(buffered);
            if (isStale(frame, nowMillis)) {
                emit(buffered, frame, DetectionStatus.SKIPPED_STALE, List.of(), new Timings(0.0, 0.0, 0));
                stats.framesSkippedStale.incrementAndGet();
            } else {
                toRun.add(buffered);
                frames.add(frame);
            }
        }
        if (frames.isEmpty()) {
            return;
        }
        long startNanos = System.nanoTime();
        long startMillis = context.currentSystemTimeMs();
        List<FrameBatchDetector.FrameResult> results;
        try {
            results = detector.detect(frames);
        } catch (RuntimeException e) {
            log.error("Detector failed on a batch of {} frames: {}", frames.size(), e.toString());
            for (int i = 0; i < frames.size(); i++) {
                emit(
                        toRun.get(i),
                        frames.get(i),
                        DetectionStatus.FAILED,
                        List.of(),
                        new Timings(0.0, 0.0, frames.size()));
                stats.framesFailed.incrementAndGet();
                deadLetter(toRun.get(i), e);
            }
            return;
        }
        double inferenceMs = (System.nanoTime() - startNanos) / 1e6;
        stats.batches.incrementAndGet();
        stats.batchSeconds.observe(inferenceMs / 1000);
        for (int i = 0; i < frames.size(); i++) {
            BufferedFrame buffered = toRun.get(i);
            Timings timings = new Timings(
                    (double) Math.max(0, startMillis - buffered.getArrivalMillis()), inferenceMs, frames.size());
            if (results.get(i) instanceof FrameBatchDetector.FrameResult.Detected detected) {
                emit(buffered, frames.get(i), DetectionStatus.OK, detected.detections(), timings);
                stats.framesDetected.incrementAndGet();
                long captureToEventMillis = ageMillis(frames.get(i), context.currentSystemTimeMs());
                stats.captureToEventSeconds.observe(Math.max(0, captureToEventMillis) / 1000.0);
            } else if (results.get(i) instanceof FrameBatchDetector.FrameResult.Undecodable bad) {
                deadLetter(buffered, bad.cause());
            }
        }
    }

    private boolean isStale(Frame frame, long nowMillis) {
        return settings.staleAfter() != null
                && ageMillis(frame, nowMillis) > settings.staleAfter().toMillis();
    }

    /** Milliseconds from the frame's capture to {@code nowMillis}. */
    private static long ageMillis(Frame frame, long nowMillis) {
        return nowMillis - frame.getCaptureTime().toEpochMilli();
    }

    private Frame readFrame(BufferedFrame buffered) {
        return frameDeserializer.deserialize(buffered.getSourceTopic(), DeadLetters.bytes(buffered.getValue()));
    }

    private void emit(
            BufferedFrame buffered,
            Frame frame,
            DetectionStatus status,
            List<dev.vigil.schemas.Detection> detections,
            Timings timings) {
        DetectionEvent event = events.event(frame, status, detections, timings, context.currentSystemTimeMs());
        Headers headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        buffered.getHeaders()
                .forEach(h -> headers.add(h.getKey(), h.getValue() == null ? null : DeadLetters.bytes(h.getValue())));
        context.forward(
                new Record<String, Object>(frame.getCameraId(), event, buffered.getTimestamp(), headers),
                DetectTopology.DETECTIONS_SINK);
    }

    private void deadLetter(BufferedFrame buffered, Exception error) {
        log.warn(
                "Frame from {}-{}@{} sent to the dead-letter topic: {}",
                buffered.getSourceTopic(),
                buffered.getSourcePartition(),
                buffered.getSourceOffset(),
                error.getMessage());
        stats.framesDeadLettered.incrementAndGet();
        context.forward(DeadLetters.of(buffered, error), DetectTopology.DLQ_SINK);
    }

    private static List<Header> headersOf(Headers headers) {
        List<Header> out = new ArrayList<>();
        for (org.apache.kafka.common.header.Header h : headers) {
            out.add(new Header(h.key(), h.value() == null ? null : ByteBuffer.wrap(h.value())));
        }
        return out;
    }
}
