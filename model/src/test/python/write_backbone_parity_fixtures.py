"""Writes torchvision 0.14 reference backbones for BackboneParityTest into the directory given as argv[1].

For each backbone NAME (resnet50_fpn, mobilenet_v3_large_fpn, vgg16):
  NAME.pth           its state_dict (torch.save), batch-norm statistics and affine terms randomised
  NAME.json          {"keys": {key: shape} minus num_batches_tracked, "input": shape,
                      "outputs": [{"name", "shape", "file"}] in torchvision's order}
  NAME_input.f32     the input image batch, raw little-endian float32
  NAME_out_F.f32     feature map F computed by torchvision in eval mode, raw little-endian float32
mobilenet_v3_large_fpn_legacy.pth holds the same weights as torchvision's COCO checkpoints are stored: in the
pre-1.6 torch.save format, with the FPN keys in the pre-0.13 layout (fpn.inner_blocks.0.weight) and no FPN
version in _metadata.
"""
import collections
import json
import os
import re
import sys

import torch
import torchvision
from torchvision.models.detection import fasterrcnn_mobilenet_v3_large_fpn
from torchvision.models.detection.backbone_utils import resnet_fpn_backbone
from torchvision.ops.misc import FrozenBatchNorm2d

# Small and odd-sized so that the test is fast and nearest upsampling / floor pooling meet uneven sizes.
INPUT_SHAPE = (1, 3, 120, 152)


def randomise_norms(model):
    """Non-trivial statistics so that a wrong eps, order or missing norm shows in the outputs."""
    for module in model.modules():
        if isinstance(module, (FrozenBatchNorm2d, torch.nn.BatchNorm2d)):
            c = module.weight.shape[0]
            with torch.no_grad():
                module.weight.copy_(torch.rand(c) + 0.5)
                module.bias.copy_(torch.randn(c) * 0.1)
                module.running_mean.copy_(torch.randn(c) * 0.1)
                module.running_var.copy_(torch.rand(c) * 1.5 + 0.5)


def write_raw(path, tensor):
    tensor.detach().contiguous().to(torch.float32).numpy().astype("<f4").tofile(path)


def export(directory, name, model, state_dict, image):
    model.eval()
    with torch.no_grad():
        out = model(image)
    if isinstance(out, torch.Tensor):
        out = collections.OrderedDict([("0", out)])
    torch.save(state_dict, os.path.join(directory, name + ".pth"))
    write_raw(os.path.join(directory, name + "_input.f32"), image)
    outputs = []
    for feature, value in out.items():
        file = "%s_out_%s.f32" % (name, feature)
        write_raw(os.path.join(directory, file), value)
        outputs.append({"name": feature, "shape": list(value.shape), "file": file})
    keys = {k: list(v.shape) for k, v in state_dict.items() if not k.endswith("num_batches_tracked")}
    with open(os.path.join(directory, name + ".json"), "w") as f:
        json.dump({"keys": keys, "input": list(image.shape), "outputs": outputs}, f)


def legacy_fpn_layout(state_dict):
    """The FPN keys as torchvision < 0.13 saved them, without the FPN's _metadata version."""
    legacy = collections.OrderedDict()
    for key, value in state_dict.items():
        legacy[re.sub(r"^fpn\.(inner_blocks|layer_blocks)\.(\d+)\.0\.", r"fpn.\1.\2.", key)] = value
    legacy._metadata = collections.OrderedDict(
        (k, v) for k, v in state_dict._metadata.items() if not k.startswith("fpn"))
    return legacy


def main():
    directory = sys.argv[1]
    torch.manual_seed(0)
    image = torch.randn(*INPUT_SHAPE)

    resnet = resnet_fpn_backbone(backbone_name="resnet50", weights=None)
    randomise_norms(resnet)
    export(directory, "resnet50_fpn", resnet, resnet.state_dict(), image)

    mobilenet = fasterrcnn_mobilenet_v3_large_fpn(weights=None, weights_backbone=None).backbone
    randomise_norms(mobilenet)
    export(directory, "mobilenet_v3_large_fpn", mobilenet, mobilenet.state_dict(), image)
    torch.save(legacy_fpn_layout(mobilenet.state_dict()),
               os.path.join(directory, "mobilenet_v3_large_fpn_legacy.pth"), _use_new_zipfile_serialization=False)

    vgg = torchvision.models.vgg16(weights=None).features[:-1]
    # Keyed as in vgg16().state_dict() ("features.0.weight"), the layout of ImageNet VGG-16 weights.
    vgg_state = collections.OrderedDict(("features." + k, v) for k, v in vgg.state_dict().items())
    export(directory, "vgg16", vgg, vgg_state, image)


if __name__ == "__main__":
    main()
