package dev.vigil.stream.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;
import dev.vigil.schemas.Timings;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static DetectionEvent event() {
        return DetectionEvent.newBuilder()
                .setEventId("e-1")
                .setCameraId("gate")
                .setFrameSequence(17)
                .setFrameTime(Instant.parse("2026-11-24T12:00:00.040Z"))
                .setDetectionTime(Instant.parse("2026-11-24T12:00:00.290Z"))
                .setImageWidth(640)
                .setImageHeight(480)
                .setModelName("m")
                .setModelVersion("1")
                .setStatus(DetectionStatus.OK)
                .setTimings(new Timings(1.5, 20.0, 2))
                .setDetections(List.of(new Detection(1, "person", 0.875f, 10f, 20.5f, 110f, 220f, 42L)))
                .build();
    }

    @Test
    void everyFieldOfTheSchemaAppearsUnderItsNameWithoutAvrosUnionWrappers() throws Exception {
        DetectionEvent event = event();
        JsonNode json = JSON.readTree(AvroJson.toJsonLine(event));

        List<String> schemaFields = new ArrayList<>();
        DetectionEvent.getClassSchema().getFields().forEach(f -> schemaFields.add(f.name()));
        List<String> jsonFields = new ArrayList<>();
        json.fieldNames().forEachRemaining(jsonFields::add);
        assertThat(jsonFields).containsExactlyElementsOf(schemaFields);

        assertThat(json.get("frame_time").asText()).isEqualTo("2026-11-24T12:00:00.040Z");
        assertThat(json.get("status").asText()).isEqualTo("OK");
        assertThat(json.get("timings").get("inference_ms").asDouble()).isEqualTo(20.0);
        JsonNode person = json.get("detections").get(0);
        assertThat(person.get("label").asText()).isEqualTo("person");
        assertThat(person.get("score").floatValue()).isEqualTo(0.875f);
        assertThat(person.get("track_id").isNumber())
                .as("a nullable field holds its value, not {\"long\": 42}")
                .isTrue();
        assertThat(person.get("track_id").asLong()).isEqualTo(42);
    }

    @Test
    void nullsBytesEnumsAndTimesOfAnotherRecord() throws Exception {
        Frame frame = Frame.newBuilder()
                .setCameraId("gate")
                .setFrameSequence(1)
                .setCaptureTime(Instant.parse("2026-11-24T12:00:00Z"))
                .setSourcePtsMicros(0)
                .setWidth(2)
                .setHeight(1)
                .setEncoding(ImageEncoding.PNG)
                .setImage(ByteBuffer.wrap(new byte[] {1, 2, 3, (byte) 0xFF}))
                .setSourceUri("file:///x")
                .setIngestHost("h")
                .build();
        JsonNode json = JSON.readTree(AvroJson.toJsonLine(frame));
        assertThat(json.get("image").asText()).isEqualTo("AQID/w==");
        assertThat(json.get("encoding").asText()).isEqualTo("PNG");
        assertThat(json.get("capture_time").asText()).isEqualTo("2026-11-24T12:00:00Z");
        assertThat(json.get("ingest_run_id").asText())
                .as("a field with a default")
                .isEmpty();
    }

    @Test
    void genericRecordsWithMapsAndNullUnions() throws Exception {
        Schema schema = SchemaBuilder.record("R")
                .fields()
                .name("tags")
                .type()
                .map()
                .values()
                .intType()
                .noDefault()
                .name("note")
                .type()
                .optional()
                .stringType()
                .endRecord();
        GenericRecord record = new GenericData.Record(schema);
        record.put("tags", java.util.Map.of("a", 1));
        record.put("note", null);
        JsonNode json = JSON.readTree(AvroJson.toJsonLine(record));
        assertThat(json.get("tags").get("a").asInt()).isEqualTo(1);
        assertThat(json.get("note").isNull()).isTrue();
    }
}
