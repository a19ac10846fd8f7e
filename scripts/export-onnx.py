#!/usr/bin/python3
"""Exports torchvision's fasterrcnn_mobilenet_v3_large_fpn to ONNX, with its weights as a .pth beside it.

The peer for `vigil bench detector --compare-onnx`: the same network, at the same settings as `bench detector`'s
defaults for this architecture (vtest.avi's 768x576 frames kept at their size, 1,000 anchors per level before NMS, 300
proposals, every proposal score kept as Vigil's configuration does), with the same weights on both sides, so that the
comparison is also a check that both give the same detections. With --min-size, pass the same --min-size to
`bench detector`.

The weights are seeded and random but not trivial (torchvision's own initialisation detects nothing): the parity
reference's recipe (model/src/test/python/parity/make_reference.py) calibrates the batch norms on real frames and
spreads the RPN's and the box predictor's outputs, so the model proposes and detects on vtest.avi.

Writes OUT/weights.pth (a torchvision state_dict: `vigil bench detector --weights` and `vigil import-torchvision`
read it) and OUT/model.onnx (opset 11; input "image": a 3xHxW float image in [0, 1]; outputs "boxes", "labels",
"scores", in the image's pixels). Needs Debian's python3-torch, python3-torchvision and python3-opencv.

Usage: scripts/export-onnx.py --video data/samples/vtest.avi --out models/onnx-peer
"""
import argparse
import os
import sys
import tempfile
import warnings

import torch
import torchvision
from torchvision.models.detection import fasterrcnn_mobilenet_v3_large_fpn

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "model", "src", "test", "python", "parity"))
import make_reference  # noqa: E402  (the parity reference's weight recipe, shared rather than copied)

NUM_CLASSES = 91
OPSET = 11


def build_model(args):
    torch.manual_seed(args.seed)
    return fasterrcnn_mobilenet_v3_large_fpn(
        weights=None, weights_backbone=None, num_classes=NUM_CLASSES,
        min_size=args.min_size, max_size=args.max_size,
        rpn_pre_nms_top_n_test=args.pre_nms_top_n, rpn_post_nms_top_n_test=args.proposals,
        # torchvision's builder defaults to 0.05 for this network; Vigil's configuration keeps every score
        rpn_score_thresh=0.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--video", required=True, help="vtest.avi (scripts/fetch-sample-data.sh)")
    parser.add_argument("--out", required=True, help="directory for weights.pth and model.onnx")
    parser.add_argument("--min-size", type=int, default=576,
                        help="the model resizes the shorter side to this (default: vtest.avi's, no resize)")
    parser.add_argument("--max-size", type=int, default=768, help="... and the longer side to at most this")
    parser.add_argument("--proposals", type=int, default=300, help="RPN proposals after NMS at test time")
    parser.add_argument("--pre-nms-top-n", type=int, default=1000, help="anchors per level before NMS at test time")
    parser.add_argument("--frames", default="100,400", help="frames that calibrate the weights, comma separated")
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)

    with tempfile.TemporaryDirectory() as frames_dir:
        paths = make_reference.read_frames(args.video, [int(f) for f in args.frames.split(",")], frames_dir)
        images = [make_reference.load_image(p) for p in paths]

    model = build_model(args)
    make_reference.calibrate_batch_norms(model, images, torch.Generator().manual_seed(args.seed))
    make_reference.freeze_batch_norms(model.backbone)
    model.eval()
    make_reference.spread_heads(model, images)
    weights = os.path.join(args.out, "weights.pth")
    torch.save(model.state_dict(), weights)

    onnx_file = os.path.join(args.out, "model.onnx")
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about Python values frozen into the graph: sizes are fixed
        expected = model([images[0]])[0]
        torch.onnx.export(model, ([images[0]],), onnx_file, opset_version=OPSET,
                          input_names=["image"], output_names=["boxes", "labels", "scores"])
    print(f"wrote {weights} and {onnx_file}: fasterrcnn_mobilenet_v3_large_fpn, "
          f"{'x'.join(str(d) for d in images[0].shape[:0:-1])} frames resized to {args.min_size}/{args.max_size}, "
          f"{args.pre_nms_top_n} -> {args.proposals} proposals, opset {OPSET}, torch {torch.__version__}, "
          f"torchvision {torchvision.__version__}; {expected['scores'].shape[0]} detections on frame "
          f"{args.frames.split(',')[0]}")


if __name__ == "__main__":
    main()
