#!/usr/bin/env bash
# Installs the Debian packages that the test suite's real peers need: Confluent's Python client (interop tests),
# Avro for Python, PyTorch + torchvision (the reference for detector parity), ONNX operator test vectors,
# and FFmpeg (test videos).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/scripts/lib.sh"
apt_install python3 python3-confluent-kafka python3-avro python3-torch python3-torchvision python3-numpy \
  libonnx-testdata ffmpeg
