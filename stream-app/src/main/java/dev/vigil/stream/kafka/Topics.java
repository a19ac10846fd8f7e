package dev.vigil.stream.kafka;

/** Every topic Vigil reads or writes, by its default name. */
public final class Topics {

    /** Avro {@code Frame} records, key = camera id. */
    public static final String FRAMES = "frames";
    /** Avro {@code DetectionEvent} records, key = camera id. */
    public static final String DETECTIONS = "detections";
    /** Frames that could not be read or decoded, as they arrived, with the reason in headers. */
    public static final String FRAMES_DLQ = "frames.dlq";
    /** Avro {@code Annotation} records (ground truth for retraining), key = camera id. */
    public static final String ANNOTATIONS = "annotations";

    /** Avro {@code ModelRelease} records, key = {@code NAME:VERSION}; compacted, one partition: the model registry. */
    public static final String MODELS = "models";

    /** Where a shadow run of model {@code name} writes its events: {@code detections.shadow.<name>}. */
    public static String shadowDetections(String name) {
        return DETECTIONS + ".shadow." + name;
    }

    /** Where a shadow run of model {@code name} writes its dead letters. */
    public static String shadowDeadLetters(String name) {
        return FRAMES_DLQ + ".shadow." + name;
    }

    private Topics() {}
}
