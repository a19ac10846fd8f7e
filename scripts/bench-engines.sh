#!/usr/bin/env bash
# Issue 16 item 4's limits, for a quiet machine (about 6 minutes): where each engine's time goes, per part of the network,
# on the same frames; how fast fc6's GEMM runs against a square GEMM of its arithmetic; and what libtorch's packed
# kernels gain. Every output is kept in OUT (default target/bench-engines-<UTC time>), with the load before and after
# each step in machine.txt (a step whose load average was above about 0.5 was not taken on a quiet machine).
#   1. bench detector --compare-onnx with both engines' profiles, then scripts/engine-ops.py: the side-by-side table;
#   2. bench gemm: fc6 (300x12544x1024), fc7, and the 1568^3 square, in libtorch (plain, packed MKL, packed oneDNN)
#      and ONNX Runtime, 1 and 2 threads;
#   3. bench detector --compare-packed-kernels at 2 and 1 threads: libtorch's packed kernels against DJL's plain
#      conv2d/linear, interleaved in one process.
# Needs the ONNX peer (scripts/bench-throughput.sh exports it to models/onnx-peer). Usage: scripts/bench-engines.sh [OUT]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
out="${1:-target/bench-engines-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
peer=models/onnx-peer
video=data/samples/vtest.avi
[[ -f "$peer/model.onnx" ]] || { echo "no $peer/model.onnx: run scripts/bench-throughput.sh (or scripts/export-onnx.py) first" >&2; exit 2; }
machine() { { echo "== $1: $(date -u +%FT%TZ)"; uptime; } >> "$out/machine.txt"; }
{ echo "host: $(hostname)"; lscpu | grep -E '^(Model name|CPU\(s\))'; echo "commit: $(git rev-parse --short HEAD)"; } > "$out/machine.txt"

machine "before compare-onnx with profiles"
./vigil bench detector --compare-onnx "$peer/model.onnx" --weights "$peer/weights.pth" --video "$video" --threads 2 \
  --packed-kernels --frames 20 --iterations 20 --warmup 5 --torch-profile "$out/vigil-trace.json" --onnx-profile "$out/onnxruntime-trace.json" \
  2>&1 | tee "$out/compare-onnx.txt"
python3 scripts/engine-ops.py "$out/vigil-trace.json" "$out/onnxruntime-trace.json" 20 "$out/compare-onnx.txt" \
  | tee "$out/engine-ops.txt"
machine "before bench gemm"
./vigil bench gemm --iterations 10 2>&1 | tee "$out/gemm.txt"
for threads in 2 1; do
  machine "before compare-packed-kernels, $threads threads"
  ./vigil bench detector --compare-packed-kernels --weights "$peer/weights.pth" --video "$video" --threads "$threads" \
    --frames 10 --iterations 30 --warmup 5 2>&1 | tee "$out/packed-kernels-$threads.txt"
done
machine "after"
cat "$out/machine.txt"
