"""Uses Confluent's own SchemaRegistryClient against a registry URL.

Usage: registry_client_check.py URL register SUBJECT SCHEMA_FILE   -> {"id": N}
       registry_client_check.py URL fetch ID                        -> {"schema": {...}, "subjects": [...]}
"""
import json
import sys

try:
    from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
except ImportError as missing:
    print(json.dumps({"import_error": str(missing)}))
    sys.exit(3)

client = SchemaRegistryClient({"url": sys.argv[1]})
if sys.argv[2] == "register":
    with open(sys.argv[4]) as f:
        schema_id = client.register_schema(sys.argv[3], Schema(f.read(), "AVRO"))
    print(json.dumps({"id": schema_id}))
else:
    schema = client.get_schema(int(sys.argv[3]))
    print(json.dumps({"schema": json.loads(schema.schema_str), "subjects": client.get_subjects()}))
