#!/usr/bin/env bash
# Reproduces the default model shipped until 2026-12-07 (models/vigil-default is now made by INSTALL=1 scripts/candidate-default-model.sh): the teacher (SSD MobileNetV2, Open Images) labels
# frames 0-599 of vtest.avi for training and frames 600-794 for testing (never trained on); the compact Faster R-CNN
# is trained from scratch on the first and evaluated on the second. About 15 minutes on 2 CPU cores.
# Usage: scripts/train-default-model.sh [WORK_DIR]   (default target/default-model; the model is copied to
# models/vigil-default, the test metrics to WORK_DIR/test-metrics.json)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
work="${1:-target/default-model}"
iterations=2000
bash scripts/fetch-sample-data.sh
bash scripts/fetch-teacher-model.sh
mkdir -p "$work"
./vigil autolabel --teacher ssd --video data/samples/vtest.avi --frames 0-599 --out "$work/train.json" \
    --images-out "$work/images" --score-thresh 0.4 --classes person,car
./vigil autolabel --teacher ssd --video data/samples/vtest.avi --frames 600-794 --out "$work/test.json" \
    --images-out "$work/images" --score-thresh 0.4 --classes person,car
./vigil train --train "$work/train.json" --val "$work/test.json" --out "$work/run" --iterations "$iterations" \
    --arch vigil_compact --min-size 384 --max-size 640 --name vigil-default --seed 1
./vigil eval --model "$work/run/model" --dataset "$work/test.json" --metrics-json "$work/test-metrics.json"
rm -rf models/vigil-default
cp -r "$work/run/model" models/vigil-default
echo "vigil: default model written to models/vigil-default (test metrics in $work/test-metrics.json)" >&2
