package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.Frame;
import dev.vigil.stream.testing.TestFrames;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What an event id is made of (issue 11, defect 3, with issue 12's model digest). */
class DetectionEventsTest {

    static final ModelIdentity MODEL = new ModelIdentity("vigil-default", "1", "aa".repeat(32));

    @Test
    void theSameFrameAndModelGiveTheSameIdAnythingElseAnother() {
        DetectionEvents events = new DetectionEvents(MODEL);
        Frame frame = frame("run-1", 7);
        assertThat(events.eventId(frame)).isEqualTo(events.eventId(frame(("run-1"), 7)));
        assertThat(events.eventId(frame))
                .as("another ingest run, same sequence")
                .isNotEqualTo(events.eventId(frame("run-2", 7)));
        assertThat(events.eventId(frame)).as("another frame").isNotEqualTo(events.eventId(frame("run-1", 8)));
        assertThat(new DetectionEvents(new ModelIdentity("vigil-default", "1", "bb".repeat(32))).eventId(frame))
                .as("other weights published under the same name and version")
                .isNotEqualTo(events.eventId(frame));
    }

    @Test
    void framesWithoutARunIdKeepTheirOldIds() {
        Frame old = frame("", 7);
        assertThat(new DetectionEvents(MODEL).eventId(old))
                .isEqualTo(java.util
                        .UUID
                        .nameUUIDFromBytes("cam/7/vigil-default:1".getBytes())
                        .toString());
    }

    private static Frame frame(String runId, long sequence) {
        return Frame.newBuilder(TestFrames.withImage("cam", sequence, Instant.EPOCH, ByteBuffer.allocate(1), 1, 1))
                .setIngestRunId(runId)
                .build();
    }
}
