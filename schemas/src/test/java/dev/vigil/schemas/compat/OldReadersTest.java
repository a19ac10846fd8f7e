package dev.vigil.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.testkit.SampleRecords;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * What a subscriber still on a released schema reads from events written with today's: a status symbol added since
 * (REUSED_NO_MOTION) resolves to the enum's default, UNKNOWN, and the rest of the event is read as written.
 */
class OldReadersTest {

    @Test
    void aReaderOfTheFirstReleaseReadsReusedNoMotionAsUnknownWithItsDetections() throws Exception {
        DetectionEvent event = DetectionEvent.newBuilder(SampleRecords.detectionEvent())
                .setStatus(DetectionStatus.REUSED_NO_MOTION)
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(DetectionEvent.class).write(event, encoder);
        encoder.flush();
        Schema released = new Schema.Parser()
                .parse(Path.of("released/DetectionEvent-v1.avsc").toFile());

        GenericRecord read = new GenericDatumReader<GenericRecord>(DetectionEvent.getClassSchema(), released)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read.get("status")).hasToString("UNKNOWN");
        assertThat(read.get("camera_id")).hasToString(event.getCameraId());
        assertThat((List<?>) read.get("detections"))
                .hasSize(event.getDetections().size());
        assertThat(((GenericData.Record) ((List<?>) read.get("detections")).get(0)).get("x1"))
                .isEqualTo(event.getDetections().get(0).getX1());
    }
}
