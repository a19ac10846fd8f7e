"""Uses Confluent's own SchemaRegistryClient against a registry URL.

Usage: registry_client_check.py [--ca PEM] [--user-info USER:PASSWORD] URL register SUBJECT SCHEMA_FILE -> {"id": N}
       registry_client_check.py [--ca PEM] [--user-info USER:PASSWORD] URL fetch ID
           -> {"schema": {...}, "subjects": [...]}
A refusal prints {"http_status": N, "error_code": N} and exits 2.
"""
import argparse
import json
import sys

try:
    from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
    from confluent_kafka.schema_registry.error import SchemaRegistryError
except ImportError as missing:
    print(json.dumps({"import_error": str(missing)}))
    sys.exit(3)

parser = argparse.ArgumentParser()
parser.add_argument("--ca")
parser.add_argument("--user-info")
parser.add_argument("url")
parser.add_argument("action", choices=["register", "fetch"])
parser.add_argument("args", nargs="*")
options = parser.parse_args()

conf = {"url": options.url}
if options.ca:
    conf["ssl.ca.location"] = options.ca
if options.user_info:
    conf["basic.auth.user.info"] = options.user_info
client = SchemaRegistryClient(conf)
try:
    if options.action == "register":
        with open(options.args[1]) as f:
            schema_id = client.register_schema(options.args[0], Schema(f.read(), "AVRO"))
        print(json.dumps({"id": schema_id}))
    else:
        schema = client.get_schema(int(options.args[0]))
        print(json.dumps({"schema": json.loads(schema.schema_str), "subjects": client.get_subjects()}))
except SchemaRegistryError as refused:
    print(json.dumps({"http_status": refused.http_status_code, "error_code": refused.error_code}))
    sys.exit(2)
