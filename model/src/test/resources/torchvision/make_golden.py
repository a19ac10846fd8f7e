"""Writes golden.txt: inputs and outputs of torchvision 0.14 ops for the parity tests of dev.vigil.model.

Run with Debian's python3 (python3-torch 1.13.1, python3-torchvision 0.14.1):
    /usr/bin/python3 make_golden.py > golden.txt
Each array is two lines: "name d0,d1,..." then its values (float32 to 9 significant digits, which round-trips exactly, or integers).
"""
import collections
import sys

import torch
import torchvision
from torchvision.models.detection.anchor_utils import AnchorGenerator
from torchvision.models.detection.image_list import ImageList
from torchvision.models.detection.rpn import RegionProposalNetwork, RPNHead, concat_box_prediction_layers
from torchvision.models.detection._utils import BoxCoder
from torchvision.ops import MultiScaleRoIAlign, batched_nms, nms, roi_align, roi_pool

assert torchvision.__version__.startswith("0.14"), torchvision.__version__
torch.manual_seed(0)


def emit(name, t):
    t = t.detach().contiguous()
    dims = ",".join(str(d) for d in t.shape) if t.dim() > 0 else ""
    print(name, dims)
    if t.dtype.is_floating_point:
        print(" ".join("%.9g" % v for v in t.float().flatten().tolist()))
    else:
        print(" ".join(str(int(v)) for v in t.flatten().tolist()))


# Anchors of fasterrcnn_resnet50_fpn for a padded 64×80 batch.
fpn_anchors = AnchorGenerator(((32,), (64,), (128,), (256,), (512,)), ((0.5, 1.0, 2.0),) * 5)
grids = [(16, 20), (8, 10), (4, 5), (2, 3), (1, 2)]
images = ImageList(torch.zeros(2, 3, 64, 80), [(60, 80), (64, 70)])
features = [torch.zeros(2, 4, h, w) for h, w in grids]
anchors = fpn_anchors(images, features)[0]
emit("fpn_anchors", anchors)

mobile_anchors = AnchorGenerator(((32, 64, 128, 256, 512),) * 3, ((0.5, 1.0, 2.0),) * 3)
mobile = mobile_anchors(ImageList(torch.zeros(1, 3, 100, 130), [(100, 130)]),
                        [torch.zeros(1, 4, 4, 5), torch.zeros(1, 4, 2, 3), torch.zeros(1, 4, 2, 3)])[0]
emit("mobile_anchors", mobile)

# RPN head layout + proposal filtering (test mode, pre-NMS 50 per level, post-NMS 30).
head = RPNHead(4, 3)
objectness_maps = [torch.randn(2, 3, h, w) * 2 for h, w in grids]
delta_maps = [torch.randn(2, 12, h, w) * 0.3 for h, w in grids]
for i, (o, d) in enumerate(zip(objectness_maps, delta_maps)):
    emit("rpn_objectness_%d" % i, o)
    emit("rpn_deltas_%d" % i, d)
objectness, deltas = concat_box_prediction_layers(objectness_maps, delta_maps)
emit("rpn_objectness_flat", objectness.reshape(2, -1))
emit("rpn_deltas_flat", deltas.reshape(2, -1, 4))
rpn = RegionProposalNetwork(fpn_anchors, head, 0.7, 0.3, 256, 0.5, dict(training=2000, testing=50),
                            dict(training=2000, testing=30), 0.7)
rpn.eval()
num_anchors_per_level = [3 * h * w for h, w in grids]
proposals = rpn.box_coder.decode(deltas.detach(), [anchors, anchors]).view(2, -1, 4)
boxes, scores = rpn.filter_proposals(proposals, objectness, images.image_sizes, num_anchors_per_level)
for i in range(2):
    emit("rpn_boxes_%d" % i, boxes[i])
    emit("rpn_scores_%d" % i, scores[i])

# Box coder (10, 10, 5, 5).
coder = BoxCoder((10.0, 10.0, 5.0, 5.0))
ref = torch.rand(20, 4) * 100
ref[:, 2:] += ref[:, :2] + 1
gt = torch.rand(20, 4) * 100
gt[:, 2:] += gt[:, :2] + 1
emit("coder_reference", ref)
emit("coder_target", gt)
emit("coder_encoded", coder.encode_single(gt, ref))
codes = torch.randn(20, 8)
emit("coder_codes", codes)
emit("coder_decoded", coder.decode(codes, [ref]))

