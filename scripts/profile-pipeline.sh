#!/usr/bin/env bash
# Item 1 of issue 16: `vigil bench pipeline` under Java Flight Recorder, then where detect's stream thread spent its
# time by stage (scripts/JfrStages.java). The bench's own time budget (its last table: the stream thread's wall time
# from the pipeline's timers, every thread's CPU from /proc) is printed by the bench itself; this adds JFR's view of
# the stream thread's Java work. For a quiet machine. Usage: scripts/profile-pipeline.sh OUT [bench pipeline options]
# e.g. scripts/profile-pipeline.sh target/profile --model models/vigil-default --frames 400
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: scripts/profile-pipeline.sh OUT [bench pipeline options]}"
shift
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$here"
{ echo "== $(date -u +%FT%TZ) $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)')"
  uptime; } | tee "$out/machine.txt"
VIGIL_JAVA_OPTS="${VIGIL_JAVA_OPTS:-} -XX:FlightRecorderOptions:stackdepth=256 \
-XX:StartFlightRecording=filename=$out/pipeline.jfr,settings=profile,dumponexit=true" \
  ./vigil bench pipeline "$@" 2>&1 | grep -v -E ' (INFO|WARN) ' | tee "$out/pipeline.txt"
uptime | tee -a "$out/machine.txt"
java "$here/scripts/JfrStages.java" "$out/pipeline.jfr" | tee "$out/stages.txt"
