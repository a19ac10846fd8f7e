#!/usr/bin/python3
"""Writes the TorchScript module behind dev.vigil.model.engine.InferenceKernels.

libtorch 2.x has the inference kernels that torch.compile's CPU backend uses after freezing a model: oneDNN
convolutions with the activation (or the residual addition) fused in and the weight pre-packed in oneDNN's blocked
layout once (mkldnn::_convolution_pointwise, mkldnn::_reorder_convolution_weight), and fully connected layers on a
weight pre-packed once for MKL's GEMM (mkl::_mkl_linear, mkl::_mkl_reorder_linear_weight) or for oneDNN's inner product
(mkldnn::_linear_pointwise). DJL has none of them; it reaches them through this module's methods. Their results are
inference tensors (DJL runs a module's methods in inference mode), which libtorch lets only code in inference mode
update in place: add_ is the residual addition for them.

Debian's python3-torch is 1.13, which has not got these operators, so it cannot script calls to them. The script
therefore scripts a module with the methods' signatures in 1.13, then writes the methods' bodies into the archive's
TorchScript source: libtorch compiles that source when it loads the module, against its own operators.

  /usr/bin/python3 model/src/main/python/make_inference_kernels.py \
      model/src/main/resources/dev/vigil/model/engine/inference_kernels.pt
"""
import io
import sys
import zipfile
from typing import List

import torch

from torchscript_methods import MethodsModule


class InferenceKernels(MethodsModule):
    @torch.jit.export
    def pack_conv(self, w: torch.Tensor, padding: int, stride: int, dilation: int, groups: int,
                  input_size: List[int]) -> torch.Tensor:
        return w

    @torch.jit.export
    def conv(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor, padding: int, stride: int, dilation: int,
             groups: int, attr: str) -> torch.Tensor:
        return x

    @torch.jit.export
    def conv_add_(self, other: torch.Tensor, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor, padding: int,
                  stride: int, dilation: int, groups: int) -> torch.Tensor:
        return other

    @torch.jit.export
    def add_(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return x.add_(y)

    @torch.jit.export
    def pack_linear_mkl(self, w: torch.Tensor, batch: int) -> torch.Tensor:
        return w

    @torch.jit.export
    def linear_mkl(self, x: torch.Tensor, packed: torch.Tensor, w: torch.Tensor, b: torch.Tensor,
                   batch: int) -> torch.Tensor:
        return x

    @torch.jit.export
    def pack_linear_onednn(self, w: torch.Tensor, batch: int) -> torch.Tensor:
        return w

    @torch.jit.export
    def linear_onednn(self, x: torch.Tensor, packed: torch.Tensor, b: torch.Tensor, attr: str) -> torch.Tensor:
        return x


SELF = "self: __torch__.InferenceKernels"
BODIES = {
    "pack_conv": "ops.mkldnn._reorder_convolution_weight(w, [padding, padding], [stride, stride], "
                 "[dilation, dilation], groups, input_size)",
    "conv": "ops.mkldnn._convolution_pointwise(x, w, b, [padding, padding], [stride, stride], [dilation, dilation], "
            "groups, attr, annotate(List[Optional[number]], []), None)",
    "conv_add_": "ops.mkldnn._convolution_pointwise_(other, x, w, b, [padding, padding], [stride, stride], "
                 "[dilation, dilation], groups, \"sum\", None, None, annotate(List[Optional[number]], []), None)",
    "pack_linear_mkl": "ops.mkl._mkl_reorder_linear_weight(w, batch)",
    "linear_mkl": "ops.mkl._mkl_linear(x, packed, w, b, batch)",
    "pack_linear_onednn": "ops.mkldnn._reorder_linear_weight(w, batch)",
    "linear_onednn": "ops.mkldnn._linear_pointwise(x, packed, b, attr, annotate(List[Optional[number]], []), None)",
}


def rewrite(source):
    """The scripted source with each method's `return <placeholder>` replaced by its kernel call."""
    lines = source.split("\n")
    out = []
    method = None
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("def "):
            method = stripped[4:stripped.index("(")]
        if method in BODIES and stripped.startswith("return "):
            indent = line[:len(line) - len(line.lstrip())]
            out.append(f"{indent}return {BODIES[method]}")
            method = None
            continue
        out.append(line)
    text = "\n".join(out)
    for name, body in BODIES.items():
        if body not in text:
            raise SystemExit(f"method {name} not rewritten in:\n{source}")
    return text


def main(target):
    buffer = io.BytesIO()
    torch.jit.save(torch.jit.script(InferenceKernels()), buffer)
    source_in = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for info in source_in.infolist():
            data = source_in.read(info.filename)
            if info.filename.endswith("code/__torch__.py.debug_pkl"):
                continue  # the placeholders' source ranges: no longer true of the rewritten source
            if info.filename.endswith("code/__torch__.py"):
                data = rewrite(data.decode("utf-8")).encode("utf-8")
            archive.writestr(info, data)


if __name__ == "__main__":
    main(sys.argv[1])
