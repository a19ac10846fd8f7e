package dev.vigil.stream.snapshot;

/**
 * One exported frame.
 *
 * @param id                COCO image id, 1-based, stable across runs
 * @param fileName          path under the dataset's image folder: {@code <camera>/<sequence>.jpg}
 * @param captureTimeMillis the frame's capture time (epoch ms), which tells apart frames whose camera restarted its
 *                          sequence numbers
 * @param partition         where the frame was read: partition and offset of the frames topic
 */
public record SnapshotImage(
        long id,
        String fileName,
        int width,
        int height,
        String cameraId,
        long frameSequence,
        long captureTimeMillis,
        int partition,
        long offset) {}
