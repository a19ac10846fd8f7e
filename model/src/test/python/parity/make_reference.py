#!/usr/bin/python3
"""Writes torchvision's Faster R-CNN intermediates on real frames, for Vigil's parity tests.

For each architecture it builds the torchvision model (weights=None, seeded), gives it
non-trivial weights (calibrated random FrozenBatchNorm statistics, a spread RPN and a sharp box
classifier), runs it step by step on the frames, asserts that the steps reproduce model(images)
exactly, and writes into OUT/<arch>/:

  weights.pth         the state_dict (torch.save) in the layout of torchvision's COCO checkpoints:
                      FrozenBatchNorm2d tensors, and (unless --no-legacy-rpn-keys) the RPN conv
                      under its pre-0.8 keys rpn.head.conv.{weight,bias}
  index.json          every tensor: name -> {file, shape}; plus sizes and settings
  tensors/NAME.f32    raw little-endian float32, row-major

The frames (PNG, 8-bit RGB) go to OUT/frames/. Needs Debian's python3-torch, python3-torchvision
and python3-opencv. Usage: make_reference.py --video vtest.avi --out DIR [--min-size 320 ...]
"""
import argparse
import json
import os

import cv2
import numpy as np
import torch
import torchvision
from torchvision.models.detection import fasterrcnn_mobilenet_v3_large_fpn, fasterrcnn_resnet50_fpn
from torchvision.models.detection.rpn import concat_box_prediction_layers
from torchvision.ops.misc import FrozenBatchNorm2d

ARCHS = {
    "fasterrcnn_resnet50_fpn": fasterrcnn_resnet50_fpn,
    "fasterrcnn_mobilenet_v3_large_fpn": fasterrcnn_mobilenet_v3_large_fpn,
}
NUM_CLASSES = 91
# Spread of the random heads' outputs over the frames. The largest objectness logit stays small
# enough that sigmoid(logit) does not round to 1 (ties would make the proposal order arbitrary).
RPN_TOP_LOGIT = 3.0
RPN_DELTA_STD = 0.3
BOX_LOGIT_STD = 3.0
BOX_DELTA_STD = 1.0
# Most detections per image the tuned background bias leaves: below the cap of 100, so that
# no detection is in or out only by a tie at the cap.
TARGET_DETECTIONS = 60


class TensorWriter:
    """Writes named float32 tensors as raw little-endian files and keeps their index."""

    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.index = {}
        os.makedirs(os.path.join(out_dir, "tensors"), exist_ok=True)

    def put(self, name, tensor):
        array = np.ascontiguousarray(tensor.detach().cpu().numpy().astype("<f4"))
        file = os.path.join("tensors", name + ".f32")
        array.tofile(os.path.join(self.out_dir, file))
        self.index[name] = {"file": file, "shape": list(array.shape)}


def read_frames(video, frame_indices, frames_dir):
    """Reads the frames, writes them as PNG, and reads the PNGs back so Java sees the same pixels."""
    os.makedirs(frames_dir, exist_ok=True)
    capture = cv2.VideoCapture(video)
    if not capture.isOpened():
        raise SystemExit(f"cannot open video {video}")
    paths = []
    for frame_index in frame_indices:
        capture.set(cv2.CAP_PROP_POS_FRAMES, frame_index)
        ok, bgr = capture.read()
        if not ok:
            raise SystemExit(f"cannot read frame {frame_index} of {video}")
        path = os.path.join(frames_dir, f"frame_{frame_index:04d}.png")
        cv2.imwrite(path, bgr)
        paths.append(path)
    capture.release()
    return paths


