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
    /** Avro {@code CameraStatus} records, key = camera id; compacted: the latest record is each camera's state. */
    public static final String CAMERAS = "cameras";
    /** Avro {@code ObjectEvent} records (a tracked object's NEW / UPDATE / END), key = camera id. */
    public static final String OBJECTS = "objects";
    /** Avro {@code ZoneCount} records (zone and line counts per tumbling window), key = camera id. */
    public static final String COUNTS = "counts";

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

    /** Where a shadow run of model {@code name} writes its object events: {@code objects.shadow.<name>}. */
    public static String shadowObjects(String name) {
        return OBJECTS + ".shadow." + name;
    }

    /** Where a shadow run of model {@code name} writes its counts: {@code counts.shadow.<name>}. */
    public static String shadowCounts(String name) {
        return COUNTS + ".shadow." + name;
    }

    private Topics() {}
}
