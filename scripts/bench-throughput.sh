#!/usr/bin/env bash
# Issue 16's figures, for a quiet machine (nothing else running: the figures of a shared machine swing by 20-50%).
# Runs, one after the other, and keeps every output in OUT (default target/bench-throughput-<UTC time>):
#   1. bench pipeline with the shipped model: the bare detector, the pipeline, and "pipeline / bare" (item 1);
#   2. bench detector --compare-onnx: torchvision's MobileNetV3-FPN at 576x768 with 300 proposals in ONNX Runtime,
#      interleaved with Vigil on the same vtest.avi frames, weights and threads (item 4); exports the peer first
#      with scripts/export-onnx.py (Debian's python3-torch, python3-torchvision, python3-opencv) unless it is there;
#   3. bench cameras: N live cameras through ingest and detect, latency and CPU against N, and its PNG (item 2);
#   4. with GATE=1: bench cameras on a still scene without and with the motion gate, interleaved (item 5; ~16 min);
#   5. with SPIN=1: bench pipeline at libgomp spin counts 1,000 (./vigil's), 30,000 and 300,000 (libgomp's default),
#      three rounds interleaved (~25 min): whether ./vigil's bound on spinning costs the pipeline on an idle machine.
# The export runs Debian's /usr/bin/python3 (the one python3-torch is installed for), not whatever python3 is first on PATH.
# machine.txt records the machine and its load before and after each step: a step whose load average was above
# about 0.5 was not taken on a quiet machine. Usage: scripts/bench-throughput.sh [OUT]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
out="${1:-target/bench-throughput-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
video=data/samples/vtest.avi
peer=models/onnx-peer

machine() {
  { echo "== $1: $(date -u +%FT%TZ)"; uptime; } >> "$out/machine.txt"
}

{ echo "host: $(hostname)"; lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core)'; free -g | head -2
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)')"; } > "$out/machine.txt"
bash scripts/fetch-sample-data.sh
[[ -f stream-app/target/vigil.jar ]] || VIGIL_REBUILD=1 ./vigil --help > /dev/null

machine "before bench pipeline"
./vigil bench pipeline --model models/vigil-default --frames 200 2>&1 | tee "$out/pipeline.txt"
machine "after bench pipeline"

if [[ ! -f "$peer/model.onnx" || ! -f "$peer/weights.pth" ]]; then
  bash scripts/install-test-deps.sh
  /usr/bin/python3 scripts/export-onnx.py --video "$video" --out "$peer" 2>&1 | tee "$out/export-onnx.txt"
fi
machine "before bench detector --compare-onnx"
./vigil bench detector --compare-onnx "$peer/model.onnx" --weights "$peer/weights.pth" --video "$video" \
  --threads "$(nproc)" 2>&1 | tee "$out/compare-onnx.txt"
machine "after bench detector --compare-onnx"

machine "before bench cameras"
./vigil bench cameras --model models/vigil-default --cameras 1,2,3,4,5,6,8 --plot "$out/cameras.png" 2>&1 \
  | tee "$out/cameras.txt"
machine "after bench cameras"

if [[ "${GATE:-0}" == 1 ]]; then
  machine "before bench cameras --still-scene --compare-motion-gate"
  ./vigil bench cameras --model models/vigil-default --still-scene --compare-motion-gate --cameras 1,2,4,6,8 \
    --plot "$out/cameras-motion-gate.png" 2>&1 | tee "$out/cameras-motion-gate.txt"
  machine "after bench cameras --still-scene --compare-motion-gate"
fi

if [[ "${SPIN:-0}" == 1 ]]; then
  for round in 1 2 3; do
    for spin in 1000 30000 300000; do
      machine "before bench pipeline, GOMP_SPINCOUNT=$spin, round $round"
      GOMP_SPINCOUNT=$spin ./vigil bench pipeline --model models/vigil-default --frames 600 --no-single 2>&1 \
        | tee "$out/pipeline-spin$spin-round$round.txt"
    done
  done
fi

echo
echo "== summary ($out)"
grep -E 'pipeline / bare|bare detector frames/s|pipeline frames/s' "$out/pipeline.txt" || true
grep -E '^(vigil|onnxruntime)\s|vigil / onnxruntime|same detections' "$out/compare-onnx.txt" || true
grep -E 'cameras served' "$out/cameras.txt" || true
[[ -f "$out/cameras-motion-gate.txt" ]] && grep -E 'motion gate|cameras served' "$out/cameras-motion-gate.txt"
for f in "$out"/pipeline-spin*.txt; do
  [[ -f "$f" ]] && echo "$(basename "$f"): $(grep -E 'pipeline / bare' "$f")"
done
cat "$out/machine.txt"
