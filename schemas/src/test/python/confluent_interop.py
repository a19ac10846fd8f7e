"""Exercises Vigil's schema registry and wire format with Confluent's own Python client.

Usage: confluent_interop.py REGISTRY_URL JAVA_FRAME_BYTES_FILE PYTHON_FRAME_BYTES_FILE

Prints one JSON object with what Confluent's SchemaRegistryClient saw, the Frame decoded from
the bytes Vigil's Java serializer wrote, and writes a Confluent-framed Frame of its own.
"""
import datetime
import io
import json
import struct
import sys

try:
    from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
    from confluent_kafka.schema_registry.error import SchemaRegistryError
    import avro.io
    import avro.schema
except ImportError as missing:
    print(json.dumps({"import_error": str(missing)}))
    sys.exit(3)

MAGIC_BYTE = 0
SUBJECT = "py-sensor-value"
SENSOR_V1 = json.dumps({"type": "record", "name": "Sensor", "namespace": "interop",
                        "fields": [{"name": "id", "type": "string"}]})
SENSOR_V2_COMPATIBLE = json.dumps({"type": "record", "name": "Sensor", "namespace": "interop",
                                   "fields": [{"name": "id", "type": "string"},
                                              {"name": "zone", "type": "string", "default": "none"}]})
SENSOR_V2_BREAKING = json.dumps({"type": "record", "name": "Sensor", "namespace": "interop",
                                 "fields": [{"name": "id", "type": "string"},
                                            {"name": "zone", "type": "string"}]})


def registry_calls(client):
    out = {}
    out["registered_id"] = client.register_schema(SUBJECT, Schema(SENSOR_V1, "AVRO"))
    out["fetched_by_id"] = json.loads(client.get_schema(out["registered_id"]).schema_str)
    out["versions"] = client.get_versions(SUBJECT)
    latest = client.get_latest_version(SUBJECT)
    out["latest"] = {"id": latest.schema_id, "version": latest.version, "subject": latest.subject}
    looked_up = client.lookup_schema(SUBJECT, Schema(SENSOR_V1, "AVRO"))
    out["lookup"] = {"id": looked_up.schema_id, "version": looked_up.version}
    out["same_schema_other_subject_id"] = client.register_schema(
        "py-other-value", Schema(SENSOR_V1, "AVRO"))
    out["compatible"] = client.test_compatibility(SUBJECT, Schema(SENSOR_V2_COMPATIBLE, "AVRO"))
    out["incompatible"] = client.test_compatibility(SUBJECT, Schema(SENSOR_V2_BREAKING, "AVRO"))
    try:
        client.register_schema(SUBJECT, Schema(SENSOR_V2_BREAKING, "AVRO"))
        out["breaking_registration"] = "accepted"
    except SchemaRegistryError as refused:
        out["breaking_registration"] = {"http_status": refused.http_status_code,
                                        "error_code": refused.error_code}
    client.set_compatibility(subject_name=SUBJECT, level="FULL")
    out["subject_compatibility"] = client.get_compatibility(SUBJECT)
    out["global_compatibility"] = client.get_compatibility()
    try:
        client.get_version(SUBJECT, 99)
    except SchemaRegistryError as refused:
        out["missing_version"] = {"http_status": refused.http_status_code,
                                  "error_code": refused.error_code}
    out["subjects"] = client.get_subjects()
    return out


def decode_framed(client, payload):
    magic, schema_id = struct.unpack(">bI", payload[:5])
    if magic != MAGIC_BYTE:
        raise ValueError("unknown magic byte %d" % magic)
    writer = avro.schema.parse(client.get_schema(schema_id).schema_str)
    datum = avro.io.DatumReader(writer).read(avro.io.BinaryDecoder(io.BytesIO(payload[5:])))
    return schema_id, datum


def encode_frame(client, schema_id):
    schema_str = client.get_schema(schema_id).schema_str
    own_id = client.register_schema("frames-py-value", Schema(schema_str, "AVRO"))
    frame = {
        "camera_id": "py-cam",
        "frame_sequence": 7,
        "capture_time": datetime.datetime(2024, 5, 2, 8, 30, 0, 250000, tzinfo=datetime.timezone.utc),
        "source_pts_micros": 280000,
        "width": 640,
        "height": 480,
        "encoding": "PNG",
        "image": b"\x89PNG-bytes",
        "source_uri": "file:///videos/py.mp4",
        "ingest_host": "python",
        "ingest_run_id": "python-run",  # python3-avro writes no defaults: every field is given
    }
    buffer = io.BytesIO()
    buffer.write(struct.pack(">bI", MAGIC_BYTE, own_id))
    avro.io.DatumWriter(avro.schema.parse(schema_str)).write(frame, avro.io.BinaryEncoder(buffer))
    return own_id, buffer.getvalue()


def main():
    url, java_bytes_file, python_bytes_file = sys.argv[1:4]
    client = SchemaRegistryClient({"url": url})
    result = {"registry": registry_calls(client)}
    with open(java_bytes_file, "rb") as source:
        schema_id, frame = decode_framed(client, source.read())
    result["java_frame"] = {
        "schema_id": schema_id,
        "camera_id": frame["camera_id"],
        "frame_sequence": frame["frame_sequence"],
        "capture_time_ms": int(frame["capture_time"].timestamp() * 1000),
        "width": frame["width"],
        "height": frame["height"],
        "encoding": frame["encoding"],
        "image_hex": frame["image"].hex(),
        "ingest_host": frame["ingest_host"],
    }
    own_id, payload = encode_frame(client, schema_id)
    with open(python_bytes_file, "wb") as target:
        target.write(payload)
    result["python_frame_schema_id"] = own_id
    print(json.dumps(result))


if __name__ == "__main__":
    main()
