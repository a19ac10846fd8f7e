#!/usr/bin/env bash
# Installs the Debian packages that the test suite's real peers need: Confluent's Python client (interop tests),
# Avro for Python, PyTorch + torchvision + OpenCV (the reference for detector parity, and scripts/export-onnx.py's
# ONNX export of the same network for BenchDetectorCompareOnnxTest; both read vtest.avi with cv2; ONNX Runtime itself
# comes from Maven Central), ONNX operator test vectors, FFmpeg (test videos), GStreamer's RTSP server through
# python3-gi (a real RTSP camera for ingest tests), and headless Chromium with its WebDriver (the live view's browser
# tests).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/scripts/lib.sh"
apt_install python3 python3-confluent-kafka python3-requests python3-avro python3-torch python3-torchvision python3-numpy python3-opencv \
  libonnx-testdata ffmpeg \
  python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good \
  gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly \
  chromium chromium-driver
