/**
 * Convolutional feature extractors for Faster R-CNN (the paper's shared conv layers, section 3), each laid out
 * exactly like its torchvision 0.14 module so that torchvision state_dicts load key for key (see
 * {@link dev.vigil.model.backbone.Backbones}): ResNet-50 + FPN ({@code body.*}, {@code fpn.*}; maps "0".."3", "pool"),
 * MobileNetV3-Large + FPN (maps "0", "1", "pool"), and the paper's VGG-16 conv body ({@code features.*}; map "0",
 * stride 16). Torch modules become {@link dev.vigil.model.backbone.TorchModule}s, {@code nn.Sequential} an
 * {@link dev.vigil.model.backbone.IndexedSequential}, batch norm a {@link dev.vigil.model.backbone.FrozenBatchNorm2d}.
 *
 * <p>Each backbone describes itself in one {@link dev.vigil.model.backbone.BackboneSpec} (factory, feature maps and
 * strides, default anchors, frozen layers, from-scratch learning rate), registered by name in the
 * {@link dev.vigil.model.backbone.BackboneRegistry}; the detector, training and the tools ask the registry. To add a
 * backbone: write its module (a {@link dev.vigil.model.backbone.DetectionBackbone}) and its spec, and register the
 * spec with one line.
 */
package dev.vigil.model.backbone;
