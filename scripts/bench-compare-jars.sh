#!/usr/bin/env bash
# Two builds of Vigil against each other, interleaved, for a change to detect's hot path: each round runs
# `bench pipeline` (the bare detector and the pipeline, the shipped model) with the BEFORE jar and then the AFTER jar,
# then `bench cameras` likewise; the machine's load (uptime) is noted before every run, in the same log. Compare A and
# B only within a round: this machine's speed swings by 20-50% from hour to hour.
#
# Make the jars with `mvn -B -q -DskipTests package` in each checkout and copy stream-app/target/vigil.jar aside.
# Usage: scripts/bench-compare-jars.sh BEFORE.jar AFTER.jar [OUT] (environment: ROUNDS (default 2), FRAMES (bench
# pipeline's frames, default 200), CAMERAS (bench cameras' counts, default 2,3,4; empty skips it), CAMERA_SECONDS
# (its measuring window, default 60)).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
if [[ $# -lt 2 || "$1" == "--help" || "$1" == "-h" ]]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
before="$(realpath "$1")"
after="$(realpath "$2")"
out="${3:-target/bench-compare-$(date -u +%Y%m%dT%H%M%SZ)}"
rounds="${ROUNDS:-2}"
frames="${FRAMES:-200}"
cameras="${CAMERAS-2,3,4}"
seconds="${CAMERA_SECONDS:-60}"
mkdir -p "$out"
bash scripts/fetch-sample-data.sh > /dev/null

# the settings ./vigil runs with (see there)
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456}"
if [[ -z "${GOMP_SPINCOUNT:-}" && -z "${OMP_WAIT_POLICY:-}" ]]; then
  export GOMP_SPINCOUNT=1000
fi

{ echo "host: $(hostname)"; lscpu | grep -E '^(Model name|CPU\(s\))'
  echo "before: $before ($(sha256sum "$before" | cut -c1-12))"
  echo "after:  $after ($(sha256sum "$after" | cut -c1-12))"; } > "$out/machine.txt"

run() { # NAME JAR ARGS...
  local name="$1" jar="$2"
  shift 2
  { echo "== $name: $(date -u +%FT%TZ) $(uptime)"; } | tee -a "$out/machine.txt"
  java ${VIGIL_JAVA_OPTS:-} -Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.vigil -jar "$jar" "$@" > "$out/$name.txt" 2>&1
}

for round in $(seq 1 "$rounds"); do
  for which in before after; do
    jar="$before"; [[ "$which" == after ]] && jar="$after"
    run "pipeline-$round-$which" "$jar" bench pipeline --model models/vigil-default --frames "$frames" --no-single
  done
  if [[ -n "$cameras" ]]; then
    for which in before after; do
      jar="$before"; [[ "$which" == after ]] && jar="$after"
      run "cameras-$round-$which" "$jar" bench cameras --model models/vigil-default --cameras "$cameras" \
        --seconds "$seconds" --plot "$out/cameras-$round-$which.png"
    done
  fi
done

echo
echo "== summary ($out)"
for f in "$out"/pipeline-*.txt "$out"/cameras-*.txt; do
  [[ -f "$f" ]] || continue
  echo "-- $(basename "$f" .txt)"
  grep -E 'bare detector frames/s|pipeline frames/s|pipeline / bare|p99 ms|JPEG|preparation|cameras served|^ *[0-9]+ +[0-9.]+ ' "$f" || true
done
cat "$out/machine.txt"
