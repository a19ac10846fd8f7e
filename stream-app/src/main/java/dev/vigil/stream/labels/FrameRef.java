package dev.vigil.stream.labels;

/**
 * Which frame a label belongs to: what an {@code Annotation} names (camera, sequence, capture time, ingest run).
 */
public record FrameRef(String cameraId, long frameSequence, long captureTimeMillis, String ingestRunId) {}
