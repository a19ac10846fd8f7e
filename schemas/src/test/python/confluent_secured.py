"""Confluent's own Python SchemaRegistryClient against a registry that requires HTTPS and basic auth.

Usage: confluent_secured.py HTTPS_URL CA_PEM_FILE USER:PASSWORD

Prints one JSON object: what the registry answered without credentials, with a wrong password, and
with the right ones (a registration, its subject list).
"""
import json
import sys

try:
    from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
    from confluent_kafka.schema_registry.error import SchemaRegistryError
except ImportError as missing:
    print(json.dumps({"import_error": str(missing)}))
    sys.exit(3)

SCHEMA = json.dumps({"type": "record", "name": "Secured", "namespace": "interop",
                     "fields": [{"name": "id", "type": "string"}]})


def refusal(conf):
    try:
        SchemaRegistryClient(conf).get_subjects()
        return "accepted"
    except SchemaRegistryError as refused:
        return {"http_status": refused.http_status_code, "error_code": refused.error_code}


def main():
    url, ca, user_info = sys.argv[1:4]
    user = user_info.split(":", 1)[0]
    out = {
        "anonymous": refusal({"url": url, "ssl.ca.location": ca}),
        "wrong_password": refusal({"url": url, "ssl.ca.location": ca,
                                   "basic.auth.user.info": user + ":wrong-password"}),
    }
    client = SchemaRegistryClient({"url": url, "ssl.ca.location": ca, "basic.auth.user.info": user_info})
    out["registered_id"] = client.register_schema("py-secured-value", Schema(SCHEMA, "AVRO"))
    out["subjects"] = client.get_subjects()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
