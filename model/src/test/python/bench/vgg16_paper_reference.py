"""Times the paper's VGG-16 Faster R-CNN built from torchvision parts (the architecture Vigil's `vgg16` config
describes: conv5_3 at stride 16, 3 scales x 3 ratios, RoIPool 7x7, fc6/fc7 4096, 300 test proposals) at the
paper's scale (shorter side 600, longer at most 1000), batch 1, on the GPU if there is one.

It is a reference for the paper's 198 ms/image on a K40: what the same network costs on this machine's hardware
with PyTorch. Usage: vgg16_paper_reference.py [ITERATIONS]
"""
import sys
import time

import torch
import torchvision
from torchvision.models.detection import FasterRCNN
from torchvision.models.detection.anchor_utils import AnchorGenerator
from torchvision.ops import RoIPool


class RoIPoolStride16(torch.nn.Module):
    """The paper's RoI pooling on the single conv5_3 map (torchvision's FasterRCNN passes a dict of maps)."""

    def __init__(self):
        super().__init__()
        self.pool = RoIPool(output_size=(7, 7), spatial_scale=1.0 / 16)

    def forward(self, features, proposals, image_shapes):
        return self.pool(features["0"], proposals)


def build():
    backbone = torchvision.models.vgg16().features[:-1]
    backbone.out_channels = 512
    anchors = AnchorGenerator(sizes=((128, 256, 512),), aspect_ratios=((0.5, 1.0, 2.0),))
    head = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(512 * 7 * 7, 4096), torch.nn.ReLU(),
                               torch.nn.Linear(4096, 4096), torch.nn.ReLU())
    head.out_channels = 4096
    from torchvision.models.detection.faster_rcnn import FastRCNNPredictor
    from torchvision.ops import MultiScaleRoIAlign
    model = FasterRCNN(backbone, num_classes=None, rpn_anchor_generator=anchors,
                       box_roi_pool=MultiScaleRoIAlign(["0"], 7, 2), box_head=head,
                       box_predictor=FastRCNNPredictor(4096, 21), min_size=600, max_size=1000,
                       rpn_pre_nms_top_n_test=6000, rpn_post_nms_top_n_test=300, box_nms_thresh=0.3)
    # torchvision's constructor only accepts RoIAlign; the paper pools with RoIPool.
    model.roi_heads.box_roi_pool = RoIPoolStride16()
    return model


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = build().eval().to(device)
    image = [torch.rand(3, 576, 768, device=device)]
    with torch.inference_mode():
        for _ in range(3):
            model(image)
        if device.type == "cuda":
            torch.cuda.synchronize()
        times = []
        for _ in range(iterations):
            start = time.perf_counter()
            model(image)
            if device.type == "cuda":
                torch.cuda.synchronize()
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    name = torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu"
    print("device=%s torch=%s iterations=%d median_ms=%.1f min_ms=%.1f" % (
        name, torch.__version__, iterations, times[len(times) // 2], times[0]))


if __name__ == "__main__":
    main()
