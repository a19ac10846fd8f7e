#!/usr/bin/python3
"""Writes a randomised COCO bbox evaluation case and pycocotools' answer to it, for CocoEvaluatorPycocotoolsTest.

The case exercises what COCOeval does beyond plain matching: crowd regions (iscrowd), annotation areas that differ
from box areas and sit exactly on the small/medium/large bounds, duplicate and jittered detections, score ties
(scores rounded to 0.01), an image with more than 100 detections of one category, images without detections,
a category whose only ground truth is crowd and one with no ground truth at all (both -1 in pycocotools).
Coordinates lie on a quarter-pixel grid inside the image, so they are exact in float32 and x + w is exact: Java
and pycocotools then compute bit-identical IoUs, and even exact ties at a threshold resolve the same way.

Writes into OUT (default: ../../resources/eval beside this script):
  coco_random_gt.json        COCO ground truth (images, annotations, categories)
  coco_random_results.json   COCO results: [{image_id, category_id, bbox [x, y, w, h], score}]
  coco_random_expected.json  {"pycocotools": version, "stats": COCOeval.stats (12),
                              "per_class": {category_id: {"AP": .., "AP50": ..}}} (-1 where undefined)

Needs pycocotools (2.0.11 made the committed files) and numpy, e.g. in a throwaway venv:
  /usr/bin/python3 -m venv /tmp/coco && /tmp/coco/bin/pip install --no-index --find-links /opt/pypi/files \
      pycocotools==2.0.11 numpy && /tmp/coco/bin/python make_coco_eval_fixture.py
"""
import argparse
import contextlib
import io
import json
import os
import random

import numpy as np
from importlib.metadata import version
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

WIDTH, HEIGHT = 640, 480
IMAGES = 60
CATEGORIES = [(1, "person"), (2, "car"), (3, "crowd only"), (4, "never labelled"), (5, "bicycle")]
CROWD_ONLY, NEVER_LABELLED = 3, 4
BUSY_IMAGE = 7  # gets more than 100 person detections


def quarter(value):
    return round(value * 4) / 4


def random_box(rng):
    w = quarter(min(WIDTH - 1, np.exp(rng.uniform(np.log(6), np.log(400)))))
    h = quarter(min(HEIGHT - 1, w * np.exp(rng.uniform(-0.7, 0.7))))
    w, h = max(w, 1.0), max(h, 1.0)
    x = quarter(rng.uniform(0, WIDTH - w))
    y = quarter(rng.uniform(0, HEIGHT - h))
    return [x, y, w, h]


def jitter(rng, box, scale):
    x, y, w, h = box
    dx, dy = quarter(rng.gauss(0, scale * w)), quarter(rng.gauss(0, scale * h))
    nw, nh = max(1.0, quarter(w * np.exp(rng.gauss(0, scale)))), max(1.0, quarter(h * np.exp(rng.gauss(0, scale))))
    return [x + dx, y + dy, nw, nh]


def annotation_area(rng, box):
    roll = rng.random()
    if roll < 0.04:
        return 32.0 ** 2  # exactly on the small/medium bound
    if roll < 0.08:
        return 96.0 ** 2  # exactly on the medium/large bound
    return round(box[2] * box[3] * rng.uniform(0.45, 1.0), 2)  # a segmentation covers part of its box


def make_case(seed):
    rng = random.Random(seed)
    images, annotations, results = [], [], []
    for image_id in range(1, IMAGES + 1):
        images.append({"id": image_id, "file_name": f"{image_id:06d}.jpg", "width": WIDTH, "height": HEIGHT})
        with_detections = rng.random() > 0.1
        for category_id, _ in CATEGORIES:
            if category_id == NEVER_LABELLED:
                count = 0
            elif category_id == CROWD_ONLY:
                count = 1 if rng.random() < 0.2 else 0
            else:
                count = rng.randint(0, 6)
            for _ in range(count):
                box = random_box(rng)
                crowd = category_id == CROWD_ONLY or rng.random() < 0.07
                annotations.append({"id": len(annotations) + 1, "image_id": image_id, "category_id": category_id,
                                    "bbox": box, "area": annotation_area(rng, box), "iscrowd": int(crowd)})
                if not with_detections:
                    continue
                for copies in range(2):
                    if rng.random() < (0.8 if copies == 0 else 0.25):
                        found = jitter(rng, box, 0.05 if copies == 0 else 0.15)
                        results.append({"image_id": image_id, "category_id": category_id, "bbox": found,
                                        "score": round(rng.uniform(0.05, 1.0), 2)})
            if with_detections:
                false_alarms = 110 if (image_id == BUSY_IMAGE and category_id == 1) else rng.randint(0, 3)
                for _ in range(false_alarms):
                    results.append({"image_id": image_id, "category_id": category_id, "bbox": random_box(rng),
                                    "score": round(rng.uniform(0.05, 0.9), 2)})
    rng.shuffle(results)
    gt = {"info": {"description": f"randomised COCOeval case, seed {seed}"}, "images": images,
          "annotations": annotations, "categories": [{"id": c, "name": n} for c, n in CATEGORIES]}
    return gt, results


def evaluate(gt_path, results_path):
    with contextlib.redirect_stdout(io.StringIO()):
        coco_gt = COCO(gt_path)
        coco_dt = coco_gt.loadRes(results_path)
        coco_eval = COCOeval(coco_gt, coco_dt, "bbox")
        coco_eval.evaluate()
        coco_eval.accumulate()
        coco_eval.summarize()
    precision = coco_eval.eval["precision"]  # T x R x K x A x M
    per_class = {}
    for k, category_id in enumerate(coco_eval.params.catIds):
        every_threshold = precision[:, :, k, 0, -1]
        at_50 = precision[0, :, k, 0, -1]
        per_class[str(category_id)] = {"AP": mean_defined(every_threshold), "AP50": mean_defined(at_50)}
    return [float(s) for s in coco_eval.stats], per_class


def mean_defined(values):
    defined = values[values > -1]
    return float(np.mean(defined)) if defined.size else -1.0


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(here, "..", "..", "resources", "eval"))
    parser.add_argument("--seed", type=int, default=20151015)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    gt, results = make_case(args.seed)
    gt_path = os.path.join(args.out, "coco_random_gt.json")
    results_path = os.path.join(args.out, "coco_random_results.json")
    with open(gt_path, "w") as f:
        json.dump(gt, f)
    with open(results_path, "w") as f:
        json.dump(results, f)
    stats, per_class = evaluate(gt_path, results_path)
    with open(os.path.join(args.out, "coco_random_expected.json"), "w") as f:
        json.dump({"pycocotools": version("pycocotools"), "seed": args.seed, "stats": stats,
                   "per_class": per_class}, f, indent=1)
    print(f"{len(gt['annotations'])} annotations, {len(results)} detections; stats {np.round(stats, 4)}")


if __name__ == "__main__":
    main()
