"""An independent subscriber of Vigil's detections, written only with Confluent's Python client.

Usage: detections_subscriber.py BOOTSTRAP REGISTRY_URL TOPIC EXPECTED_COUNT TIMEOUT_S

Reads TOPIC from the beginning with isolation.level=read_committed, fetches each record's writer schema by id
through Confluent's SchemaRegistryClient and decodes the Avro body by hand (the 5-byte Confluent header, then Avro
binary). Prints one JSON object: {"events": [{camera_id, frame_sequence, status, detections, schema_id}, ...]}.
"""
import io
import json
import struct
import sys
import time
import uuid

try:
    import avro.io
    import avro.schema
    from confluent_kafka import Consumer
    from confluent_kafka.schema_registry import SchemaRegistryClient
except ImportError as missing:
    print(json.dumps({"import_error": str(missing)}))
    sys.exit(3)

bootstrap, registry_url, topic, expected, timeout = sys.argv[1:6]
registry = SchemaRegistryClient({"url": registry_url})
consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "py-subscriber-" + str(uuid.uuid4()),
                     "auto.offset.reset": "earliest", "isolation.level": "read_committed",
                     "enable.auto.commit": False})
consumer.subscribe([topic])
readers = {}
events = []
deadline = time.time() + float(timeout)
while len(events) < int(expected) and time.time() < deadline:
    msg = consumer.poll(0.5)
    if msg is None:
        continue
    if msg.error():
        raise SystemExit("consumer error: %s" % msg.error())
    value = msg.value()
    magic, schema_id = struct.unpack(">bI", value[:5])
    if magic != 0:
        raise SystemExit("unexpected magic byte %d" % magic)
    if schema_id not in readers:
        schema = avro.schema.parse(registry.get_schema(schema_id).schema_str)
        readers[schema_id] = avro.io.DatumReader(schema)
    record = readers[schema_id].read(avro.io.BinaryDecoder(io.BytesIO(value[5:])))
    events.append({"camera_id": record["camera_id"], "frame_sequence": record["frame_sequence"],
                   "status": record["status"], "model_name": record["model_name"],
                   "detections": len(record["detections"]), "schema_id": schema_id, "key": msg.key().decode()})
consumer.close()
print(json.dumps({"events": events}))
