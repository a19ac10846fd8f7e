#!/usr/bin/env bash
# Measures `vigil retrain` as the README walkthrough runs it: 600 frames of vtest.avi ingested as camera "lobby" into
# a fresh ./vigil infra, then one timed retrain (fine-tuning the shipped model, the gate against it). Prints the
# wall time of each command and retrain's own output; the work folder and logs stay under OUT (default
# /tmp/measure-retrain). Ports: KAFKA_PORT (default 29092) and REGISTRY_PORT (28081), so as not to meet a running infra.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-/tmp/measure-retrain}"
frames="${FRAMES:-600}"
kafka_port="${KAFKA_PORT:-29092}"
registry_port="${REGISTRY_PORT:-28081}"
rm -rf "$out" && mkdir -p "$out"
cd "$here"
vigil=("$here/vigil")
connect=(--bootstrap-servers "127.0.0.1:$kafka_port" --schema-registry-url "http://127.0.0.1:$registry_port")

"${vigil[@]}" infra --kafka-port "$kafka_port" --registry-port "$registry_port" --data-dir "$out/infra" \
  >"$out/infra.log" 2>&1 &
infra=$!
trap 'kill "$infra" 2>/dev/null; wait "$infra" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "^Ready" "$out/infra.log" 2>/dev/null && break
  sleep 1
done

start=$(date +%s)
"${vigil[@]}" ingest --camera "lobby=$here/data/samples/vtest.avi" --replay fast --max-frames "$frames" "${connect[@]}" \
  >"$out/ingest.log" 2>&1
echo "ingest of $frames frames: $(( $(date +%s) - start )) s"

start=$(date +%s)
set +e
"${vigil[@]}" retrain --camera lobby --model-name vigil-default --work "$out/work" "${connect[@]}" \
  --model-cache "$out/cache" >"$out/retrain.out" 2>"$out/retrain.log"
code=$?
set -e
echo "retrain: $(( $(date +%s) - start )) s, exit $code ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
cat "$out/retrain.out"
grep '^retrain \[' "$out/retrain.log" || true
