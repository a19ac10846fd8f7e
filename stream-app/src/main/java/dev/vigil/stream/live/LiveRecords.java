package dev.vigil.stream.live;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** What the live view keeps and shows, as plain values (the pages receive them as JSON). */
final class LiveRecords {

    private LiveRecords() {}

    /** One frame of a camera as it arrived: identified by its ingest run and sequence. */
    record StoredFrame(
            String run,
            long sequence,
            long captureMillis,
            int width,
            int height,
            @JsonIgnore byte[] jpeg) {

        String key() {
            return key(run, sequence);
        }

        static String key(String run, long sequence) {
            return run + ":" + sequence;
        }
    }

    /** A box to draw, in the frame's pixels. {@code trackId} is null when the event carries none. */
    record Box(String label, float score, float x1, float y1, float x2, float y2, Long trackId) {}

    /** One detection event as the page's table shows it. */
    record EventRow(
            String run,
            long sequence,
            long frameMillis,
            long detectionMillis,
            String status,
            String model,
            List<Box> boxes) {

        long latencyMillis() {
            return detectionMillis - frameMillis;
        }
    }

    /** The latest frame with its event: what the grid and the camera page draw. */
    record Annotated(
            String camera,
            String frameUrl,
            long sequence,
            long frameMillis,
            int width,
            int height,
            long latencyMillis,
            List<Box> boxes) {}

    /** A tracked object: its best view so far and when it was last seen. */
    record TrackedObject(
            long trackId,
            String label,
            float bestScore,
            Box bestBox,
            String snapshotUrl,
            long firstSeenMillis,
            long lastSeenMillis) {}

    /** The camera's status as ingest published it (the cameras topic). */
    record Status(
            String state,
            String reason,
            String quality,
            double fps,
            double expectedFps,
            int reconnectsLastHour,
            Long lastFrameMillis,
            long updatedMillis,
            String host) {}

    /** A zone (polygon) or a line (two points) to draw, in the frame's pixels. */
    record Shape(String name, String kind, List<double[]> points) {}

    /** A camera's figures and latest frame: one tile of the grid. */
    record Summary(
            String id,
            Status status,
            double fpsIn,
            double fpsOut,
            long staleSkipped,
            double staleSkippedPerSecond,
            long reusedNoMotion,
            long latencyP50Millis,
            long latencyP99Millis,
            int framesBehind,
            String modelName,
            String modelVersion,
            Long lastFrameMillis,
            Long lastEventMillis,
            Annotated latest,
            List<Shape> scene) {}
}
