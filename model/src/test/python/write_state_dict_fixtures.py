"""Writes torch.save fixtures for TorchStateDictReaderTest into the directory given as argv[1].

Files:
  tensors.pth      an OrderedDict state_dict: every storage dtype, views with offsets and strides, a scalar,
                   an empty tensor, a Parameter, and _metadata with per-module versions
  checkpoint.pth   {"model": <the same state_dict>, "epoch": 7, "args": argparse.Namespace(...)}
  legacy.pth       the same state_dict in the pre-1.6 (non-zip) format
  expected.json    what torch itself reports for tensors.pth: per key dtype, shape and row-major values
                   (floating values as float32), and the _metadata versions
"""
import argparse
import collections
import json
import os
import sys

import torch


def build_state_dict():
    torch.manual_seed(1234)
    base = torch.randn(4, 6)
    sd = collections.OrderedDict()
    sd["conv.weight"] = torch.randn(3, 2, 3, 3)
    sd["transposed"] = base.t()  # non-contiguous, shares the storage of "base"
    sd["base"] = base
    sd["sliced"] = base[1:, ::2]  # storage offset 6 and stride (6, 2)
    sd["expanded"] = torch.randn(3, 1).expand(3, 4)  # stride 0
    sd["float64"] = torch.randn(5, dtype=torch.float64)
    sd["float16"] = (torch.randn(2, 3) * 100).to(torch.float16)
    sd["bfloat16"] = torch.randn(7).to(torch.bfloat16)
    sd["int64"] = torch.tensor([-(2 ** 40), -1, 0, 2 ** 62], dtype=torch.int64)
    sd["int32"] = torch.tensor([[-5, 7], [2 ** 31 - 1, -(2 ** 31)]], dtype=torch.int32)
    sd["int16"] = torch.tensor([-32768, 12, 32767], dtype=torch.int16)
    sd["int8"] = torch.tensor([-128, -1, 127], dtype=torch.int8)
    sd["uint8"] = torch.tensor([0, 200, 255], dtype=torch.uint8)
    sd["bool"] = torch.tensor([True, False, True])
    sd["bn.num_batches_tracked"] = torch.tensor(42)  # a 0-dim int64 tensor, as BatchNorm2d saves it
    sd["empty"] = torch.zeros(0, 4)
    sd["param"] = torch.nn.Parameter(torch.randn(2, 2))
    sd._metadata = collections.OrderedDict(
        [("", {"version": 1}), ("backbone.fpn", {"version": 2}), ("rpn.head", {"version": 1})]
    )
    return sd


def expected(sd):
    out = {"tensors": collections.OrderedDict(), "versions": {k: v["version"] for k, v in sd._metadata.items()}}
    for key, tensor in sd.items():
        tensor = tensor.detach()
        values = tensor.to(torch.float32) if tensor.is_floating_point() else tensor.to(torch.int64)
        out["tensors"][key] = {
            "dtype": str(tensor.dtype).replace("torch.", ""),
            "shape": list(tensor.shape),
            "values": values.flatten().tolist(),
        }
    return out


def main():
    directory = sys.argv[1]
    sd = build_state_dict()
    torch.save(sd, os.path.join(directory, "tensors.pth"))
    checkpoint = {"model": sd, "epoch": 7, "args": argparse.Namespace(lr=0.02, data_path="/coco")}
    torch.save(checkpoint, os.path.join(directory, "checkpoint.pth"))
    torch.save(sd, os.path.join(directory, "legacy.pth"), _use_new_zipfile_serialization=False)
    with open(os.path.join(directory, "expected.json"), "w") as f:
        json.dump(expected(sd), f)


if __name__ == "__main__":
    main()