# NMS and batched NMS.
nms_boxes = torch.rand(500, 4) * 200
nms_boxes[:, 2:] += nms_boxes[:, :2] + torch.rand(500, 2) * 60 + 1
nms_scores = torch.rand(500)
nms_classes = torch.randint(0, 5, (500,))
emit("nms_boxes", nms_boxes)
emit("nms_scores", nms_scores)
emit("nms_classes", nms_classes)
emit("nms_keep", nms(nms_boxes, nms_scores, 0.5))
emit("batched_nms_keep", batched_nms(nms_boxes, nms_scores, nms_classes, 0.5))

# RoIAlign / RoIPool.
feat = torch.randn(2, 3, 20, 24)
emit("roi_features", feat)
k = 15
xy = torch.rand(k, 2) * 90 - 5
wh = torch.rand(k, 2) * 60
rois = torch.cat([torch.randint(0, 2, (k, 1)).float(), xy, xy + wh], 1)
rois[0, 1:] = torch.tensor([10.0, 10.0, 10.5, 10.2])  # smaller than a cell
rois[1, 1:] = torch.tensor([-30.0, -20.0, 120.0, 100.0])  # beyond the map
emit("rois", rois)
emit("roi_align_s025_r2", roi_align(feat, rois, (7, 7), 0.25, 2, False))
emit("roi_align_s05_adaptive_aligned", roi_align(feat, rois, (5, 4), 0.5, -1, True))
emit("roi_align_s05_adaptive", roi_align(feat, rois, (7, 7), 0.5, 0, False))
emit("roi_pool_s025", roi_pool(feat, rois, (7, 7), 0.25))
emit("roi_pool_s05", roi_pool(feat, rois, (3, 5), 0.5))

# MultiScaleRoIAlign over three levels (stride 4, 8, 16 for 128×160 images); "pool" is ignored.
ms = MultiScaleRoIAlign(["0", "1", "2"], 7, 2)
ms_feats = collections.OrderedDict()
ms_feats["0"] = torch.randn(2, 3, 32, 40)
ms_feats["1"] = torch.randn(2, 3, 16, 20)
ms_feats["2"] = torch.randn(2, 3, 8, 10)
ms_feats["pool"] = torch.randn(2, 3, 4, 5)
ms_boxes = []
for n in (9, 6):
    xy = torch.rand(n, 2) * 100
    wh = torch.rand(n, 2) * 150 + 2
    ms_boxes.append(torch.cat([xy, xy + wh], 1))
for name, t in ms_feats.items():
    emit("ms_feature_" + name, t)
emit("ms_boxes_0", ms_boxes[0])
emit("ms_boxes_1", ms_boxes[1])
emit("ms_pooled", ms(ms_feats, ms_boxes, [(128, 160), (120, 150)]))

# RoIs at the borders: partly and wholly outside, within a pixel of the far corner, zero-sized, sub-pixel, reversed.
border_feat = torch.randn(2, 2, 13, 17)
emit("border_roi_features", border_feat)
border_boxes = torch.tensor([
    [-27.0, -15.6, 20.4, 20.8], [47.6, 31.2, 95.2, 78.0], [81.6, 57.2, 108.8, 98.8], [-61.2, -41.6, -13.6, -5.2],
    [0.0, 0.0, 68.0, 52.0], [67.93, 51.95, 68.14, 52.16], [34.0, 26.0, 34.0, 26.0], [20.4, 10.4, 20.7, 10.6],
    [40.8, 26.0, 27.2, 15.6]])
xy = torch.rand(6, 2) * 60 - 5
border_boxes = torch.cat([border_boxes, torch.cat([xy, xy + torch.rand(6, 2) * 30], 1)], 0)
border_rois = torch.cat([torch.cat([torch.full((15, 1), float(b)), border_boxes], 1) for b in range(2)], 0)
emit("border_rois", border_rois)
emit("border_roi_align_s025_r2", roi_align(border_feat, border_rois, (7, 7), 0.25, 2, False))
emit("border_roi_align_s025_r3_aligned", roi_align(border_feat, border_rois, (3, 5), 0.25, 3, True))
emit("border_roi_align_s05_adaptive_aligned", roi_align(border_feat, border_rois, (7, 7), 0.5, -1, True))
emit("border_roi_align_s05_adaptive", roi_align(border_feat, border_rois, (3, 5), 0.5, 0, False))
emit("border_roi_pool_s025", roi_pool(border_feat, border_rois, (7, 7), 0.25))
emit("border_roi_pool_s05", roi_pool(border_feat, border_rois, (3, 5), 0.5))
