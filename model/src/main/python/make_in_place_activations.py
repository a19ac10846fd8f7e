#!/usr/bin/python3
"""Writes the TorchScript module behind dev.vigil.model.engine.InPlaceActivations.

DJL has no in-place activations: its relu allocates a new array and Vigil's hardswish took four passes. torch's own
kernels (relu_, hardswish_, hardsigmoid_) work in place in one pass; DJL reaches them through a TorchScript module's
methods. This script scripts that module with Debian's python3-torch and saves it as the resource the class loads:

  /usr/bin/python3 model/src/main/python/make_in_place_activations.py \
      model/src/main/resources/dev/vigil/model/engine/in_place_activations.pt
"""
import sys

import torch

from torchscript_methods import MethodsModule


class InPlaceActivations(MethodsModule):
    @torch.jit.export
    def relu_(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu_(x)

    @torch.jit.export
    def hardswish_(self, x: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.hardswish(x, inplace=True)

    @torch.jit.export
    def hardsigmoid_(self, x: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.hardsigmoid(x, inplace=True)


if __name__ == "__main__":
    torch.jit.script(InPlaceActivations()).save(sys.argv[1])
