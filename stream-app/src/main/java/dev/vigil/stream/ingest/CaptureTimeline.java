package dev.vigil.stream.ingest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Gives each frame its capture time. Live cameras: the wall clock when the frame arrived. Stored footage: the
 * file's own clock (its creation-time tag, else its last-modified time) plus the frame's presentation time, so a
 * replay of the same file always yields the same capture times. Loops continue the timeline past the file's end.
 */
public final class CaptureTimeline {

    private final boolean live;
    private final long fileEpochMillis;
    private long loopOffsetMicros;
    private long lastPtsMicros;

    private CaptureTimeline(boolean live, long fileEpochMillis) {
        this.live = live;
        this.fileEpochMillis = fileEpochMillis;
    }

    public static CaptureTimeline live() {
        return new CaptureTimeline(true, 0);
    }

    /**
     * @param creationTimeTag the container's creation_time (ISO-8601) or null
     * @param lastModifiedMillis the file's last-modified time, used when the tag is missing or unreadable
     */
    public static CaptureTimeline forFile(String creationTimeTag, long lastModifiedMillis) {
        long epoch = lastModifiedMillis;
        if (creationTimeTag != null && !creationTimeTag.isBlank()) {
            try {
                epoch = Instant.parse(creationTimeTag.trim()).toEpochMilli();
            } catch (DateTimeParseException ignored) {
                // An odd tag: the file's modification time is still a stable clock.
            }
        }
        return new CaptureTimeline(false, epoch);
    }

    /** Position of this frame on the replay timeline, in microseconds (continues across loops). */
    public long timelineMicros(long ptsMicros) {
        lastPtsMicros = ptsMicros;
        return loopOffsetMicros + ptsMicros;
    }

    /** Capture time in epoch milliseconds of the frame at this timeline position. */
    public long captureMillis(long timelineMicros, long wallNowMillis) {
        return live ? wallNowMillis : fileEpochMillis + timelineMicros / 1_000;
    }

    /** The file starts again: later frames continue after the last one, one frame interval on. */
    public void startNextLoop(long frameIntervalMicros) {
        loopOffsetMicros += lastPtsMicros + frameIntervalMicros;
    }
}
