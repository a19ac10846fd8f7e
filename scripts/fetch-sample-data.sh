#!/usr/bin/env bash
# Fetches the real CCTV sample footage (vtest.avi: 768x576, 10 fps, 795 frames; a fixed camera over a campus path)
# from Debian's opencv-doc package, without installing that package. Output: data/samples/vtest.avi
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/scripts/lib.sh"
out="$here/data/samples"
expected_md5=d401fe2028f78dd585e2ade0a0d678c0
if [[ -f "$out/vtest.avi" ]] && echo "$expected_md5  $out/vtest.avi" | md5sum -c --status; then
  exit 0
fi
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "vigil: fetching sample footage (Debian package opencv-doc) ..." >&2
(cd "$work" && (apt-get download -qq opencv-doc 2>/dev/null || { as_root apt-get update -qq && apt-get download -qq opencv-doc; }))
dpkg-deb -x "$work"/opencv-doc_*.deb "$work/x"
src="$work/x/usr/share/doc/opencv-doc/examples/data"
cp "$src/vtest.avi" "$out/vtest.avi"
echo "$expected_md5  $out/vtest.avi" | md5sum -c --status || { echo "vigil: vtest.avi checksum mismatch" >&2; exit 1; }
echo "vigil: sample footage in $out" >&2
