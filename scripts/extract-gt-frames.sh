#!/usr/bin/env bash
# Regenerates the JPEG frames of the hand-checked ground truth from data/samples/vtest.avi (the frames are derived
# data and not committed). The frame list comes from the ground truth itself (the images' frame_index), so the two
# cannot drift apart. Frame N is the N-th decoded frame counted from 0 (FFmpeg's select n), which is the order in
# which OpenCV and JavaCV (vigil ingest, vigil autolabel --video) decode this file: checked pixel-identical.
#
#   scripts/extract-gt-frames.sh [GT_DIR [OUT_DIR]]
#     GT_DIR   ground-truth folder holding annotations.json (default: model/src/test/resources/groundtruth/vtest-600-794)
#     OUT_DIR  where vtest_NNNNNN.jpg go (default: data/groundtruth/<name of GT_DIR>/images)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gt="${1:-$here/model/src/test/resources/groundtruth/vtest-600-794}"
out="${2:-$here/data/groundtruth/$(basename "$gt")/images}"
video="$here/data/samples/vtest.avi"
command -v ffmpeg >/dev/null || { echo "extract-gt-frames: ffmpeg is not installed (apt-get install ffmpeg)" >&2; exit 1; }
[[ -f "$gt/annotations.json" ]] || { echo "extract-gt-frames: no annotations.json in $gt" >&2; exit 1; }
[[ -f "$video" ]] || bash "$here/scripts/fetch-sample-data.sh"

mapfile -t frames < <(grep -o '"frame_index": *[0-9]*' "$gt/annotations.json" | grep -o '[0-9]*$' | sort -n)
((${#frames[@]} > 0)) || { echo "extract-gt-frames: $gt/annotations.json lists no frame_index" >&2; exit 1; }
first=${frames[0]}
last=${frames[${#frames[@]} - 1]}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# One decode of the range; files are numbered from the range's first frame, then the listed ones are kept.
ffmpeg -nostdin -v error -i "$video" -vf "select=between(n\,$first\,$last)" -vsync passthrough \
  -q:v 2 -start_number "$first" "$work/vtest_%06d.jpg"
mkdir -p "$out"
for n in "${frames[@]}"; do
  name=$(printf 'vtest_%06d.jpg' "$n")
  [[ -f "$work/$name" ]] || { echo "extract-gt-frames: frame $n is not in $video" >&2; exit 1; }
  mv "$work/$name" "$out/$name"
done
echo "extract-gt-frames: ${#frames[@]} frames ($first-$last) in $out" >&2
