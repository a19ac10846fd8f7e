#!/usr/bin/env bash
# Usage: scripts/bench-liveview-cost.sh [OUT_DIR]   (WINDOW=seconds per window, ROUNDS=n; about 4 min a round)
# The live view's own cost on detect: detect's CPU (utime+stime of its JVM) over windows with and without a headless
# chromium on the camera page, interleaved. Shipped model, one camera looping vtest.avi at 2 frames/s (detect keeps up, so every window has the same work).
set -u
WT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT=${1:-/tmp/vigil-liveview-cost}
WINDOW=${WINDOW:-60}
ROUNDS=${ROUNDS:-3}
if [[ -e "$OUT" && -n "$(ls -A "$OUT")" ]]; then echo "$OUT is not empty" >&2; exit 2; fi
mkdir -p "$OUT"; cd "$WT"
KP=39292; RP=38281; WP=38380
./vigil infra --kafka-port $KP --registry-port $RP --data-dir "$OUT/infra" >"$OUT/infra.out" 2>"$OUT/infra.err" &
INFRA=$!
for i in $(seq 1 120); do grep -q Ready "$OUT/infra.out" 2>/dev/null && break; sleep 1; done
K="--bootstrap-servers 127.0.0.1:$KP --schema-registry-url http://127.0.0.1:$RP"
start_detect() { # extra args
  ./vigil detect $K --device cpu --state-dir "$OUT/state" "$@" >>"$OUT/detect.out" 2>>"$OUT/detect.err" &
  DET=$!
}
HZ=$(getconf CLK_TCK)
ticks() { awk '{print $14+$15}' /proc/$DET/stat; }
measure() { # label
  local t0 t1 s0 s1 l
  l=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(ticks); s0=$(date +%s.%N)
  sleep "$WINDOW"
  t1=$(ticks); s1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v s="$s0" -v e="$s1" -v hz="$HZ" -v lab="$1" -v l0="$l" -v l1="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN{printf "%-28s detect CPU %.1f%% of one core over %.0f s (load %s -> %s)\n", lab, 100*(b-a)/hz/(e-s), e-s, l0, l1}' | tee -a "$OUT/result.txt"
}
start_detect
sleep 5
./vigil ingest $K --camera lobby=data/samples/vtest.avi --replay live --loop --fps 2 >"$OUT/ingest.out" 2>"$OUT/ingest.err" &
ING=$!
sleep 30
kill $DET; wait $DET
for r in $(seq 1 "$ROUNDS"); do
  start_detect; sleep 40
  measure "no --web-port (no live view)"
  kill $DET; wait $DET
  start_detect --web-port $WP; sleep 40
  measure "live view, no browser"
  chromium --headless=new --no-sandbox --disable-gpu --remote-debugging-port=0 --user-data-dir="$OUT/chrome-$r" \
    "http://127.0.0.1:$WP/camera?id=lobby" >"$OUT/chrome-$r.log" 2>&1 &
  CH=$!
  sleep 5
  measure "live view, camera page open"
  curl -s "http://127.0.0.1:$WP/metrics" | grep -E '^vigil_detect_frames_total' | tee -a "$OUT/result.txt"
  kill $CH; wait $CH 2>/dev/null
  kill $DET; wait $DET
done
kill $ING; wait $ING
kill $INFRA; wait $INFRA
echo done
