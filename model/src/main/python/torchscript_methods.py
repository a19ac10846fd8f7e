"""What Vigil's TorchScript resources share: a module whose exported methods are the point.

DJL calls a TorchScript module's methods by name; TorchScript needs a forward, which these modules only pass through.
"""
import torch


class MethodsModule(torch.nn.Module):
    """A module for its @torch.jit.export methods; forward returns its input."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x