def load_image(path):
    """8-bit RGB PNG -> float CHW in [0, 1], as torchvision's ToTensor."""
    rgb = cv2.cvtColor(cv2.imread(path, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    return torch.from_numpy(rgb).permute(2, 0, 1).contiguous().float() / 255


def calibrate_batch_norms(model, images, generator):
    """Random BN affine parameters, running statistics measured on the frames (plus noise).

    Statistics measured on the data keep activations of order one through 50 random layers,
    as trained statistics would; the noise makes them differ from the exact batch statistics.
    """
    norms = [m for m in model.backbone.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    with torch.no_grad():
        for bn in norms:
            bn.weight.copy_(0.5 + torch.rand(bn.weight.shape, generator=generator))
            bn.bias.copy_(0.2 * torch.randn(bn.bias.shape, generator=generator))
            bn.momentum = None  # cumulative average: one batch sets the running statistics
            bn.reset_running_stats()
        model.train()
        batch = model.transform(images)[0].tensors
        model.backbone(batch)
        model.eval()
        for bn in norms:
            std = bn.running_var.sqrt()
            bn.running_mean.add_(0.1 * std * torch.randn(std.shape, generator=generator))
            bn.running_var.mul_(0.8 + 0.45 * torch.rand(std.shape, generator=generator))


def freeze_batch_norms(module):
    """Replaces every BatchNorm2d by a FrozenBatchNorm2d holding the same four tensors."""
    for name, child in module.named_children():
        if isinstance(child, torch.nn.BatchNorm2d):
            frozen = FrozenBatchNorm2d(child.num_features, eps=child.eps)
            for key in ("weight", "bias", "running_mean", "running_var"):
                getattr(frozen, key).copy_(getattr(child, key).detach())
            setattr(module, name, frozen)
        else:
            freeze_batch_norms(child)


def rescale_linear_output(layer, factor):
    """Scales a conv/linear layer's weight and bias, hence its outputs, by the factor."""
    with torch.no_grad():
        layer.weight.mul_(factor)
        layer.bias.mul_(factor)


def spread_heads(model, images):
    """Gives the RPN and the box predictor outputs with a realistic spread (not ~0)."""
    with torch.no_grad():
        image_list = model.transform(images)[0]
        features = model.backbone(image_list.tensors)
        head = model.rpn.head
        objectness, deltas = head(list(features.values()))
        rescale_linear_output(head.cls_logits, RPN_TOP_LOGIT / torch.cat([o.flatten() for o in objectness]).max())
        rescale_linear_output(head.bbox_pred, RPN_DELTA_STD / torch.cat([d.flatten() for d in deltas]).std())

        proposals = run_rpn(model, image_list, features)["proposals"]
        heads = model.roi_heads
        box_features = heads.box_head(heads.box_roi_pool(features, proposals, image_list.image_sizes))
        predictor = heads.box_predictor
        class_logits, box_regression = predictor(box_features)
        rescale_linear_output(predictor.cls_score, BOX_LOGIT_STD / class_logits.std())
        rescale_linear_output(predictor.bbox_pred, BOX_DELTA_STD / box_regression.std())
        class_logits, box_regression = predictor(box_features)
        predictor.cls_score.bias[0] += background_bias_for(heads, class_logits, box_regression, proposals,
                                                           image_list.image_sizes)


def background_bias_for(heads, class_logits, box_regression, proposals, image_sizes):
    """The background bias (bisection) that leaves about TARGET_DETECTIONS per image, under the cap."""
    cap = heads.detections_per_img
    heads.detections_per_img = 1 << 30
    low, high = 0.0, 30.0
    for _ in range(20):
        bias = (low + high) / 2
        shifted = class_logits.clone()
        shifted[:, 0] += bias
        scores = heads.postprocess_detections(shifted, box_regression, proposals, image_sizes)[1]
        if max(s.shape[0] for s in scores) > TARGET_DETECTIONS:
            low = bias
        else:
            high = bias
    heads.detections_per_img = cap
    return high


def run_rpn(model, image_list, features):
    """torchvision's RegionProposalNetwork.forward (eval), keeping its intermediates."""
    rpn = model.rpn
    feature_list = list(features.values())
    objectness, deltas = rpn.head(feature_list)
    anchors = rpn.anchor_generator(image_list, feature_list)
    num_images = len(anchors)
    num_anchors_per_level = [o[0].shape[0] * o[0].shape[1] * o[0].shape[2] for o in objectness]
    flat_objectness, flat_deltas = concat_box_prediction_layers(objectness, deltas)
    decoded = rpn.box_coder.decode(flat_deltas.detach(), anchors).view(num_images, -1, 4)
    proposals, proposal_scores = rpn.filter_proposals(
        decoded, flat_objectness, image_list.image_sizes, num_anchors_per_level)
    return {"objectness": objectness, "deltas": deltas, "anchors": anchors,
            "proposals": proposals, "proposal_scores": proposal_scores}


def run_step_by_step(model, images, writer, pooled_per_image):
    """Runs the model one module at a time, writing every intermediate; returns the detections."""
    original_sizes = [tuple(img.shape[-2:]) for img in images]
    image_list, _ = model.transform(images)
    writer.put("images", image_list.tensors)
    features = model.backbone(image_list.tensors)
    for name, feature in features.items():
        writer.put(f"features.{name}", feature)
    rpn = run_rpn(model, image_list, features)
    for level, (objectness, deltas) in enumerate(zip(rpn["objectness"], rpn["deltas"])):
        writer.put(f"rpn.objectness.{level}", objectness)
        writer.put(f"rpn.deltas.{level}", deltas)
    for i, (anchors, proposals, scores) in enumerate(zip(rpn["anchors"], rpn["proposals"], rpn["proposal_scores"])):
        writer.put(f"anchors.{i}", anchors)
        writer.put(f"proposals.{i}", proposals)
        writer.put(f"proposal_scores.{i}", scores)

    heads = model.roi_heads
    pooled = heads.box_roi_pool(features, rpn["proposals"], image_list.image_sizes)
    box_features = heads.box_head(pooled)
    class_logits, box_regression = heads.box_predictor(box_features)
    start = 0
    for i, proposals in enumerate(rpn["proposals"]):
        writer.put(f"roi_pooled.{i}", pooled[start:start + pooled_per_image])
        start += proposals.shape[0]
    writer.put("box_features", box_features)
    writer.put("class_logits", class_logits)
    writer.put("box_regression", box_regression)

    boxes, scores, labels = heads.postprocess_detections(
        class_logits, box_regression, rpn["proposals"], image_list.image_sizes)
    result = [{"boxes": b, "scores": s, "labels": l} for b, s, l in zip(boxes, scores, labels)]
    for i, detections in enumerate(result):
        writer.put(f"detections_resized.{i}.boxes", detections["boxes"])
    detections = model.transform.postprocess(result, image_list.image_sizes, original_sizes)
    for i, d in enumerate(detections):
        writer.put(f"detections.{i}.boxes", d["boxes"])
        writer.put(f"detections.{i}.scores", d["scores"])
        writer.put(f"detections.{i}.labels", d["labels"].float())
    return image_list, detections


def assert_same_detections(expected, actual):
    for e, a in zip(expected, actual):
        for key in ("boxes", "scores", "labels"):
            if not torch.equal(e[key], a[key]):
                raise AssertionError(f"step-by-step {key} differ from model(images)")


def write_transform_of_mixed_sizes(model, images, writer):
    """A frame and a crop of another batched together: padding of images of different sizes."""
    crop = images[1][:, 37:37 + 381, 61:61 + 500].contiguous()
    image_list, _ = model.transform([images[0], crop])
    writer.put("mixed.images", image_list.tensors)
    return [list(s) for s in image_list.image_sizes]


def build_model(arch, args):
    torch.manual_seed(args.seed)
    return ARCHS[arch](weights=None, weights_backbone=None, num_classes=NUM_CLASSES,
                       min_size=args.min_size, max_size=args.max_size,
                       rpn_post_nms_top_n_test=args.rpn_post_nms_top_n)


def legacy_rpn_keys(state_dict):
    """The RPN conv keys as torchvision < 0.8 wrote them (what the COCO checkpoints hold)."""
    legacy = {}
    for key, value in state_dict.items():
        for kind in ("weight", "bias"):
            if key == f"rpn.head.conv.0.0.{kind}":
                key = f"rpn.head.conv.{kind}"
        legacy[key] = value
    return legacy


def make_reference(arch, images, frame_paths, args):
    out_dir = os.path.join(args.out, arch)
    generator = torch.Generator().manual_seed(args.seed)
    model = build_model(arch, args)
    calibrate_batch_norms(model, images, generator)
    freeze_batch_norms(model.backbone)
    model.eval()
    spread_heads(model, images)
    state_dict = model.state_dict()
    torch.save(legacy_rpn_keys(state_dict) if args.legacy_rpn_keys else state_dict,
               os.path.join(out_dir, "weights.pth"))

    writer = TensorWriter(out_dir)
    with torch.no_grad():
        image_list, detections = run_step_by_step(model, images, writer, args.pooled_per_image)
        assert_same_detections(model(images), detections)
        mixed_sizes = write_transform_of_mixed_sizes(model, images, writer)
    index = {
        "arch": arch, "torch": torch.__version__, "torchvision": torchvision.__version__,
        "seed": args.seed, "legacy_rpn_keys": args.legacy_rpn_keys, "min_size": args.min_size, "max_size": args.max_size,
        "rpn_post_nms_top_n": args.rpn_post_nms_top_n,
        "frames": [os.path.relpath(p, out_dir) for p in frame_paths],
        "original_sizes": [list(img.shape[-2:]) for img in images],
        "image_sizes": [list(s) for s in image_list.image_sizes],
        "mixed_crop": {"top": 37, "left": 61, "height": 381, "width": 500, "image_sizes": mixed_sizes},
        "detections_per_image": [int(d["scores"].shape[0]) for d in detections],
        "tensors": writer.index,
    }
    with open(os.path.join(out_dir, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
    print(arch, "detections per image:", index["detections_per_image"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--video", required=True, help="vtest.avi from Debian's opencv-doc")
    parser.add_argument("--out", required=True)
    parser.add_argument("--arch", action="append", choices=sorted(ARCHS), help="default: all")
    parser.add_argument("--frames", default="100,400", help="frame indices, comma separated")
    parser.add_argument("--min-size", type=int, default=320)
    parser.add_argument("--max-size", type=int, default=512)
    parser.add_argument("--rpn-post-nms-top-n", type=int, default=300,
                        help="proposals per image at test (the paper's 300; torchvision's default 1000)")
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument("--pooled-per-image", type=int, default=32, help="RoI-pooled features kept per image")
    parser.add_argument("--legacy-rpn-keys", action=argparse.BooleanOptionalAction, default=True,
                        help="write rpn.head.conv.{weight,bias} as torchvision's COCO checkpoints do")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    frame_paths = read_frames(args.video, [int(f) for f in args.frames.split(",")], os.path.join(args.out, "frames"))
    images = [load_image(p) for p in frame_paths]
    for arch in args.arch or sorted(ARCHS):
        os.makedirs(os.path.join(args.out, arch), exist_ok=True)
        make_reference(arch, images, frame_paths, args)


if __name__ == "__main__":
    main()
