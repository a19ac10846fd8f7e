package dev.vigil.stream.snapshot;

import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.InvalidImageException;
import dev.vigil.model.io.SafeFileNames;
import dev.vigil.model.progress.ProgressBars;
import dev.vigil.schemas.Annotation;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.kafka.CameraIds;
import dev.vigil.stream.kafka.TopicReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import me.tongfei.progressbar.ProgressBar;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports frames (their image files as they are) and the annotations for them from Kafka into a dataset folder with
 * a COCO JSON, resuming where the folder's last run ended: no frame is exported twice and none is left out. Camera ids
 * come from the wire: each becomes a folder name through {@link SafeFileNames#of}, and no file is written outside the
 * dataset folder. An image that does not decode (empty, truncated, corrupt) is not exported but counted and logged.
 */
public final class Snapshot {

    private static final Logger log = LoggerFactory.getLogger(Snapshot.class);
    private static final Duration POLL_WAIT = Duration.ofMillis(200);
    /** Checks that each image decodes as training will decode it, before it is exported. */
    private static final ImageDecoder IMAGES = new ImageDecoder();
    /** Frames between two saves of the state file: how much a crash makes the next run read again. */
    static final int SAVE_EVERY_FRAMES = 500;

    private final SnapshotSettings settings;
    private final Map<String, Object> clientConfig;
    private final Map<String, ?> serdeConfig;
    private final Duration timeout;

    /** How a run went. */
    public record Result(
            long recordsRead,
            long imagesAdded,
            long duplicates,
            long notSelected,
            long unreadable,
            long undecodable,
            CocoDatasetWriter.Written dataset) {}

    /**
     * @param clientConfig Kafka consumer settings (bootstrap servers, security)
     * @param serdeConfig  schema registry settings
     * @param timeout      how long to wait for the cluster on each call
     */
    public Snapshot(
            SnapshotSettings settings, Map<String, Object> clientConfig, Map<String, ?> serdeConfig, Duration timeout) {
        this.settings = settings;
        this.clientConfig = clientConfig;
        this.serdeConfig = serdeConfig;
        this.timeout = timeout;
    }

    /**
     * Runs until the planned offsets are read or {@code stopRequested} holds; either way the state and the COCO JSON
     * are written for what was read.
     *
     * @param progress where the progress bar is drawn
     */
    public Result run(PrintStream progress, BooleanSupplier stopRequested) {
        Path dir = settings.outDir();
        createDirectories(dir.resolve(CocoDatasetWriter.IMAGES_DIR));
        SnapshotState state = SnapshotState.loadOrCreate(dir, settings.framesTopic(), settings.cameras());
        AnnotationIndex annotations = readAnnotations();
        Counts counts = new Counts();
        try (TopicReader<Frame> frames = new TopicReader<>(
                clientConfig,
                settings.framesTopic(),
                AvroSerdes.specific(Frame.class, serdeConfig).deserializer(),
                timeout)) {
            List<PartitionRange> ranges =
                    PartitionRange.plan(frames.beginningOffsets(), frames.endOffsets(), settings, state);
            exportFrames(frames, ranges, state, counts, progress, stopRequested);
            counts.unreadable += frames.skipped();
        } finally {
            state.save(dir);
        }
        CocoDatasetWriter.Written written = CocoDatasetWriter.write(dir, state, annotations, settings.framesTopic());
        state.save(dir);
        return new Result(
                counts.read,
                counts.added,
                counts.duplicates,
                counts.notSelected,
                counts.unreadable,
                counts.undecodable,
                written);
    }

    /** Mutable tallies of one run. */
    private static final class Counts {
        long read;
        long added;
        long duplicates;
        long notSelected;
        long unreadable;
        long undecodable;
    }

    /**
     * The annotations topic's labels.
     *
     * @throws IllegalArgumentException naming the record type the topic holds when none of its records is an
     *     Annotation (e.g. the detections topic given as the annotations topic)
     */
    private AnnotationIndex readAnnotations() {
        AnnotationIndex index;
        long unreadable;
        try (TopicReader<Annotation> reader = new TopicReader<>(
                clientConfig,
                settings.annotationsTopic(),
                AvroSerdes.specific(Annotation.class, serdeConfig).deserializer(),
                timeout)) {
            index = AnnotationIndex.read(reader, settings.cameras());
            unreadable = reader.skipped();
        } catch (UnknownTopicOrPartitionException e) {
            log.info("No annotations: {}", e.getMessage());
            return AnnotationIndex.empty();
        }
        if (unreadable > 0 && index.records() == 0) {
            throw new IllegalArgumentException("the annotations topic '" + settings.annotationsTopic() + "' holds "
                    + recordTypeOf(settings.annotationsTopic()) + " records, not labels: none of its " + unreadable
                    + " records is an " + Annotation.getClassSchema().getFullName() + ". Labels are Annotation "
                    + "records, on the topic vigil autolabel --topic and vigil labels import write (--annotations-topic,"
                    + " default 'annotations'); frames are Frame records, detect's output DetectionEvent records.");
        }
        return index;
    }

    /** The full name of the writer schema of the topic's first readable record, or what made it unreadable. */
    private String recordTypeOf(String topic) {
        try (TopicReader<GenericRecord> reader = new TopicReader<>(
                clientConfig, topic, AvroSerdes.generic(serdeConfig).deserializer(), timeout)) {
            reader.seekToBeginning();
            Map<TopicPartition, Long> end = reader.endOffsets();
            List<TopicPartition> remaining = new ArrayList<>(reader.partitions());
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<String, GenericRecord> r : reader.poll(POLL_WAIT)) {
                    if (r.value() != null) {
                        return r.value().getSchema().getFullName();
                    }
                }
                remaining.removeIf(p -> reader.position(p) >= end.get(p));
            }
        }
        return "non-Avro (or undecodable)";
    }

    private void exportFrames(
            TopicReader<Frame> frames,
            List<PartitionRange> ranges,
            SnapshotState state,
            Counts counts,
            PrintStream progress,
            BooleanSupplier stopRequested) {
        Map<TopicPartition, PartitionRange> open = new HashMap<>();
        for (PartitionRange r : ranges) {
            if (r.size() > 0) {
                frames.seek(r.partition(), r.start());
                open.put(r.partition(), r);
            } else {
                frames.pause(r.partition());
            }
        }
        long total = ranges.stream().mapToLong(PartitionRange::size).sum();
        Map<TopicPartition, Long> done = new HashMap<>();
        long unsaved = 0;
        try (ProgressBar bar = progressBar(progress, total)) {
            while (!open.isEmpty() && !stopRequested.getAsBoolean()) {
                for (ConsumerRecord<String, Frame> record : frames.poll(POLL_WAIT)) {
                    TopicPartition p = new TopicPartition(record.topic(), record.partition());
                    PartitionRange range = open.get(p);
                    if (range == null || record.offset() >= range.end()) {
                        continue;
                    }
                    counts.read++;
                    if (export(record, state, counts)) {
                        unsaved++;
                    }
                    state.markRead(
                            settings.fromMillis(),
                            settings.toMillis(),
                            p.partition(),
                            range.start(),
                            record.offset() + 1);
                    done.put(p, record.offset() + 1 - range.start());
                }
                for (var it = open.values().iterator(); it.hasNext(); ) {
                    PartitionRange range = it.next();
                    if (frames.position(range.partition()) >= range.end()) {
                        state.markRead(
                                settings.fromMillis(),
                                settings.toMillis(),
                                range.partition().partition(),
                                range.start(),
                                range.end());
                        done.put(range.partition(), range.size());
                        frames.pause(range.partition());
                        it.remove();
                    }
                }
                bar.stepTo(done.values().stream().mapToLong(Long::longValue).sum());
                if (unsaved >= SAVE_EVERY_FRAMES) {
                    state.save(settings.outDir());
                    unsaved = 0;
                }
            }
        }
    }

    /** Writes the record's image if it is selected and new; returns whether it was. */
    private boolean export(ConsumerRecord<String, Frame> record, SnapshotState state, Counts counts) {
        Frame frame = record.value();
        if (frame == null
                || !settings.selects(frame.getCameraId(), frame.getCaptureTime().toEpochMilli())) {
            counts.notSelected++;
            return false;
        }
        Optional<String> extension = switch (frame.getEncoding()) {
            case JPEG -> Optional.of("jpg");
            case PNG -> Optional.of("png");
            case UNKNOWN -> Optional.empty();
        };
        if (extension.isEmpty()) {
            log.warn(
                    "Frame {}#{} at {}/{} has an unknown image encoding; not exported",
                    frame.getCameraId(),
                    frame.getFrameSequence(),
                    record.partition(),
                    record.offset());
            counts.unreadable++;
            return false;
        }
        byte[] bytes = bytes(frame.getImage());
        ImageSize size;
        try {
            size = IMAGES.check(CameraIds.quoted(frame.getCameraId()) + "#" + frame.getFrameSequence(), bytes);
        } catch (InvalidImageException e) {
            log.warn(
                    "Frame at {}/{} not exported, its image is undecodable: {}",
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            counts.undecodable++;
            return false;
        }
        Optional<SnapshotImage> image = state.addImage(
                frame.getCameraId(),
                frame.getFrameSequence(),
                frame.getCaptureTime().toEpochMilli(),
                size.width(),
                size.height(),
                extension.get(),
                record.partition(),
                record.offset());
        if (image.isEmpty()) {
            counts.duplicates++;
            return false;
        }
        writeImage(
                settings.outDir().resolve(CocoDatasetWriter.IMAGES_DIR),
                image.get().fileName(),
                bytes);
        counts.added++;
        return true;
    }

    private static byte[] bytes(ByteBuffer image) {
        byte[] bytes = new byte[image.remaining()];
        image.duplicate().get(bytes);
        return bytes;
    }

    /** Writes {@code bytes} to {@code fileName} under {@code imagesDir}, never outside it. */
    private static void writeImage(Path imagesDir, String fileName, byte[] bytes) {
        Path file = SafeFileNames.resolveInside(imagesDir, fileName);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write image " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create dataset folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static ProgressBar progressBar(PrintStream out, long total) {
        return ProgressBars.builder("snapshot", total, " records", out, ProgressBars.onTerminal())
                .build();
    }
}
